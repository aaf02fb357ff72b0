# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._baidu_signer import (
    DEFAULT_EXPIRATION,
    SignedRequest,
    auth_string_prefix,
    canonical_query_string,
    canonical_uri,
    derive_signing_key,
    format_timestamp,
    host_header,
    sign_request,
    uri_encode,
)

# ---------------------------------------------------------------------------
# V0: the official vector (research/baidu.md 2.2)
# ---------------------------------------------------------------------------

V0_AK = "a" * 32
V0_SK = "b" * 32
V0_TS = 1430123029  # 2015-04-27T08:23:49Z
V0_QUERY = "partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851"
V0_HEADERS = {
    "Host": "bj.bcebos.com",
    "Content-Type": "text/plain",
    "Content-Length": "8",
    "Content-Md5": "NFzcPqhviddjRNnSOGo4rw==",
    "x-bce-date": "2015-04-27T08:23:49Z",
}
V0_CANONICAL = (
    "PUT\n/v1/test/myfolder/readme.txt\n"
    "partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851\n"
    "content-length:8\ncontent-md5:NFzcPqhviddjRNnSOGo4rw%3D%3D\ncontent-type:text%2Fplain\n"
    "host:bj.bcebos.com\nx-bce-date:2015-04-27T08%3A23%3A49Z"
)
V0_AUTHORIZATION = (
    "bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800//"
    "d74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e"
)


def _sign_v0(path="/v1/test/myfolder/readme.txt", **kwargs):
    kwargs.setdefault("list_signed_headers", False)
    return sign_request("PUT", path, V0_QUERY, V0_HEADERS,
                        access_key=V0_AK, secret_key=V0_SK, timestamp=V0_TS, **kwargs)


def test_v0_signing_key():
    prefix = auth_string_prefix(V0_AK, V0_TS, 1800)
    assert prefix == "bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800"
    assert derive_signing_key(V0_SK, prefix) == "1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479"


def test_v0_official_vector():
    signed = _sign_v0()
    assert signed.canonical_request == V0_CANONICAL
    assert signed.authorization == V0_AUTHORIZATION
    assert signed.headers["Authorization"] == V0_AUTHORIZATION
    assert signed.signed_headers == []


def test_v0_same_with_query_as_pairs():
    signed = sign_request("PUT", "/v1/test/myfolder/readme.txt",
                          [("uploadId", "a44cc9bab11cbd156984767aad637851"), ("partNumber", 9)],
                          V0_HEADERS, access_key=V0_AK, secret_key=V0_SK, timestamp=V0_TS,
                          list_signed_headers=False)
    assert signed.authorization == V0_AUTHORIZATION


def test_v0_sample_code_path_without_v1():
    # The sample-code page's snippet drops '/v1'; research/baidu.md records what that gives.
    signed = _sign_v0(path="/test/myfolder/readme.txt")
    assert signed.authorization.endswith("/1800//1816c10fce34ba9c9825eddc05fd6058bf82e05fefeddee8da6f869486ea68c0")


def test_v0_with_host_and_date_listed():
    signed = _sign_v0(signed_headers=["host", "x-bce-date"], list_signed_headers=True)
    assert signed.authorization == (
        "bce-auth-v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/2015-04-27T08:23:49Z/1800/host;x-bce-date/"
        "1b8de5a23a56eef657c69f94c621e7acd227d049a4ba577f537d5e5cebf0cf32")


# ---------------------------------------------------------------------------
# V1-V6: BCC role vectors (research/baidu.md 2.2)
# ---------------------------------------------------------------------------

AK = "AKIDEXAMPLE0000000000000000000000"
SK = "SKEXAMPLE0000000000000000000000000"
TS = 1700000000  # 2023-11-14T22:13:20Z
BODY = b'{"roleName":"MyBccRole","instances":[{"instanceId":"i-AbCdEf12"}]}'
BCC_HEADERS = {
    "Host": "bcc.bj.baidubce.com",
    "Content-Type": "application/json",
    "Content-Length": str(len(BODY)),
}
PREFIX = "bce-auth-v1/AKIDEXAMPLE0000000000000000000000/2023-11-14T22:13:20Z/1800"
EMPTY = object()  # marks "empty signedHeaders" in the table below

BCC_VECTORS = [
    # id, method, path, query, headers, token, signed_headers, expected signedHeaders field, signature
    ("V1a", "POST", "/v2/instance/role", "bind", BCC_HEADERS, None, ["host", "x-bce-date"],
     "host;x-bce-date", "de0705dc4a2a17add1f04504621d4c08c5416f27e091744ed29fc86147fce516"),
    ("V1b", "POST", "/v2/instance/role", "bind", BCC_HEADERS, None, EMPTY,
     "", "5559d2348b2cfbbfa8dc6503a5cf92827df0cae5fec28e1c94150faaff2858c7"),
    ("V1c", "POST", "/v2/instance/role", "bind", BCC_HEADERS, None,
     ["content-length", "content-type", "host", "x-bce-date"],
     "content-length;content-type;host;x-bce-date", "5559d2348b2cfbbfa8dc6503a5cf92827df0cae5fec28e1c94150faaff2858c7"),
    # V1c is also what the default selection (signed_headers=None) produces.
    ("V1c-default", "POST", "/v2/instance/role", "bind", BCC_HEADERS, None, None,
     "content-length;content-type;host;x-bce-date", "5559d2348b2cfbbfa8dc6503a5cf92827df0cae5fec28e1c94150faaff2858c7"),
    ("V2a", "POST", "/v2/instance/role", "unbind", BCC_HEADERS, None, ["host", "x-bce-date"],
     "host;x-bce-date", "305cbf9c5e1688bc69268227bb4726193aa24cd2d941cf0cda16dc2218717f39"),
    ("V2b", "POST", "/v2/instance/role", "unbind", BCC_HEADERS, None, EMPTY,
     "", "1d584bfd21aab99235a45cdd369931b763ecc737e88cabbdcd22fa7a2ffadcf7"),
    ("V3a", "POST", "/v2/instance/role", "bind&clientToken=tok-123", BCC_HEADERS, None, ["host", "x-bce-date"],
     "host;x-bce-date", "c9c223b6347d4587caf3457c6cc17542ce62744ccea247936758ae9e8ee1314e"),
    ("V3b", "POST", "/v2/instance/role", "bind&clientToken=tok-123", BCC_HEADERS, None, EMPTY,
     "", "9cb7d5c781e9fdf8f60ed9d3013104b8c9299e3acfb87b2c77c2b58cde64cefd"),
    ("V4", "GET", "/v2/instance/i-AbCdEf12", None, {"Host": "bcc.bj.baidubce.com"}, None, ["host", "x-bce-date"],
     "host;x-bce-date", "405c7a8f1bf601c2ee96612acc12011b3e4683a1c8d9ab8e296766a17ba7336f"),
    ("V5", "POST", "/v2/instance/role", "bind", BCC_HEADERS, "STS-TOKEN-EXAMPLE", None,
     "content-length;content-type;host;x-bce-date;x-bce-security-token",
     "d746766a1b4a2e0e7c2c70609c425c55112ac3521dafdcd6e817e31410ddd4c7"),
    # V6: what the SDK's BccClient sent to a local server (no Content-Type, empty signedHeaders).
    ("V6-bind", "POST", "/v2/instance/role", "bind=&clientToken=tok-123",
     {"Host": "127.0.0.1:18080", "Content-Length": "70"}, None, EMPTY,
     "", "7e1df38f465de348697c6c74434f363030b580afea784203947d2ed9613fb329"),
    ("V6-get", "GET", "/v2/instance/i-AbCdEf12", None,
     {"Host": "127.0.0.1:18080", "Content-Length": "0"}, None, EMPTY,
     "", "4196bb48b1c3d8ff1e00eaa03b46895da8a14f9c3d3a0d62c5c48ec2ab884b04"),
    ("V6-unbind", "POST", "/v2/instance/role", "clientToken=tok-456&unbind=",
     {"Host": "127.0.0.1:18080", "Content-Length": "70"}, None, EMPTY,
     "", "db604eb92e043bee84bba5768f4da3e501e8af18fe05cdd8ee12f2fc72220eb6"),
]


@pytest.mark.parametrize(
    "method, path, query, headers, token, signed_headers, listed, signature",
    [vector[1:] for vector in BCC_VECTORS],
    ids=[vector[0] for vector in BCC_VECTORS])
def test_bcc_vectors(method, path, query, headers, token, signed_headers, listed, signature):
    kwargs = {}
    if signed_headers is EMPTY:
        kwargs["list_signed_headers"] = False
    else:
        kwargs["signed_headers"] = signed_headers
    signed = sign_request(method, path, query, headers, access_key=AK, secret_key=SK, timestamp=TS,
                          security_token=token, **kwargs)
    assert signed.authorization == "%s/%s/%s" % (PREFIX, listed, signature)
    assert signed.headers["x-bce-date"] == "2023-11-14T22:13:20Z"


def test_bcc_signing_key():
    assert derive_signing_key(SK, auth_string_prefix(AK, TS)) == \
        "494ca5f05566dbe4849cd27699025455ff4e16c7428878ddc1121d771bff3fc9"


def test_bcc_canonical_requests():
    v1a = sign_request("POST", "/v2/instance/role", "bind", BCC_HEADERS, access_key=AK, secret_key=SK,
                       timestamp=TS, signed_headers=["host", "x-bce-date"])
    assert v1a.canonical_request == \
        "POST\n/v2/instance/role\nbind=\nhost:bcc.bj.baidubce.com\nx-bce-date:2023-11-14T22%3A13%3A20Z"
    v1b = sign_request("POST", "/v2/instance/role", "bind", BCC_HEADERS, access_key=AK, secret_key=SK,
                       timestamp=TS, list_signed_headers=False)
    assert v1b.canonical_request == (
        "POST\n/v2/instance/role\nbind=\ncontent-length:66\ncontent-type:application%2Fjson\n"
        "host:bcc.bj.baidubce.com\nx-bce-date:2023-11-14T22%3A13%3A20Z")
    v4 = sign_request("GET", "/v2/instance/i-AbCdEf12", None, {"Host": "bcc.bj.baidubce.com"},
                      access_key=AK, secret_key=SK, timestamp=TS)
    assert v4.canonical_request == \
        "GET\n/v2/instance/i-AbCdEf12\n\nhost:bcc.bj.baidubce.com\nx-bce-date:2023-11-14T22%3A13%3A20Z"
    v6 = sign_request("POST", "/v2/instance/role", "bind&clientToken=tok-123",
                      {"Host": "127.0.0.1:18080", "Content-Length": "70"},
                      access_key=AK, secret_key=SK, timestamp=TS, list_signed_headers=False)
    assert v6.canonical_request == (
        "POST\n/v2/instance/role\nbind=&clientToken=tok-123\ncontent-length:70\n"
        "host:127.0.0.1%3A18080\nx-bce-date:2023-11-14T22%3A13%3A20Z")


# ---------------------------------------------------------------------------
# Canonical rules, one by one
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("AZaz09-._~", "AZaz09-._~"),
    (":", "%3A"),
    ("/", "%2F"),
    ("=", "%3D"),
    (" ", "%20"),
    ("+", "%2B"),
    ("*", "%2A"),
    ("\u00e9", "%C3%A9"),  # UTF-8 bytes, uppercase hex
    ("\u4e2d", "%E4%B8%AD"),
])
def test_uri_encode(text, expected):
    assert uri_encode(text) == expected


def test_canonical_uri_keeps_slash():
    assert canonical_uri("/v2/instance/role") == "/v2/instance/role"
    assert canonical_uri("/a b/c:d") == "/a%20b/c%3Ad"
    assert canonical_uri("") == "/"
    with pytest.raises(ValueError):
        canonical_uri("v2/instance")


@pytest.mark.parametrize("query", [
    "bind",
    "?bind",
    "bind=",
    [("bind", None)],
    [("bind", "")],
    {"bind": None},
])
def test_flag_parameter_forms_agree(query):
    assert canonical_query_string(query) == "bind="


def test_query_sorted_and_encoded():
    assert canonical_query_string([("unbind", None), ("clientToken", "tok 456")]) == "clientToken=tok%20456&unbind="
    assert canonical_query_string("a=%2F&b=x%3Ay") == "a=%2F&b=x%3Ay"
    assert canonical_query_string(None) == ""
    assert canonical_query_string([("maxKeys", 100), ("marker", "i-1")]) == "marker=i-1&maxKeys=100"


def test_authorization_parameter_not_signed_but_sent():
    signed = sign_request("GET", "/x", [("authorization", "abc"), ("k", "v")], {"Host": "h"},
                          access_key=AK, secret_key=SK, timestamp=TS)
    assert signed.canonical_request.split("\n")[2] == "k=v"
    assert signed.query_string == "authorization=abc&k=v"


def test_header_names_and_values_trimmed_and_lowercased():
    messy = {" HOST ": "  bcc.bj.baidubce.com ", "content-TYPE": " application/json",
             "Content-Length": 66}
    clean = sign_request("POST", "/v2/instance/role", "bind", BCC_HEADERS, access_key=AK, secret_key=SK,
                         timestamp=TS)
    other = sign_request("POST", "/v2/instance/role", "bind", messy, access_key=AK, secret_key=SK,
                         timestamp=TS)
    assert other.authorization == clean.authorization
    # What is sent is what was signed: trimmed strings.
    assert other.headers["HOST"] == "bcc.bj.baidubce.com"
    assert other.headers["Content-Length"] == "66"


def test_empty_header_not_signed():
    with_empty = dict(BCC_HEADERS, **{"Content-Md5": ""})
    a = sign_request("POST", "/v2/instance/role", "bind", with_empty, access_key=AK, secret_key=SK, timestamp=TS)
    b = sign_request("POST", "/v2/instance/role", "bind", BCC_HEADERS, access_key=AK, secret_key=SK, timestamp=TS)
    assert a.authorization == b.authorization


def test_unsigned_headers_do_not_change_signature():
    extra = dict(BCC_HEADERS, **{"User-Agent": "ansible", "Accept": "*/*"})
    a = sign_request("POST", "/v2/instance/role", "bind", extra, access_key=AK, secret_key=SK, timestamp=TS)
    b = sign_request("POST", "/v2/instance/role", "bind", BCC_HEADERS, access_key=AK, secret_key=SK, timestamp=TS)
    assert a.authorization == b.authorization
    assert a.headers["User-Agent"] == "ansible"


def test_sts_token_is_sent_and_signed():
    signed = sign_request("POST", "/v2/instance/role", "bind", BCC_HEADERS, access_key=AK, secret_key=SK,
                          timestamp=TS, security_token="tok", signed_headers=["host"])
    assert signed.headers["x-bce-security-token"] == "tok"
    assert signed.signed_headers == ["host", "x-bce-date", "x-bce-security-token"]
    assert "\nx-bce-security-token:tok" in signed.canonical_request
    padded = sign_request("POST", "/v2/instance/role", "bind", BCC_HEADERS, access_key=AK, secret_key=SK,
                          timestamp=TS, security_token=" tok ", signed_headers=["host"])
    assert padded.authorization == signed.authorization
    assert padded.headers["x-bce-security-token"] == "tok"


def test_default_expiration_and_custom_expiration():
    assert DEFAULT_EXPIRATION == 1800
    signed = sign_request("GET", "/v2/instance/role/list", None, {"Host": "h"}, access_key=AK, secret_key=SK,
                          timestamp=TS, expiration=3600)
    assert signed.authorization.startswith("bce-auth-v1/%s/2023-11-14T22:13:20Z/3600/host;x-bce-date/" % AK)


def test_timestamp_forms():
    utc = datetime.timezone.utc
    assert format_timestamp(TS) == "2023-11-14T22:13:20Z"
    assert format_timestamp(TS + 0.9) == "2023-11-14T22:13:20Z"
    assert format_timestamp(datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=utc)) == "2023-11-14T22:13:20Z"
    plus8 = datetime.timezone(datetime.timedelta(hours=8))
    assert format_timestamp(datetime.datetime(2023, 11, 15, 6, 13, 20, tzinfo=plus8)) == "2023-11-14T22:13:20Z"
    with pytest.raises(ValueError):
        format_timestamp(datetime.datetime(2023, 11, 14, 22, 13, 20))
    with pytest.raises(TypeError):
        format_timestamp("2023-11-14T22:13:20Z")


@pytest.mark.parametrize("endpoint, expected", [
    ("http://127.0.0.1:18080", "127.0.0.1:18080"),
    ("https://bcc.bj.baidubce.com", "bcc.bj.baidubce.com"),
    ("https://bcc.bj.baidubce.com:443", "bcc.bj.baidubce.com"),
    ("http://bcc.bj.baidubce.com:80/", "bcc.bj.baidubce.com"),
    ("https://bcc.bj.baidubce.com:8443", "bcc.bj.baidubce.com:8443"),
    ("http://[::1]:18080", "[::1]:18080"),
    ("http://127.0.0.1:/", "127.0.0.1"),
])
def test_host_header(endpoint, expected):
    assert host_header(endpoint) == expected


@pytest.mark.parametrize("endpoint", ["127.0.0.1:18080", "ftp://x", "http://"])
def test_host_header_rejects(endpoint):
    with pytest.raises(ValueError):
        host_header(endpoint)


def test_endpoint_userinfo_not_echoed():
    with pytest.raises(ValueError) as excinfo:
        host_header("ftp://user:hunter2@example.com")
    assert "hunter2" not in str(excinfo.value)
    assert "example.com" in str(excinfo.value)


def test_url_and_request_target():
    signed = sign_request("POST", "/v2/instance/role", [("bind", None), ("clientToken", "t")],
                          {"Host": "127.0.0.1:18080"}, access_key=AK, secret_key=SK, timestamp=TS)
    assert signed.request_target == "/v2/instance/role?bind=&clientToken=t"
    assert signed.url("http://127.0.0.1:18080") == "http://127.0.0.1:18080/v2/instance/role?bind=&clientToken=t"
    assert signed.url("http://127.0.0.1:18080/") == "http://127.0.0.1:18080/v2/instance/role?bind=&clientToken=t"
    with pytest.raises(ValueError):
        signed.url("http://127.0.0.1:18080/prefix")
    get = sign_request("GET", "/v2/instance/i-1", None, {"Host": "h"}, access_key=AK, secret_key=SK, timestamp=TS)
    assert get.request_target == "/v2/instance/i-1"
    assert get.query_string == ""


def test_method_case_and_input_not_mutated():
    headers = dict(BCC_HEADERS)
    lower = sign_request("post", "/v2/instance/role", "bind", headers, access_key=AK, secret_key=SK, timestamp=TS)
    upper = sign_request("POST", "/v2/instance/role", "bind", headers, access_key=AK, secret_key=SK, timestamp=TS)
    assert lower.authorization == upper.authorization
    assert headers == BCC_HEADERS
    assert isinstance(upper, SignedRequest)


def test_matching_x_bce_date_accepted_and_conflicts_rejected():
    same = dict(BCC_HEADERS, **{"X-Bce-Date": "2023-11-14T22:13:20Z"})
    signed = sign_request("POST", "/v2/instance/role", "bind", same, access_key=AK, secret_key=SK, timestamp=TS)
    assert "x-bce-date" not in signed.headers and signed.headers["X-Bce-Date"] == "2023-11-14T22:13:20Z"
    other = dict(BCC_HEADERS, **{"x-bce-date": "2023-11-14T22:13:21Z"})
    with pytest.raises(ValueError, match="x-bce-date"):
        sign_request("POST", "/v2/instance/role", "bind", other, access_key=AK, secret_key=SK, timestamp=TS)


@pytest.mark.parametrize("kwargs, headers, message", [
    ({}, {"Content-Type": "application/json"}, "Host"),
    ({"signed_headers": ["content-md5"]}, BCC_HEADERS, "content-md5"),
    ({"signed_headers": ["host"], "list_signed_headers": False}, BCC_HEADERS, "list_signed_headers"),
    ({"expiration": 0}, BCC_HEADERS, "expiration"),
    ({}, {"Host": "h", "host": "h"}, "twice"),
    ({}, {"Host": "h\r\nX-Evil: 1"}, "line break"),
])
def test_invalid_input(kwargs, headers, message):
    with pytest.raises(ValueError, match=message):
        sign_request("POST", "/v2/instance/role", "bind", headers, access_key=AK, secret_key=SK, timestamp=TS,
                     **kwargs)


def test_secrets_never_leak():
    secret = "S3CRET-SHOULD-NOT-LEAK"
    token = "TOKEN-SHOULD-NOT-LEAK"
    signed = sign_request("POST", "/v2/instance/role", "bind", BCC_HEADERS, access_key=AK, secret_key=secret,
                          timestamp=TS, security_token=token)
    text = repr(signed) + str(signed)
    assert secret not in text
    assert token not in text
    assert signed.authorization not in text
    assert secret not in signed.canonical_request
    bad_calls = [
        dict(headers={"Content-Type": "x"}),
        dict(headers=dict(BCC_HEADERS, **{"x-bce-security-token": "other"}), security_token=token),
        dict(headers=BCC_HEADERS, expiration=-1),
        dict(headers=BCC_HEADERS, access_key="a/b"),
        dict(headers=BCC_HEADERS, timestamp="now"),
        dict(headers=BCC_HEADERS, security_token=token + "\nX-Evil: 1"),
    ]
    for call in bad_calls:
        kwargs = dict(access_key=AK, secret_key=secret, timestamp=TS)
        kwargs.update(call)
        headers = kwargs.pop("headers")
        with pytest.raises((ValueError, TypeError)) as excinfo:
            sign_request("POST", "/v2/instance/role", "bind", headers, **kwargs)
        assert secret not in str(excinfo.value)
        assert token not in str(excinfo.value)
        assert "other" not in str(excinfo.value)


# ---------------------------------------------------------------------------
# The official SDK's own signer as an oracle
# ---------------------------------------------------------------------------

def _sdk_signer():
    signer = pytest.importorskip("baidubce.auth.bce_v1_signer")
    credentials = pytest.importorskip("baidubce.auth.bce_credentials")
    return signer, credentials


def _json_body(payload):
    return json.dumps(payload, separators=(",", ":")).encode("utf-8")


BIND_BODY = _json_body({"instances": [{"instanceId": "i-AbCdEf12"}, {"instanceId": "i-XyZ98765"}],
                        "roleName": "MyBccRole"})
LIST_BODY = _json_body({"instanceIds": ["i-AbCdEf12", "i-XyZ98765"]})

# Requests shaped like the ones baiducloud_bcc_instance_role sends.
MODULE_REQUESTS = [
    ("bind", "POST", "/v2/instance/role", [("bind", None)], BIND_BODY),
    ("bind-token", "POST", "/v2/instance/role", [("bind", None), ("clientToken", "tok-123")], BIND_BODY),
    ("unbind", "POST", "/v2/instance/role", [("unbind", None)], BIND_BODY),
    ("unbind-token", "POST", "/v2/instance/role", [("clientToken", "tok-456"), ("unbind", None)], BIND_BODY),
    ("list-by-id", "POST", "/v2/instance/listByInstanceId", [("maxKeys", 100), ("marker", "i-Mark/er 1")], LIST_BODY),
    ("list-by-id-bare", "POST", "/v2/instance/listByInstanceId", None, LIST_BODY),
    ("get", "GET", "/v2/instance/i-AbCdEf12", None, None),
    ("get-failed", "GET", "/v2/instance/i-AbCdEf12", [("containsFailed", "true")], None),
    ("role-list", "GET", "/v2/instance/role/list", None, None),
]
HOSTS = ["127.0.0.1:18080", "bcc.bj.baidubce.com"]
# (signed_headers, list_signed_headers): explicit default selection, server default set, host+date only.
MODES = [
    ("listed", None, True),
    ("empty", None, False),
    ("host-date", ["host", "x-bce-date"], True),
]
TOKENS = [None, "STS-SESSION-TOKEN/with+odd=chars"]


def _module_headers(host, body):
    headers = {"Host": host}
    if body is not None:
        headers["Content-Type"] = "application/json; charset=utf-8"
        headers["Content-Length"] = str(len(body))
    return headers


def _sdk_sign(signer, credentials, method, path, query, signed, timestamp, expiration, ak=AK, sk=SK):
    """Sign with baidubce.auth.bce_v1_signer.sign, fed the same request in its bytes form."""
    sdk_headers = dict((name.encode("utf-8"), value.encode("utf-8"))
                       for name, value in signed.headers.items() if name != "Authorization")
    params = {}
    for name, value in query or []:
        params[name.encode("utf-8")] = None if value is None else str(value).encode("utf-8")
    # The SDK lists headers_to_sign in the order given (and adds every x-bce-* header to the
    # canonical text anyway), so hand it our sorted list.
    to_sign = [name.encode("utf-8") for name in signed.signed_headers] or None
    result = signer.sign(credentials.BceCredentials(ak, sk), method.encode("utf-8"), path.encode("utf-8"),
                         sdk_headers, params, timestamp=timestamp, expiration_in_seconds=expiration,
                         headers_to_sign=to_sign)
    return result.decode("utf-8")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the SDK calls datetime.utcfromtimestamp
@pytest.mark.parametrize("token", TOKENS, ids=["aksk", "sts"])
@pytest.mark.parametrize("mode, signed_headers, list_signed_headers", MODES, ids=[m[0] for m in MODES])
@pytest.mark.parametrize("host", HOSTS)
@pytest.mark.parametrize("name, method, path, query, body", MODULE_REQUESTS, ids=[r[0] for r in MODULE_REQUESTS])
def test_matches_sdk_signer(name, method, path, query, body, host, mode, signed_headers, list_signed_headers, token):
    signer, credentials = _sdk_signer()
    ours = sign_request(method, path, query, _module_headers(host, body), access_key=AK, secret_key=SK,
                        timestamp=TS, security_token=token, signed_headers=signed_headers,
                        list_signed_headers=list_signed_headers)
    if token:
        assert "x-bce-security-token" in ours.canonical_request
    assert ours.authorization == _sdk_sign(signer, credentials, method, path, query, ours, TS, 1800)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("timestamp, expiration", [(1, 60), (1700000000, 3600), (2000000000, 1800), (4102444799, 86400)])
def test_matches_sdk_signer_other_times(timestamp, expiration):
    signer, credentials = _sdk_signer()
    query = [("bind", None), ("clientToken", "tok-123")]
    ours = sign_request("POST", "/v2/instance/role", query, _module_headers("127.0.0.1:18080", BIND_BODY),
                        access_key=AK, secret_key=SK, timestamp=timestamp, expiration=expiration)
    assert ours.authorization == _sdk_sign(signer, credentials, "POST", "/v2/instance/role", query, ours,
                                           timestamp, expiration)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_matches_sdk_signer_official_vector():
    signer, credentials = _sdk_signer()
    signed = _sign_v0()
    query = [("partNumber", "9"), ("uploadId", "a44cc9bab11cbd156984767aad637851")]
    assert _sdk_sign(signer, credentials, "PUT", "/v1/test/myfolder/readme.txt", query, signed, V0_TS, 1800,
                     ak=V0_AK, sk=V0_SK) == V0_AUTHORIZATION


class _Captured(Exception):
    pass


@pytest.fixture
def sdk_capture(monkeypatch):
    """A BccClient whose clock is frozen at TS and whose requests are captured, never sent."""
    pytest.importorskip("baidubce.services.bcc.bcc_client")
    from baidubce import utils
    from baidubce.auth.bce_credentials import BceCredentials
    from baidubce.bce_client_configuration import BceClientConfiguration
    from baidubce.exception import BceHttpClientError
    from baidubce.http import bce_http_client
    from baidubce.retry.retry_policy import NoRetryPolicy
    from baidubce.services.bcc.bcc_client import BccClient

    real_time = utils.get_canonical_time
    # Both the x-bce-date header and the signer read the clock through this function,
    # with 0 meaning "now" (research/baidu.md 2.2).
    monkeypatch.setattr(utils, "get_canonical_time", lambda timestamp=0: real_time(timestamp or TS))
    sent = []

    def capture(conn, http_method, uri, headers, body, send_buf_size):
        sent.append((http_method, uri, dict(headers), body))
        raise _Captured()

    monkeypatch.setattr(bce_http_client, "_send_http_request", capture)

    def run(endpoint, call):
        client = BccClient(BceClientConfiguration(credentials=BceCredentials(AK, SK), endpoint=endpoint,
                                                  retry_policy=NoRetryPolicy()))
        with pytest.raises(BceHttpClientError):
            call(client)
        assert len(sent) == 1
        method, uri, headers, body = sent.pop()
        as_text = dict((k.decode("utf-8") if isinstance(k, bytes) else k,
                        v.decode("utf-8") if isinstance(v, bytes) else str(v)) for k, v in headers.items())
        method = method.decode("utf-8") if isinstance(method, bytes) else method
        uri = uri.decode("utf-8") if isinstance(uri, bytes) else uri
        return method, uri, as_text, body

    return run


SDK_CALLS = [
    ("bind", lambda c: c.bind_instance_role(["i-AbCdEf12"], "MyBccRole", client_token="tok-123")),
    ("unbind", lambda c: c.unbind_instance_role(["i-AbCdEf12"], "MyBccRole", client_token="tok-456")),
    ("list-by-id", lambda c: c.list_instance_by_instance_ids(["i-AbCdEf12"], client_token="tok-789", max_keys=10)),
    ("get", lambda c: c.get_instance("i-AbCdEf12")),
    ("role-list", lambda c: c.list_instance_roles(client_token="tok-000")),
]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:18080", "bcc.bj.baidubce.com", "https://bcc.bj.baidubce.com"])
@pytest.mark.parametrize("name, call", SDK_CALLS, ids=[c[0] for c in SDK_CALLS])
def test_matches_sdk_client_end_to_end(sdk_capture, endpoint, name, call):
    method, uri, headers, body = sdk_capture(endpoint, call)
    authorization = headers.pop("Authorization")
    path, _sep, query = uri.partition("?")
    assert headers["x-bce-date"] == "2023-11-14T22:13:20Z"
    # The SDK signs with an empty signedHeaders field; the query string goes in raw.
    ours = sign_request(method, path, query, headers, access_key=AK, secret_key=SK, timestamp=TS,
                        list_signed_headers=False)
    assert ours.authorization == authorization
    assert ours.request_target == uri
    if endpoint.startswith("http://"):
        assert headers["Host"] == host_header(endpoint)
    # For "https://..." the SDK sends "Host: bcc.bj.baidubce.com:443" unless its configuration
    # also says protocol=HTTPS (it compares the port with the configured protocol's default).
    # Either Host is valid; what matters is that the signed one is the one sent.
