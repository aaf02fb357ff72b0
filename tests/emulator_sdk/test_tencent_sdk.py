# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The official tencentcloud-sdk-python clients drive the offline cloud: their signatures are
accepted, a wrong key is refused the way the cloud refuses it, and their error parsing sees our
errors. If the emulator drifted from the real wire protocol, these would fail."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

common = pytest.importorskip("tencentcloud.common")

from tencentcloud.common import credential  # noqa: E402 pylint: disable=wrong-import-position
from tencentcloud.common.exception.tencent_cloud_sdk_exception import (  # noqa: E402 pylint: disable=wrong-import-position
    TencentCloudSDKException)
from tencentcloud.common.profile.client_profile import ClientProfile  # noqa: E402 pylint: disable=wrong-import-position
from tencentcloud.common.profile.http_profile import HttpProfile  # noqa: E402 pylint: disable=wrong-import-position
from tencentcloud.cvm.v20170312 import cvm_client, models as cvm_models  # noqa: E402 pylint: disable=wrong-import-position
from tencentcloud.kms.v20190118 import kms_client, models as kms_models  # noqa: E402 pylint: disable=wrong-import-position

SECRET_ID = "AKIDsdktest0000000000000000000000000"
SECRET_KEY = "sdk-test-secret-key"
KEY_ID = "23e80852-1e38-11e9-b129-5cb9019b4b01"
REGION = "ap-guangzhou"


def _profile(url):
    return ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=url.split("://", 1)[1], reqTimeout=10),
                         language="en-US")


def _kms(url, secret_key=SECRET_KEY, token=None):
    return kms_client.KmsClient(credential.Credential(SECRET_ID, secret_key, token), REGION, _profile(url))


def _cvm(url):
    return cvm_client.CvmClient(credential.Credential(SECRET_ID, SECRET_KEY), REGION, _profile(url))


@pytest.fixture
def seeded(control):
    control.seed({"tencentcloud": {
        "accounts": [{"secret_id": SECRET_ID, "secret_key": SECRET_KEY}],
        "kms_keys": [{"key_id": KEY_ID}, {"key_id": "00000000-0000-0000-0000-00000000dead", "key_state": "PendingDelete"}],
        "security_groups": ["sg-aaaaaaaa", "sg-bbbbbbbb"],
        "instances": [{"instance_id": "ins-%08d" % n, "security_group_ids": ["sg-aaaaaaaa"]} for n in range(150)],
    }})
    return control


def _bind_request(key_id=KEY_ID):
    req = kms_models.BindCloudResourceRequest()
    req.KeyId, req.ProductId, req.ResourceId = key_id, "ssm", "resourceId"
    return req


def _unbind_request():
    req = kms_models.UnbindCloudResourceRequest()
    req.KeyId, req.ProductId, req.ResourceId = KEY_ID, "ssm", "resourceId"
    return req


def test_kms_bind_unbind_round_trip(emulator, seeded):
    client = _kms(emulator.url)
    describe = kms_models.DescribeKeyRequest()
    describe.KeyId = KEY_ID
    assert client.DescribeKey(describe).KeyMetadata.KeyState == "Enabled"
    first = client.BindCloudResource(_bind_request())
    second = client.BindCloudResource(_bind_request())
    assert first.RequestId and second.RequestId and first.RequestId != second.RequestId
    assert seeded.state()["tencentcloud"]["kms"]["keys"][KEY_ID]["bindings"] == [
        {"product_id": "ssm", "resource_id": "resourceId"}]
    client.UnbindCloudResource(_unbind_request())
    with pytest.raises(TencentCloudSDKException) as caught:
        client.UnbindCloudResource(_unbind_request())
    assert caught.value.get_code() == "ResourceUnavailable.CloudResourceBindingNotFound"
    assert caught.value.get_request_id()


def test_kms_errors_reach_the_sdk(emulator, seeded):
    client = _kms(emulator.url)
    with pytest.raises(TencentCloudSDKException) as missing:
        client.BindCloudResource(_bind_request("11111111-2222-3333-4444-555555555555"))
    assert missing.value.get_code() == "ResourceUnavailable.CmkNotFound"
    with pytest.raises(TencentCloudSDKException) as state:
        client.BindCloudResource(_bind_request("00000000-0000-0000-0000-00000000dead"))
    assert state.value.get_code() == "ResourceUnavailable.CmkStateNotSupport"
    with pytest.raises(TencentCloudSDKException) as malformed:
        client.BindCloudResource(_bind_request("not-a-key"))
    assert malformed.value.get_code() == "InvalidParameterValue.InvalidKeyId"


def test_wrong_secret_key_is_refused(emulator, seeded):
    with pytest.raises(TencentCloudSDKException) as caught:
        _kms(emulator.url, secret_key="not-the-key").BindCloudResource(_bind_request())
    assert caught.value.get_code() == "AuthFailure.SignatureFailure"
    # Nothing was bound by the refused call.
    assert seeded.state()["tencentcloud"]["kms"]["keys"][KEY_ID]["bindings"] == []


def test_unknown_secret_id_is_refused(emulator, control):
    with pytest.raises(TencentCloudSDKException) as caught:
        _kms(emulator.url).BindCloudResource(_bind_request())
    assert caught.value.get_code() == "AuthFailure.SecretIdNotFound"


def test_temporary_credentials_need_their_token(emulator, control):
    control.seed({"tencentcloud": {"accounts": [{"secret_id": SECRET_ID, "secret_key": SECRET_KEY, "token": "tok-1"}],
                                   "kms_keys": [{"key_id": KEY_ID}]}})
    _kms(emulator.url, token="tok-1").BindCloudResource(_bind_request())
    with pytest.raises(TencentCloudSDKException) as caught:
        _kms(emulator.url, token="tok-2").BindCloudResource(_bind_request())
    assert caught.value.get_code() == "AuthFailure.TokenFailure"


def test_cvm_describe_pages_and_chunks(emulator, seeded):
    client = _cvm(emulator.url)
    req = cvm_models.DescribeInstancesRequest()
    req.Offset, req.Limit = 100, 100
    reply = client.DescribeInstances(req)
    assert reply.TotalCount == 150 and len(reply.InstanceSet) == 50
    req = cvm_models.DescribeInstancesRequest()
    req.InstanceIds = ["ins-%08d" % n for n in range(101)]
    with pytest.raises(TencentCloudSDKException) as caught:
        client.DescribeInstances(req)
    assert caught.value.get_code() == "InvalidParameterValue.LimitExceeded"


def test_cvm_associate_is_asynchronous(emulator, seeded):
    seeded.config(async_delay=0.3)
    client = _cvm(emulator.url)
    req = cvm_models.AssociateSecurityGroupsRequest()
    req.SecurityGroupIds, req.InstanceIds = ["sg-bbbbbbbb"], ["ins-00000001", "ins-00000002"]
    request_id = client.AssociateSecurityGroups(req).RequestId
    describe = cvm_models.DescribeInstancesRequest()
    describe.InstanceIds = ["ins-00000001"]
    during = client.DescribeInstances(describe).InstanceSet[0]
    assert during.LatestOperationState == "OPERATING" and during.LatestOperationRequestId == request_id
    assert during.SecurityGroupIds == ["sg-aaaaaaaa"]
    # A second write on a busy instance is refused, as on the real cloud.
    with pytest.raises(TencentCloudSDKException) as busy:
        client.AssociateSecurityGroups(req)
    assert busy.value.get_code() == "OperationDenied.InstanceOperationInProgress"
    time.sleep(0.4)
    after = client.DescribeInstances(describe).InstanceSet[0]
    assert after.LatestOperationState == "SUCCESS"
    assert after.SecurityGroupIds == ["sg-aaaaaaaa", "sg-bbbbbbbb"]


def test_cvm_documented_limits(emulator, seeded):
    seeded.config(async_delay=0)
    client = _cvm(emulator.url)
    req = cvm_models.AssociateSecurityGroupsRequest()
    req.SecurityGroupIds, req.InstanceIds = ["sg-aaaaaaaa", "sg-bbbbbbbb"], ["ins-00000001"]
    with pytest.raises(TencentCloudSDKException) as two:
        client.AssociateSecurityGroups(req)
    assert two.value.get_code() == "InvalidParameterValue.LimitExceeded"
    req.SecurityGroupIds, req.InstanceIds = ["sg-zzzzzzzz"], ["ins-00000001"]
    with pytest.raises(TencentCloudSDKException) as unknown_sg:
        client.AssociateSecurityGroups(req)
    assert unknown_sg.value.get_code() == "InvalidSecurityGroupId.NotFound"
    req.SecurityGroupIds, req.InstanceIds = ["sg-aaaaaaaa"], ["ins-1122"]
    with pytest.raises(TencentCloudSDKException) as malformed:
        client.AssociateSecurityGroups(req)
    assert malformed.value.get_code() == "InvalidInstanceId.Malformed"
    seeded.seed({"tencentcloud": {"instances": [{"instance_id": "ins-full0000", "security_group_ids": [
        "sg-0000000%d" % n for n in range(5)]}]}})
    req.SecurityGroupIds, req.InstanceIds = ["sg-bbbbbbbb"], ["ins-full0000"]
    with pytest.raises(TencentCloudSDKException) as cap:
        client.AssociateSecurityGroups(req)
    assert cap.value.get_code() == "LimitExceeded.AssociateUSGLimitExceeded"


def test_rate_limit_answers_request_limit_exceeded(emulator, seeded):
    seeded.config(rate_limits={"tencentcloud": {"DescribeInstances": 3}})
    client = _cvm(emulator.url)
    codes = []
    for _attempt in range(5):
        try:
            client.DescribeInstances(cvm_models.DescribeInstancesRequest())
            codes.append("ok")
        except TencentCloudSDKException as exc:
            codes.append(exc.get_code())
    assert codes[:3] == ["ok", "ok", "ok"] and "RequestLimitExceeded" in codes[3:]


def test_injected_fault_uses_the_tencent_envelope(emulator, seeded):
    seeded.fault(cloud="tencentcloud", action="DescribeKey", error_code="InternalError", count=1)
    client = _kms(emulator.url)
    describe = kms_models.DescribeKeyRequest()
    describe.KeyId = KEY_ID
    with pytest.raises(TencentCloudSDKException) as caught:
        client.DescribeKey(describe)
    assert caught.value.get_code() == "InternalError"
    assert client.DescribeKey(describe).KeyMetadata.KeyId == KEY_ID
    log = seeded.requests()
    assert [(r["action"], r["error_code"]) for r in log[-2:]] == [("DescribeKey", "InternalError"), ("DescribeKey", None)]
