# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Huawei Cloud and Open Telekom Cloud facts: default endpoints per cloud and region, KMS limits.

Data only (research/huawei_otc.md 1 and 3). ``{region}`` is replaced by the region name.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

CLOUDS = {
    "huaweicloud": {
        "kms": "https://kms.{region}.myhuaweicloud.com",
        "iam": "https://iam.{region}.myhuaweicloud.com/v3",
        # Regions whose endpoints do not follow the pattern.
        "regions": {
            "eu-west-101": {"kms": "https://kms.eu-west-101.myhuaweicloud.eu",
                            "iam": "https://iam.eu-west-101.myhuaweicloud.eu/v3"},
        },
    },
    "otc": {
        "kms": "https://kms.{region}.otc.t-systems.com",
        "iam": "https://iam.{region}.otc.t-systems.com/v3",
        "regions": {
            "eu-ch2": {"kms": "https://kms.eu-ch2.sc.otc.t-systems.com",
                       "iam": "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3"},
        },
    },
}

# KMS tag limits from the API reference ("Adding a CMK Tag", "Adding or Deleting CMK Tags in Batches").
KMS_MAX_TAGS_PER_KEY = 10
KMS_TAG_KEY_MAX_LENGTH = 36
KMS_TAG_VALUE_MAX_LENGTH = 43
# ASCII 0-31 and * < > \ = are not allowed in tag keys and values.
KMS_TAG_FORBIDDEN_PATTERN = "[\\x00-\\x1f*<>\\\\=]"
KMS_KEY_ID_PATTERN = "^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$"
PROJECT_ID_PATTERN = "^[0-9a-f]{32}$"

# key_info.key_state values, and those in which tags cannot be changed.
KMS_KEY_STATES = {"1": "pending activation", "2": "enabled", "3": "disabled", "4": "pending deletion",
                  "5": "pending import"}
KMS_KEY_STATES_NO_TAGGING = {"4": "KMS.0210"}
