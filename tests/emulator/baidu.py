# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Baidu AI Cloud (BCE) BCC as the emulator serves it: REST paths under ``/v2/instance``, a
bce-auth-v1 signature (checked by baidu_signature.py), JSON replies with an ``x-bce-request-id``
header, and errors as ``{"code", "message", "requestId"}`` with the documented HTTP status.

Served calls (the request log's action names in brackets):
  GET  /v2/instance/{id}                      [GetInstance]
  POST /v2/instance/listByInstanceId          [ListInstanceByInstanceIds]  at most 100 ids
  POST /v2/instance/role?bind                 [BindInstanceRole]           writes
  POST /v2/instance/role?unbind               [UnbindInstanceRole]         writes
  GET  /v2/instance/role/list                 [ListInstanceRoles]

Credentials that work after a reset (DEFAULT_ACCOUNT):
  access key ``bceofflinepolycloud0000000000000``, secret key ``offline-baidu-secret-key``.

Seed (POST /_emulator/seed, key ``"baiducloud"``)::

  {"accounts":  [{"access_key": "...", "secret_key": "...", "security_token": "..."}],
   "roles":     ["RoleA", {"role_name": "RoleB"}],
   "instances": [{"instance_id": "i-AbCdEf12", "role_name": "RoleA", "region": "bj",
                  "name": "web-1", "fail_bind": "message", "fail_unbind": "message"}]}

An account with a ``security_token`` accepts only requests that carry it as
``x-bce-security-token`` (STS). An instance's region defaults to ``bj``; a request's region is
read from a ``bcc.{region}.baidubce.com`` Host and is ``bj`` for any other Host (the emulator's
own address). A role named on a seeded instance is added to the role list.

Per-instance failures (``failInstances`` in a 200 reply): seed an instance with ``fail_bind``
or ``fail_unbind`` set to the failMessage to return; every bind (or unbind) that names the
instance then fails for it while the other instances of the call succeed. Seeding an
instance again replaces it whole (role and failure settings), so a later seed without
``fail_bind`` clears it. Other faults (error codes, HTTP statuses, dropped connections,
delays) use the shared POST /_emulator/faults with ``"cloud": "baiducloud"`` and the action
names above.

No BCC rate limit is documented, so none is enforced by default; a limit set through
POST /_emulator/config is answered with HTTP 429 ``TooManyRequests``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
from urllib.parse import parse_qsl

from .backend import Backend, Identity, json_reply, new_request_id
from .baidu_bcc import ApiError, BccService
from .baidu_signature import SignatureProblem, parse_authorization, verify

DEFAULT_ACCOUNT = {"access_key": "bceofflinepolycloud0000000000000", "secret_key": "offline-baidu-secret-key"}

_PREFIX = "/v2/instance"
_HOST = re.compile(r"^bcc\.([a-z]+)\.baidubce\.com(:\d+)?$")
_CONTENT_TYPE = "application/json;charset=UTF-8"
_ROUTES = {
    ("GET", "/v2/instance/role/list"): ("ListInstanceRoles", False),
    ("POST", "/v2/instance/listByInstanceId"): ("ListInstanceByInstanceIds", False),
}
# Default statuses of codes when a fault injects one without saying.
_STATUS = {"BadRequest": 400, "AccessDenied": 403, "NoSuchObject": 404, "InternalError": 500,
           "ServiceInternalError": 500, "ServiceUnavailable": 503, "RequestExpired": 400,
           "SignatureDoesNotMatch": 400, "InvalidAccessKeyId": 403, "TooManyRequests": 429}


class BaiduBackend(Backend):
    name = "baiducloud"
    default_rate_limits = {}

    def __init__(self, context):
        super(BaiduBackend, self).__init__(context)
        self.bcc = BccService()
        self.accounts = {}

    # State.

    def reset(self):
        self.bcc.reset()
        self.accounts = {DEFAULT_ACCOUNT["access_key"]: dict(DEFAULT_ACCOUNT)}

    def seed(self, data):
        if not isinstance(data, dict):
            raise ValueError("baiducloud seed data must be a JSON object")
        unknown = set(data) - {"accounts", "roles", "instances"}
        if unknown:
            raise ValueError("unknown baiducloud seed fields: %s" % ", ".join(sorted(unknown)))
        for account in data.get("accounts", []):
            if not account.get("access_key") or not account.get("secret_key"):
                raise ValueError("a baiducloud account needs access_key and secret_key")
            self.accounts[account["access_key"]] = dict(account)
        self.bcc.seed(data.get("instances"), data.get("roles"))

    def state(self):
        return {"accounts": sorted(self.accounts), "bcc": self.bcc.state()}

    # Requests.

    def matches(self, request):
        return request.path == _PREFIX or request.path.startswith(_PREFIX + "/")

    def identify(self, request):
        route = _ROUTES.get((request.method, request.path))
        if route:
            return Identity(*route)
        if request.method == "POST" and request.path == "/v2/instance/role":
            names = [name for name, _value in parse_qsl(request.query, keep_blank_values=True)]
            if "bind" in names and "unbind" not in names:
                return Identity("BindInstanceRole", True)
            if "unbind" in names and "bind" not in names:
                return Identity("UnbindInstanceRole", True)
            raise ValueError("no action")
        rest = request.path[len(_PREFIX) + 1:]
        if request.method == "GET" and rest and "/" not in rest and rest not in ("role", "listByInstanceId"):
            return Identity("GetInstance", False)
        raise ValueError("not an emulated BCC call")

    def error_reply(self, request, code, message, status=None):
        if code == "InvalidAction":
            code, message, status = "InvalidURI", "The URI %s %s is not an emulated BCC API." % (
                request.method, request.path), 404
        request_id = new_request_id()
        return json_reply(status or _STATUS.get(code, 400), {"code": code, "message": message,
                                                             "requestId": request_id},
                          headers={"x-bce-request-id": request_id}, error_code=code, content_type=_CONTENT_TYPE)

    def handle(self, request, identity):
        request_id = new_request_id()
        try:
            document = self._handle(request, identity)
        except (ApiError, SignatureProblem) as err:
            return json_reply(err.status, {"code": err.code, "message": err.message, "requestId": request_id},
                              headers={"x-bce-request-id": request_id}, error_code=err.code,
                              content_type=_CONTENT_TYPE)
        return json_reply(200, document, headers={"x-bce-request-id": request_id}, content_type=_CONTENT_TYPE)

    def _handle(self, request, identity):
        auth = parse_authorization(request.header("Authorization"))
        account = self.accounts.get(auth["access_key"])
        if account is None:
            raise ApiError("InvalidAccessKeyId", "The Access Key ID you provided does not exist in our records.", 403)
        verify(request, auth, account["secret_key"], self.ctx.now())
        token = account.get("security_token")
        if token and request.header("x-bce-security-token") != token:
            raise ApiError("InvalidSessionToken", "The session token is invalid or has expired.", 403)
        if not self.ctx.admit(self.name, auth["access_key"], identity.action,
                              self.default_rate_limits.get(identity.action)):
            raise ApiError("TooManyRequests", "Too many requests for %s; slow down." % identity.action, 429)
        match = _HOST.match(request.header("Host") or "")
        region = match.group(1) if match else "bj"
        body = {}
        if request.method == "POST":
            try:
                body = json.loads(request.body.decode("utf-8")) if request.body else {}
            except (ValueError, UnicodeDecodeError):
                raise ApiError("MalformedJSON", "The JSON you provided was not well-formed.", 400)
            if not isinstance(body, dict):
                raise ApiError("InappropriateJSON", "The JSON you provided was well-formed and valid, but not "
                                                    "appropriate for this operation.", 400)
        action = identity.action
        if action == "GetInstance":
            return self.bcc.get_instance(request.path.rsplit("/", 1)[1], region)
        if action == "ListInstanceByInstanceIds":
            return self.bcc.list_by_instance_id(body, dict(parse_qsl(request.query, keep_blank_values=True)), region)
        if action == "ListInstanceRoles":
            return self.bcc.list_roles()
        return self.bcc.write_role("bind" if action == "BindInstanceRole" else "unbind", body, region)
