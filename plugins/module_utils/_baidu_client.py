# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""A Baidu AI Cloud (BCE) REST client: credentials and endpoint, then sign, pace, send, parse, retry.

Every attempt is signed afresh with bce-auth-v1 (so a retry after ``RequestExpired`` carries a
new timestamp; the catalog allows that once). The URL is built from the signed request target,
so ``?bind`` travels as the ``bind=`` that was signed, and the body is serialised once and sent
as those exact bytes. A failed call answers ``{"code", "message", "requestId"}`` with a non-2xx
status; anything else that is not 2xx is a proxy or gateway page.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import time

from ansible_collections.polycloud.ops.plugins.module_utils._baidu_errors import CATALOG
from ansible_collections.polycloud.ops.plugins.module_utils._baidu_services import SERVICES
from ansible_collections.polycloud.ops.plugins.module_utils._baidu_signer import host_header, sign_request
from ansible_collections.polycloud.ops.plugins.module_utils._baidu_spec import (
    DEFAULT_REGION, ENV_ACCESS_KEY, ENV_SECRET_KEY)
from ansible_collections.polycloud.ops.plugins.module_utils._clock import SigningClock
from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError, classified_error, lookup
from ansible_collections.polycloud.ops.plugins.module_utils._ratelimit import RateLimiter
from ansible_collections.polycloud.ops.plugins.module_utils._retry import RetryPolicy, call_with_retry
from ansible_collections.polycloud.ops.plugins.module_utils._transport import (
    TRANSIENT_STATUSES, Transport, parse_retry_after, status_error)
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions

CLOUD = "baiducloud"
CONTENT_TYPE = "application/json; charset=utf-8"
REQUEST_ID_HEADER = "x-bce-request-id"
# Seconds a signature stays valid (the SDKs' default).
SIGNATURE_EXPIRATION = 1800

_LIMITER = RateLimiter()


def _missing(option, env_names):
    return "%s (or env %s)" % (option, " / ".join(env_names))


def missing_credentials(params):
    """The credential options that are unset, each named with the env vars that would supply it."""
    missing = []
    if not params.get("access_key"):
        missing.append(("access_key", _missing("access_key", ENV_ACCESS_KEY)))
    if not params.get("secret_key"):
        missing.append(("secret_key", _missing("secret_key", ENV_SECRET_KEY)))
    return missing


def endpoint_for(params, service="bcc"):
    """The endpoint URL: the option (or env) if set, else the service's regional endpoint."""
    if params.get("endpoint"):
        return params["endpoint"].rstrip("/")
    region = params.get("region") or DEFAULT_REGION
    return SERVICES[service]["endpoint"].format(region=region)


class BaiduReply(object):
    """A successful call: the JSON document and the request id the cloud gave it."""

    __slots__ = ("document", "request_id", "status", "attempts")

    def __init__(self, document, request_id, status):
        self.document = document
        self.request_id = request_id
        self.status = status
        # How many attempts the call took: after a retry, an earlier attempt may have been applied.
        self.attempts = 1


class BaiduClient(object):
    def __init__(self, params, service="bcc", clock=time.time, transport=None, limiter=None, sleep=time.sleep):
        missing = missing_credentials(params)
        if missing:
            raise InvalidOptions(missing[0][0], "missing Baidu AI Cloud credentials: set %s" % " and ".join(
                text for _option, text in missing))
        facts = SERVICES[service]
        self.service = service
        self.region = params.get("region") or DEFAULT_REGION
        self.endpoint = endpoint_for(params, service)
        try:
            # The signed host must equal the Host header byte for byte, a non-default port included.
            self.host = host_header(self.endpoint)
        except ValueError as exc:
            raise InvalidOptions("endpoint", str(exc))
        self.rate_limits = facts["rate_limits"]
        self._access_key = params["access_key"]
        self._secret_key = params["secret_key"]
        self._token = params.get("security_token") or None
        self.transport = transport or Transport(CLOUD, timeout=params.get("timeout") or 30.0,
                                                validate_certs=params.get("validate_certs", True),
                                                ca_bundle=params.get("ca_bundle"))
        retries = params.get("retries")
        self.policy = RetryPolicy(retries=5 if retries is None else retries)
        self.limiter = limiter or _LIMITER
        self.clock = SigningClock(clock)
        self.sleep = sleep
        # (method, path) of every attempt, for tests and debugging; holds no secret.
        self.calls = []
        # Told to the user by the module (CloudResource emits a client's warnings).
        self.warnings = []

    def call(self, method, path, query=None, payload=None, action=None):
        """Send one API call (retried as the catalog allows) and return a BaiduReply."""
        body = None
        if payload is not None:
            # Serialise once: Content-Length and the signature cover these exact bytes.
            body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
        tries = []

        def attempt():
            tries.append(1)
            return self._attempt(method, path, query, body, action)

        reply = call_with_retry(attempt, self.policy, sleep=self.sleep)
        reply.attempts = len(tries)
        return reply

    def _attempt(self, method, path, query, body, action):
        self.limiter.acquire((self.host, self.service, action or path), self.rate_limits.get(action))
        headers = {"Host": self.host}
        if body is not None:
            headers["Content-Type"] = CONTENT_TYPE
            headers["Content-Length"] = str(len(body))
        signed = sign_request(method, path, query, headers, access_key=self._access_key,
                              secret_key=self._secret_key, timestamp=int(self.clock.now()),
                              expiration=SIGNATURE_EXPIRATION, security_token=self._token)
        self.calls.append((method, path))
        reply = self.transport.send(method, signed.url(self.endpoint), signed.headers, body)
        return self._parse(reply)

    def _parse(self, reply):
        request_id = reply.header(REQUEST_ID_HEADER)
        if 200 <= reply.status < 300:
            if not reply.body:
                return BaiduReply({}, request_id, reply.status)
            try:
                document = json.loads(reply.body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                document = None
            if not isinstance(document, dict):
                # A 2xx that is not the API's JSON (a captive proxy, a truncated body). Every call
                # we make is a read or a convergent write, so trying again is the useful answer.
                raise CloudError(CLOUD, "MalformedResponse", "the reply is not a Baidu AI Cloud JSON document: %r"
                                 % reply.body[:120], request_id=request_id, http_status=reply.status,
                                 retryable=True, category="transport")
            return BaiduReply(document, request_id, reply.status)
        error = None
        try:
            error = json.loads(reply.body.decode("utf-8")) if reply.body else None
        except (ValueError, UnicodeDecodeError):
            error = None
        if not isinstance(error, dict) or not error.get("code"):
            raise status_error(CLOUD, reply, request_id=request_id)
        code = str(error["code"])
        if code == "RequestExpired":
            self._correct_clock(reply)
        err = classified_error(CLOUD, CATALOG, code, str(error.get("message") or ""),
                               request_id=error.get("requestId") or request_id, http_status=reply.status,
                               retry_after=parse_retry_after(reply.header("Retry-After")))
        if lookup(CATALOG, code) is CATALOG["*"] and reply.status in TRANSIENT_STATUSES:
            # A code we do not know, answered with a status that says "try again later".
            err.retryable = True
            err.category = "throttled" if reply.status == 429 else "transient"
        raise err

    def _correct_clock(self, reply):
        # The catalog allows one retry of RequestExpired; it is signed with the server's time.
        offset = self.clock.correct_from(reply.header("Date"))
        if offset is not None:
            self.warnings.append("the controller clock is %+.0f s off Baidu AI Cloud's; requests were signed with "
                                 "the server's time for this task. Sync the controller's clock with NTP." % -offset)

    def close(self):
        self.transport.close()
