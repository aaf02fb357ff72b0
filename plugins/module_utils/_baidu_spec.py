# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""The options every Baidu AI Cloud module shares, with the env names the Terraform provider
(BAIDUCLOUD_*) and the bce CLI (BCE_*) read."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.polycloud.ops.plugins.module_utils._common_spec import (
    env_fallback_set, transport_argument_spec, transport_schema_properties)

ENV_ACCESS_KEY = ["BAIDUCLOUD_ACCESS_KEY", "BCE_ACCESS_KEY_ID"]
ENV_SECRET_KEY = ["BAIDUCLOUD_SECRET_KEY", "BCE_SECRET_ACCESS_KEY"]
ENV_SECURITY_TOKEN = ["BAIDUCLOUD_SESSION_TOKEN", "BCE_SECURITY_TOKEN", "BCE_SESSION_TOKEN"]
ENV_REGION = ["BAIDUCLOUD_REGION", "BCE_REGION"]
ENV_ENDPOINT = ["BAIDUCLOUD_ENDPOINT"]

# The region used when neither the option nor its env vars say (the SDKs' and Terraform's default).
DEFAULT_REGION = "bj"


def baidu_argument_spec():
    spec = dict(
        # An id, not a secret: it travels in clear in every Authorization header.
        access_key=dict(type="str", no_log=False, fallback=(env_fallback_set, ENV_ACCESS_KEY)),
        secret_key=dict(type="str", no_log=True, fallback=(env_fallback_set, ENV_SECRET_KEY)),
        security_token=dict(type="str", no_log=True, fallback=(env_fallback_set, ENV_SECURITY_TOKEN)),
        region=dict(type="str", fallback=(env_fallback_set, ENV_REGION)),
        endpoint=dict(type="str", fallback=(env_fallback_set, ENV_ENDPOINT)),
    )
    spec.update(transport_argument_spec())
    return spec


def baidu_schema_properties():
    props = {
        "region": {"type": ["string", "null"], "pattern": "^[a-z]{2,8}$",
                   "description": "a Baidu AI Cloud region id such as bj, gz, su, hkg, fwh, bd, sin or fsh"},
        "endpoint": {"type": ["string", "null"], "pattern": "^https?://[^/?#\\s@\\x00-\\x1f\\x7f]+/?$",
                     "description": "a URL with scheme and host and no path, such as https://bcc.bj.baidubce.com "
                                    "or http://127.0.0.1:18080"},
    }
    props.update(transport_schema_properties())
    return props
