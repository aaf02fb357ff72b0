# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tencent Cloud API 3.0 as the emulator serves it: POST / with X-TC-* headers, a TC3 signature,
and replies of HTTP 200 with ``{"Response": {...}}`` (``Response.Error`` on failure) and
``Content-Type: application/json`` exactly, as the SDKs require to parse errors."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

from .backend import Backend, Identity, json_reply, new_request_id
from .tencent_cvm import CvmService
from .tencent_errors import ApiError
from .tencent_kms import KmsService
from .tencent_signature import SignatureProblem, parse_authorization, verify

# Credentials that work after a reset, so a user can point a playbook at a fresh emulator.
DEFAULT_ACCOUNT = {"secret_id": "AKIDpolycloudOFFLINEexample0000000000", "secret_key": "offline-tencent-secret-key",
                   "uin": "100000000001"}


class TencentBackend(Backend):
    name = "tencentcloud"
    # Documented per-action limits (calls per second); others unlimited unless configured.
    default_rate_limits = {"BindCloudResource": 100, "AssociateSecurityGroups": 10,
                           "DisassociateSecurityGroups": 10, "DescribeInstances": 40}

    def __init__(self, context):
        super(TencentBackend, self).__init__(context)
        self.services = {"kms": KmsService(), "cvm": CvmService()}
        self.accounts = {}

    # State.

    def reset(self):
        for service in self.services.values():
            service.reset()
        self.accounts = {DEFAULT_ACCOUNT["secret_id"]: dict(DEFAULT_ACCOUNT)}

    def seed(self, data):
        unknown = set(data) - {"accounts", "kms_keys", "instances", "security_groups"}
        if unknown:
            raise ValueError("unknown tencentcloud seed fields: %s" % ", ".join(sorted(unknown)))
        for account in data.get("accounts", []):
            if not account.get("secret_id") or not account.get("secret_key"):
                raise ValueError("a tencentcloud account needs secret_id and secret_key")
            self.accounts[account["secret_id"]] = dict(account)
        self.services["kms"].seed(data.get("kms_keys"))
        self.services["cvm"].seed(data.get("instances"), data.get("security_groups"))

    def state(self):
        self.services["cvm"].settle(self.ctx.now())
        return {"accounts": sorted(self.accounts), "kms": {"keys": self.services["kms"].state()},
                "cvm": self.services["cvm"].state()}

    # Requests.

    def matches(self, request):
        return request.path in ("", "/") and (request.header("X-TC-Action") is not None
                                              or (request.header("Authorization") or "").startswith("TC3-"))

    def identify(self, request):
        action = request.header("X-TC-Action")
        if not action:
            raise ValueError("no X-TC-Action")
        writes = self.services["kms"].writes | self.services["cvm"].writes
        return Identity(action, action in writes)

    def error_reply(self, request, code, message, status=None):
        return json_reply(status or 200, {"Response": {"Error": {"Code": code, "Message": message},
                                                       "RequestId": new_request_id()}}, error_code=code)

    def handle(self, request, identity):
        request_id = new_request_id()
        try:
            payload = self._handle(request, identity, request_id)
        except (ApiError, SignatureProblem) as err:
            return json_reply(200, {"Response": {"Error": {"Code": err.code, "Message": err.message},
                                                 "RequestId": request_id}}, error_code=err.code)
        payload["RequestId"] = request_id
        return json_reply(200, {"Response": payload})

    def _handle(self, request, identity, request_id):
        if request.method != "POST":
            raise ApiError("UnsupportedProtocol", "Only POST with a JSON body is emulated.")
        auth = parse_authorization(request.header("Authorization"))
        account = self.accounts.get(auth["secret_id"])
        if account is None:
            raise ApiError("AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your "
                                                           "SecretId is correct.")
        verify(request, auth, account["secret_key"], self.ctx.now())
        if account.get("token") and request.header("X-TC-Token") != account["token"]:
            raise ApiError("AuthFailure.TokenFailure", "The token is invalid or has expired.")
        service = self.services.get(auth["service"])
        if service is None:
            raise ApiError("InvalidAction", "The service %s is not emulated." % auth["service"])
        if request.header("X-TC-Version") != service.version:
            raise ApiError("NoSuchVersion", "The API version %s does not exist for %s." % (
                request.header("X-TC-Version"), auth["service"]))
        if not self.ctx.admit(self.name, account.get("uin", auth["secret_id"]), identity.action,
                              self.default_rate_limits.get(identity.action)):
            raise ApiError("RequestLimitExceeded", "Your current request times exceeds the frequency limit "
                                                   "for %s in a second." % identity.action)
        region = request.header("X-TC-Region")
        if not region:
            raise ApiError("MissingParameter", "The request is missing a required parameter `Region`.")
        try:
            params = json.loads(request.body.decode("utf-8")) if request.body else {}
        except (ValueError, UnicodeDecodeError):
            raise ApiError("InvalidParameter", "The request body is not valid JSON.")
        if not isinstance(params, dict):
            raise ApiError("InvalidParameter", "The request body must be a JSON object.")
        if auth["service"] == "cvm":
            return service.handle(identity.action, params, region, self.ctx, request_id)
        return service.handle(identity.action, params, region, self.ctx)
