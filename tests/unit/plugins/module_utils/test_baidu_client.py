# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Baidu client without a network: endpoints, credentials, what it signs and sends, and how
replies and errors come back (catalog, retries, RequestExpired re-signed once)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._baidu_client import (
    BaiduClient, endpoint_for, missing_credentials)
from ansible_collections.polycloud.ops.plugins.module_utils._baidu_errors import CATALOG
from ansible_collections.polycloud.ops.plugins.module_utils._baidu_services import BCC_BIND_ROLE, BCC_GET_INSTANCE
from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._transport import HttpResponse
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions

AK = "AKIDEXAMPLE0000000000000000000000"
SK = "SKEXAMPLE0000000000000000000000000"


class FakeTransport(object):
    def __init__(self, replies):
        self.replies = list(replies)
        self.sent = []

    def send(self, method, url, headers, body=None):
        self.sent.append({"method": method, "url": url, "headers": dict(headers), "body": body})
        reply = self.replies.pop(0)
        if isinstance(reply, Exception):
            raise reply
        return reply

    def close(self):
        pass


def ok(document, request_id="req-ok"):
    return HttpResponse(200, {"x-bce-request-id": request_id}, json.dumps(document).encode("utf-8"))


def error(status, code, message="m", request_id="req-err", headers=None):
    all_headers = {"x-bce-request-id": request_id}
    all_headers.update(headers or {})
    document = {"code": code, "message": message, "requestId": request_id}
    return HttpResponse(status, all_headers, json.dumps(document).encode("utf-8"))


class Clock(object):
    def __init__(self, start=1700000000):
        self.now = start

    def __call__(self):
        self.now += 7
        return self.now


def client(replies, **params):
    base = {"access_key": AK, "secret_key": SK, "endpoint": "http://127.0.0.1:18080", "retries": 3}
    base.update(params)
    transport = FakeTransport(replies)
    return BaiduClient(base, transport=transport, clock=Clock(), sleep=lambda s: None), transport


def test_endpoints():
    assert endpoint_for({}) == "https://bcc.bj.baidubce.com"
    assert endpoint_for({"region": "gz"}) == "https://bcc.gz.baidubce.com"
    assert endpoint_for({"region": "gz", "endpoint": "http://127.0.0.1:18080/"}) == "http://127.0.0.1:18080"


def test_missing_credentials_name_the_env_vars():
    assert [option for option, _text in missing_credentials({"access_key": "x"})] == ["secret_key"]
    with pytest.raises(InvalidOptions) as caught:
        BaiduClient({"access_key": None, "secret_key": ""}, transport=FakeTransport([]))
    text = str(caught.value)
    assert caught.value.option == "access_key"
    for name in ("BAIDUCLOUD_ACCESS_KEY", "BCE_ACCESS_KEY_ID", "BAIDUCLOUD_SECRET_KEY", "BCE_SECRET_ACCESS_KEY"):
        assert name in text


def test_bind_is_sent_as_signed():
    bcc, transport = client([ok({"failInstances": [], "instanceRoleAssociations": [{"instanceId": "i-AbCdEf12"}]})])
    method, path, query = BCC_BIND_ROLE
    reply = bcc.call(method, path, query, {"roleName": "MyBccRole", "instances": [{"instanceId": "i-AbCdEf12"}]})
    assert reply.request_id == "req-ok"
    assert reply.document["instanceRoleAssociations"] == [{"instanceId": "i-AbCdEf12"}]
    sent = transport.sent[0]
    # ?bind must reach the server: sent (and signed) as bind=.
    assert sent["url"] == "http://127.0.0.1:18080/v2/instance/role?bind="
    assert sent["body"] == b'{"instances":[{"instanceId":"i-AbCdEf12"}],"roleName":"MyBccRole"}'
    assert sent["headers"]["Host"] == "127.0.0.1:18080"
    assert sent["headers"]["Content-Length"] == str(len(sent["body"]))
    auth = sent["headers"]["Authorization"].split("/")
    assert auth[0] == "bce-auth-v1" and auth[1] == AK and auth[3] == "1800"
    assert auth[4] == "content-length;content-type;host;x-bce-date"
    assert sent["headers"]["x-bce-date"] == auth[2]
    assert SK not in json.dumps(sent["headers"])


def test_get_has_no_body_and_signs_host_and_date():
    bcc, transport = client([ok({"instance": {"id": "i-AbCdEf12", "roleName": ""}})])
    method, path, _query = BCC_GET_INSTANCE
    bcc.call(method, path.format(instance_id="i-AbCdEf12"))
    sent = transport.sent[0]
    assert sent["body"] is None
    assert sent["url"] == "http://127.0.0.1:18080/v2/instance/i-AbCdEf12"
    assert sent["headers"]["Authorization"].split("/")[4] == "host;x-bce-date"


def test_security_token_is_sent_and_signed():
    bcc, transport = client([ok({})], security_token="STS-TOKEN-EXAMPLE")
    bcc.call("GET", "/v2/instance/role/list")
    headers = transport.sent[0]["headers"]
    assert headers["x-bce-security-token"] == "STS-TOKEN-EXAMPLE"
    assert headers["Authorization"].split("/")[4] == "host;x-bce-date;x-bce-security-token"


def test_permanent_error_is_raised_at_once():
    bcc, transport = client([error(404, "NoSuchObject", "The specified object is not found", "req-404")])
    with pytest.raises(CloudError) as caught:
        bcc.call("GET", "/v2/instance/i-AbCdEf12")
    err = caught.value
    assert (err.code, err.http_status, err.request_id, err.retryable, err.category) == (
        "NoSuchObject", 404, "req-404", False, "not_found")
    assert len(transport.sent) == 1


def test_request_expired_is_re_signed_once():
    bcc, transport = client([error(400, "RequestExpired"), ok({"roles": []})])
    assert bcc.call("GET", "/v2/instance/role/list").document == {"roles": []}
    stamps = [t["headers"]["x-bce-date"] for t in transport.sent]
    assert len(stamps) == 2 and stamps[0] != stamps[1]

    bcc, transport = client([error(400, "RequestExpired"), error(400, "RequestExpired"), ok({})])
    with pytest.raises(CloudError) as caught:
        bcc.call("GET", "/v2/instance/role/list")
    assert caught.value.code == "RequestExpired" and caught.value.attempts == 2
    assert "NTP" in caught.value.hint


def test_request_expired_is_re_signed_with_the_servers_clock():
    # The server is an hour ahead: the retry carries its time, and the module will warn.
    expired = error(400, "RequestExpired", headers={"Date": "Tue, 14 Nov 2023 23:13:27 GMT"})
    bcc, transport = client([expired, ok({"roles": []})])
    bcc.call("GET", "/v2/instance/role/list")
    assert transport.sent[1]["headers"]["x-bce-date"] >= "2023-11-14T23:13:27Z"
    assert len(bcc.warnings) == 1 and "NTP" in bcc.warnings[0]


@pytest.mark.parametrize("fault", [
    error(500, "InternalError"),
    error(503, "SomethingNew"),
    HttpResponse(502, {}, b"<html>bad gateway</html>"),
    HttpResponse(503, {"Retry-After": "0"}, b""),
    HttpResponse(200, {}, b'{"Response": {"RequestId": "trunc'),
    CloudError("baiducloud", "ConnectionError", "dropped", retryable=True, category="transport"),
])
def test_transient_faults_are_retried(fault):
    bcc, transport = client([fault, ok({"roles": [{"roleName": "R"}]})])
    assert bcc.call("GET", "/v2/instance/role/list").document["roles"] == [{"roleName": "R"}]
    assert len(transport.sent) == 2


def test_unknown_code_with_a_client_status_is_permanent():
    bcc, transport = client([error(400, "SomethingNew")])
    with pytest.raises(CloudError) as caught:
        bcc.call("GET", "/v2/instance/role/list")
    assert caught.value.retryable is False and len(transport.sent) == 1


def test_non_envelope_error_page():
    bcc, _transport = client([HttpResponse(404, {}, b"<html>not here</html>")])
    with pytest.raises(CloudError) as caught:
        bcc.call("GET", "/v2/instance/role/list")
    assert caught.value.code == "HTTP404" and not caught.value.retryable


def test_catalog_is_data():
    assert CATALOG["*"]["retryable"] is False
    for code, entry in CATALOG.items():
        assert set(entry) <= {"category", "retryable", "retry_limit", "hint"}, code
        assert isinstance(entry["retryable"], bool)
    assert CATALOG["RequestExpired"]["retry_limit"] == 1
    for code in ("SignatureDoesNotMatch", "AccessDenied", "BadRequest", "NoSuchObject", "InvalidAccessKeyId"):
        assert CATALOG[code]["retryable"] is False
