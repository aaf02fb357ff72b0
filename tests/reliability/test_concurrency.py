# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Concurrent writers: ``ansible-playbook -f 20`` over 20 inventory hosts (connection local), each
host changing overlapping keys and instances of the three clouds at the same time: KMS bindings
bound and unbound, CVM security groups added and removed, Huawei KMS tags added and removed, BCC
roles bound (replacing another) and unbound. The inputs are chosen so that the final state does not
depend on the order (per instance and group, per key and tag, all writers want the same thing, and
several want it at once); the test computes it from the inputs and compares it with the emulator's
state. Every task's ``changed`` must be true to what it did: a task that reports no change made no
write, a task that reports a change made one, and every change that was needed is reported by at
least one task."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

from tests.reliability.harness import BAIDU, HUAWEI, HUAWEI_PROJECT, SUMMARY, TENCENT, run_playbook

LINES = SUMMARY.setdefault("concurrent writers", [])
HOSTS = 20
KMS_KEY = "23e80852-1e38-11e9-b129-5cb9019b4b01"
CVM = ["ins-c000000%d" % n for n in range(6)]
HW_KEYS = ["0d0466b0-e727-4d9c-b35d-f84bb474a3%02d" % n for n in range(3)]
BCC = ["i-Conc000%d" % n for n in range(8)]


def kms_op(i):
    if i % 2 == 0:
        return {"key_id": KMS_KEY, "product_id": "ssm", "resource_id": "r%d" % (i // 2 % 5), "state": "absent"}
    return {"key_id": KMS_KEY, "product_id": "ssm", "resource_id": "p%d" % (i % 6), "state": "present"}


def cvm_op(i):
    if i % 3 == 0:
        return {"instance_ids": [CVM[i % 6], CVM[(i + 1) % 6], CVM[(i + 2) % 6]], "security_group_ids": ["sg-a0000000"],
                "state": "present"}
    if i % 3 == 1:
        return {"instance_ids": [CVM[i % 6], CVM[(i + 3) % 6]], "security_group_ids": ["sg-a0000001"], "state": "present"}
    return {"instance_ids": [CVM[i % 6], CVM[(i + 1) % 6]], "security_group_ids": ["sg-r0000000"], "state": "absent"}


def tags_op(i):
    key = HW_KEYS[i % 3]
    if i % 2 == 0:
        return {"key_id": key, "tags": {"a%d" % (i % 8): "v%d" % (i % 8)}, "state": "present"}
    return {"key_id": key, "tags": {"s%d" % (i % 4): None}, "state": "absent"}


def role_op(i):
    n = i // 2
    if i % 2 == 0:
        return {"instance_ids": [BCC[n % 4], BCC[6 + n % 2]], "role_name": "RoleA", "state": "present"}
    return {"instance_ids": [BCC[4 + n % 2], BCC[6 + n % 2]], "role_name": "RoleB", "state": "absent"}


SEED = {
    "tencentcloud": {
        "kms_keys": [{"key_id": KMS_KEY, "bindings": [{"product_id": "ssm", "resource_id": "r%d" % n} for n in range(10)]}],
        "instances": [{"instance_id": i, "security_group_ids": ["sg-r0000000"] + (["sg-r0000001"] if n % 2 == 0 else [])}
                      for n, i in enumerate(CVM)],
        "security_groups": ["sg-a0000000", "sg-a0000001", "sg-r0000000", "sg-r0000001"]},
    "huaweicloud": {"keys": [{"key_id": k, "project_id": HUAWEI_PROJECT, "tags": dict(("s%d" % n, "x") for n in range(4))}
                             for k in HW_KEYS]},
    "baiducloud": {"roles": ["RoleA", "RoleB"],
                   "instances": [{"instance_id": i, "role_name": "RoleB" if n >= 4 else ""} for n, i in enumerate(BCC)]},
}


def views(state):
    return {
        "kms": sorted((b["product_id"], b["resource_id"]) for b in state["tencentcloud"]["kms"]["keys"][KMS_KEY]["bindings"]),
        "cvm": dict((i, sorted(v["security_group_ids"])) for i, v in state["tencentcloud"]["cvm"]["instances"].items()),
        "tags": dict((k, v["tags"]) for k, v in state["huaweicloud"]["kms"]["keys"].items()),
        "roles": dict((i, v["role_name"]) for i, v in state["baiducloud"]["bcc"]["instances"].items()),
    }


def expected():
    """The final state computed from the seed and the inputs (every writer's wish applied)."""
    kms = set(("ssm", "r%d" % n) for n in range(10))
    cvm = dict((i, set(s["security_group_ids"])) for i, s in zip(CVM, SEED["tencentcloud"]["instances"]))
    tags = dict((k, dict(("s%d" % n, "x") for n in range(4))) for k in HW_KEYS)
    roles = dict((i, "RoleB" if n >= 4 else "") for n, i in enumerate(BCC))
    for i in range(HOSTS):
        op = kms_op(i)
        (kms.discard if op["state"] == "absent" else kms.add)((op["product_id"], op["resource_id"]))
        op = cvm_op(i)
        for instance in op["instance_ids"]:
            (cvm[instance].discard if op["state"] == "absent" else cvm[instance].add)(op["security_group_ids"][0])
        op = tags_op(i)
        for name, value in op["tags"].items():
            if op["state"] == "absent":
                tags[op["key_id"]].pop(name, None)
            else:
                tags[op["key_id"]][name] = value
    for i in range(HOSTS):
        op = role_op(i)
        for instance in op["instance_ids"]:
            if op["state"] == "present":
                roles[instance] = op["role_name"]
            elif roles[instance] == op["role_name"] and not any(
                    role_op(j)["state"] == "present" and instance in role_op(j)["instance_ids"] for j in range(HOSTS)):
                roles[instance] = ""
    return {"kms": sorted(kms), "cvm": dict((i, sorted(v)) for i, v in cvm.items()), "tags": tags, "roles": roles}


PLAYBOOK = """
- name: Twenty writers at once
  hosts: writers
  gather_facts: false
  module_defaults:
    group/polycloud.ops.tencentcloud: {tencent}
    group/polycloud.ops.huaweicloud: {huawei}
    group/polycloud.ops.baiducloud: {baidu}
  tasks:
    - name: KMS binding
      polycloud.ops.tencentcloud_kms_cloud_resource:
        key_id: "{{{{ kms.key_id }}}}"
        product_id: "{{{{ kms.product_id }}}}"
        resource_id: "{{{{ kms.resource_id }}}}"
        state: "{{{{ kms.state }}}}"
    - name: CVM security groups
      polycloud.ops.tencentcloud_cvm_security_group_association:
        instance_ids: "{{{{ cvm.instance_ids }}}}"
        security_group_ids: "{{{{ cvm.security_group_ids }}}}"
        state: "{{{{ cvm.state }}}}"
        wait_timeout: 120
    - name: Huawei KMS tags
      polycloud.ops.huaweicloud_kms_key_tags:
        key_id: "{{{{ tags.key_id }}}}"
        tags: "{{{{ tags.tags }}}}"
        state: "{{{{ tags.state }}}}"
    - name: BCC role
      polycloud.ops.baiducloud_bcc_instance_role:
        instance_ids: "{{{{ role.instance_ids }}}}"
        role_name: "{{{{ role.role_name }}}}"
        state: "{{{{ role.state }}}}"
"""


def test_twenty_forks(emulator, control, tmp_path):
    control.seed(SEED)
    control.config(async_delay=0.1)
    common = {"endpoint": emulator.url, "retries": 10, "timeout": 10}
    tencent = dict(TENCENT, region="ap-guangzhou", **common)
    huawei = dict(HUAWEI, region="eu-de", project_id=HUAWEI_PROJECT, **common)
    baidu = dict(BAIDU, region="bj", **common)
    playbook = tmp_path / "writers.yml"
    playbook.write_text(PLAYBOOK.format(tencent=json.dumps(tencent), huawei=json.dumps(huawei), baidu=json.dumps(baidu)))
    hosts = {}
    for i in range(HOSTS):
        hosts["w%02d" % i] = {"kms": kms_op(i), "cvm": cvm_op(i), "tags": tags_op(i), "role": role_op(i)}
    inventory = tmp_path / "inventory.json"
    inventory.write_text(json.dumps({"writers": {"hosts": hosts, "vars": {
        "ansible_connection": "local", "ansible_python_interpreter": os.environ.get("RELIABILITY_PYTHON") or
        __import__("sys").executable}}}))

    run = run_playbook(str(playbook), str(inventory), forks=HOSTS, timeout=900)
    assert run.rc == 0, (run.stdout[-4000:], run.stderr[-2000:])
    final = views(control.state())
    want = expected()
    for part in ("kms", "cvm", "tags", "roles"):
        assert final[part] == want[part], (part, final[part], want[part])

    by_task = {}
    for entry in run.results:
        assert entry["status"] == "ok", entry
        by_task.setdefault(entry["task"], []).append(entry)
    assert sorted(len(v) for v in by_task.values()) == [HOSTS] * 4, dict((k, len(v)) for k, v in by_task.items())
    for task, entries in sorted(by_task.items()):
        changed = [e for e in entries if e["result"]["changed"]]
        for entry in entries:
            result = entry["result"]
            if result["changed"]:
                # A change is backed by a write the cloud accepted.
                assert result["request_ids"], entry
            elif task != "BCC role":
                # No change, no write. (A BCC call that the cloud answered with failInstances because
                # another writer had already done the work is a write call that changed nothing.)
                assert not result["request_ids"], entry
        LINES.append("%-22s %2d tasks: %2d changed, %2d unchanged; every change backed by a write, no write unreported"
                     % (task, len(entries), len(changed), len(entries) - len(changed)))
    _assert_every_needed_change_reported(by_task)
    LINES.append("final state equals the state computed from the 80 inputs (%s); %.0f s wall, %d requests served" % (
        ", ".join("%s ok" % p for p in ("kms", "cvm", "tags", "roles")), run.elapsed, control.last_seq()))


def _assert_every_needed_change_reported(by_task):
    hosts = dict((e["host"], e["result"]) for e in by_task["CVM security groups"])
    seed = dict((i["instance_id"], set(i["security_group_ids"])) for i in SEED["tencentcloud"]["instances"])
    for instance, groups in seed.items():
        for i in range(HOSTS):
            op = cvm_op(i)
            group = op["security_group_ids"][0]
            needed = (group not in groups) if op["state"] == "present" else (group in groups)
            if instance in op["instance_ids"] and needed:
                touching = [hosts["w%02d" % j] for j in range(HOSTS) if instance in cvm_op(j)["instance_ids"]
                            and cvm_op(j)["security_group_ids"] == [group]]
                assert any(r["changed"] for r in touching), (instance, group)
    tags = dict((e["host"], e["result"]) for e in by_task["Huawei KMS tags"])
    for i in range(HOSTS):
        op = tags_op(i)
        same = [tags["w%02d" % j] for j in range(HOSTS) if tags_op(j) == op]
        assert any(r["changed"] for r in same), ("no writer reported the needed change", op)
    kms = dict((e["host"], e["result"]) for e in by_task["KMS binding"])
    for i in range(0, HOSTS, 2):
        same = [kms["w%02d" % j] for j in range(HOSTS) if kms_op(j) == kms_op(i)]
        # Exactly one of the writers that unbind the same binding removed it; the others found it gone.
        assert sum(1 for r in same if r["changed"]) == 1, (kms_op(i), same)
