# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Huawei Cloud / Open Telekom Cloud as the emulator serves them (one backend: the two clouds share
the KMS and IAM APIs): KMS below ``/v1.0/{project_id}/kms/`` (see huawei_kms.py) and IAM
``POST /v3/auth/tokens``. Both clouds' requests reach it through ``endpoint`` / ``iam_endpoint``.

Authentication, as the API gateway does it:
- AK/SK ``SDK-HMAC-SHA256`` signatures, verified by huawei_signature.py (never the collection's
  signer); temporary keys need their ``X-Security-Token``; the clock may be 15 minutes off.
- ``X-Auth-Token``: a token this emulator issued from ``POST /v3/auth/tokens`` (password method,
  project scope by id or name), valid 24 h, in ``X-Subject-Token``.
- The project in the URL must be the token's project, or one of the access key's domain, and
  equal ``X-Project-Id`` if sent (else 403 KMS.0321).
Errors: KMS ``{"error": {"error_code", "error_msg"}}``, gateway ``{"error_code", "error_msg",
"request_id"}`` (APIGW.0301 401 bad signature / token, APIGW.0308 429 throttled), IAM
``{"error": {"code", "message", "title"}}``. Every reply carries ``X-Request-Id``.

Working credentials after a reset (DEFAULT_ACCOUNT):
- domain ``polycloud-offline`` with projects ``eu-de`` (id 0d0466b0e7274d9cb35df84bb474a37f) and
  ``cn-north-4`` (id 6b2b9c8e1f0a4d3c8e7f6a5b4c3d2e1f);
- access key ``HWOFFLINEACCESSKEY0001`` with secret key ``offline-huawei-secret-key``;
- user ``offline-user`` with password ``offline-password``.
No KMS keys exist until seeded.

Seed (``{"huaweicloud": {...}}``):
  accounts: [{domain_name, domain_id, projects: [{id, name}], users: [{name, password}],
              access_keys: [{access_key, secret_key, security_token?}]}]
  keys: [{key_id, project_id, key_alias?, key_state? ("1".."5", default "2"), default_key?, tags?: {k: v}}]
  tokens: [{token, project_id, expires_in? (seconds; <= 0 is expired)}]
  expire_tokens: true   every token issued so far expires now
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
import time
import uuid

from .backend import Backend, Identity, Reply, json_reply
from .huawei_kms import WRITES, KmsError, KmsService
from .huawei_signature import SignatureProblem, parse_authorization, verify

DEFAULT_ACCOUNT = {
    "domain_name": "polycloud-offline",
    "domain_id": "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b",
    "projects": [{"id": "0d0466b0e7274d9cb35df84bb474a37f", "name": "eu-de"},
                 {"id": "6b2b9c8e1f0a4d3c8e7f6a5b4c3d2e1f", "name": "cn-north-4"}],
    "users": [{"name": "offline-user", "password": "offline-password"}],
    "access_keys": [{"access_key": "HWOFFLINEACCESSKEY0001", "secret_key": "offline-huawei-secret-key"}],
}
KMS_PATH = re.compile(r"^/v1\.0/([^/]+)/kms/(.+)$")
IAM_TOKENS = "/v3/auth/tokens"
TOKEN_LIFETIME = 24 * 3600
# Codes whose envelope is the API gateway's rather than KMS's.
_GATEWAY_STATUS = {"APIGW.0101": 404, "APIGW.0201": 400, "APIGW.0301": 401, "APIGW.0302": 403, "APIGW.0303": 401,
                   "APIGW.0308": 429}
_KMS_STATUS = {"KMS.0207": 404, "KMS.0416": 404, "KMS.0215": 405, "KMS.0100": 500, "KMS.0101": 500, "KMS.0102": 500,
               "KMS.0103": 500, "KMS.0104": 503}


def _request_id():
    return uuid.uuid4().hex


def _status_for(code):
    if code in _GATEWAY_STATUS:
        return _GATEWAY_STATUS[code]
    if code in _KMS_STATUS:
        return _KMS_STATUS[code]
    if code.startswith("KMS.03"):
        return 403
    return 400


class Problem(Exception):
    def __init__(self, status, code, message):
        super(Problem, self).__init__(message)
        self.status = status
        self.code = code
        self.message = message


class HuaweiBackend(Backend):
    name = "huaweicloud"
    # describe-key: 1000 TPS (OTC API reference); the rest are left to the gateway's default.
    default_rate_limits = {"ListKeyDetail": 1000}

    def __init__(self, context):
        super(HuaweiBackend, self).__init__(context)
        self.kms = KmsService()
        self.domains = {}
        self.projects = {}
        self.users = {}
        self.access_keys = {}
        self.tokens = {}

    # State.

    def reset(self):
        self.kms.reset()
        self.domains, self.projects, self.users, self.access_keys, self.tokens = {}, {}, {}, {}, {}
        self._add_account(DEFAULT_ACCOUNT)

    def _add_account(self, account):
        name, domain_id = account.get("domain_name"), account.get("domain_id")
        if not name or not domain_id:
            raise ValueError("a huaweicloud account needs domain_name and domain_id")
        self.domains[name] = domain_id
        for project in account.get("projects", []):
            self.projects[project["id"]] = {"name": project["name"], "domain_id": domain_id}
        for user in account.get("users", []):
            self.users[(name, user["name"])] = {"password": user["password"], "domain_id": domain_id,
                                                "id": uuid.uuid5(uuid.NAMESPACE_URL, name + user["name"]).hex}
        for key in account.get("access_keys", []):
            if not key.get("access_key") or not key.get("secret_key"):
                raise ValueError("a huaweicloud access key needs access_key and secret_key")
            self.access_keys[key["access_key"]] = {"secret_key": key["secret_key"], "domain_id": domain_id,
                                                   "security_token": key.get("security_token")}

    def seed(self, data):
        unknown = set(data) - {"accounts", "keys", "tokens", "expire_tokens"}
        if unknown:
            raise ValueError("unknown huaweicloud seed fields: %s" % ", ".join(sorted(unknown)))
        for account in data.get("accounts", []):
            self._add_account(account)
        self.kms.seed(data.get("keys"), self.projects)
        now = self.ctx.now()
        for token in data.get("tokens", []):
            project = self.projects.get(token.get("project_id"))
            if not token.get("token") or project is None:
                raise ValueError("a huaweicloud token needs token and a seeded project_id")
            self.tokens[token["token"]] = {"project_id": token["project_id"], "domain_id": project["domain_id"],
                                           "expires_at": now + float(token.get("expires_in", TOKEN_LIFETIME))}
        if data.get("expire_tokens"):
            for token in self.tokens.values():
                token["expires_at"] = now - 1

    def state(self):
        now = self.ctx.now()
        return {"domains": sorted(self.domains), "projects": dict((pid, p["name"]) for pid, p in self.projects.items()),
                "access_keys": sorted(self.access_keys),
                "tokens": {"valid": sum(1 for t in self.tokens.values() if t["expires_at"] > now),
                           "expired": sum(1 for t in self.tokens.values() if t["expires_at"] <= now)},
                "kms": {"keys": self.kms.state()}}

    # Requests.

    def matches(self, request):
        return request.path == IAM_TOKENS or KMS_PATH.match(request.path) is not None

    def identify(self, request):
        if request.path == IAM_TOKENS:
            if request.method != "POST":
                raise ValueError("only POST /v3/auth/tokens is emulated")
            return Identity("KeystoneCreateUserTokenByPassword", False)
        rest = KMS_PATH.match(request.path).group(2)
        try:
            body = request.json()
        except ValueError:
            body = None
        action = self.kms.identify(request.method, rest, body)
        if action is None:
            raise ValueError("no such KMS API")
        return Identity(action, action in WRITES)

    def error_reply(self, request, code, message, status=None):
        if code == "InvalidAction":
            code, message = "APIGW.0101", "The API does not exist or has not been published in the environment"
        status = status or _status_for(code)
        request_id = _request_id()
        headers = {"X-Request-Id": request_id}
        if request.path == IAM_TOKENS:
            document = {"error": {"code": status, "message": message, "title": code}}
        elif code.startswith("APIGW."):
            document = {"error_code": code, "error_msg": message, "request_id": request_id}
        else:
            document = {"error": {"error_code": code, "error_msg": message}}
        return json_reply(status, document, headers=headers, error_code=code,
                          content_type="application/json;charset=UTF-8")

    def handle(self, request, identity):
        try:
            if request.path == IAM_TOKENS:
                return self._create_token(request)
            return self._kms(request, identity)
        except (Problem, KmsError, SignatureProblem) as err:
            return self.error_reply(request, err.code, err.message, err.status)

    def _authenticate(self, request, project_id):
        """The domain id of the caller, or Problem / SignatureProblem."""
        token = request.header("X-Auth-Token")
        if token:
            found = self.tokens.get(token)
            if found is None:
                raise Problem(401, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail")
            if found["expires_at"] <= self.ctx.now():
                raise Problem(401, "APIGW.0301", "Incorrect IAM authentication information: token expires")
            if found["project_id"] != project_id:
                raise Problem(403, "KMS.0321", "The project ID in the URL does not match the project of the token.")
            return found["domain_id"]
        if not request.header("Authorization"):
            raise Problem(401, "APIGW.0301", "Incorrect IAM authentication information: x-auth-token not found")
        auth = parse_authorization(request.header("Authorization"))
        key = self.access_keys.get(auth["access_key"])
        if key is None:
            raise Problem(401, "APIGW.0301", "Incorrect IAM authentication information: AK not found")
        verify(request, auth, key["secret_key"], self.ctx.now())
        if key["security_token"] and (request.header("X-Security-Token") != key["security_token"]
                                      or "x-security-token" not in auth["signed_headers"]):
            raise Problem(401, "APIGW.0301", "Incorrect IAM authentication information: security token is invalid")
        header_project = request.header("X-Project-Id")
        project = self.projects.get(project_id)
        if (header_project is not None and header_project != project_id) or project is None \
                or project["domain_id"] != key["domain_id"]:
            raise Problem(403, "KMS.0321", "The project ID in the URL does not match the project of the credentials.")
        return key["domain_id"]

    def _kms(self, request, identity):
        project_id, rest = KMS_PATH.match(request.path).groups()
        domain_id = self._authenticate(request, project_id)
        if not self.ctx.admit(self.name, domain_id, identity.action, self.default_rate_limits.get(identity.action)):
            raise Problem(429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit")
        body = {}
        if request.method == "POST":
            try:
                body = request.json()
            except (ValueError, UnicodeDecodeError):
                raise KmsError(400, "KMS.0202", "The request body is not valid JSON.")
            if not isinstance(body, dict):
                raise KmsError(400, "KMS.0214", "Invalid request format.")
        status, document = self.kms.handle(identity.action, project_id, rest, body)
        headers = {"X-Request-Id": _request_id()}
        if document is None:
            return Reply(status, b"", headers)
        return json_reply(status, document, headers=headers, content_type="application/json;charset=UTF-8")

    def _create_token(self, request):
        try:
            body = request.json()
            user = body["auth"]["identity"]["password"]["user"]
            methods = body["auth"]["identity"]["methods"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise Problem(400, "Bad Request", "The request body is not a password authentication request.")
        domain = user.get("domain") or {}
        domain_name = domain.get("name") or next((n for n, i in self.domains.items() if i == domain.get("id")), None)
        found = self.users.get((domain_name, user.get("name")))
        if "password" not in methods or found is None or found["password"] != user.get("password"):
            raise Problem(401, "Unauthorized", "The username or password is wrong.")
        scope = ((body["auth"].get("scope") or {}).get("project")) or {}
        project_id = None
        if scope.get("id"):
            project_id = scope["id"] if scope["id"] in self.projects else None
        elif scope.get("name"):
            project_id = next((pid for pid, p in self.projects.items()
                               if p["name"] == scope["name"] and p["domain_id"] == found["domain_id"]), None)
        if scope and (project_id is None or self.projects[project_id]["domain_id"] != found["domain_id"]):
            raise Problem(400, "Bad Request", "The project in the scope does not exist in the user's domain.")
        now = self.ctx.now()
        token = "MIIoffline" + uuid.uuid4().hex + uuid.uuid4().hex
        self.tokens[token] = {"project_id": project_id, "domain_id": found["domain_id"],
                              "expires_at": now + TOKEN_LIFETIME}
        stamp = "%Y-%m-%dT%H:%M:%S.000000Z"
        document = {"token": {
            "methods": ["password"],
            "expires_at": time.strftime(stamp, time.gmtime(now + TOKEN_LIFETIME)),
            "issued_at": time.strftime(stamp, time.gmtime(now)),
            "user": {"name": user.get("name"), "id": found["id"],
                     "domain": {"name": domain_name, "id": found["domain_id"]}},
            "catalog": [],
        }}
        if project_id:
            document["token"]["project"] = {"id": project_id, "name": self.projects[project_id]["name"],
                                            "domain": {"name": domain_name, "id": found["domain_id"]}}
        return Reply(201, json.dumps(document).encode("utf-8"), {
            "Content-Type": "application/json;charset=UTF-8", "X-Subject-Token": token,
            "X-Request-Id": _request_id()})
