# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Baidu BCC instances and their IAM roles: GetInstance, listByInstanceId, bind, unbind and the
role list, with the documented errors and the per-instance ``failInstances`` of a 200 reply.

What the docs leave open, and what this emulator does (research/baidu.md 1.3, 1.4):
- listByInstanceId leaves unknown ids out of ``instances`` (no error);
- bind to an instance that already has another role fails that instance (``failInstances``):
  one role per instance, unbind first; binding the role it already has succeeds;
- unbind of a role the instance does not have fails that instance;
- an unknown instance in a bind or unbind fails that instance, not the whole call.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

INSTANCE_ID = re.compile(r"^i-[A-Za-z0-9]{8}$")
MAX_IDS_PER_LIST = 100
MAX_KEYS = 1000


class ApiError(Exception):
    def __init__(self, code, message, status):
        super(ApiError, self).__init__(message)
        self.code = code
        self.message = message
        self.status = status


def bad_request(message):
    return ApiError("BadRequest", message, 400)


class BccService(object):
    def __init__(self):
        self.instances = {}
        self.roles = {}

    def reset(self):
        self.instances = {}
        self.roles = {}

    # Seed and state.

    def seed(self, instances, roles):
        for item in roles or []:
            name = item if isinstance(item, str) else item.get("role_name")
            if not name:
                raise ValueError("a baiducloud role needs role_name")
            self.roles[name] = {"roleName": name}
        for item in instances or []:
            instance_id = item.get("instance_id", "")
            if not INSTANCE_ID.match(instance_id):
                raise ValueError("instance id %r is not i- followed by 8 letters or digits" % instance_id)
            role = item.get("role_name") or ""
            if role and role not in self.roles:
                self.roles[role] = {"roleName": role}
            self.instances[instance_id] = {
                "id": instance_id,
                "name": item.get("name", instance_id),
                "status": item.get("status", "Running"),
                "zoneName": item.get("zone", "cn-%s-a" % item.get("region", "bj")),
                "roleName": role,
                "_region": item.get("region", "bj"),
                "_fail_bind": item.get("fail_bind"),
                "_fail_unbind": item.get("fail_unbind"),
            }

    def state(self):
        return {
            "instances": {i["id"]: {"region": i["_region"], "role_name": i["roleName"],
                                    "fail_bind": i["_fail_bind"], "fail_unbind": i["_fail_unbind"]}
                          for i in self.instances.values()},
            "roles": sorted(self.roles),
        }

    # Actions.

    def _public(self, instance):
        return {k: v for k, v in instance.items() if not k.startswith("_")}

    def get_instance(self, instance_id, region):
        instance = self.instances.get(instance_id)
        if instance is None or instance["_region"] != region:
            raise ApiError("NoSuchObject", "The specified object is not found or resource do not exist.", 404)
        return {"instance": self._public(instance)}

    def list_by_instance_id(self, body, query, region):
        ids = body.get("instanceIds")
        if not isinstance(ids, list) or not ids:
            raise bad_request("instanceIds is null or empty")
        if not all(isinstance(i, str) for i in ids):
            raise bad_request("request is invalid")
        if len(ids) > MAX_IDS_PER_LIST:
            raise bad_request("instanceIds supports at most %d ids" % MAX_IDS_PER_LIST)
        try:
            max_keys = int(query.get("maxKeys", MAX_KEYS))
        except ValueError:
            raise bad_request("maxKeys is invalid")
        if not 1 <= max_keys <= MAX_KEYS:
            raise bad_request("maxKeys must be from 1 to %d" % MAX_KEYS)
        found = [self.instances[i] for i in dict.fromkeys(ids)
                 if i in self.instances and self.instances[i]["_region"] == region]
        marker = query.get("marker") or ""
        start = 0
        if marker:
            positions = [n for n, item in enumerate(found) if item["id"] == marker]
            if not positions:
                raise bad_request("marker is invalid")
            start = positions[0]
        page = found[start:start + max_keys]
        truncated = start + max_keys < len(found)
        out = {"marker": marker, "maxKeys": max_keys, "isTruncated": truncated,
               "instances": [self._public(i) for i in page]}
        if truncated:
            out["nextMarker"] = found[start + max_keys]["id"]
        return out

    def list_roles(self):
        return {"roles": [dict(r) for _name, r in sorted(self.roles.items())]}

    def write_role(self, action, body, region):
        role = body.get("roleName")
        instances = body.get("instances")
        if not isinstance(role, str) or not role:
            raise bad_request("roleName is null or empty")
        if not isinstance(instances, list) or not instances:
            raise bad_request("instances is null or empty")
        if not all(isinstance(i, dict) and isinstance(i.get("instanceId"), str) for i in instances):
            raise bad_request("request is invalid")
        if action == "bind" and role not in self.roles:
            raise bad_request("invalid roleName")
        failed, done = [], []
        for item in instances:
            instance_id = item["instanceId"]
            instance = self.instances.get(instance_id)
            problem = None
            if instance is None or instance["_region"] != region:
                problem = "instance %s does not exist" % instance_id
            elif instance["_fail_" + action]:
                problem = instance["_fail_" + action]
            elif action == "bind" and instance["roleName"] not in ("", role):
                problem = "instance %s already has role %s; unbind it first" % (instance_id, instance["roleName"])
            elif action == "unbind" and instance["roleName"] != role:
                problem = "role %s is not bound to instance %s" % (role, instance_id)
            if problem:
                failed.append({"instanceId": instance_id, "failMessage": problem})
                continue
            instance["roleName"] = role if action == "bind" else ""
            done.append({"instanceId": instance_id})
        return {"failInstances": failed, "instanceRoleAssociations": done}
