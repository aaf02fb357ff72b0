# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-side check of bce-auth-v1, written apart from the collection's signer so that a bug in
one is not mirrored in the other. It rebuilds the canonical request from what arrived: the raw
path and query of the request line, the received header values, and the signed-header list of
the Authorization value (or the service's default set when that list is empty)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import hashlib
import hmac
import re
import time
from urllib.parse import quote, unquote

_AUTH = re.compile(r"^bce-auth-v1/([^/]+)/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)/(\d+)/([a-z0-9;._-]*)/([0-9a-f]{64})$")
_DEFAULT_HEADERS = ("host", "content-length", "content-type", "content-md5")
# How far in the future a timestamp may be (a fast client clock) before it is refused.
MAX_FUTURE = 900


class SignatureProblem(Exception):
    def __init__(self, code, message, status):
        super(SignatureProblem, self).__init__(message)
        self.code = code
        self.message = message
        self.status = status


def parse_authorization(value):
    match = _AUTH.match((value or "").strip())
    if not match:
        raise SignatureProblem("InvalidHTTPAuthHeader", "The Authorization header you provided is invalid.", 400)
    access_key, stamp, expiration, signed, signature = match.groups()
    return {"access_key": access_key, "timestamp": stamp, "expiration": int(expiration),
            "signed_headers": [h for h in signed.split(";") if h], "signature": signature,
            "prefix": "bce-auth-v1/%s/%s/%s" % (access_key, stamp, expiration)}


def _encode(text, keep_slash=False):
    # RFC 3986 unreserved characters stay; every other UTF-8 byte becomes %XX (upper-case hex).
    return quote(text, safe="-._~" + ("/" if keep_slash else ""))


def _canonical_query(raw_query):
    pairs = []
    for segment in raw_query.split("&"):
        if not segment:
            continue
        name, _sep, value = segment.partition("=")
        name, value = unquote(name), unquote(value)
        if name.lower() == "authorization":
            continue
        pairs.append("%s=%s" % (_encode(name), _encode(value)))
    return "&".join(sorted(pairs))


def canonical_request(request, signed_headers):
    """The canonical text for ``request``; ``signed_headers`` empty means the default set."""
    if signed_headers:
        names = sorted(set(signed_headers))
        for name in names:
            if request.header(name) is None:
                raise SignatureProblem("SignatureDoesNotMatch",
                                       "The signed header %s was not sent." % name, 400)
    else:
        names = sorted(n for n in request.headers if n in _DEFAULT_HEADERS or n.startswith("x-bce-"))
    lines = []
    for name in names:
        value = (request.header(name) or "").strip()
        if not value:
            continue
        lines.append("%s:%s" % (_encode(name.lower()), _encode(value)))
    path = _encode(unquote(request.path) or "/", keep_slash=True)
    return "\n".join((request.method.upper(), path, _canonical_query(request.query), "\n".join(sorted(lines))))


def verify(request, auth, secret_key, now):
    """Raise SignatureProblem unless ``request`` carries a valid signature within its window."""
    start = calendar.timegm(time.strptime(auth["timestamp"], "%Y-%m-%dT%H:%M:%SZ"))
    if now > start + auth["expiration"] or start > now + MAX_FUTURE:
        raise SignatureProblem("RequestExpired", "Request has expired. Timestamp date is %s." % auth["timestamp"], 400)
    text = canonical_request(request, auth["signed_headers"])
    key = hmac.new(secret_key.encode("utf-8"), auth["prefix"].encode("utf-8"), hashlib.sha256).hexdigest()
    expected = hmac.new(key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, auth["signature"]):
        raise SignatureProblem("SignatureDoesNotMatch", "The request signature we calculated does not match the "
                               "signature you provided. Check your Secret Access Key and signing method.", 400)
