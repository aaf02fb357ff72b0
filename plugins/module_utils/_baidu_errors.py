# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Baidu AI Cloud (BCE) error codes: category, whether a retry can help, and a hint.

Data only, from the BCE common error table, the BCC error page and the BCC role API pages
(research/baidu.md 3). Bind and unbind are convergent, so transient codes may be retried on
writes too. Codes not listed here are permanent, except that the client treats an unknown code
answered with HTTP 429, 500, 502, 503 or 504 as transient.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

_CLOCK_HINT = ("the signature was out of its validity window; if this persists the controller clock is off: "
               "sync it with NTP")
_CREDENTIALS_HINT = ("check access_key / secret_key (env BAIDUCLOUD_ACCESS_KEY / BAIDUCLOUD_SECRET_KEY, or "
                     "BCE_ACCESS_KEY_ID / BCE_SECRET_ACCESS_KEY) and that endpoint points at Baidu AI Cloud")
_PERMISSION_HINT = "the IAM policy of these credentials does not allow this BCC action"

CATALOG = {
    "*": {"category": "unknown", "retryable": False},
    # Transient.
    "InternalError": {"category": "transient", "retryable": True, "retry_limit": 3},
    "ServiceInternalError": {"category": "transient", "retryable": True, "retry_limit": 3},
    "ServiceUnavailable": {"category": "transient", "retryable": True},
    # Not documented for BCC; named by other BCE services and answered by gateways.
    "TooManyRequests": {"category": "throttled", "retryable": True},
    "RequestRateLimitExceeded": {"category": "throttled", "retryable": True},
    # A fresh signature helps when the request sat in a queue; a skewed clock needs NTP.
    "RequestExpired": {"category": "auth", "retryable": True, "retry_limit": 1, "hint": _CLOCK_HINT},
    "SignatureDoesNotMatch": {"category": "auth", "retryable": False, "hint": _CREDENTIALS_HINT},
    "InvalidAccessKeyId": {"category": "auth", "retryable": False, "hint": _CREDENTIALS_HINT},
    "InvalidHTTPAuthHeader": {"category": "auth", "retryable": False, "hint": _CREDENTIALS_HINT},
    "InvalidSessionToken": {
        "category": "auth", "retryable": False,
        "hint": "the temporary credentials' security_token (env BAIDUCLOUD_SESSION_TOKEN) is invalid or expired"},
    "AccessDenied": {"category": "permission", "retryable": False, "hint": _PERMISSION_HINT},
    "OptInRequired": {"category": "permission", "retryable": False,
                      "hint": "the account has not activated BCC in this region"},
    "QualifyNotPass": {"category": "permission", "retryable": False,
                       "hint": "the account has not passed real-name verification"},
    # Input.
    "BadRequest": {"category": "input", "retryable": False},
    "InappropriateJSON": {"category": "input", "retryable": False},
    "MalformedJSON": {"category": "input", "retryable": False},
    "InvalidHTTPRequest": {"category": "input", "retryable": False},
    "InvalidURI": {"category": "input", "retryable": False, "hint": "check that endpoint points at the BCC API"},
    "InvalidVersion": {"category": "input", "retryable": False},
    "PreconditionFailed": {"category": "conflict", "retryable": False},
    "IdempotentParameterMismatch": {"category": "conflict", "retryable": False},
    # Not found (Terraform's list for BCC instances).
    "NoSuchObject": {"category": "not_found", "retryable": False, "hint": "check instance_ids and region"},
    "InstanceNotFound": {"category": "not_found", "retryable": False, "hint": "check instance_ids and region"},
    "InstanceNotExist": {"category": "not_found", "retryable": False, "hint": "check instance_ids and region"},
    "InvalidInstanceId.NotFound": {"category": "not_found", "retryable": False, "hint": "check instance_ids and region"},
    "Forbidden.InstanceNotFound": {"category": "not_found", "retryable": False, "hint": "check instance_ids and region"},
}
