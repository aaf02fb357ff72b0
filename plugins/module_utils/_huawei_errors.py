# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Huawei Cloud / Open Telekom Cloud error codes (KMS and the API gateway): category, retry, hint.

Data only, from the OTC KMS error-code appendix, the Huawei API signing guide's gateway codes and
the DEW FAQ "retry 429, 500, 502, 504" (research/huawei_otc.md 2). An entry with
``"retry_on_status"`` is retried only when the HTTP status of the reply is one of
TRANSIENT_STATUSES (a generic gateway code means "bad request" with 400 and "backend down"
with 502). EXPIRED_TOKEN lists the answers after which a new IAM token is fetched once.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

TRANSIENT_STATUSES = (429, 500, 502, 503, 504)

_CREDENTIALS_HINT = ("check access_key / secret_key (env HW_ACCESS_KEY / HW_SECRET_KEY), the security_token of "
                     "temporary keys, and that endpoint points at the KMS of the right cloud")
TOKEN_HINT = ("the IAM token is invalid or expired: give a fresh auth_token (env HW_AUTH_TOKEN), or username, "
              "password and domain_name so that the module can fetch one")
_PROJECT_HINT = ("project_id (env HW_PROJECT_ID) must be the project of region, and a token must be scoped to "
                 "that project")
_STATE_HINT = "the key's state does not allow this; cancel its pending deletion or enable it first"

CATALOG = {
    "*": {"category": "unknown", "retryable": False, "retry_on_status": True},
    # API gateway
    "APIGW.0101": {"category": "input", "retryable": False,
                   "hint": "the API does not exist at this endpoint; check endpoint and cloud"},
    "APIGW.0201": {"category": "input", "retryable": False, "retry_on_status": True},
    "APIGW.0301": {"category": "auth", "retryable": False, "hint": _CREDENTIALS_HINT},
    "APIGW.0302": {"category": "permission", "retryable": False,
                   "hint": "the IAM user is not allowed to call this API (kms:cmkTag:* / kms:cmk:get)"},
    "APIGW.0303": {"category": "auth", "retryable": True, "retry_limit": 1,
                   "hint": "the controller clock is off by more than 15 minutes; sync it with NTP"},
    "APIGW.0308": {"category": "throttled", "retryable": True},
    # KMS: server faults. "Try again later" codes are transient; "contact support" ones get one retry.
    "KMS.0100": {"category": "transient", "retryable": True, "retry_limit": 1},
    "KMS.0101": {"category": "transient", "retryable": True},
    "KMS.0102": {"category": "transient", "retryable": True},
    "KMS.0103": {"category": "transient", "retryable": True, "retry_limit": 1},
    "KMS.0104": {"category": "transient", "retryable": True},
    "KMS.0105": {"category": "transient", "retryable": True, "retry_limit": 1},
    "KMS.0106": {"category": "conflict", "retryable": False, "hint": "the replica service is read-only"},
    # KMS: request and key problems
    "KMS.0201": {"category": "input", "retryable": False},
    "KMS.0202": {"category": "input", "retryable": False},
    "KMS.0203": {"category": "input", "retryable": False},
    "KMS.0204": {"category": "input", "retryable": False},
    "KMS.0205": {"category": "input", "retryable": False, "hint": "check key_id"},
    "KMS.0206": {"category": "input", "retryable": False},
    "KMS.0207": {"category": "not_found", "retryable": False,
                 "hint": "no such key in this project; check key_id, project_id and region"},
    "KMS.0209": {"category": "conflict", "retryable": False, "hint": _STATE_HINT},
    "KMS.0210": {"category": "conflict", "retryable": False, "hint": _STATE_HINT},
    "KMS.0211": {"category": "conflict", "retryable": False,
                 "hint": "default master keys cannot be tagged; use a customer master key"},
    "KMS.0212": {"category": "input", "retryable": False},
    "KMS.0214": {"category": "input", "retryable": False},
    "KMS.0215": {"category": "input", "retryable": False},
    # KMS: authentication and permission
    "KMS.0301": {"category": "auth", "retryable": False, "hint": TOKEN_HINT},
    "KMS.0302": {"category": "auth", "retryable": False, "hint": TOKEN_HINT},
    "KMS.0303": {"category": "auth", "retryable": False, "hint": TOKEN_HINT},
    "KMS.0304": {"category": "auth", "retryable": False, "hint": TOKEN_HINT},
    "KMS.0305": {"category": "auth", "retryable": False, "hint": _PROJECT_HINT},
    "KMS.0306": {"category": "permission", "retryable": False},
    "KMS.0307": {"category": "permission", "retryable": False},
    "KMS.0320": {"category": "conflict", "retryable": False, "hint": "the resource is frozen"},
    "KMS.0321": {"category": "auth", "retryable": False, "hint": _PROJECT_HINT},
    "KMS.0326": {"category": "permission", "retryable": False},
    "KMS.0327": {"category": "permission", "retryable": False},
    "KMS.0328": {"category": "conflict", "retryable": False, "hint": "KMS is frozen for this account"},
    "KMS.0330": {"category": "permission", "retryable": False},
    # KMS: tags
    "KMS.0401": {"category": "input", "retryable": False},
    "KMS.0402": {"category": "input", "retryable": False},
    "KMS.0403": {"category": "input", "retryable": False},
    "KMS.0404": {"category": "input", "retryable": False},
    "KMS.0405": {"category": "input", "retryable": False},
    "KMS.0406": {"category": "input", "retryable": False,
                 "hint": "an invalid tag key, or a tag key that already exists on the key"},
    "KMS.0407": {"category": "input", "retryable": False},
    "KMS.0408": {"category": "input", "retryable": False},
    "KMS.0409": {"category": "quota", "retryable": False, "hint": "a key can have at most 10 tags"},
    "KMS.0410": {"category": "input", "retryable": False},
    "KMS.0411": {"category": "input", "retryable": False},
    "KMS.0412": {"category": "input", "retryable": False},
    "KMS.0413": {"category": "input", "retryable": False},
    "KMS.0414": {"category": "input", "retryable": False},
    "KMS.0415": {"category": "input", "retryable": False},
    "KMS.0416": {"category": "not_found", "retryable": False},
    "KMS.0417": {"category": "input", "retryable": False},
    "KMS.0418": {"category": "input", "retryable": False},
    "KMS.5022": {"category": "input", "retryable": False,
                 "hint": "the tags do not comply with the account's tag policy"},
    "KMS.*": {"category": "unknown", "retryable": False, "retry_on_status": True},
}

# The answer to a tag write that finds its work already done: a delete of a tag that is gone, a
# create of a tag key that exists. After a retry (the first attempt's reply was lost) or beside
# another writer, the tags are read again: if they are as wanted, the write counts as done.
ALREADY_DONE = {"delete": "KMS.0416", "create": "KMS.0406"}

# Answers that refuse an IAM token, whatever the reason (expired, revoked, unknown): a token taken
# from the cache is then fetched afresh.
TOKEN_REFUSED = ("APIGW.0301", "KMS.0301", "KMS.0302", "KMS.0303", "KMS.0304")

# (code, words that must all appear in the message, lower case); None: any message.
EXPIRED_TOKEN = (
    ("KMS.0303", None),
    ("APIGW.0301", ("token", "expire")),
)


def is_expired_token(code, message):
    """Whether an error says the IAM token expired (one re-authentication may help)."""
    text = (message or "").lower()
    for known, words in EXPIRED_TOKEN:
        if code == known and (words is None or all(word in text for word in words)):
            return True
    return False
