# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The official huaweicloudsdkkms KmsClient (AK/SK, endpoint override) drives the offline cloud's KMS
tag APIs and describe-key: its signatures are accepted, a wrong secret key is refused as the API
gateway refuses it, and its error parsing sees our error codes and request ids."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import urllib.request

import pytest

pytest.importorskip("huaweicloudsdkkms")

from huaweicloudsdkcore.auth.credentials import BasicCredentials  # noqa: E402 pylint: disable=wrong-import-position
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException  # noqa: E402 pylint: disable=wrong-import-position
from huaweicloudsdkcore.http.http_config import HttpConfig  # noqa: E402 pylint: disable=wrong-import-position
from huaweicloudsdkkms.v2 import (  # noqa: E402 pylint: disable=wrong-import-position
    BatchCreateKmsTagsRequest, BatchCreateKmsTagsRequestBody, CreateKmsTagRequest, CreateKmsTagRequestBody,
    DeleteTagRequest, KmsClient, ListKeyDetailRequest, OperateKeyRequestBody, ShowKmsTagsRequest, TagItem)

AK = "HWSDKTESTACCESSKEY01"
SK = "sdk-test-huawei-secret"
PROJECT = "0d0466b0e7274d9cb35df84bb474a37f"
OTHER_PROJECT = "6b2b9c8e1f0a4d3c8e7f6a5b4c3d2e1f"
KEY = "0d0466b0-e727-4d9c-b35d-f84bb474a37f"
PENDING = "1d0466b0-e727-4d9c-b35d-f84bb474a37f"


def _client(url, ak=AK, sk=SK, project=PROJECT, security_token=None):
    config = HttpConfig.get_default_config()
    config.retry_times = 0
    config.timeout = 10
    credentials = BasicCredentials(ak, sk, project)
    if security_token:
        credentials = credentials.with_security_token(security_token)
    return (KmsClient.new_builder().with_http_config(config).with_credentials(credentials)
            .with_endpoint(url).build())


@pytest.fixture
def seeded(control):
    control.seed({"huaweicloud": {
        "accounts": [{"domain_name": "sdk-test", "domain_id": "11112222333344445555666677778888",
                      "projects": [{"id": PROJECT.replace("0d04", "ffff"), "name": "eu-nl"}],
                      "access_keys": [{"access_key": "HWTEMPORARYKEY000001", "secret_key": "temp-secret",
                                       "security_token": "gAAAAABexampleSecurityToken"}]}],
        "keys": [{"key_id": KEY, "project_id": PROJECT, "key_alias": "sdk", "tags": {"env": "dev"}},
                 {"key_id": PENDING, "project_id": PROJECT, "key_state": "4"}],
    }})
    # The default account's access key, under the name this test uses.
    control.seed({"huaweicloud": {"accounts": [{
        "domain_name": "polycloud-offline", "domain_id": "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b",
        "access_keys": [{"access_key": AK, "secret_key": SK}]}]}})
    return control


def _tags(client, key_id=KEY):
    return dict((t["key"], t["value"]) for t in client.show_kms_tags(ShowKmsTagsRequest(key_id=key_id))
                .to_json_object()["tags"])


def test_sdk_tag_round_trip_and_describe_key(emulator, seeded):
    client = _client(emulator.url)
    info = client.list_key_detail(ListKeyDetailRequest(body=OperateKeyRequestBody(key_id=KEY))).to_json_object()
    assert info["key_info"]["key_id"] == KEY and info["key_info"]["key_state"] == "2"
    assert _tags(client) == {"env": "dev"}
    reply = client.create_kms_tag(CreateKmsTagRequest(key_id=KEY, body=CreateKmsTagRequestBody(
        tag=TagItem(key="owner", value="team a"))))
    assert reply.status_code == 204
    client.batch_create_kms_tags(BatchCreateKmsTagsRequest(key_id=KEY, body=BatchCreateKmsTagsRequestBody(
        action="create", tags=[TagItem(key="k\u00e9y", value="v\u00e9"), TagItem(key="empty", value="")])))
    assert _tags(client) == {"env": "dev", "owner": "team a", "k\u00e9y": "v\u00e9", "empty": ""}
    client.batch_create_kms_tags(BatchCreateKmsTagsRequest(key_id=KEY, body=BatchCreateKmsTagsRequestBody(
        action="delete", tags=[TagItem(key="env", value="dev"), TagItem(key="empty", value="")])))
    # The single delete puts the tag key in the path: a space and a non-ASCII letter are signed right.
    client.delete_tag(DeleteTagRequest(key_id=KEY, key="k\u00e9y"))
    client.create_kms_tag(CreateKmsTagRequest(key_id=KEY, body=CreateKmsTagRequestBody(
        tag=TagItem(key="my key", value="1"))))
    client.delete_tag(DeleteTagRequest(key_id=KEY, key="my key"))
    assert _tags(client) == {"owner": "team a"}
    assert seeded.state()["huaweicloud"]["kms"]["keys"][KEY]["tags"] == {"owner": "team a"}
    log = seeded.requests()
    assert [r["action"] for r in log if r["write"]] == [
        "CreateKmsTag", "BatchCreateKmsTags:create", "BatchCreateKmsTags:delete", "DeleteTag", "CreateKmsTag",
        "DeleteTag"]
    assert all(r["status"] in (200, 204) for r in log)


def test_sdk_sees_documented_errors(emulator, seeded):
    client = _client(emulator.url)
    with pytest.raises(ClientRequestException) as caught:
        client.create_kms_tag(CreateKmsTagRequest(key_id=KEY, body=CreateKmsTagRequestBody(
            tag=TagItem(key="env", value="prod"))))
    assert caught.value.status_code == 400 and caught.value.error_code == "KMS.0406"
    assert caught.value.request_id
    with pytest.raises(ClientRequestException) as caught:
        client.show_kms_tags(ShowKmsTagsRequest(key_id="0d0466b0-e727-4d9c-b35d-000000000000"))
    assert caught.value.status_code == 404 and caught.value.error_code == "KMS.0207"
    with pytest.raises(ClientRequestException) as caught:
        client.batch_create_kms_tags(BatchCreateKmsTagsRequest(key_id=PENDING, body=BatchCreateKmsTagsRequestBody(
            action="create", tags=[TagItem(key="a", value="b")])))
    assert caught.value.error_code == "KMS.0210"
    with pytest.raises(ClientRequestException) as caught:
        client.batch_create_kms_tags(BatchCreateKmsTagsRequest(key_id=KEY, body=BatchCreateKmsTagsRequestBody(
            action="create", tags=[TagItem(key="t%d" % n, value="v") for n in range(10)])))
    assert caught.value.error_code == "KMS.0409"
    assert _tags(client) == {"env": "dev"}


def test_wrong_secret_key_is_refused(emulator, seeded):
    client = _client(emulator.url, sk="not-the-secret")
    with pytest.raises(ClientRequestException) as caught:
        client.show_kms_tags(ShowKmsTagsRequest(key_id=KEY))
    assert caught.value.status_code == 401 and caught.value.error_code == "APIGW.0301"
    assert "signature" in caught.value.error_msg
    assert seeded.requests()[-1]["error_code"] == "APIGW.0301"


def test_project_mismatch_is_refused(emulator, seeded):
    client = _client(emulator.url, project=OTHER_PROJECT)
    # The key lives in PROJECT; OTHER_PROJECT belongs to the same domain, so the key is not found there.
    with pytest.raises(ClientRequestException) as caught:
        client.show_kms_tags(ShowKmsTagsRequest(key_id=KEY))
    assert caught.value.error_code == "KMS.0207"
    client = _client(emulator.url, project=PROJECT.replace("0d04", "ffff"))
    with pytest.raises(ClientRequestException) as caught:
        client.show_kms_tags(ShowKmsTagsRequest(key_id=KEY))
    assert caught.value.status_code == 403 and caught.value.error_code == "KMS.0321"


def test_temporary_keys_need_their_security_token(emulator, seeded):
    project = PROJECT.replace("0d04", "ffff")
    good = _client(emulator.url, ak="HWTEMPORARYKEY000001", sk="temp-secret", project=project,
                   security_token="gAAAAABexampleSecurityToken")
    with pytest.raises(ClientRequestException) as caught:
        good.show_kms_tags(ShowKmsTagsRequest(key_id=KEY))
    assert caught.value.error_code == "KMS.0207"   # authenticated; the key is in another domain's project
    bad = _client(emulator.url, ak="HWTEMPORARYKEY000001", sk="temp-secret", project=project)
    with pytest.raises(ClientRequestException) as caught:
        bad.show_kms_tags(ShowKmsTagsRequest(key_id=KEY))
    assert caught.value.error_code == "APIGW.0301"


def test_iam_password_token_works_for_kms_calls(emulator, seeded):
    body = json.dumps({"auth": {"identity": {"methods": ["password"], "password": {"user": {
        "name": "offline-user", "password": "offline-password", "domain": {"name": "polycloud-offline"}}}},
        "scope": {"project": {"name": "eu-de"}}}}).encode()
    request = urllib.request.Request(emulator.url + "/v3/auth/tokens", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert reply.status == 201
        token = reply.headers["X-Subject-Token"]
        assert json.load(reply)["token"]["project"]["id"] == PROJECT
    request = urllib.request.Request(emulator.url + "/v1.0/%s/kms/%s/tags" % (PROJECT, KEY),
                                     headers={"X-Auth-Token": token})
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert json.load(reply) == {"tags": [{"key": "env", "value": "dev"}], "existTagsNum": 1}
    seeded.seed({"huaweicloud": {"expire_tokens": True}})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 401
    assert json.load(caught.value)["error_code"] == "APIGW.0301"
