# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Our TC3 signer against the official tencentcloud-sdk-python signer (a test-only dependency),
on the requests our modules send, with a fixed clock."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import json
from types import SimpleNamespace
from unittest import mock

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils import _tencent_signer as signer

TS = 1551113065
EXAMPLE_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
EXAMPLE_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"

# The official SDK as an independent oracle: it builds and signs the very requests our modules send.

sdk_client = pytest.importorskip("tencentcloud.common.abstract_client")


def _sdk_headers(service, version, endpoint, action, params, token=None):
    from tencentcloud.common import credential
    from tencentcloud.common.common_client import CommonClient
    from tencentcloud.common.http.request import RequestInternal
    from tencentcloud.common.profile.client_profile import ClientProfile
    from tencentcloud.common.profile.http_profile import HttpProfile

    profile = ClientProfile(httpProfile=HttpProfile(protocol="http", endpoint=endpoint))
    client = CommonClient(service, version, credential.Credential(EXAMPLE_ID, EXAMPLE_KEY, token), "ap-guangzhou",
                          profile)
    req = RequestInternal(client._get_endpoint(), "POST", "/", header={})
    frozen = SimpleNamespace(time=lambda: float(TS), sleep=lambda _s: None)
    with mock.patch.object(sdk_client, "time", frozen):
        client._build_req_inter(action, params, req)
    return req.header, req.data


MODULE_REQUESTS = [
    ("kms", "2019-01-18", "DescribeKey", {"KeyId": "23e80852-1e38-11e9-b129-5cb9019b4b01"}),
    ("kms", "2019-01-18", "BindCloudResource",
     {"KeyId": "23e80852-1e38-11e9-b129-5cb9019b4b01", "ProductId": "ssm", "ResourceId": "ins-abc/数据"}),
    ("kms", "2019-01-18", "UnbindCloudResource",
     {"KeyId": "23e80852-1e38-11e9-b129-5cb9019b4b01", "ProductId": "cos", "ResourceId": "bucket-1"}),
    ("cvm", "2017-03-12", "DescribeInstances", {"InstanceIds": ["ins-%08d" % n for n in range(100)], "Limit": 100}),
    ("cvm", "2017-03-12", "AssociateSecurityGroups", {"InstanceIds": ["ins-2zvpghhc"], "SecurityGroupIds": ["sg-9id3l839"]}),
    ("cvm", "2017-03-12", "DisassociateSecurityGroups", {"InstanceIds": ["ins-2zvpghhc"], "SecurityGroupIds": ["sg-9id3l839"]}),
]


@pytest.mark.parametrize("endpoint", ["127.0.0.1:18080", "%s.tencentcloudapi.com"])
@pytest.mark.parametrize("service,version,action,params", MODULE_REQUESTS, ids=[r[2] for r in MODULE_REQUESTS])
def test_agrees_with_the_official_sdk(endpoint, service, version, action, params):
    host = endpoint % service if "%s" in endpoint else endpoint
    sdk_headers, sdk_body = _sdk_headers(service, version, host, action, params, token="temporary-token")
    body = sdk_body if isinstance(sdk_body, bytes) else sdk_body.encode("utf-8")
    ours = signer.request_headers(EXAMPLE_ID, EXAMPLE_KEY, service, host, action, version, "ap-guangzhou", body, TS,
                                  token="temporary-token")
    assert ours["Authorization"] == sdk_headers["Authorization"]
    for name in ("Content-Type", "Host", "X-TC-Action", "X-TC-Version", "X-TC-Timestamp", "X-TC-Region", "X-TC-Token"):
        assert ours[name] == sdk_headers[name], name


def test_client_body_is_what_it_signs():
    """Our client serialises compactly; the SDK signer must agree on those bytes too."""
    body = json.dumps({"KeyId": "k", "ProductId": "p", "ResourceId": "r"}, separators=(",", ":"),
                      sort_keys=True).encode()
    from tencentcloud.common.sign import Sign
    ours = signer.sign(EXAMPLE_ID, EXAMPLE_KEY, "kms", "kms.tencentcloudapi.com", body, TS)
    canonical, _signed = signer.canonical_request("kms.tencentcloudapi.com", body)
    string_to_sign = "TC3-HMAC-SHA256\n%d\n2019-02-25/kms/tc3_request\n%s" % (
        TS, hashlib.sha256(canonical.encode()).hexdigest())
    assert ours.endswith("Signature=" + Sign.sign_tc3(EXAMPLE_KEY, "2019-02-25", "kms", string_to_sign))
