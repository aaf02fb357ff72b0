#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: baiducloud_bcc_instance_role
short_description: Bind an IAM role to Baidu AI Cloud BCC instances, or unbind it
version_added: 0.1.0
description:
  - Makes sure each of O(instance_ids) has the IAM role O(role_name) (O(state=present)), or does not have it
    (O(state=absent)).
  - Reads the instances' current roles first, with C(POST /v2/instance/listByInstanceId), 100 instances per call
    (the documented maximum), and fails naming every unknown instance id before anything is written.
  - A BCC instance holds one role at most. With O(state=present), an instance that has another role is first
    unbound from it (one C(POST /v2/instance/role?unbind) call per old role and per 100 instances), then every
    instance lacking O(role_name) is bound to it (one C(POST /v2/instance/role?bind) call per 100 instances).
  - When an instance must lose another role before it gets O(role_name), the module first reads the account's
    bindable roles (C(GET /v2/instance/role/list)) once, so an unknown O(role_name) fails the task before any
    instance loses its old role. Check mode always makes that read. A plain bind makes no such read; the API
    refuses an unknown role and nothing changes.
  - A reply of HTTP 200 can still list instances the call failed for (C(failInstances)). The module then fails the
    task, reports each of them in RV(failed_instances), and still reports C(changed) for the instances that did
    change. An instance whose unbind failed is not bound.
author:
  - polycloud.ops maintainers (@polycloud-ops)
options:
  instance_ids:
    description:
      - The BCC instance ids, such as V(i-AbCdEf12) (C(i-) followed by 8 letters or digits). At least one; no
        repeats. Any number of them; reads and writes go in batches of 100.
    type: list
    elements: str
    required: true
  role_name:
    description:
      - The IAM role to bind, one whose carrier is BCC.
      - 1 to 64 characters, starting with a letter, then letters, digits, V(_), V(-) or V(.).
      - Required when O(state=present). With O(state=absent), leave it out to unbind whatever role each
        instance has.
    type: str
  state:
    description:
      - V(present) binds O(role_name) to every instance, replacing any other role.
      - V(absent) unbinds O(role_name) (or any role, if O(role_name) is not given) from every instance that has it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - polycloud.ops.baiducloud
  - polycloud.ops.transport
  - polycloud.ops.attributes
  - polycloud.ops.attributes.ACTIONGROUP_BAIDUCLOUD
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
notes:
  - Temporary credentials on an instance refresh every 5 minutes and may stay valid for up to 5 minutes after
    the role is unbound.
seealso:
  - name: Bind a role (BCC API)
    description: The Baidu AI Cloud API this module calls.
    link: https://intl.cloud.baidu.com/doc/BCC/s/skek2fdyy-intl-en
  - name: Query instances by instance id (BCC API)
    description: The batch read the module uses.
    link: https://cloud.baidu.com/doc/BCC/s/4koffviai
"""

EXAMPLES = r"""
- name: Give the web tier the role that lets it read from BOS
  polycloud.ops.baiducloud_bcc_instance_role:
    region: bj
    instance_ids:
      - i-AbCdEf12
      - i-XktdeMSf
    role_name: WebBosReader

- name: Take whatever role an instance has away
  polycloud.ops.baiducloud_bcc_instance_role:
    instance_ids: [i-AbCdEf12]
    state: absent

- name: Against the offline cloud, with credentials for the whole play
  module_defaults:
    group/polycloud.ops.baiducloud:
      endpoint: http://127.0.0.1:18080
      access_key: bceofflinepolycloud0000000000000
      secret_key: offline-baidu-secret-key
  block:
    - name: Bind a role to a fleet read from inventory
      polycloud.ops.baiducloud_bcc_instance_role:
        instance_ids: "{{ groups['web'] | map('extract', hostvars, 'instance_id') | list }}"
        role_name: WebBosReader
"""

RETURN = r"""
instances:
  description:
    - Every instance of O(instance_ids) with its role as the task leaves it (in check mode, as it would leave it).
      V(role_name) is the empty string when the instance has no role.
  returned: success and when instances failed
  type: list
  elements: dict
  contains:
    instance_id:
      description: The instance id.
      type: str
      sample: i-AbCdEf12
    role_name:
      description: The instance's role, or the empty string.
      type: str
      sample: WebBosReader
failed_instances:
  description: The instances a bind or unbind call reported in C(failInstances), with the cloud's message.
  returned: when a call reported failed instances
  type: list
  elements: dict
  contains:
    instance_id:
      description: The instance id.
      type: str
    message:
      description: The cloud's C(failMessage).
      type: str
    action:
      description: V(bind) or V(unbind).
      type: str
  sample:
    - instance_id: i-AbCdEf12
      message: instance is not running
      action: bind
request_ids:
  description: The request ids of the write calls, in order.
  returned: always
  type: list
  elements: str
  sample: [d8752367-38e8-45e4-b4c7-e53be3137ce5]
error:
  description: What the cloud answered when the task failed on an API error.
  returned: failure
  type: dict
  contains:
    code:
      description: The Baidu AI Cloud error code.
      type: str
      sample: AccessDenied
    message:
      description: The error message.
      type: str
    request_id:
      description: The requestId of the failed call.
      type: str
    http_status:
      description: The HTTP status of the reply.
      type: int
    retryable:
      description: Whether the error is one that trying again can fix.
      type: bool
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.polycloud.ops.plugins.module_utils._baidu_client import BaiduClient
from ansible_collections.polycloud.ops.plugins.module_utils._baidu_services import (
    BCC_BIND_ROLE, BCC_GET_INSTANCE, BCC_LIST_BY_INSTANCE_ID, BCC_LIST_ROLES, BCC_MAX_IDS_PER_READ,
    BCC_MAX_IDS_PER_ROLE_WRITE, BCC_UNBIND_ROLE)
from ansible_collections.polycloud.ops.plugins.module_utils._baidu_spec import (
    baidu_argument_spec, baidu_schema_properties)
from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._resource import CloudResource

INSTANCE_ID_PATTERN = "^i-[A-Za-z0-9]{8}$"
ROLE_NAME_PATTERN = "^[A-Za-z][A-Za-z0-9_.-]{0,63}$"
CALLS = {"bind": BCC_BIND_ROLE, "unbind": BCC_UNBIND_ROLE}


def _chunks(items, size):
    return [items[i:i + size] for i in range(0, len(items), size)]


def plan(current, instance_ids, role_name, state, chunk=BCC_MAX_IDS_PER_ROLE_WRITE):
    """Return (writes, after) for the current roles ({instance id: role name or ""}).

    ``writes`` is [(action, role name, [instance ids])] in call order: every unbind (grouped per
    old role, in the order the roles first appear) before every bind, each at most ``chunk`` ids.
    """
    after = dict((i, current[i]) for i in instance_ids)
    unbind = {}
    if state == "present":
        for i in instance_ids:
            if current[i] and current[i] != role_name:
                unbind.setdefault(current[i], []).append(i)
        bind = [i for i in instance_ids if current[i] != role_name]
    else:
        for i in instance_ids:
            if current[i] and (role_name is None or current[i] == role_name):
                unbind.setdefault(current[i], []).append(i)
        bind = []
    writes = []
    for old_role, ids in unbind.items():
        for part in _chunks(ids, chunk):
            writes.append(("unbind", old_role, part))
        for i in ids:
            after[i] = ""
    for part in _chunks(bind, chunk):
        writes.append(("bind", role_name, part))
    for i in bind:
        after[i] = role_name
    return writes, after


def reply_failures(document, instance_ids):
    """{instance id: message} for the ids a bind/unbind reply did not confirm."""
    failed = {}
    for item in document.get("failInstances") or []:
        if isinstance(item, dict) and item.get("instanceId"):
            failed[item["instanceId"]] = item.get("failMessage") or "no message"
    confirmed = document.get("instanceRoleAssociations")
    if isinstance(confirmed, list):
        done = set(item.get("instanceId") for item in confirmed if isinstance(item, dict))
        for i in instance_ids:
            if i not in done and i not in failed:
                failed[i] = "the reply neither confirmed nor failed this instance"
    return failed


class InstanceRole(CloudResource):
    schema = {
        "type": "object",
        "properties": dict(baidu_schema_properties(), **{
            "instance_ids": {
                "type": "array", "minItems": 1, "uniqueItems": True,
                "items": {"type": "string", "pattern": INSTANCE_ID_PATTERN,
                          "description": "a BCC instance id is i- followed by 8 letters or digits, such as i-AbCdEf12"},
            },
            "role_name": {
                "type": ["string", "null"], "pattern": ROLE_NAME_PATTERN,
                "description": "1 to 64 characters: a letter, then letters, digits, _, - or .",
            },
        }),
    }

    def __init__(self, module):
        super(InstanceRole, self).__init__(module)
        self.client = None
        self.failed = []

    def close(self):
        if self.client is not None:
            self.client.close()

    # Reads.

    def read_roles(self, instance_ids):
        """{instance id: role name or ""} for the instances that exist."""
        found = {}
        method, path, _query = BCC_LIST_BY_INSTANCE_ID
        for part in _chunks(instance_ids, BCC_MAX_IDS_PER_READ):
            try:
                marker = None
                while True:
                    query = [("marker", marker)] if marker else None
                    document = self.client.call(method, path, query, {"instanceIds": part},
                                                action="ListInstanceByInstanceIds").document
                    for item in document.get("instances") or []:
                        found[item.get("id") or item.get("instanceId")] = item.get("roleName") or ""
                    marker = document.get("nextMarker")
                    if not document.get("isTruncated") or not marker:
                        break
            except CloudError as err:
                if err.category != "not_found":
                    raise
                # The batch read refused an unknown id without naming it: ask each one.
                found.update(self._read_each(part))
        return found

    def _read_each(self, instance_ids):
        found = {}
        method, path, _query = BCC_GET_INSTANCE
        for i in instance_ids:
            try:
                document = self.client.call(method, path.format(instance_id=i), action="GetInstance").document
            except CloudError as err:
                if err.category == "not_found":
                    continue
                raise
            found[i] = (document.get("instance") or {}).get("roleName") or ""
        return found

    def bindable_roles(self):
        method, path, _query = BCC_LIST_ROLES
        document = self.client.call(method, path, action="ListInstanceRoles").document
        return set(item.get("roleName") for item in document.get("roles") or [] if isinstance(item, dict))

    # The task.

    def run(self):
        p = self.params
        instance_ids, role_name, state = p["instance_ids"], p["role_name"], p["state"]
        self.client = BaiduClient(p, "bcc")
        current = self.read_roles(instance_ids)
        unknown = [i for i in instance_ids if i not in current]
        if unknown:
            self.fail_options("instance_ids", "no such BCC instance in region %s: %s" % (
                self.client.region, ", ".join(unknown)))
        writes, planned = plan(current, instance_ids, role_name, state)
        actions = set(action for action, _role, _ids in writes)
        # Before an old role is unbound, make sure the new one exists, or a typo would leave instances with no
        # role. A plain bind needs no such read: the API refuses an unknown role and nothing changes.
        if "bind" in actions and ("unbind" in actions or self.check_mode) and role_name not in self.bindable_roles():
            self.fail_options("role_name", "the account has no role %r that BCC instances can take (GET "
                                           "/v2/instance/role/list); create it in IAM with BCC as its carrier"
                              % role_name)
        self.result.set_diff({"instances": dict(current)}, {"instances": dict(planned)})
        after = planned
        if writes:
            if self.check_mode:
                self.result.mark_changed()
            else:
                after = self.apply(writes, dict(current))
        self.result.update(instances=[{"instance_id": i, "role_name": after[i]} for i in instance_ids])
        if self.failed:
            self.result.update(failed_instances=self.failed)
            if not self.check_mode:
                self.result.set_diff({"instances": dict(current)}, {"instances": dict(after)})
            self.close()
            self.module.fail_json(msg="%d instance%s failed: %s" % (
                len(self.failed), "" if len(self.failed) == 1 else "s",
                "; ".join("%s %s: %s" % (f["action"], f["instance_id"], f["message"]) for f in self.failed)),
                **self.result.as_dict(self.module._diff))

    def apply(self, writes, state):
        """Make the calls; return the resulting roles. Failed instances go to self.failed."""
        skipped = set()
        for action, role, ids in writes:
            ids = [i for i in ids if i not in skipped]
            if not ids:
                continue
            method, path, query = CALLS[action]
            reply = self.client.call(method, path, query, {"roleName": role,
                                                           "instances": [{"instanceId": i} for i in ids]},
                                     action=action)
            self.result.add_request_id(reply.request_id)
            failures = reply_failures(reply.document, ids)
            converged = set()
            if failures:
                listed = set(failures)
                failures = self._recheck(action, role, failures, reply.attempts > 1, state)
                # Read again and found as wanted: _recheck set their state and whether they changed.
                converged = listed - set(failures)
            for i in ids:
                if i in converged:
                    continue
                if i in failures:
                    self.failed.append({"instance_id": i, "message": failures[i], "action": action})
                    # An instance that kept its old role cannot take the new one.
                    skipped.add(i)
                    continue
                state[i] = role if action == "bind" else ""
                self.result.mark_changed()
        return state

    def _recheck(self, action, role, failures, retried, state):
        """Read the instances a reply listed as failed; keep the failures of those that do not show the
        call's effect. An instance that does was changed by an earlier attempt of this very call (whose
        reply was lost, so the retry found nothing left to do) when the call was retried, else by
        someone else: either way it is where the task wants it, and is no failure."""
        now = self.read_roles(sorted(failures))
        left = {}
        for i, message in failures.items():
            current = now.get(i)
            done = current == role if action == "bind" else (current is not None and current != role)
            if not done:
                left[i] = message
                continue
            state[i] = current
            if retried:
                self.result.mark_changed()
        return left


def main():
    argument_spec = baidu_argument_spec()
    argument_spec.update(
        instance_ids=dict(type="list", elements="str", required=True),
        role_name=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True,
                           required_if=[("state", "present", ["role_name"])])
    InstanceRole(module).execute()


if __name__ == "__main__":
    main()
