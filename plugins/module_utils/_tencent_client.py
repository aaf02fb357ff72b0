# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""A Tencent Cloud API 3.0 client: credentials and endpoint, then sign, pace, send, parse, retry.

Every call is a JSON POST to ``/``. A reply is HTTP 200 with ``{"Response": {...}}``; the call
failed iff ``Response.Error`` exists. Each attempt is signed afresh, so a retry after
``AuthFailure.SignatureExpire`` carries a new timestamp.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import time

from ansible_collections.polycloud.ops.plugins.module_utils._clock import SigningClock
from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError, classified_error
from ansible_collections.polycloud.ops.plugins.module_utils._ratelimit import RateLimiter
from ansible_collections.polycloud.ops.plugins.module_utils._retry import RetryPolicy, call_with_retry
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_errors import CATALOG
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_services import SERVICES
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_signer import request_headers
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_spec import (
    ENV_REGION, ENV_SECRET_ID, ENV_SECRET_KEY)
from ansible_collections.polycloud.ops.plugins.module_utils._transport import Transport, status_error
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions

CLOUD = "tencentcloud"

# One limiter per process: every client of one task paces against the same clock.
_LIMITER = RateLimiter()


def _missing(option, env_names):
    return "%s (or env %s)" % (option, " / ".join(env_names))


class TencentClient(object):
    def __init__(self, params, service, clock=time.time, transport=None, limiter=None, sleep=time.sleep):
        missing = []
        if not params.get("secret_id"):
            missing.append(_missing("secret_id", ENV_SECRET_ID))
        if not params.get("secret_key"):
            missing.append(_missing("secret_key", ENV_SECRET_KEY))
        if missing:
            raise InvalidOptions("secret_id" if "secret_id" in missing[0] else "secret_key",
                                 "missing Tencent Cloud credentials: set %s" % " and ".join(missing))
        if not params.get("region"):
            raise InvalidOptions("region", "missing region: set %s, for example ap-guangzhou" % _missing(
                "region", ENV_REGION))
        facts = SERVICES[service]
        self.service = service
        self.version = facts["version"]
        self.rate_limits = facts["rate_limits"]
        self.region = params["region"]
        self._secret_id = params["secret_id"]
        self._secret_key = params["secret_key"]
        self._token = params.get("security_token")
        base = (params.get("endpoint") or facts["endpoint"]).rstrip("/")
        self.url = base + "/"
        # The signed host must equal the Host header byte for byte, port included.
        self.host = base.split("://", 1)[1]
        self.transport = transport or Transport(CLOUD, timeout=params.get("timeout") or 30.0,
                                                validate_certs=params.get("validate_certs", True),
                                                ca_bundle=params.get("ca_bundle"))
        self.policy = RetryPolicy(retries=params.get("retries", 5))
        self.limiter = limiter or _LIMITER
        self.clock = SigningClock(clock)
        self.sleep = sleep
        self.calls = []
        self.warnings = []

    def call(self, action, payload, retry=True):
        """POST ``action`` with ``payload``; return the ``Response`` object (which has ``RequestId``)."""
        # Serialise once: the signature covers these exact bytes.
        body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
        policy = self.policy if retry else RetryPolicy(retries=0)
        return call_with_retry(lambda: self._attempt(action, body), policy, sleep=self.sleep)

    def _attempt(self, action, body):
        # The account is part of the key (the budget hashes it): limits are counted per account.
        self.limiter.acquire((self._secret_id, self.host, self.region, self.service, action),
                             self.rate_limits.get(action))
        headers = request_headers(self._secret_id, self._secret_key, self.service, self.host, action,
                                  self.version, self.region, body, int(self.clock.now()), token=self._token,
                                  language="en-US")
        self.calls.append(action)
        reply = self.transport.send("POST", self.url, headers, body)
        return self._parse(reply)

    def _parse(self, reply):
        if reply.status != 200:
            raise status_error(CLOUD, reply)
        try:
            document = json.loads(reply.body.decode("utf-8"))
            response = document["Response"]
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            # A 200 that is not the API envelope (a captive proxy, a truncated body): the calls
            # we make are safe to repeat, so trying again is the useful answer.
            raise CloudError(CLOUD, "MalformedResponse", "the reply is not a Tencent Cloud API 3.0 JSON "
                             "document: %r" % reply.body[:120], http_status=reply.status, retryable=True,
                             category="transport")
        error = response.get("Error") if isinstance(response, dict) else None
        if error:
            code = error.get("Code") or "Unknown"
            if code == "AuthFailure.SignatureExpire":
                self._correct_clock(reply)
            raise classified_error(CLOUD, CATALOG, code, error.get("Message") or "",
                                   request_id=response.get("RequestId"), http_status=reply.status)
        return response

    def _correct_clock(self, reply):
        # The catalog allows one retry of SignatureExpire; it is signed with the server's time.
        offset = self.clock.correct_from(reply.header("Date"))
        if offset is not None:
            self.warnings.append("the controller clock is %+.0f s off Tencent Cloud's; requests were signed with "
                                 "the server's time for this task. Sync the controller's clock with NTP." % -offset)

    def close(self):
        self.transport.close()
