# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A skewed controller clock and the Huawei API gateway: APIGW.0303 (the request time is more than 15
minutes off) makes the client re-sign once with the time of the gateway's Date header, and warn about
NTP; a second refusal is not retried again. As the Tencent and Baidu clients do (_clock.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import email.utils
import json
import time

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_client import HuaweiClient
from ansible_collections.polycloud.ops.plugins.module_utils._transport import HttpResponse

PROJECT = "0d0466b0e7274d9cb35df84bb474a37f"
KEY = "0d0466b0-e727-4d9c-b35d-f84bb474a37f"
PARAMS = {"cloud": "huaweicloud", "region": None, "project_id": PROJECT, "access_key": "HWTESTAK",
          "secret_key": "very-secret-key", "security_token": None, "auth_token": None, "username": None,
          "password": None, "domain_name": None, "endpoint": "http://127.0.0.1:18080", "iam_endpoint": None,
          "timeout": 5.0, "retries": 3, "validate_certs": True, "ca_bundle": None}
SKEW = 3600


class Transport(object):
    def __init__(self, replies):
        self.replies = list(replies)
        self.stamps = []

    def send(self, method, url, headers, body=None):
        self.stamps.append(calendar.timegm(time.strptime(headers["X-Sdk-Date"], "%Y%m%dT%H%M%SZ")))
        return self.replies.pop(0)

    def close(self):
        pass


def _expired():
    body = json.dumps({"error_code": "APIGW.0303", "error_msg": "the request time is more than 15 minutes off",
                       "request_id": "req-skew"}).encode()
    return HttpResponse(401, {"Date": email.utils.formatdate(time.time() + SKEW, usegmt=True),
                              "X-Request-Id": "req-skew"}, body)


def _tags():
    return HttpResponse(200, {"X-Request-Id": "req-ok"}, json.dumps({"tags": [{"key": "a", "value": "b"}]}).encode())


def test_one_re_sign_with_the_gateway_time_and_a_warning():
    transport = Transport([_expired(), _tags()])
    client = HuaweiClient(PARAMS, transport=transport, sleep=lambda s: None)
    assert client.list_tags(KEY) == {"a": "b"}
    first, second = transport.stamps
    assert abs(first - time.time()) < 60
    assert abs(second - (time.time() + SKEW)) < 60
    assert len(client.warnings) == 1 and "NTP" in client.warnings[0] and " s off " in client.warnings[0]


def test_a_second_refusal_is_not_retried_and_names_ntp():
    transport = Transport([_expired(), _expired(), _tags()])
    client = HuaweiClient(PARAMS, transport=transport, sleep=lambda s: None)
    with pytest.raises(CloudError) as caught:
        client.list_tags(KEY)
    assert caught.value.code == "APIGW.0303" and "NTP" in caught.value.hint
    assert len(transport.stamps) == 2
