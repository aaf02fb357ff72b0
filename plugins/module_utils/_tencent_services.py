# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Tencent Cloud service facts: API versions, default endpoints, documented rate limits, batch sizes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

SERVICES = {
    "kms": {
        "version": "2019-01-18",
        "endpoint": "https://kms.tencentcloudapi.com",
        # Calls per second, per action, from each action's API page. Unlisted: not documented.
        "rate_limits": {"BindCloudResource": 100},
    },
    "cvm": {
        "version": "2017-03-12",
        "endpoint": "https://cvm.tencentcloudapi.com",
        "rate_limits": {
            "AssociateSecurityGroups": 10,
            "DisassociateSecurityGroups": 10,
            "DescribeInstances": 40,
        },
    },
}

# DescribeInstances InstanceIds and Limit, and the InstanceIds of one security-group write.
CVM_MAX_IDS_PER_CALL = 100
# "An instance can be bound with up to 5 security groups" (LimitExceeded.AssociateUSGLimitExceeded).
CVM_MAX_SECURITY_GROUPS_PER_INSTANCE = 5
