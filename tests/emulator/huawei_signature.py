# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-side check of SDK-HMAC-SHA256 (Huawei Cloud / OTC AK/SK signing), written apart from the
collection's signer so that a bug in one is not mirrored in the other.

It rebuilds the canonical request from what arrived: the method, the raw path (percent-decoded,
split on ``/``, each segment re-encoded, a trailing ``/`` added), the sorted query, the headers
named in ``SignedHeaders`` with their received values, and the SHA-256 of the body bytes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import hashlib
import hmac
import re
import time
from urllib.parse import quote, unquote

_AUTH = re.compile(r"^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([a-z0-9;_.-]+),\s*"
                   r"Signature=([0-9a-f]{64})$")
MAX_SKEW = 15 * 60


class SignatureProblem(Exception):
    def __init__(self, code, message, status=401):
        super(SignatureProblem, self).__init__(message)
        self.code = code
        self.message = message
        self.status = status


def parse_authorization(value):
    match = _AUTH.match((value or "").strip())
    if not match:
        raise SignatureProblem("APIGW.0301", "Incorrect IAM authentication information: Authorization is not an "
                                             "SDK-HMAC-SHA256 header")
    access, signed, signature = match.groups()
    return {"access_key": access, "signed_headers": signed.split(";"), "signature": signature}


def _rfc3986(text):
    return quote(text, safe="-_.~")


def _uri(raw_path):
    segments = unquote(raw_path or "/").split("/")
    uri = "/".join(_rfc3986(segment) for segment in segments)
    return uri if uri.endswith("/") else uri + "/"


def _query(raw_query):
    pairs = []
    for piece in (raw_query or "").split("&"):
        if piece:
            name, _sep, value = piece.partition("=")
            pairs.append((unquote(name), unquote(value)))
    return "&".join("%s=%s" % (_rfc3986(n), _rfc3986(v)) for n, v in sorted(pairs))


def verify(request, auth, secret_key, now):
    """Raise SignatureProblem unless the request carries a valid, fresh signature."""
    stamp = request.header("X-Sdk-Date", "")
    try:
        when = calendar.timegm(time.strptime(stamp, "%Y%m%dT%H%M%SZ"))
    except ValueError:
        raise SignatureProblem("APIGW.0301", "Incorrect IAM authentication information: X-Sdk-Date is missing or "
                                             "malformed")
    if abs(now - when) > MAX_SKEW:
        raise SignatureProblem("APIGW.0303", "Incorrect app authentication information: the request time %s is more "
                                             "than 15 minutes from the server time" % stamp)
    names = auth["signed_headers"]
    if "host" not in names or "x-sdk-date" not in names:
        raise SignatureProblem("APIGW.0301", "Incorrect IAM authentication information: host and x-sdk-date must be "
                                             "signed")
    lines = []
    for name in names:
        value = request.header(name)
        if value is None:
            raise SignatureProblem("APIGW.0301", "Incorrect IAM authentication information: signed header %s was "
                                                 "not sent" % name)
        lines.append("%s:%s\n" % (name, value.strip()))
    payload = request.header("X-Sdk-Content-Sha256") or hashlib.sha256(request.body or b"").hexdigest()
    canonical = "\n".join([request.method.upper(), _uri(request.path), _query(request.query), "".join(lines),
                           ";".join(names), payload])
    to_sign = "SDK-HMAC-SHA256\n%s\n%s" % (stamp, hashlib.sha256(canonical.encode("utf-8")).hexdigest())
    expected = hmac.new(secret_key.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, auth["signature"]):
        raise SignatureProblem("APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail")
