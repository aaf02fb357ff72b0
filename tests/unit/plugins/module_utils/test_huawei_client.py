# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Huawei/OTC client over a fake transport: one way to authenticate, endpoints, signing,
error envelopes, retries of transient answers, one re-authentication, and no secret in errors."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_client import (
    HuaweiClient, auth_method, endpoint_for, token_url)
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_errors import CATALOG, is_expired_token
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_spec import ENV, huawei_argument_spec
from ansible_collections.polycloud.ops.plugins.module_utils._transport import HttpResponse
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions

PROJECT = "0d0466b0e7274d9cb35df84bb474a37f"
KEY = "0d0466b0-e727-4d9c-b35d-f84bb474a37f"
BASE = {"cloud": "huaweicloud", "region": None, "project_id": None, "access_key": None, "secret_key": None,
        "security_token": None, "auth_token": None, "username": None, "password": None, "domain_name": None,
        "endpoint": "http://127.0.0.1:18080", "iam_endpoint": None, "timeout": 5.0, "retries": 3,
        "validate_certs": True, "ca_bundle": None}
AKSK = dict(BASE, project_id=PROJECT, access_key="HWTESTAK", secret_key="very-secret-key")
PASSWORD = dict(BASE, region="eu-de", username="u", password="pa55-secret", domain_name="d",
                iam_endpoint="http://127.0.0.1:18080/v3")


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


def _reply(status, document=None, request_id="req-1", headers=None):
    all_headers = {"Content-Type": "application/json", "X-Request-Id": request_id}
    all_headers.update(headers or {})
    body = b"" if document is None else json.dumps(document).encode()
    return HttpResponse(status, all_headers, body)


def _kms_error(status, code, message="m", request_id="req-err"):
    return _reply(status, {"error": {"error_code": code, "error_msg": message}}, request_id)


def _token_reply(token="tok-1"):
    return _reply(201, {"token": {"project": {"id": PROJECT, "name": "eu-de"}}}, headers={"X-Subject-Token": token})


def _client(params, replies):
    return HuaweiClient(params, transport=FakeTransport(replies), clock=lambda: "20240101T120000Z",
                        sleep=lambda s: None)


# Which way to authenticate.

def test_no_credentials_names_every_option_and_env_var():
    with pytest.raises(InvalidOptions) as caught:
        auth_method(BASE)
    text = str(caught.value)
    for name in ("access_key", "secret_key", "auth_token", "username", "password", "domain_name", "HW_ACCESS_KEY",
                 "HUAWEICLOUD_SDK_AK", "OS_ACCESS_KEY", "HW_SECRET_KEY", "HW_AUTH_TOKEN", "HW_USER_NAME",
                 "HW_USER_PASSWORD", "HW_DOMAIN_NAME"):
        assert name in text


@pytest.mark.parametrize("extra", [{"auth_token": "t0ken-secret"}, {"username": "u"}, {"password": "pa55-secret"}])
def test_two_ways_are_refused_without_echoing_values(extra):
    with pytest.raises(InvalidOptions) as caught:
        auth_method(dict(AKSK, **extra))
    assert "exactly one way" in str(caught.value)
    assert "t0ken-secret" not in str(caught.value) and "pa55-secret" not in str(caught.value)
    assert "very-secret-key" not in str(caught.value)


def test_incomplete_ways_name_what_is_missing():
    with pytest.raises(InvalidOptions, match="secret_key .env HW_SECRET_KEY"):
        auth_method(dict(BASE, access_key="ak"))
    with pytest.raises(InvalidOptions, match="access_key.*secret_key"):
        auth_method(dict(BASE, security_token="st"))
    with pytest.raises(InvalidOptions, match="domain_name"):
        auth_method(dict(BASE, username="u", password="p"))
    assert auth_method(AKSK) == "access key"
    assert auth_method(dict(BASE, auth_token="t")) == "token"
    assert auth_method(PASSWORD) == "password"


def test_project_id_is_required_without_password():
    with pytest.raises(InvalidOptions, match="project_id"):
        HuaweiClient(dict(AKSK, project_id=None), transport=FakeTransport([]))
    with pytest.raises(InvalidOptions, match="project_id"):
        HuaweiClient(dict(BASE, auth_token="t"), transport=FakeTransport([]))
    with pytest.raises(InvalidOptions, match="region"):
        HuaweiClient(dict(PASSWORD, region=None), transport=FakeTransport([]))


def test_env_fallbacks_are_wired_and_secrets_are_no_log():
    spec = huawei_argument_spec()
    for option, names in ENV.items():
        assert spec[option]["fallback"][1] == names
    assert ENV["access_key"][0] == "HW_ACCESS_KEY" and "HUAWEICLOUD_SDK_AK" in ENV["access_key"]
    assert ENV["iam_endpoint"] == ["HW_AUTH_URL", "HUAWEICLOUD_SDK_IAM_ENDPOINT", "OS_AUTH_URL"]
    for secret in ("secret_key", "security_token", "auth_token", "password"):
        assert spec[secret]["no_log"] is True
    assert spec["access_key"]["no_log"] is False


# Endpoints.

@pytest.mark.parametrize("cloud, region, kms, iam", [
    ("otc", "eu-de", "https://kms.eu-de.otc.t-systems.com", "https://iam.eu-de.otc.t-systems.com/v3"),
    ("otc", "eu-nl", "https://kms.eu-nl.otc.t-systems.com", "https://iam.eu-nl.otc.t-systems.com/v3"),
    ("otc", "eu-ch2", "https://kms.eu-ch2.sc.otc.t-systems.com", "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3"),
    ("huaweicloud", "cn-north-4", "https://kms.cn-north-4.myhuaweicloud.com",
     "https://iam.cn-north-4.myhuaweicloud.com/v3"),
    ("huaweicloud", "eu-west-101", "https://kms.eu-west-101.myhuaweicloud.eu",
     "https://iam.eu-west-101.myhuaweicloud.eu/v3"),
])
def test_default_endpoints(cloud, region, kms, iam):
    params = dict(BASE, cloud=cloud, region=region, endpoint=None)
    assert endpoint_for(params, "kms") == kms
    assert endpoint_for(params, "iam") == iam


def test_overrides_and_missing_region():
    params = dict(BASE, endpoint="http://127.0.0.1:1/", iam_endpoint="http://127.0.0.1:2")
    assert endpoint_for(params, "kms") == "http://127.0.0.1:1"
    assert endpoint_for(params, "iam") == "http://127.0.0.1:2"
    with pytest.raises(InvalidOptions, match="HW_REGION_NAME"):
        endpoint_for(dict(BASE, endpoint=None), "kms")


@pytest.mark.parametrize("given", ["https://iam.x", "https://iam.x/", "https://iam.x/v3", "https://iam.x/v3/",
                                   "https://iam.x/v3/auth/tokens"])
def test_token_url(given):
    assert token_url(given) == "https://iam.x/v3/auth/tokens"


# Requests.

def test_access_key_requests_are_signed_with_the_project():
    client = _client(dict(AKSK, security_token="temp-token"), [_reply(200, {"tags": [{"key": "a", "value": "1"}],
                                                                            "existTagsNum": 1})])
    assert client.list_tags(KEY) == {"a": "1"}
    method, url, headers, body = client.transport.sent[0]
    assert (method, url, body) == ("GET", "http://127.0.0.1:18080/v1.0/%s/kms/%s/tags" % (PROJECT, KEY), None)
    assert headers["X-Project-Id"] == PROJECT
    assert headers["Host"] == "127.0.0.1:18080"
    assert headers["X-Sdk-Date"] == "20240101T120000Z"
    assert headers["Authorization"].startswith("SDK-HMAC-SHA256 Access=HWTESTAK, SignedHeaders="
                                               "content-type;host;x-project-id;x-sdk-date;x-security-token, ")
    assert "very-secret-key" not in json.dumps(headers)


def test_batch_body_is_sorted_compact_json():
    client = _client(AKSK, [_reply(204)])
    assert client.tags_action(KEY, "delete", {"b": "2", "a": "1"}) == "req-1"
    body = client.transport.sent[0][3]
    assert body == b'{"action":"delete","tags":[{"key":"a","value":"1"},{"key":"b","value":"2"}]}'


def test_token_is_sent_as_x_auth_token():
    client = _client(dict(BASE, project_id=PROJECT, auth_token="tok"), [_reply(204)])
    client.create_tag(KEY, "k", "v")
    headers = client.transport.sent[0][2]
    assert headers["X-Auth-Token"] == "tok" and "Authorization" not in headers


def test_password_fetches_a_project_scoped_token_once():
    client = _client(PASSWORD, [_token_reply(), _reply(200, {"key_info": {"key_id": KEY, "key_state": "2"}}),
                                _reply(200, {"tags": []})])
    info, request_id = client.describe_key(KEY)
    assert info["key_state"] == "2" and request_id == "req-1"
    assert client.list_tags(KEY) == {}
    method, url, headers, body = client.transport.sent[0]
    assert url == "http://127.0.0.1:18080/v3/auth/tokens"
    assert json.loads(body)["auth"]["scope"] == {"project": {"name": "eu-de"}}
    assert client.project_id == PROJECT
    assert [s[2].get("X-Auth-Token") for s in client.transport.sent[1:]] == ["tok-1", "tok-1"]
    assert client.tokens_fetched == 1


def test_expired_token_is_fetched_again_once():
    expired = _reply(401, {"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information: "
                                                                    "token expires"})
    client = _client(PASSWORD, [_token_reply("t1"), expired, _token_reply("t2"), _reply(200, {"tags": []})])
    assert client.list_tags(KEY) == {}
    assert [s[2].get("X-Auth-Token") for s in client.transport.sent if "X-Auth-Token" in s[2]] == ["t1", "t2"]
    assert client.reauthenticated


def test_second_expiry_and_a_static_token_fail_with_the_token_hint():
    expired = _kms_error(403, "KMS.0303", "X-Auth-Token expired.")
    client = _client(PASSWORD, [_token_reply("t1"), expired, _token_reply("t2"), expired])
    with pytest.raises(CloudError) as caught:
        client.list_tags(KEY)
    assert caught.value.code == "KMS.0303" and "auth_token" in caught.value.hint
    client = _client(dict(BASE, project_id=PROJECT, auth_token="tok"), [expired])
    with pytest.raises(CloudError) as caught:
        client.list_tags(KEY)
    assert caught.value.code == "KMS.0303" and len(client.transport.sent) == 1


@pytest.mark.parametrize("reply", [
    HttpResponse(429, {"Retry-After": "0"}, b"<html>429</html>"),
    _reply(429, {"error_code": "APIGW.0308", "error_msg": "throttled"}),
    _kms_error(500, "KMS.0101"),
    _kms_error(503, "KMS.0104"),
    HttpResponse(502, {}, b"bad gateway"),
    _reply(504, {"error_code": "APIGW.0201", "error_msg": "backend timeout"}),
])
def test_transient_answers_are_retried(reply):
    client = _client(AKSK, [reply, _reply(200, {"tags": []})])
    assert client.list_tags(KEY) == {}
    assert len(client.transport.sent) == 2


def test_network_fault_is_retried():
    fault = CloudError("huaweicloud", "ConnectionError", "refused", retryable=True)
    client = _client(AKSK, [fault, _reply(204)])
    client.create_tag(KEY, "k", "v")
    assert len(client.transport.sent) == 2


@pytest.mark.parametrize("status, code", [(404, "KMS.0207"), (400, "KMS.0406"), (400, "KMS.0210"),
                                          (403, "KMS.0321"), (400, "APIGW.0201"), (401, "APIGW.0301")])
def test_permanent_errors_fail_at_once_with_code_and_request_id(status, code):
    client = _client(AKSK, [_kms_error(status, code, request_id="req-perm")])
    with pytest.raises(CloudError) as caught:
        client.list_tags(KEY)
    err = caught.value
    assert (err.code, err.request_id, err.http_status, err.retryable) == (code, "req-perm", status, False)
    assert len(client.transport.sent) == 1
    assert "very-secret-key" not in json.dumps(err.to_dict())


def test_retry_budget_is_respected():
    client = _client(dict(AKSK, retries=2), [_kms_error(500, "KMS.0101")] * 3)
    with pytest.raises(CloudError) as caught:
        client.list_tags(KEY)
    assert caught.value.attempts == 3


def test_iam_refusal_names_the_options_but_not_the_password():
    refusal = _reply(401, {"error": {"code": 401, "message": "The username or password is wrong.",
                                     "title": "Unauthorized"}})
    client = _client(PASSWORD, [refusal])
    with pytest.raises(CloudError) as caught:
        client.list_tags(KEY)
    err = caught.value
    assert err.code == "HTTP401" and "username" in err.hint and not err.retryable
    assert "pa55-secret" not in json.dumps(err.to_dict()) + str(err)


def test_taggable_key_refuses_pending_deletion_and_default_keys():
    client = _client(AKSK, [_reply(200, {"key_info": {"key_id": KEY, "key_state": "4", "default_key_flag": "0"}},
                                   request_id="req-d")])
    with pytest.raises(CloudError) as caught:
        client.taggable_key(KEY)
    assert caught.value.code == "KMS.0210" and caught.value.request_id == "req-d"
    assert "pending deletion" in caught.value.message
    client = _client(AKSK, [_reply(200, {"key_info": {"key_id": KEY, "key_state": "2", "default_key_flag": "1"}})])
    with pytest.raises(CloudError) as caught:
        client.taggable_key(KEY)
    assert caught.value.code == "KMS.0211"


def test_catalog_marks_transient_codes_and_token_expiry():
    for code in ("APIGW.0308", "KMS.0101", "KMS.0102", "KMS.0104"):
        assert CATALOG[code]["retryable"] is True
    for code in ("KMS.0207", "KMS.0210", "KMS.0406", "APIGW.0301", "KMS.0303"):
        assert CATALOG[code]["retryable"] is False
    assert is_expired_token("KMS.0303", "X-Auth-Token expired.")
    assert is_expired_token("APIGW.0301", "Incorrect IAM authentication information: token expires")
    assert not is_expired_token("APIGW.0301", "Incorrect IAM authentication information: verify aksk signature fail")


# The official SDK's signer agrees with the requests this client really sends.

@pytest.mark.parametrize("call", [
    lambda c: c.list_tags(KEY),
    lambda c: c.create_tag(KEY, "k\u00e9y", "v\u00e9"),
    lambda c: c.tags_action(KEY, "delete", {"team/a b": "x", "env": "prod"}),
    lambda c: c.describe_key(KEY),
])
@pytest.mark.parametrize("security_token", [None, "gAAAAABexampleSecurityToken"])
def test_sdk_signer_accepts_what_the_client_sends(call, security_token):
    pytest.importorskip("huaweicloudsdkcore")
    from urllib.parse import urlsplit

    from huaweicloudsdkcore.auth.credentials import BasicCredentials  # pylint: disable=import-error
    from huaweicloudsdkcore.sdk_request import SdkRequest  # pylint: disable=import-error
    from huaweicloudsdkcore.signer.signer import Signer  # pylint: disable=import-error

    client = _client(dict(AKSK, endpoint="https://kms.eu-de.otc.t-systems.com", security_token=security_token),
                     [_reply(200, {"tags": [], "key_info": {"key_id": KEY}})])
    call(client)
    method, url, headers, body = client.transport.sent[0]
    parts = urlsplit(url)
    ours = headers.pop("Authorization")
    request = SdkRequest(method=method, schema="https", host=parts.netloc, resource_path=parts.path, uri=parts.path,
                         query_params=[], header_params=dict(headers), body=body or "")
    credentials = BasicCredentials("HWTESTAK", "very-secret-key", PROJECT)
    theirs = Signer(credentials).sign(request).header_params["Authorization"]
    assert ours == theirs


# The host's token cache (password login).

def _dated_token_reply(token):
    return _reply(201, {"token": {"expires_at": "2999-01-01T00:00:00.000000Z",
                                  "project": {"id": PROJECT, "name": "eu-de"}}}, headers={"X-Subject-Token": token})


def test_a_password_token_serves_the_next_task_from_the_cache():
    first = _client(PASSWORD, [_dated_token_reply("t1"), _reply(200, {"tags": []})])
    first.list_tags(KEY)
    second = _client(PASSWORD, [_reply(200, {"tags": []})])
    second.list_tags(KEY)
    assert second.tokens_fetched == 0 and second.project_id == PROJECT
    assert second.transport.sent[0][2]["X-Auth-Token"] == "t1"
    # Another password does not get that token.
    third = _client(dict(PASSWORD, password="other"), [_dated_token_reply("t3"), _reply(200, {"tags": []})])
    third.list_tags(KEY)
    assert third.tokens_fetched == 1


def test_a_refused_cached_token_is_replaced_without_using_up_the_one_reauthentication():
    _client(PASSWORD, [_dated_token_reply("t1"), _reply(200, {"tags": []})]).list_tags(KEY)
    refusal = "Incorrect IAM authentication information: decrypt token fail"
    unknown = _reply(401, {"error_code": "APIGW.0301", "error_msg": refusal})
    expired = _kms_error(403, "KMS.0303", "X-Auth-Token expired.")
    client = _client(PASSWORD, [unknown, _dated_token_reply("t2"), _reply(200, {"tags": []}),
                                expired, _dated_token_reply("t3"), _reply(204)])
    assert client.list_tags(KEY) == {}
    client.create_tag(KEY, "k", "v")
    assert [s[2].get("X-Auth-Token") for s in client.transport.sent if "X-Auth-Token" in s[2]] == [
        "t1", "t2", "t2", "t3"]
    assert client.tokens_fetched == 2 and client.reauthenticated
