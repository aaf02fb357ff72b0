# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bugs the reliability fault matrix and the concurrent-writer test found (tests/reliability), kept
here as fast unit tests: the CVM module reported changed=true when its first write failed, and the
BCC role module failed a task whose retried write had been applied by an attempt whose reply was lost."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.modules import tencentcloud_cvm_security_group_association as cvm
from ansible_collections.polycloud.ops.plugins.modules.baiducloud_bcc_instance_role import InstanceRole


class Exit(Exception):
    def __init__(self, result, failed):
        super(Exit, self).__init__(result.get("msg"))
        self.result = result
        self.failed = failed


class FakeModule(object):
    _diff = False

    def __init__(self, params, check_mode=False):
        self.params = params
        self.check_mode = check_mode
        self.argument_spec = {}

    def exit_json(self, **result):
        raise Exit(result, False)

    def fail_json(self, **result):
        raise Exit(result, True)

    def warn(self, text):
        pass


class Reply(object):
    def __init__(self, document, request_id="req-1", attempts=1):
        self.document = document
        self.request_id = request_id
        self.attempts = attempts


class BccClient(object):
    """The instance's role after the lost first attempt of an unbind; the retry is told 'not bound'."""

    def __init__(self, roles, attempts):
        self.roles = roles
        self.attempts = attempts

    def call(self, method, path, query=None, payload=None, action=None):
        ids = payload["instances"] and [i["instanceId"] for i in payload["instances"]]
        return Reply({"failInstances": [{"instanceId": i, "failMessage": "role RoleA is not bound"} for i in ids],
                      "instanceRoleAssociations": []}, attempts=self.attempts)

    def close(self):
        pass


@pytest.mark.parametrize("attempts,now,changed,failed", [
    (2, "", True, False),       # our lost first attempt unbound it: changed, no failure
    (1, "", False, False),      # another writer unbound it: no failure, and not our change
    (2, "RoleA", None, True),   # still bound: the failure stands
])
def test_unbind_answered_not_bound_is_read_again(monkeypatch, attempts, now, changed, failed):
    resource = InstanceRole(FakeModule({"instance_ids": ["i-AbCdEf12"], "role_name": "RoleA", "state": "absent"}))
    resource.client = BccClient({"i-AbCdEf12": now}, attempts)
    monkeypatch.setattr(resource, "read_roles", lambda ids: dict((i, now) for i in ids))
    state = resource.apply([("unbind", "RoleA", ["i-AbCdEf12"])], {"i-AbCdEf12": "RoleA"})
    assert bool(resource.failed) is failed
    if not failed:
        assert state == {"i-AbCdEf12": ""} and resource.result.changed is changed


class CvmClient(object):
    def __init__(self, params, service):
        self.calls = []

    def call(self, action, payload, retry=True):
        self.calls.append(action)
        if action == "DescribeInstances":
            return {"InstanceSet": [{"InstanceId": i, "SecurityGroupIds": []} for i in payload["InstanceIds"]],
                    "RequestId": "req-read"}
        raise CloudError("tencentcloud", "UnauthorizedOperation", "no", request_id="req-denied")

    def close(self):
        pass


def test_cvm_first_write_refused_is_not_a_change(monkeypatch):
    monkeypatch.setattr(cvm, "TencentClient", CvmClient)
    params = {"instance_ids": ["ins-aaaaaaaa"], "security_group_ids": ["sg-11111111"], "state": "present",
              "wait": True, "wait_timeout": 30, "region": "ap-guangzhou", "validate_certs": True}
    with pytest.raises(Exit) as caught:
        cvm.SecurityGroupAssociation(FakeModule(params)).execute()
    assert caught.value.failed and caught.value.result["changed"] is False
    assert caught.value.result["error"]["code"] == "UnauthorizedOperation"


def test_cvm_check_mode_still_reports_the_change(monkeypatch):
    monkeypatch.setattr(cvm, "TencentClient", CvmClient)
    params = {"instance_ids": ["ins-aaaaaaaa"], "security_group_ids": ["sg-11111111"], "state": "present",
              "wait": True, "wait_timeout": 30, "region": "ap-guangzhou", "validate_certs": True}
    with pytest.raises(Exit) as caught:
        cvm.SecurityGroupAssociation(FakeModule(params, check_mode=True)).execute()
    assert not caught.value.failed and caught.value.result["changed"] is True
