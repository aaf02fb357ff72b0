# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fault matrix as data: each module's scenario (seed, arguments, the calls it makes, how to
read its part of the emulator state before, after and half-way) and each fault (the rule to
inject, where, and the outcome it must end in). test_fault_matrix.py crosses the two.

Outcomes:
  retried      the task succeeds, the faulted call was tried more than once and at most
               retries + 1 times, and the emulator ends in the desired state.
  clean_fail   the task fails with msg and error.code naming the fault, error.request_id named
               in msg when the cloud gave one, changed and request_ids true to the writes that
               succeeded, and the emulator ends in the state those writes made; a permanent error
               is tried exactly once.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

TENCENT_KEY = "23e80852-1e38-11e9-b129-5cb9019b4b01"
HUAWEI_KEY = "0d0466b0-e727-4d9c-b35d-f84bb474a37f"
HUAWEI_PROJECT = "0d0466b0e7274d9cb35df84bb474a37f"

RETRIES = 2
TIMEOUT = 2.0


def _kms_bindings(state):
    return state["tencentcloud"]["kms"]["keys"][TENCENT_KEY]["bindings"]


def _cvm_groups(state):
    return dict((i, sorted(v["security_group_ids"])) for i, v in state["tencentcloud"]["cvm"]["instances"].items())


def _huawei_tags(state):
    return state["huaweicloud"]["kms"]["keys"][HUAWEI_KEY]["tags"]


def _baidu_roles(state):
    return dict((i, v["role_name"]) for i, v in state["baiducloud"]["bcc"]["instances"].items())


# Every scenario changes something, with more than one write where the module can make more.
SCENARIOS = {
    "tencentcloud_kms_cloud_resource": {
        "seed": {"tencentcloud": {"kms_keys": [{"key_id": TENCENT_KEY}]}},
        "args": {"key_id": TENCENT_KEY, "product_id": "ssm", "resource_id": "app-db-password"},
        "read": "DescribeKey",
        "write": "BindCloudResource",
        "second_write": None,
        "view": _kms_bindings,
        "before": [],
        "after": [{"product_id": "ssm", "resource_id": "app-db-password"}],
        "throttle": {"error_code": "RequestLimitExceeded"},
        "permanent": {"error_code": "UnauthorizedOperation"},
    },
    "tencentcloud_cvm_security_group_association": {
        "seed": {"tencentcloud": {
            "instances": [{"instance_id": "ins-aaaaaaaa", "security_group_ids": ["sg-00000001"]},
                          {"instance_id": "ins-bbbbbbbb"}],
            "security_groups": ["sg-11111111", "sg-22222222", "sg-00000001"]}},
        "args": {"instance_ids": ["ins-aaaaaaaa", "ins-bbbbbbbb"], "security_group_ids": ["sg-11111111", "sg-22222222"],
                 "wait_timeout": 30},
        "read": "DescribeInstances",
        "write": "AssociateSecurityGroups",
        # The second Associate call (sg-22222222) fails after the first one succeeded.
        "second_write": {"action": "AssociateSecurityGroups", "skip": 1},
        "view": _cvm_groups,
        "before": {"ins-aaaaaaaa": ["sg-00000001"], "ins-bbbbbbbb": []},
        "after": {"ins-aaaaaaaa": ["sg-00000001", "sg-11111111", "sg-22222222"],
                  "ins-bbbbbbbb": ["sg-11111111", "sg-22222222"]},
        "half": {"ins-aaaaaaaa": ["sg-00000001", "sg-11111111"], "ins-bbbbbbbb": ["sg-11111111"]},
        # The cloud accepts the write, then its asynchronous operation ends FAILED.
        "partial": {"fault": {"action": "AssociateSecurityGroups", "async_failure": "injected: security group quota"},
                    "state": {"ins-aaaaaaaa": ["sg-00000001", "sg-22222222"], "ins-bbbbbbbb": ["sg-22222222"]},
                    "names": ["ins-aaaaaaaa", "ins-bbbbbbbb", "injected: security group quota"]},
        "throttle": {"error_code": "RequestLimitExceeded"},
        "permanent": {"error_code": "UnauthorizedOperation"},
    },
    "huaweicloud_kms_key_tag": {
        "seed": {"huaweicloud": {"keys": [{"key_id": HUAWEI_KEY, "project_id": HUAWEI_PROJECT,
                                           "tags": {"env": "dev", "team": "a"}}]}},
        "args": {"key_id": HUAWEI_KEY, "tag_key": "env", "tag_value": "prod"},
        "read": "ShowKmsTags",
        "write": "BatchCreateKmsTags:delete",
        # Changing a value is delete then create; the create fails after the delete succeeded.
        "second_write": {"action": "CreateKmsTag", "skip": 0},
        "view": _huawei_tags,
        "before": {"env": "dev", "team": "a"},
        "after": {"env": "prod", "team": "a"},
        "half": {"team": "a"},
        "throttle": {"error_code": "APIGW.0308"},
        "permanent": {"error_code": "KMS.0306", "http_status": 403},
    },
    "huaweicloud_kms_key_tags": {
        "seed": {"huaweicloud": {"keys": [{"key_id": HUAWEI_KEY, "project_id": HUAWEI_PROJECT,
                                           "tags": {"env": "dev", "team": "a"}}]}},
        "args": {"key_id": HUAWEI_KEY, "tags": {"env": "stage", "owner": "ops"}},
        "read": "ShowKmsTags",
        "write": "BatchCreateKmsTags:delete",
        "second_write": {"action": "BatchCreateKmsTags:create", "skip": 0},
        "view": _huawei_tags,
        "before": {"env": "dev", "team": "a"},
        "after": {"env": "stage", "owner": "ops", "team": "a"},
        "half": {"team": "a"},
        "throttle": {"error_code": "APIGW.0308"},
        "permanent": {"error_code": "KMS.0306", "http_status": 403},
    },
    "baiducloud_bcc_instance_role": {
        "seed": {"baiducloud": {"roles": ["RoleA", "RoleB"],
                                "instances": [{"instance_id": "i-AbCdEf12", "role_name": "RoleA"},
                                              {"instance_id": "i-XktdeMSf"}]}},
        "args": {"instance_ids": ["i-AbCdEf12", "i-XktdeMSf"], "role_name": "RoleB"},
        "read": "ListInstanceByInstanceIds",
        "write": "UnbindInstanceRole",
        # The bind fails after the unbind of the old role succeeded.
        "second_write": {"action": "BindInstanceRole", "skip": 0},
        "view": _baidu_roles,
        "before": {"i-AbCdEf12": "RoleA", "i-XktdeMSf": ""},
        "after": {"i-AbCdEf12": "RoleB", "i-XktdeMSf": "RoleB"},
        "half": {"i-AbCdEf12": "", "i-XktdeMSf": ""},
        # failInstances: the bind call succeeds for one instance and fails for the other.
        "partial": {"seed": {"baiducloud": {"instances": [{"instance_id": "i-XktdeMSf",
                                                           "fail_bind": "instance is not running"}]}},
                    "state": {"i-AbCdEf12": "RoleB", "i-XktdeMSf": ""},
                    "names": ["i-XktdeMSf", "instance is not running"]},
        "throttle": {"error_code": "TooManyRequests", "http_status": 429},
        "permanent": {"error_code": "AccessDenied", "http_status": 403},
    },
}

# Each fault: where it hits ("read" or "write": the scenario's first call of that kind), the rule
# (fields of POST /_emulator/faults; a callable builds it from the scenario), what must come out,
# and for a failure the error code it must name. "settle": seconds a delayed request may still be
# in the emulator after the module returned.
FAULTS = [
    {"name": "throttled", "at": "write", "rule": lambda s: dict(s["throttle"]), "outcome": "retried"},
    {"name": "http_429", "at": "write", "rule": {"http_status": 429}, "outcome": "retried"},
    {"name": "http_500", "at": "write", "rule": {"http_status": 500}, "outcome": "retried"},
    {"name": "http_502", "at": "read", "rule": {"http_status": 502}, "outcome": "retried"},
    {"name": "http_503", "at": "write", "rule": {"http_status": 503}, "outcome": "retried"},
    {"name": "http_504", "at": "write", "rule": {"http_status": 504}, "outcome": "retried"},
    {"name": "connection_reset", "at": "write", "rule": {"drop": True}, "outcome": "retried"},
    # The write is applied, then the connection drops: the retry must converge, not double-apply.
    {"name": "reset_after_write", "at": "write", "rule": {"drop": True, "when": "after"}, "outcome": "retried"},
    # No reply at all within timeout (the server holds the connection, then drops it).
    {"name": "read_timeout", "at": "read", "rule": {"delay": 3.0, "drop": True}, "outcome": "retried",
     "settle": 3.0},
    # Every reply slower than timeout: the task gives up within a bounded time.
    {"name": "slower_than_timeout", "at": "read", "rule": {"delay": 3.0, "count": 10}, "outcome": "clean_fail",
     "code": "Timeout", "settle": 3.1},
    {"name": "malformed_json", "at": "read", "rule": {"malformed": True}, "outcome": "retried"},
    # A proxy's HTML page with a status that is not transient: permanent, never retried.
    {"name": "proxy_html_page", "at": "read", "rule": {"http_status": 403}, "outcome": "clean_fail",
     "code": "HTTP403", "permanent": True},
    {"name": "permanent_error", "at": "write", "rule": lambda s: dict(s["permanent"]), "outcome": "clean_fail",
     "code": lambda s: s["permanent"]["error_code"], "permanent": True},
    # A transient fault that outlasts the retry budget.
    {"name": "retries_exhausted", "at": "read", "rule": {"http_status": 502, "count": 10}, "outcome": "clean_fail",
     "code": "HTTP502"},
    {"name": "partial_failure", "at": "partial", "outcome": "clean_fail", "applies": lambda s: "partial" in s},
    {"name": "second_write_fails", "at": "second_write", "rule": lambda s: dict(s["permanent"]),
     "outcome": "clean_fail", "code": lambda s: s["permanent"]["error_code"], "permanent": True,
     "applies": lambda s: s["second_write"] is not None},
]


def applies(fault, scenario):
    check = fault.get("applies")
    return check is None or check(scenario)


def value(item, scenario):
    return item(scenario) if callable(item) else item
