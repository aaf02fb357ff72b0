# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""TC3-HMAC-SHA256, the Tencent Cloud API 3.0 signature, as a pure function.

Request in (service, host, action, body bytes, time, credentials), headers out. We sign
``content-type;host`` as the official SDKs do; ``x-tc-action`` may be signed too (the current
doc revision does), which the published vectors B and D exercise.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import hashlib
import hmac

ALGORITHM = "TC3-HMAC-SHA256"
CONTENT_TYPE = "application/json"


def _hmac(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def utc_date(timestamp):
    # The scope date is the UTC date of the timestamp; local time breaks near midnight.
    return datetime.datetime.fromtimestamp(int(timestamp), datetime.timezone.utc).strftime("%Y-%m-%d")


def canonical_request(host, body, content_type=CONTENT_TYPE, action=None):
    headers = [("content-type", content_type), ("host", host)]
    if action is not None:
        headers.append(("x-tc-action", action.lower()))
    canonical_headers = "".join("%s:%s\n" % (name, value.strip()) for name, value in headers)
    signed_headers = ";".join(name for name, _value in headers)
    text = "\n".join([
        "POST", "/", "", canonical_headers, signed_headers, hashlib.sha256(body).hexdigest(),
    ])
    return text, signed_headers


def signing_key(secret_key, date, service):
    key = _hmac(("TC3" + secret_key).encode("utf-8"), date)
    key = _hmac(key, service)
    return _hmac(key, "tc3_request")


def sign(secret_id, secret_key, service, host, body, timestamp, content_type=CONTENT_TYPE, sign_action=None):
    """Return the Authorization header value for a POST of ``body`` (bytes) to ``host``.

    ``sign_action``: the action name, to also sign ``x-tc-action``; None signs content-type;host.
    """
    date = utc_date(timestamp)
    canonical, signed_headers = canonical_request(host, body, content_type, sign_action)
    scope = "%s/%s/tc3_request" % (date, service)
    string_to_sign = "\n".join([
        ALGORITHM, str(int(timestamp)), scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
    ])
    signature = hmac.new(signing_key(secret_key, date, service), string_to_sign.encode("utf-8"),
                         hashlib.sha256).hexdigest()
    return "%s Credential=%s/%s, SignedHeaders=%s, Signature=%s" % (
        ALGORITHM, secret_id, scope, signed_headers, signature)


def request_headers(secret_id, secret_key, service, host, action, version, region, body, timestamp,
                    token=None, language=None):
    """All headers of an API 3.0 POST: the common X-TC-* headers and the Authorization that covers them."""
    headers = {
        "Authorization": sign(secret_id, secret_key, service, host, body, timestamp),
        "Content-Type": CONTENT_TYPE,
        "Host": host,
        "X-TC-Action": action,
        "X-TC-Version": version,
        "X-TC-Timestamp": str(int(timestamp)),
    }
    if region:
        headers["X-TC-Region"] = region
    if token:
        # Temporary credentials: the token rides along unsigned; the id/key pair is the temporary one.
        headers["X-TC-Token"] = token
    if language:
        headers["X-TC-Language"] = language
    return headers
