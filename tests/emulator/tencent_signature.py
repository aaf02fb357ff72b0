# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Server-side check of TC3-HMAC-SHA256, written apart from the collection's signer so that a
bug in one is not mirrored in the other. It rebuilds the canonical request from what arrived:
the signed header names listed in Authorization, their received values, and the body bytes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import hmac
import re
import time

_AUTH = re.compile(r"^TC3-HMAC-SHA256 Credential=([^/]+)/(\d{4}-\d{2}-\d{2})/([a-z0-9]+)/tc3_request, "
                   r"SignedHeaders=([a-z0-9;.-]+), Signature=([0-9a-f]{64})$")
MAX_SKEW = 300


class SignatureProblem(Exception):
    def __init__(self, code, message):
        super(SignatureProblem, self).__init__(message)
        self.code = code
        self.message = message


def parse_authorization(value):
    match = _AUTH.match(value or "")
    if not match:
        raise SignatureProblem("AuthFailure.InvalidAuthorization",
                               "Authorization is missing or not a TC3-HMAC-SHA256 header.")
    secret_id, date, service, signed, signature = match.groups()
    return {"secret_id": secret_id, "date": date, "service": service,
            "signed_headers": signed.split(";"), "signature": signature}


def verify(request, auth, secret_key, now):
    """Raise SignatureProblem unless the request carries a valid, fresh signature."""
    stamp = request.header("X-TC-Timestamp", "")
    if not stamp.isdigit():
        raise SignatureProblem("MissingParameter", "The request is missing a valid X-TC-Timestamp.")
    stamp = int(stamp)
    if abs(now - stamp) > MAX_SKEW:
        raise SignatureProblem("AuthFailure.SignatureExpire",
                               "Signature expired. Timestamp %d is more than 300 s from the server time %d." % (
                                   stamp, int(now)))
    if time.strftime("%Y-%m-%d", time.gmtime(stamp)) != auth["date"]:
        raise SignatureProblem("AuthFailure.SignatureFailure",
                               "The credential date does not match the UTC date of X-TC-Timestamp.")
    names = auth["signed_headers"]
    if "host" not in names or "content-type" not in names or names != sorted(names):
        raise SignatureProblem("AuthFailure.SignatureFailure",
                               "SignedHeaders must include content-type and host, sorted.")
    lines = []
    for name in names:
        value = request.header(name)
        if value is None:
            raise SignatureProblem("AuthFailure.SignatureFailure", "Signed header %s was not sent." % name)
        value = value.strip()
        if name == "x-tc-action":
            value = value.lower()
        lines.append("%s:%s\n" % (name, value))
    canonical = "POST\n/\n\n%s\n%s\n%s" % ("".join(lines), ";".join(names), hashlib.sha256(request.body).hexdigest())
    scope = "%s/%s/tc3_request" % (auth["date"], auth["service"])
    to_sign = "TC3-HMAC-SHA256\n%d\n%s\n%s" % (stamp, scope, hashlib.sha256(canonical.encode("utf-8")).hexdigest())
    key = ("TC3" + secret_key).encode("utf-8")
    for part in (auth["date"], auth["service"], "tc3_request"):
        key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
    expected = hmac.new(key, to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, auth["signature"]):
        raise SignatureProblem("AuthFailure.SignatureFailure",
                               "The provided credentials could not be validated. Please check your signature.")
