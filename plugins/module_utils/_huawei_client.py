# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""A Huawei Cloud / Open Telekom Cloud KMS client: one way to authenticate, endpoints, sign or
attach a token, send, parse the error envelope, retry, and re-authenticate once.

Authentication is exactly one of:
- an access key pair (``access_key`` + ``secret_key``, with ``security_token`` for temporary keys):
  each attempt is signed afresh with SDK-HMAC-SHA256 (``_huawei_signer``), ``X-Project-Id`` signed;
- ``auth_token``: an IAM token sent as ``X-Auth-Token``;
- ``username`` + ``password`` + ``domain_name``: a project-scoped token fetched from IAM
  (``POST /v3/auth/tokens``, token in ``X-Subject-Token``), kept in the host's token cache
  (``_token_cache``) for the next tasks, and fetched again once if the cloud says it expired
  during the task. A cached token that the cloud refuses is replaced without using up that once.

Errors come as ``{"error": {"error_code", "error_msg"}}`` (KMS) or ``{"error_code", "error_msg"}``
(the gateway); their codes are looked up in ``_huawei_errors.CATALOG``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json
import time

from ansible_collections.polycloud.ops.plugins.module_utils._clock import SigningClock
from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError, classified_error, lookup
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_errors import (
    CATALOG, TOKEN_HINT, TOKEN_REFUSED, TRANSIENT_STATUSES, is_expired_token)
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_services import (
    CLOUDS, KMS_KEY_STATES, KMS_KEY_STATES_NO_TAGGING)
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_signer import (
    quote_path_segment, sdk_date_now, sign_request)
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_spec import AUTH_METHODS, env_names
from ansible_collections.polycloud.ops.plugins.module_utils._retry import RetryPolicy, call_with_retry
from ansible_collections.polycloud.ops.plugins.module_utils._token_cache import TokenCache, parse_expiry
from ansible_collections.polycloud.ops.plugins.module_utils._transport import (
    Transport, parse_retry_after, status_error)
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions

CLOUD = "huaweicloud"


def _named(option):
    names = env_names(option)
    return "%s (env %s)" % (option, " / ".join(names)) if names else option


def auth_method(params):
    """The one way to authenticate that ``params`` give, or InvalidOptions naming the options."""
    given = [(name, required) for name, required, extra in AUTH_METHODS
             if any(params.get(option) for option in required + extra)]
    ways = "; or ".join(" + ".join(_named(o) for o in required) for _name, required, _extra in AUTH_METHODS)
    if not given:
        raise InvalidOptions(None, "no Huawei Cloud credentials: set %s" % ways)
    if len(given) > 1:
        raise InvalidOptions(None, "give exactly one way to authenticate, not %s: options or environment variables "
                                   "set %s" % (" and ".join("the %s" % n for n, _r in given), "; ".join(
                                       ", ".join(o for o in required if params.get(o)) or "security_token"
                                       for _n, required in given)))
    name, required = given[0]
    missing = [_named(option) for option in required if not params.get(option)]
    if missing:
        raise InvalidOptions(None, "incomplete %s credentials: also set %s" % (name, " and ".join(missing)))
    return name


def endpoint_for(params, service):
    """The endpoint URL of ``service`` (kms or iam): the override, or the cloud's default for region."""
    override = params.get("endpoint" if service == "kms" else "iam_endpoint")
    if override:
        return override.rstrip("/")
    cloud = params.get("cloud") or "huaweicloud"
    region = params.get("region")
    if not region:
        raise InvalidOptions("region", "missing region: set %s, for example eu-de (otc) or cn-north-4 (huaweicloud), "
                                       "or set %s" % (_named("region"), "endpoint" if service == "kms" else
                                                      _named("iam_endpoint")))
    facts = CLOUDS[cloud]
    return facts["regions"].get(region, {}).get(service) or facts[service].format(region=region)


def token_url(iam):
    """``POST`` URL of IAM tokens, whether the IAM endpoint was given with ``/v3`` or without."""
    iam = iam.rstrip("/")
    if iam.endswith("/v3/auth/tokens"):
        return iam
    if iam.endswith("/v3"):
        return iam + "/auth/tokens"
    return iam + "/v3/auth/tokens"


class KmsReply(object):
    __slots__ = ("status", "document", "request_id")

    def __init__(self, status, document, request_id):
        self.status = status
        self.document = document
        self.request_id = request_id


def _envelope(document):
    """(code, message) of an error document, or (None, None) if it is not one."""
    if not isinstance(document, dict):
        return None, None
    error = document.get("error") if isinstance(document.get("error"), dict) else document
    code = error.get("error_code") or error.get("errorCode") or error.get("code")
    message = error.get("error_msg") or error.get("errorMsg") or error.get("message") or ""
    if code is None:
        return None, None
    return code, str(message)


class HuaweiClient(object):
    def __init__(self, params, transport=None, clock=sdk_date_now, sleep=time.sleep, token_cache=None):
        self.auth = auth_method(params)
        self.project_id = params.get("project_id")
        if self.auth != "password" and not self.project_id:
            raise InvalidOptions("project_id", "missing project_id: set %s; with %s auth the project is not "
                                               "looked up" % (_named("project_id"), self.auth))
        if self.auth == "password" and not self.project_id and not params.get("region"):
            raise InvalidOptions("region", "set %s or %s: the IAM token is scoped to that project" % (
                _named("project_id"), _named("region")))
        self.region = params.get("region")
        self.kms_url = endpoint_for(params, "kms")
        self.iam_url = token_url(endpoint_for(params, "iam")) if self.auth == "password" else None
        self._access_key = params.get("access_key")
        self._secret_key = params.get("secret_key")
        self._security_token = params.get("security_token")
        self._token = params.get("auth_token")
        self._user = (params.get("username"), params.get("password"), params.get("domain_name"))
        self.transport = transport or Transport(CLOUD, timeout=params.get("timeout") or 30.0,
                                                validate_certs=params.get("validate_certs", True),
                                                ca_bundle=params.get("ca_bundle"))
        self.policy = RetryPolicy(retries=params.get("retries", 5) if params.get("retries") is not None else 5)
        self.clock = clock
        # The default clock is corrected by the gateway's Date after APIGW.0303 (a skewed controller).
        self.signing_clock = SigningClock() if clock is sdk_date_now else None
        # Told to the user by the module (CloudResource emits a client's warnings).
        self.warnings = []
        self.sleep = sleep
        self.token_cache = token_cache if token_cache is not None else TokenCache()
        self._token_cached = False
        self.reauthenticated = False
        # (method, path below /kms/) of every KMS attempt, and how many tokens were fetched.
        self.calls = []
        self.tokens_fetched = 0

    # KMS operations.

    def describe_key(self, key_id):
        reply = self.kms("POST", "describe-key", {"key_id": key_id})
        return reply.document.get("key_info") or {}, reply.request_id

    def taggable_key(self, key_id):
        """describe-key, then refuse a key whose tags cannot change (pending deletion, a default key)
        with the code the cloud would answer a tag write with."""
        info, request_id = self.describe_key(key_id)
        state = str(info.get("key_state"))
        if str(info.get("default_key_flag")) == "1":
            code, why = "KMS.0211", "it is a default master key, and those cannot be tagged"
        elif state in KMS_KEY_STATES_NO_TAGGING:
            code, why = KMS_KEY_STATES_NO_TAGGING[state], "it is %s (key_state %s)" % (KMS_KEY_STATES[state], state)
        else:
            return info
        raise classified_error(CLOUD, CATALOG, code, "the key %s cannot be tagged: %s" % (key_id, why),
                               request_id=request_id)

    def list_tags(self, key_id):
        """The key's tags as a dict (``tags`` may hold extra fields; only key and value are read)."""
        reply = self.kms("GET", "%s/tags" % quote_path_segment(key_id))
        tags = {}
        for item in reply.document.get("tags") or []:
            tags[item.get("key")] = item.get("value") if item.get("value") is not None else ""
        return tags

    def create_tag(self, key_id, key, value):
        return self.kms("POST", "%s/tags" % quote_path_segment(key_id),
                        {"tag": {"key": key, "value": value}}).request_id

    def tags_action(self, key_id, action, tags):
        """Batch ``create`` or ``delete`` of ``tags`` (a dict); returns the request id."""
        items = [{"key": k, "value": tags[k]} for k in sorted(tags)]
        return self.kms("POST", "%s/tags/action" % quote_path_segment(key_id),
                        {"action": action, "tags": items}).request_id

    # The request path.

    def kms(self, method, suffix, payload=None):
        """Call ``{endpoint}/v1.0/{project_id}/kms/{suffix}``; return a KmsReply or raise CloudError."""
        # Serialise once: the signature covers these exact bytes.
        body = None if payload is None else json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
        return call_with_retry(lambda: self._with_reauth(method, suffix, body), self.policy, sleep=self.sleep)

    def _with_reauth(self, method, suffix, body):
        try:
            return self._attempt(method, suffix, body)
        except CloudError as err:
            expired = is_expired_token(err.code, err.message)
            if expired:
                # The gateway's code is the one of bad signatures too; say what it means here.
                err.hint = TOKEN_HINT
            if self.auth != "password":
                raise
            if self._token_cached and err.code in TOKEN_REFUSED:
                # A token from an earlier task that the cloud no longer takes: not this task's re-auth.
                pass
            elif expired and not self.reauthenticated:
                # The token expired during the task: fetch one more, once.
                self.reauthenticated = True
            else:
                raise
        self._token = self._password_token(refresh=True)
        return self._attempt(method, suffix, body)

    def _attempt(self, method, suffix, body):
        if self.auth == "password" and not self._token:
            self._token = self._password_token()
        url = "%s/v1.0/%s/kms/%s" % (self.kms_url, quote_path_segment(self.project_id), suffix)
        headers = {"Content-Type": "application/json"}
        if self.auth == "access key":
            headers["X-Project-Id"] = self.project_id
            if self._security_token:
                headers["X-Security-Token"] = self._security_token
            headers.update(sign_request(method, url, headers, body, self._access_key, self._secret_key, self._timestamp()))
        else:
            headers["X-Auth-Token"] = self._token
        self.calls.append((method, suffix))
        reply = self.transport.send(method, url, headers, body)
        request_id = reply.header("X-Request-Id")
        if 200 <= reply.status < 300:
            return KmsReply(reply.status, self._document(reply), request_id)
        err = self._error(reply, request_id)
        if err.code == "APIGW.0303":
            # The catalog allows one retry of the expired request; it is signed with the gateway's time.
            self._correct_clock(reply)
        raise err

    def _timestamp(self):
        if self.signing_clock is None:
            return self.clock()
        return datetime.datetime.fromtimestamp(self.signing_clock.now(), datetime.timezone.utc)

    def _correct_clock(self, reply):
        if self.signing_clock is None:
            return
        offset = self.signing_clock.correct_from(reply.header("Date"))
        if offset is not None:
            self.warnings.append("the controller clock is %+.0f s off the Huawei Cloud API gateway's; requests were "
                                 "signed with the gateway's time for this task. Sync the controller's clock with NTP."
                                 % -offset)

    def _password_token(self, refresh=False):
        """A token for the password login: the host's cached one, or a new one from IAM (then cached)."""
        user, password, domain = self._user
        identity = ("password", user, domain, self.project_id or "", self.region or "")
        entry = self.token_cache.fetch(identity, self.iam_url, password, self._fetch_token, refresh=refresh)
        self._token_cached = bool(entry.get("cached"))
        if not self.project_id:
            self.project_id = entry.get("project_id")
        return entry["token"]

    def _fetch_token(self):
        """``(token, expires_at, extras)`` from IAM, for the token cache."""
        user, password, domain = self._user
        scope = {"id": self.project_id} if self.project_id else {"name": self.region}
        payload = {"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": user, "password": password, "domain": {"name": domain}}}}, "scope": {"project": scope}}}
        body = json.dumps(payload).encode("utf-8")

        def attempt():
            self.tokens_fetched += 1
            reply = self.transport.send("POST", self.iam_url, {"Content-Type": "application/json;charset=utf8"}, body)
            if reply.status not in (200, 201):
                err = self._error(reply, reply.header("X-Request-Id"))
                if not err.retryable:
                    err.hint = "IAM refused the token request: check %s, %s, %s and %s" % (
                        _named("username"), _named("password"), _named("domain_name"), _named("iam_endpoint"))
                raise err
            return reply

        reply = call_with_retry(attempt, self.policy, sleep=self.sleep)
        token = reply.header("X-Subject-Token")
        document = (self._document(reply).get("token") or {})
        project = document.get("project") or {}
        if not token or not project.get("id"):
            raise CloudError(CLOUD, "MalformedResponse", "IAM answered without a project-scoped token (no "
                             "X-Subject-Token header or token.project.id)", http_status=reply.status,
                             category="auth", request_id=reply.header("X-Request-Id"))
        return token, parse_expiry(document.get("expires_at")), {"project_id": project["id"]}

    @staticmethod
    def _document(reply):
        if not (reply.body or b"").strip():
            return {}
        try:
            document = json.loads(reply.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            if reply.status == 204:
                return {}
            # A 2xx that is not JSON (a captive proxy, a cut reply): every call we make is a
            # read or is preceded by one, so trying again is the useful answer.
            raise CloudError(CLOUD, "MalformedResponse", "the reply is not JSON: %r" % reply.body[:120],
                             http_status=reply.status, retryable=True, category="transport")
        return document if isinstance(document, dict) else {}

    @staticmethod
    def _error(reply, request_id):
        try:
            document = json.loads((reply.body or b"").decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            document = None
        code, message = _envelope(document)
        if code is None:
            return status_error(CLOUD, reply, request_id)
        if not isinstance(code, str):
            # IAM answers {"error": {"code": 401, "message": ...}}.
            code = "HTTP%d" % reply.status
        request_id = request_id or (document.get("request_id") if isinstance(document, dict) else None)
        err = classified_error(CLOUD, CATALOG, code, message, request_id=request_id, http_status=reply.status,
                               retry_after=parse_retry_after(reply.header("Retry-After")))
        if not err.retryable and reply.status in TRANSIENT_STATUSES and lookup(CATALOG, code).get("retry_on_status"):
            err.retryable = True
            err.category = "throttled" if reply.status == 429 else "transient"
        return err

    def close(self):
        self.transport.close()
