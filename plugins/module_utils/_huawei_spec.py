# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""The options every Huawei Cloud / OTC module shares, with the env names that the Huawei Terraform
provider (HW_*), the Huawei SDK (HUAWEICLOUD_SDK_*) and OpenStack tools (OS_*) read, in that order."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.polycloud.ops.plugins.module_utils._common_spec import (
    env_fallback_set, transport_argument_spec, transport_schema_properties)
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_services import CLOUDS, PROJECT_ID_PATTERN

ENV = {
    "access_key": ["HW_ACCESS_KEY", "HUAWEICLOUD_SDK_AK", "OS_ACCESS_KEY"],
    "secret_key": ["HW_SECRET_KEY", "HUAWEICLOUD_SDK_SK", "OS_SECRET_KEY"],
    "security_token": ["HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "OS_SECURITY_TOKEN"],
    "project_id": ["HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "OS_PROJECT_ID"],
    "region": ["HW_REGION_NAME", "OS_REGION_NAME"],
    "auth_token": ["HW_AUTH_TOKEN", "OS_AUTH_TOKEN"],
    "username": ["HW_USER_NAME", "OS_USERNAME"],
    "password": ["HW_USER_PASSWORD", "OS_PASSWORD"],
    "domain_name": ["HW_DOMAIN_NAME", "OS_USER_DOMAIN_NAME", "OS_DOMAIN_NAME"],
    "iam_endpoint": ["HW_AUTH_URL", "HUAWEICLOUD_SDK_IAM_ENDPOINT", "OS_AUTH_URL"],
}

# The ways to authenticate: the options that make each one up, and the optional extras.
AUTH_METHODS = (
    ("access key", ("access_key", "secret_key"), ("security_token",)),
    ("token", ("auth_token",), ()),
    ("password", ("username", "password", "domain_name"), ()),
)


def env_names(option):
    return ENV.get(option, [])


def huawei_argument_spec():
    def opt(name, **kwargs):
        return dict(type="str", fallback=(env_fallback_set, ENV[name]), **kwargs)

    spec = dict(
        cloud=dict(type="str", choices=sorted(CLOUDS), default="huaweicloud"),
        region=opt("region"),
        project_id=opt("project_id"),
        # An id, not a secret: it is sent in every Authorization header.
        access_key=opt("access_key", no_log=False),
        secret_key=opt("secret_key", no_log=True),
        security_token=opt("security_token", no_log=True),
        auth_token=opt("auth_token", no_log=True),
        username=opt("username"),
        password=opt("password", no_log=True),
        domain_name=opt("domain_name"),
        endpoint=dict(type="str"),
        iam_endpoint=opt("iam_endpoint"),
    )
    spec.update(transport_argument_spec())
    return spec


def huawei_schema_properties():
    url = {"type": ["string", "null"], "pattern": "^https?://[^/?#\\s\\x00-\\x1f\\x7f]+(/[^?#\\s\\x00-\\x1f\\x7f]*)?$",
           "description": "a URL with scheme and host, such as https://kms.eu-de.otc.t-systems.com "
                          "or http://127.0.0.1:18080"}
    props = {
        "region": {"type": ["string", "null"], "pattern": "^[a-z]{2,}(-[a-z0-9]+)+$", "maxLength": 32,
                   "not": {"type": "string", "pattern": "\\s"},
                   "description": "a region name such as eu-de or cn-north-4"},
        "project_id": {"type": ["string", "null"], "pattern": PROJECT_ID_PATTERN, "maxLength": 32,
                       "description": "a project id is 32 lower-case hex characters"},
        "endpoint": url,
        "iam_endpoint": dict(url, description="the IAM URL, with or without /v3, such as "
                                              "https://iam.eu-de.otc.t-systems.com/v3"),
    }
    props.update(transport_schema_properties())
    return props
