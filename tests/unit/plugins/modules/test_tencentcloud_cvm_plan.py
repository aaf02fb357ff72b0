# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The security-group association plan: which calls, in which order, and the state they leave."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.polycloud.ops.plugins.modules.tencentcloud_cvm_security_group_association import (
    SecurityGroupAssociation)

plan = SecurityGroupAssociation.plan


def test_nothing_to_do_when_already_associated():
    current = {"ins-aaaaaaaa": ["sg-11111111", "sg-22222222"]}
    writes, after = plan(current, ["ins-aaaaaaaa"], ["sg-22222222", "sg-11111111"], "present")
    assert writes == [] and after == current


def test_present_adds_only_missing_in_order_and_keeps_others():
    current = {"ins-aaaaaaaa": ["sg-00000000"], "ins-bbbbbbbb": ["sg-22222222"]}
    writes, after = plan(current, ["ins-aaaaaaaa", "ins-bbbbbbbb"], ["sg-11111111", "sg-22222222"], "present")
    assert writes == [("sg-11111111", ["ins-aaaaaaaa", "ins-bbbbbbbb"]), ("sg-22222222", ["ins-aaaaaaaa"])]
    assert after == {"ins-aaaaaaaa": ["sg-00000000", "sg-11111111", "sg-22222222"],
                     "ins-bbbbbbbb": ["sg-22222222", "sg-11111111"]}


def test_absent_removes_only_where_present():
    current = {"ins-aaaaaaaa": ["sg-11111111", "sg-22222222"], "ins-bbbbbbbb": ["sg-22222222"]}
    writes, after = plan(current, ["ins-aaaaaaaa", "ins-bbbbbbbb"], ["sg-11111111"], "absent")
    assert writes == [("sg-11111111", ["ins-aaaaaaaa"])]
    assert after == {"ins-aaaaaaaa": ["sg-22222222"], "ins-bbbbbbbb": ["sg-22222222"]}


def test_writes_are_chunked_by_100_per_group():
    ids = ["ins-%08d" % n for n in range(250)]
    current = {i: [] for i in ids}
    writes, _after = plan(current, ids, ["sg-11111111"], "present")
    assert [len(chunk) for _sg, chunk in writes] == [100, 100, 50]
    assert [i for _sg, chunk in writes for i in chunk] == ids


def test_plan_does_not_mutate_the_read_state():
    current = {"ins-aaaaaaaa": ["sg-11111111"]}
    plan(current, ["ins-aaaaaaaa"], ["sg-11111111"], "absent")
    assert current == {"ins-aaaaaaaa": ["sg-11111111"]}


class _FakeCvm(object):
    """DescribeInstances over a fleet whose operations finish oldest first, ``busy_polls`` reads late."""

    def __init__(self, operations, busy_polls):
        self.ops = operations
        self.busy_polls = busy_polls
        self.reads = []

    def call(self, action, payload):
        assert action == "DescribeInstances"
        self.reads.append(list(payload["InstanceIds"]))
        done = len(self.reads) > self.busy_polls
        items = []
        for instance_id in payload["InstanceIds"]:
            op = next(o for o in self.ops if instance_id in o["instance_ids"])
            items.append({"InstanceId": instance_id, "SecurityGroupIds": [op["security_group_id"]] if done else [],
                          "LatestOperationRequestId": op["request_id"],
                          "LatestOperationState": "SUCCESS" if done else "OPERATING"})
        return {"InstanceSet": items}


def _waiting_resource(n_ops, busy_polls):
    from types import SimpleNamespace
    module = SimpleNamespace(params={}, check_mode=False, _diff=False)
    resource = SecurityGroupAssociation(module, clock=lambda: 0.0, sleep=lambda s: None)
    for n in range(n_ops):
        ids = ["ins-%02d%06d" % (n, k) for k in range(100)]
        resource.operations.append({"action": "AssociateSecurityGroups", "security_group_id": "sg-11111111",
                                    "instance_ids": ids, "request_id": "req-%d" % n, "state": "OPERATING",
                                    "failures": {}, "remaining": set(ids)})
    resource.client = _FakeCvm(resource.operations, busy_polls)
    pending = dict((i, op) for op in resource.operations for i in op["instance_ids"])
    return resource, pending


def test_wait_probes_the_newest_operation_then_sweeps_once():
    resource, pending = _waiting_resource(n_ops=10, busy_polls=2)
    resource._settle(pending, deadline=1e9)
    reads = resource.client.reads
    # Two probes while the newest still runs, one that sees it settled, then one sweep of the other 900.
    assert [len(r) for r in reads] == [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100]
    assert set(reads[0]) == set(resource.operations[-1]["instance_ids"])
    assert pending == {} and all(op["state"] == "SUCCESS" for op in resource.operations)


def test_wait_with_nothing_running_reads_each_instance_once():
    resource, pending = _waiting_resource(n_ops=10, busy_polls=0)
    resource._settle(pending, deadline=1e9)
    assert len(resource.client.reads) == 10
