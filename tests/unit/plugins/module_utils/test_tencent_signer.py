# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""TC3-HMAC-SHA256 against Tencent's published vectors and the official SDK's own signer."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import pytest

from ansible_collections.polycloud.ops.plugins.module_utils import _tencent_signer as signer

TS = 1551113065
DOC_BODY = b'{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}'
DOC_CT = "application/json; charset=utf-8"
EXAMPLE_ID = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
EXAMPLE_KEY = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"


def test_doc_body_hash():
    assert hashlib.sha256(DOC_BODY).hexdigest() == "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"


def test_vector_a_doc_revision_1():
    canonical, signed = signer.canonical_request("cvm.tencentcloudapi.com", DOC_BODY, DOC_CT)
    assert signed == "content-type;host"
    assert hashlib.sha256(canonical.encode()).hexdigest() == (
        "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031")
    auth = signer.sign(EXAMPLE_ID, EXAMPLE_KEY, "cvm", "cvm.tencentcloudapi.com", DOC_BODY, TS, DOC_CT)
    assert auth == ("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, "
                    "SignedHeaders=content-type;host, "
                    "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168")


def test_vector_a_intermediate_keys():
    date = signer.utc_date(TS)
    assert date == "2019-02-25"
    k_date = signer._hmac(("TC3" + EXAMPLE_KEY).encode(), date)
    assert k_date.hex() == "d1308c81fe71cfd4e06437bbc067b2b8a3d2d8c0e375d547f15c41d5214b395a"
    assert signer.signing_key(EXAMPLE_KEY, date, "cvm").hex() == (
        "ac658d5dde49e9bfdd14e04e062f66b05d9f637d44b8a8d845327d4a77f666b1")


def test_vector_b_doc_revision_2_signs_action():
    key = "Gu5t9xGARNpq86cd98joQYCN3*******"
    auth = signer.sign("AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", key, "cvm", "cvm.tencentcloudapi.com",
                       DOC_BODY, TS, DOC_CT, sign_action="DescribeInstances")
    assert auth.endswith("SignedHeaders=content-type;host;x-tc-action, "
                         "Signature=be4f67d323c78ab9acb7395e43c0dbcf822a9cfac32fea2449a7bc7726b770a3")
    plain = signer.sign("AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******", key, "cvm", "cvm.tencentcloudapi.com",
                        DOC_BODY, TS, DOC_CT)
    assert plain.endswith("Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c")


def test_vector_d_current_doc_revision():
    key = "*" * 32
    canonical, _signed = signer.canonical_request("cvm.tencentcloudapi.com", DOC_BODY, DOC_CT, "DescribeInstances")
    assert hashlib.sha256(canonical.encode()).hexdigest() == (
        "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84")
    date = signer.utc_date(TS)
    k_date = signer._hmac(("TC3" + key).encode(), date)
    assert k_date.hex() == "da98fb70dcf6b112dc21038d1eeeb3a95c74b4dcb12c1131f864f6066bd02be0"
    assert signer._hmac(k_date, "cvm").hex() == "8d70cbefb03939f929db64d32dc2ba89b1095620119fe3e050e2b18c5bd2752f"
    assert signer.signing_key(key, date, "cvm").hex() == (
        "b596b923aad85185e2d1f6659d2a062e0a86731226e021e61bfe06f7ed05f5af")
    auth = signer.sign("AKID" + "*" * 32, key, "cvm", "cvm.tencentcloudapi.com", DOC_BODY, TS, DOC_CT,
                       sign_action="DescribeInstances")
    assert auth == ("TC3-HMAC-SHA256 Credential=AKID********************************/2019-02-25/cvm/tc3_request, "
                    "SignedHeaders=content-type;host;x-tc-action, "
                    "Signature=10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f")


@pytest.mark.parametrize("host,service,body,sign_action,signature", [
    ("kms.tencentcloudapi.com", "kms",
     b'{"KeyId": "23e80852-1e38-11e9-b129-5cb9019b4b01", "ProductId": "ssm", "ResourceId": "resourceId"}', None,
     "9d5c4dc3add7ce6a43a07823f216798b8cc0dd0e33f63d4a351f6e6a7e806e80"),
    ("cvm.tencentcloudapi.com", "cvm",
     b'{"SecurityGroupIds": ["sg-9id3l839"], "InstanceIds": ["ins-2zvpghhc", "ins-915zrb0p"]}', None,
     "0ca33422b923d3a2aa8c7d5a548c33ec03f42f882afcf086f4580f5ea296742d"),
    ("kms.tencentcloudapi.com", "kms",
     b'{"KeyId":"23e80852-1e38-11e9-b129-5cb9019b4b01","ProductId":"ssm","ResourceId":"resourceId"}',
     "BindCloudResource", "83d39c91e0cb2056c5e2de3d3e77f1b691b88420fd85d3f45f3dc2427e3b1cf7"),
], ids=["K1-bind", "C1-associate", "K2-bind-compact-action"])
def test_derived_vectors_for_our_actions(host, service, body, sign_action, signature):
    auth = signer.sign(EXAMPLE_ID, EXAMPLE_KEY, service, host, body, TS, sign_action=sign_action)
    assert auth.endswith("Signature=" + signature)


def test_request_headers_token_is_sent_but_not_signed():
    body = b'{"KeyId":"k"}'
    without = signer.request_headers(EXAMPLE_ID, EXAMPLE_KEY, "kms", "kms.tencentcloudapi.com", "BindCloudResource",
                                     "2019-01-18", "ap-guangzhou", body, TS)
    with_token = signer.request_headers(EXAMPLE_ID, EXAMPLE_KEY, "kms", "kms.tencentcloudapi.com",
                                        "BindCloudResource", "2019-01-18", "ap-guangzhou", body, TS, token="tok")
    assert with_token["X-TC-Token"] == "tok" and "X-TC-Token" not in without
    assert with_token["Authorization"] == without["Authorization"]
    assert without["X-TC-Timestamp"] == str(TS) and without["X-TC-Region"] == "ap-guangzhou"
