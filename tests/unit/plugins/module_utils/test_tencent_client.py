# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Tencent client over a fake transport: envelopes, errors, retries and re-signing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._ratelimit import RateLimiter
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_client import TencentClient
from ansible_collections.polycloud.ops.plugins.module_utils._transport import HttpResponse
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions

PARAMS = {"secret_id": "AKIDtest", "secret_key": "very-secret-key", "security_token": None, "region": "ap-guangzhou",
          "endpoint": "http://127.0.0.1:18080", "timeout": 5.0, "retries": 3, "validate_certs": True, "ca_bundle": None}


class FakeTransport(object):
    def __init__(self, replies):
        self.replies = list(replies)
        self.sent = []

    def send(self, method, url, headers, body=None):
        self.sent.append((method, url, dict(headers), body))
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def close(self):
        pass


def _ok(**fields):
    fields.setdefault("RequestId", "req-ok")
    return HttpResponse(200, {"Content-Type": "application/json"}, json.dumps({"Response": fields}).encode())


def _error(code, request_id="req-err"):
    return HttpResponse(200, {"Content-Type": "application/json"}, json.dumps(
        {"Response": {"Error": {"Code": code, "Message": "m"}, "RequestId": request_id}}).encode())


def _client(replies, clock=None, **over):
    params = dict(PARAMS, **over)
    ticks = iter(range(1700000000, 1700000100))
    return TencentClient(params, "cvm", clock=clock or (lambda: next(ticks)), transport=FakeTransport(replies),
                         limiter=RateLimiter(sleep=lambda s: None), sleep=lambda s: None)


def test_success_returns_the_response_and_signs_the_host_with_port():
    client = _client([_ok(TotalCount=0)])
    assert client.call("DescribeInstances", {"Limit": 1}) == {"TotalCount": 0, "RequestId": "req-ok"}
    method, url, headers, body = client.transport.sent[0]
    assert (method, url) == ("POST", "http://127.0.0.1:18080/")
    assert headers["Host"] == "127.0.0.1:18080" and headers["X-TC-Action"] == "DescribeInstances"
    assert headers["X-TC-Version"] == "2017-03-12" and headers["Content-Type"] == "application/json"
    assert body == b'{"Limit":1}'


def test_permanent_error_raises_with_request_id_and_no_retry():
    client = _client([_error("InvalidSecurityGroupId.NotFound", "req-42")])
    with pytest.raises(CloudError) as caught:
        client.call("AssociateSecurityGroups", {})
    assert caught.value.code == "InvalidSecurityGroupId.NotFound" and caught.value.request_id == "req-42"
    assert not caught.value.retryable and len(client.transport.sent) == 1


def test_throttling_gateway_and_network_faults_are_retried():
    faults = [_error("RequestLimitExceeded"), HttpResponse(502, {}, b"<html>502</html>"),
              CloudError("tencentcloud", "ConnectionError", "reset", retryable=True), _error("InternalError")]
    client = _client(faults + [_ok()], retries=4)
    assert client.call("DescribeInstances", {})["RequestId"] == "req-ok"
    assert len(client.transport.sent) == 5


def test_malformed_json_is_retried_then_reported():
    bad = HttpResponse(200, {}, b'{"Response": {"Req')
    client = _client([bad] * 4)
    with pytest.raises(CloudError) as caught:
        client.call("DescribeInstances", {})
    assert caught.value.code == "MalformedResponse" and len(client.transport.sent) == 4


def test_signature_expire_is_signed_afresh_once():
    client = _client([_error("AuthFailure.SignatureExpire"), _error("AuthFailure.SignatureExpire"), _ok()])
    with pytest.raises(CloudError) as caught:
        client.call("DescribeInstances", {})
    assert caught.value.code == "AuthFailure.SignatureExpire" and "NTP" in caught.value.hint
    stamps = [headers["X-TC-Timestamp"] for _m, _u, headers, _b in client.transport.sent]
    assert len(stamps) == 2 and stamps[0] != stamps[1]


def test_token_goes_in_x_tc_token():
    client = _client([_ok()], security_token="temp-token")
    client.call("DescribeInstances", {})
    assert client.transport.sent[0][2]["X-TC-Token"] == "temp-token"


@pytest.mark.parametrize("missing,fragment", [
    ({"secret_id": None}, "TENCENTCLOUD_SECRET_ID"),
    ({"secret_key": None}, "TENCENTCLOUD_SECRET_KEY"),
    ({"region": None}, "TENCENTCLOUD_REGION"),
])
def test_missing_settings_name_their_env_vars(missing, fragment):
    with pytest.raises(InvalidOptions) as caught:
        _client([], **missing)
    assert fragment in str(caught.value)


def test_no_secret_in_errors():
    client = _client([_error("AuthFailure.SignatureFailure")])
    with pytest.raises(CloudError) as caught:
        client.call("DescribeInstances", {})
    text = json.dumps(caught.value.to_dict()) + str(caught.value)
    assert "very-secret-key" not in text


def test_the_budget_is_the_retries_option():
    faults = [_error("RequestLimitExceeded")] * 4
    client = _client(faults + [_ok()], retries=3)
    with pytest.raises(CloudError) as caught:
        client.call("DescribeInstances", {})
    assert caught.value.code == "RequestLimitExceeded" and caught.value.attempts == 4


def test_a_skewed_clock_is_corrected_from_the_server_date_once():
    expired = _error("AuthFailure.SignatureExpire")
    expired.headers["Date"] = "Tue, 14 Nov 2023 22:23:20 GMT"  # 1700000600: ten minutes ahead of our clock
    client = _client([expired, _ok()], clock=lambda: 1700000000.0)
    client.call("DescribeInstances", {})
    stamps = [int(headers["X-TC-Timestamp"]) for _m, _u, headers, _b in client.transport.sent]
    assert stamps == [1700000000, 1700000600]
    assert len(client.warnings) == 1 and "NTP" in client.warnings[0] and "-600 s" in client.warnings[0]


def test_no_date_header_means_no_correction_and_the_clock_is_named():
    client = _client([_error("AuthFailure.SignatureExpire"), _error("AuthFailure.SignatureExpire")],
                     clock=lambda: 1700000000.0)
    with pytest.raises(CloudError) as caught:
        client.call("DescribeInstances", {})
    assert "NTP" in caught.value.hint and client.warnings == []
