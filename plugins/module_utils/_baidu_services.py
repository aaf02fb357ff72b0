# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Baidu AI Cloud service facts: endpoints, API paths, batch sizes and rate limits, as data."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

SERVICES = {
    "bcc": {
        # bcc.{region}.baidubce.com, HTTPS (the SDKs default to HTTP; we do not).
        "endpoint": "https://bcc.{region}.baidubce.com",
        "regions": ["bj", "gz", "su", "hkg", "fwh", "bd", "sin", "fsh"],
        # No BCC rate limit is documented; None means the client does not pace.
        "rate_limits": {},
    },
}

# The BCC role and instance calls: (method, path, query). A flag query such as ?bind is sent
# and signed as "bind=" (a None value would be dropped by requests).
BCC_GET_INSTANCE = ("GET", "/v2/instance/{instance_id}", None)
BCC_LIST_BY_INSTANCE_ID = ("POST", "/v2/instance/listByInstanceId", None)
BCC_BIND_ROLE = ("POST", "/v2/instance/role", [("bind", "")])
BCC_UNBIND_ROLE = ("POST", "/v2/instance/role", [("unbind", "")])
BCC_LIST_ROLES = ("GET", "/v2/instance/role/list", None)

# POST /v2/instance/listByInstanceId: "instanceIds ... at most 100" (cloud.baidu.com/doc/BCC/s/4koffviai);
# maxKeys defaults to 1000, so one page holds a whole batch.
BCC_MAX_IDS_PER_READ = 100
BCC_READ_PAGE_SIZE = 1000
# POST /v2/instance/role?bind / ?unbind document no cap on "instances". We send at most as many as
# the batch read accepts, the cap BCC documents for instance-id lists, so that an undocumented
# server-side limit cannot reject a whole task.
BCC_MAX_IDS_PER_ROLE_WRITE = 100
