#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: tencentcloud_cvm_security_group_association
short_description: Associate security groups with Tencent Cloud CVM instances
version_added: 0.1.0
description:
  - Makes sure each of O(instance_ids) is, or is not, associated with each of O(security_group_ids).
  - Reads the instances first (DescribeInstances, 100 per call) and writes only to the instances that
    differ, with one security group and at most 100 instances per AssociateSecurityGroups or
    DisassociateSecurityGroups call, as the API demands. Any number of instances works in one task.
  - Security groups the task does not name are left alone. A group added to an instance goes last in its
    list, which is the lowest priority.
  - Every instance is checked against the limit of 5 security groups per instance before the first write,
    and unknown instance ids fail the task before anything is written.
  - The writes are asynchronous on Tencent Cloud. With O(wait=true) the module polls DescribeInstances until
    each instance's latest operation for our request id has settled, and fails with the cloud's
    C(LatestOperationErrorMsg) if it ended C(FAILED).
author:
  - polycloud.ops maintainers (@polycloud-ops)
options:
  instance_ids:
    description:
      - The CVM instance ids, such as V(ins-2zvpghhc). At least one; no repeats.
    type: list
    elements: str
    required: true
  security_group_ids:
    description:
      - The security group ids, such as V(sg-9id3l839). One to five; no repeats.
      - For O(state=present) they are added in this order, so the first listed gets the higher priority.
    type: list
    elements: str
    required: true
  state:
    description:
      - V(present) associates every group with every instance; V(absent) disassociates them.
    type: str
    choices: [present, absent]
    default: present
  wait:
    description:
      - Wait until the asynchronous operations have settled and return the state read back from the cloud.
      - With V(false) the module returns as soon as the calls are accepted, and RV(instances) is the state
        the calls will produce, not yet read back. Writes to the same instance are still serialised, since
        an instance refuses a second operation while one is running.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait in all, from 1 to 3600.
    type: int
    default: 300
extends_documentation_fragment:
  - polycloud.ops.tencentcloud
  - polycloud.ops.transport
  - polycloud.ops.attributes
  - polycloud.ops.attributes.ACTIONGROUP_TENCENTCLOUD
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
seealso:
  - name: AssociateSecurityGroups API
    description: The Tencent Cloud API this module calls.
    link: https://www.tencentcloud.com/document/api/213/33265
"""

EXAMPLES = r"""
- name: Put the web tier behind two security groups
  polycloud.ops.tencentcloud_cvm_security_group_association:
    region: ap-guangzhou
    instance_ids:
      - ins-2zvpghhc
      - ins-915zrb0p
    security_group_ids:
      - sg-9id3l839
      - sg-5kz2cq8p

- name: Take a security group off an instance, without waiting for the cloud to finish
  polycloud.ops.tencentcloud_cvm_security_group_association:
    region: ap-guangzhou
    instance_ids: [ins-2zvpghhc]
    security_group_ids: [sg-5kz2cq8p]
    state: absent
    wait: false

- name: Against the offline cloud, with credentials for the whole play
  module_defaults:
    group/polycloud.ops.tencentcloud:
      endpoint: http://127.0.0.1:18080
      region: ap-guangzhou
  block:
    - name: Associate a group with a fleet read from inventory
      polycloud.ops.tencentcloud_cvm_security_group_association:
        instance_ids: "{{ groups['web'] | map('extract', hostvars, 'instance_id') | list }}"
        security_group_ids: [sg-9id3l839]
"""

RETURN = r"""
instances:
  description:
    - Every instance of O(instance_ids) with its security groups in priority order, read back from the cloud
      (or, with O(wait=false) or in check mode, as the task leaves or would leave them).
  returned: success
  type: list
  elements: dict
  contains:
    instance_id:
      description: The instance id.
      type: str
      sample: ins-2zvpghhc
    security_group_ids:
      description: The instance's security groups, highest priority first.
      type: list
      elements: str
      sample: [sg-9id3l839, sg-5kz2cq8p]
operations:
  description: One entry per write call the task made (or would make, in check mode).
  returned: always
  type: list
  elements: dict
  contains:
    action:
      description: V(AssociateSecurityGroups) or V(DisassociateSecurityGroups).
      type: str
    security_group_id:
      description: The group the call added or removed.
      type: str
    instance_ids:
      description: The instances of the call, at most 100.
      type: list
      elements: str
    request_id:
      description: The RequestId of the call; empty in check mode.
      type: str
    state:
      description:
        - V(SUCCESS) or V(FAILED) once settled, V(OPERATING) if the task did not wait, V(PLANNED) in check mode.
      type: str
  sample:
    - action: AssociateSecurityGroups
      security_group_id: sg-9id3l839
      instance_ids: [ins-2zvpghhc]
      request_id: 3385dcf2-e1f0-4ed8-a924-c296721ab65f
      state: SUCCESS
request_ids:
  description: The RequestIds of the write calls, in order.
  returned: always
  type: list
  elements: str
  sample: [3385dcf2-e1f0-4ed8-a924-c296721ab65f]
error:
  description: What the cloud answered when the task failed on an API error.
  returned: failure
  type: dict
  contains:
    code:
      description: The Tencent Cloud error code.
      type: str
      sample: InvalidSecurityGroupId.NotFound
    message:
      description: The error message.
      type: str
    request_id:
      description: The RequestId of the failed call.
      type: str
    http_status:
      description: The HTTP status of the reply.
      type: int
    retryable:
      description: Whether the error is one that trying again can fix.
      type: bool
"""

import time

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.polycloud.ops.plugins.module_utils._resource import CloudResource
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_client import TencentClient
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_services import (
    CVM_MAX_IDS_PER_CALL, CVM_MAX_SECURITY_GROUPS_PER_INSTANCE)
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_spec import (
    tencent_argument_spec, tencent_schema_properties)

INSTANCE_ID_PATTERN = "^ins-[a-z0-9]{8}$"
SG_ID_PATTERN = "^sg-[a-z0-9]{8}$"
WRITE_ACTIONS = {"present": "AssociateSecurityGroups", "absent": "DisassociateSecurityGroups"}
SETTLED = ("SUCCESS", "FAILED")


def _chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


class SecurityGroupAssociation(CloudResource):
    schema = {
        "type": "object",
        "properties": dict(tencent_schema_properties(), **{
            "instance_ids": {
                "type": "array", "minItems": 1, "uniqueItems": True,
                "description": "at least one instance id, without repeats",
                "items": {"type": "string", "pattern": INSTANCE_ID_PATTERN,
                          "description": "an instance id is ins- followed by 8 lower-case letters or digits"},
            },
            "security_group_ids": {
                "type": "array", "minItems": 1, "maxItems": CVM_MAX_SECURITY_GROUPS_PER_INSTANCE, "uniqueItems": True,
                "description": "1 to 5 security group ids without repeats; an instance can have at most 5",
                "items": {"type": "string", "pattern": SG_ID_PATTERN,
                          "description": "a security group id is sg- followed by 8 lower-case letters or digits"},
            },
            "wait_timeout": {"type": "integer", "minimum": 1, "maximum": 3600, "description": "1 to 3600 seconds"},
        }),
    }

    def __init__(self, module, clock=time.monotonic, sleep=time.sleep):
        super(SecurityGroupAssociation, self).__init__(module)
        self.client = None
        self.clock = clock
        self.sleep = sleep
        self.operations = []

    def close(self):
        if self.client is not None:
            self.client.close()

    # Reads.

    def _describe(self, instance_ids):
        found = {}
        for chunk in _chunks(instance_ids, CVM_MAX_IDS_PER_CALL):
            reply = self.client.call("DescribeInstances", {"InstanceIds": chunk, "Limit": CVM_MAX_IDS_PER_CALL})
            for item in reply.get("InstanceSet") or []:
                found[item["InstanceId"]] = item
        return found

    # Planning: pure, so check mode and the unit tests see exactly what a real run would do.

    @staticmethod
    def plan(current, instance_ids, security_group_ids, state):
        """Return (writes, after): writes is [(security_group_id, [instance ids])] in call order."""
        after = {i: list(current[i]) for i in instance_ids}
        writes = []
        for sg_id in security_group_ids:
            if state == "present":
                todo = [i for i in instance_ids if sg_id not in after[i]]
                for i in todo:
                    after[i].append(sg_id)
            else:
                todo = [i for i in instance_ids if sg_id in after[i]]
                for i in todo:
                    after[i].remove(sg_id)
            for chunk in _chunks(todo, CVM_MAX_IDS_PER_CALL):
                writes.append((sg_id, chunk))
        return writes, after

    # Waiting.

    def _settle(self, pending, deadline):
        """Poll until every instance in ``pending`` ({instance id: operation}) has settled.

        The newest operation's instances are probed alone until they settle: operations were
        accepted in order, so while the newest still runs, a sweep of the older ones would mostly
        be wasted calls. Once it has settled, one sweep reads all the rest.
        """
        delay = 0.2
        latest = {}
        order = dict((id(op), n) for n, op in enumerate(self.operations))
        while pending:
            newest_first = sorted(pending, key=lambda i: (-order.get(id(pending[i]), 0), i))
            probe = newest_first[:CVM_MAX_IDS_PER_CALL]
            settled_probe = self._record(self._describe(probe), pending, latest)
            if settled_probe and pending:
                # The newest has finished: sweep everything else in one pass before sleeping.
                self._record(self._describe(sorted(pending)), pending, latest)
            if not pending:
                break
            if self.clock() + delay > deadline:
                raise _WaitTimeout(sorted(pending))
            self.sleep(delay)
            delay = min(delay * 1.5, 3.0)
        return latest

    @staticmethod
    def _record(items, pending, latest):
        """Take what a poll read; return True if every polled instance has settled."""
        all_settled = True
        for instance_id, item in items.items():
            operation = pending.get(instance_id)
            if operation is None:
                continue
            latest[instance_id] = item
            state = item.get("LatestOperationState")
            if item.get("LatestOperationRequestId") == operation["request_id"]:
                if state not in SETTLED:
                    all_settled = False
                    continue
                if state == "FAILED":
                    operation["failures"][instance_id] = item.get("LatestOperationErrorMsg") or "no message"
            elif state == "OPERATING" or not _shows_effect(operation, item):
                # Not ours yet (or someone else's operation is running): keep polling.
                all_settled = False
                continue
            del pending[instance_id]
            operation["remaining"].discard(instance_id)
            if not operation["remaining"]:
                operation["state"] = "FAILED" if operation["failures"] else "SUCCESS"
        return all_settled

    # The task.

    def run(self):
        p = self.params
        instance_ids, sg_ids, state = p["instance_ids"], p["security_group_ids"], p["state"]
        self.client = TencentClient(p, "cvm")
        current_items = self._describe(instance_ids)
        unknown = [i for i in instance_ids if i not in current_items]
        if unknown:
            self.fail_options("instance_ids", "no such instance in region %s: %s" % (p["region"], ", ".join(unknown)))
        current = {i: list(current_items[i].get("SecurityGroupIds") or []) for i in instance_ids}
        writes, after = self.plan(current, instance_ids, sg_ids, state)
        if state == "present":
            over = [i for i in instance_ids if len(after[i]) > CVM_MAX_SECURITY_GROUPS_PER_INSTANCE]
            if over:
                self.fail_options("security_group_ids", "an instance can have at most %d security groups; these "
                                  "would have more: %s" % (CVM_MAX_SECURITY_GROUPS_PER_INSTANCE, "; ".join(
                                      "%s has %s" % (i, ", ".join(current[i]) or "none") for i in over)))
        self.result.set_diff({"instances": current}, {"instances": after})
        action = WRITE_ACTIONS[state]
        for sg_id, chunk in writes:
            self.operations.append({"action": action, "security_group_id": sg_id, "instance_ids": chunk,
                                    "request_id": "", "state": "PLANNED", "failures": {}, "remaining": set(chunk)})
        if writes and self.check_mode:
            self.result.mark_changed()
        if writes and not self.check_mode:
            after = self._apply(after)
            if self.params["wait"] and not any(op["state"] == "SUCCESS" or len(op["failures"]) < len(op["instance_ids"])
                                               for op in self.operations if op["request_id"]):
                # Every accepted write ended FAILED on every instance: nothing changed.
                self.result.changed = False
        self.result.update(
            instances=[{"instance_id": i, "security_group_ids": after[i]} for i in instance_ids],
            operations=self._public_operations())
        self._fail_on_failed_operations()

    def _apply(self, planned):
        deadline = self.clock() + self.params["wait_timeout"]
        in_flight = {}
        observed = {}
        try:
            for operation in self.operations:
                busy = {i: in_flight[i] for i in operation["instance_ids"] if i in in_flight}
                if busy:
                    # An instance takes one operation at a time: let ours finish before the next.
                    observed.update(self._settle(busy, deadline))
                    for i in busy:
                        in_flight.pop(i, None)
                reply = self.client.call(operation["action"], {
                    "InstanceIds": operation["instance_ids"], "SecurityGroupIds": [operation["security_group_id"]]})
                operation["request_id"] = reply.get("RequestId", "")
                operation["state"] = "OPERATING"
                self.result.add_request_id(operation["request_id"])
                # Changed once a write is accepted, not before: a failure on the first write changed nothing.
                self.result.mark_changed()
                for i in operation["instance_ids"]:
                    in_flight[i] = operation
            if self.params["wait"]:
                observed.update(self._settle(dict(in_flight), deadline))
        except _WaitTimeout as exc:
            self.result.update(operations=self._public_operations())
            self.fail_options("wait_timeout", "the cloud had not finished after %d seconds; still OPERATING: %s. "
                              "The writes were accepted (request ids %s); raise wait_timeout or rerun the task" % (
                                  self.params["wait_timeout"], ", ".join(exc.instance_ids),
                                  ", ".join(self.result.request_ids)))
        if not self.params["wait"]:
            return planned
        return {i: list(observed[i].get("SecurityGroupIds") or []) if i in observed else planned[i] for i in planned}

    def _public_operations(self):
        return [{k: v for k, v in op.items() if k not in ("failures", "remaining")} for op in self.operations]

    def _fail_on_failed_operations(self):
        failed = [op for op in self.operations if op["failures"]]
        if not failed:
            return
        lines = []
        for op in failed:
            for instance_id, message in sorted(op["failures"].items()):
                lines.append("%s %s on %s (request id %s): %s" % (
                    op["action"], op["security_group_id"], instance_id, op["request_id"], message))
        self.close()
        self.module.fail_json(msg="the cloud reported failed operations: " + "; ".join(lines),
                              **self.result.as_dict(self.module._diff))


def _shows_effect(operation, item):
    groups = item.get("SecurityGroupIds") or []
    if operation["action"] == "AssociateSecurityGroups":
        return operation["security_group_id"] in groups
    return operation["security_group_id"] not in groups


class _WaitTimeout(Exception):
    def __init__(self, instance_ids):
        super(_WaitTimeout, self).__init__("timed out")
        self.instance_ids = instance_ids


def main():
    argument_spec = tencent_argument_spec()
    argument_spec.update(
        instance_ids=dict(type="list", elements="str", required=True),
        security_group_ids=dict(type="list", elements="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=300),
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    SecurityGroupAssociation(module).execute()


if __name__ == "__main__":
    main()
