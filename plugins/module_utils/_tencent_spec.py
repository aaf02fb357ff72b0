# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""The options every Tencent Cloud module shares, with the env names tccli and Terraform read."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.polycloud.ops.plugins.module_utils._common_spec import (
    env_fallback_set, transport_argument_spec, transport_schema_properties)

ENV_SECRET_ID = ["TENCENTCLOUD_SECRET_ID"]
ENV_SECRET_KEY = ["TENCENTCLOUD_SECRET_KEY"]
ENV_SECURITY_TOKEN = ["TENCENTCLOUD_SECURITY_TOKEN", "TENCENTCLOUD_TOKEN"]
ENV_REGION = ["TENCENTCLOUD_REGION"]
ENV_ENDPOINT = ["TENCENTCLOUD_ENDPOINT"]


def tencent_argument_spec():
    spec = dict(
        # An id, not a secret: shown in every Authorization header, like an AWS access key id.
        secret_id=dict(type="str", no_log=False, fallback=(env_fallback_set, ENV_SECRET_ID)),
        secret_key=dict(type="str", no_log=True, fallback=(env_fallback_set, ENV_SECRET_KEY)),
        security_token=dict(type="str", no_log=True, fallback=(env_fallback_set, ENV_SECURITY_TOKEN)),
        region=dict(type="str", fallback=(env_fallback_set, ENV_REGION)),
        endpoint=dict(type="str", fallback=(env_fallback_set, ENV_ENDPOINT)),
    )
    spec.update(transport_argument_spec())
    return spec


def tencent_schema_properties():
    props = {
        "region": {"type": ["string", "null"], "pattern": "^[a-z]{2,}-[a-z0-9]+(-[a-z0-9]+)*$",
                   "description": "a Tencent Cloud region such as ap-guangzhou"},
        "endpoint": {"type": ["string", "null"], "pattern": "^https?://[^/?#\\s\\x00-\\x1f\\x7f]+/?$",
                     "description": "a URL with scheme and host, such as https://cvm.tencentcloudapi.com "
                                    "or http://127.0.0.1:18080"},
    }
    props.update(transport_schema_properties())
    return props
