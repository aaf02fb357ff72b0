# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Schema checks name the option, the value and what is allowed."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions, check_options
from ansible_collections.polycloud.ops.plugins.modules.tencentcloud_cvm_security_group_association import (
    SecurityGroupAssociation)
from ansible_collections.polycloud.ops.plugins.modules.tencentcloud_kms_cloud_resource import KmsCloudResource

CVM = SecurityGroupAssociation.schema
KMS = KmsCloudResource.schema


def _params(**over):
    params = {"instance_ids": ["ins-2zvpghhc"], "security_group_ids": ["sg-9id3l839"], "region": "ap-guangzhou",
              "endpoint": None, "timeout": 30.0, "retries": 5, "wait_timeout": 300}
    params.update(over)
    return params


def _message(schema, params):
    with pytest.raises(InvalidOptions) as caught:
        check_options(params, schema)
    return caught.value.option, str(caught.value)


def test_valid_input_passes():
    check_options(_params(), CVM)
    check_options({"key_id": "23e80852-1e38-11e9-b129-5cb9019b4b01", "product_id": "ssm", "resource_id": "a/b:c",
                   "region": "ap-guangzhou", "endpoint": "http://127.0.0.1:18080"}, KMS)


@pytest.mark.parametrize("over,option,fragment", [
    ({"instance_ids": ["ins-1122"]}, "instance_ids[0]", "'ins-1122' does not have the required format"),
    ({"instance_ids": ["ins-2zvpghhc", "INS-2ZVPGHHC"]}, "instance_ids[1]", "ins- followed by 8"),
    ({"instance_ids": []}, "instance_ids", "at least 1 item"),
    ({"instance_ids": ["ins-2zvpghhc", "ins-2zvpghhc"]}, "instance_ids", "repeated: 'ins-2zvpghhc'"),
    ({"security_group_ids": ["sg-ide32"]}, "security_group_ids[0]", "sg- followed by 8"),
    ({"security_group_ids": ["sg-0000000%d" % n for n in range(6)]}, "security_group_ids", "at most 5"),
    ({"region": "Guangzhou"}, "region", "ap-guangzhou"),
    ({"endpoint": "127.0.0.1:18080"}, "endpoint", "scheme and host"),
    ({"timeout": 0}, "timeout", "more than 0"),
    ({"wait_timeout": 0}, "wait_timeout", "1 to 3600"),
])
def test_bad_cvm_input_names_the_option(over, option, fragment):
    got_option, message = _message(CVM, _params(**over))
    assert got_option == option
    assert message.startswith("option %s: " % option)
    assert fragment in message


@pytest.mark.parametrize("over,option", [
    ({"key_id": "23E80852-1E38-11E9-B129-5CB9019B4B01"}, "key_id"),
    ({"key_id": "key-1"}, "key_id"),
    ({"product_id": ""}, "product_id"),
    ({"resource_id": "has space"}, "resource_id"),
    ({"resource_id": "x" * 257}, "resource_id"),
])
def test_bad_kms_input_names_the_option(over, option):
    params = {"key_id": "23e80852-1e38-11e9-b129-5cb9019b4b01", "product_id": "ssm", "resource_id": "r",
              "region": "ap-guangzhou", "endpoint": None}
    params.update(over)
    assert _message(KMS, params)[0] == option
