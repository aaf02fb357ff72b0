# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tencent Cloud CVM (2017-03-12): DescribeInstances, AssociateSecurityGroups,
DisassociateSecurityGroups.

Security-group writes are asynchronous as on the real cloud: the call returns at once, the
instances show ``LatestOperationState: OPERATING`` with our request id, and the change lands
``async_delay`` seconds later (settled lazily whenever the service is called). An instance with
an operation in flight refuses another write."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from .tencent_errors import ApiError

INSTANCE_ID = re.compile(r"^ins-[a-z0-9]{8}$")
SG_ID = re.compile(r"^sg-[a-z0-9]{8}$")
MAX_IDS = 100
MAX_SG_PER_INSTANCE = 5
MAX_FILTERS = 10
MAX_FILTER_VALUES = 5
FILTERS = {
    "instance-id": lambda i: [i["InstanceId"]],
    "security-group-id": lambda i: i["SecurityGroupIds"],
    "instance-name": lambda i: [i["InstanceName"]],
    "instance-state": lambda i: [i["InstanceState"]],
    "zone": lambda i: [i["Placement"]["Zone"]],
}


def _id_list(params, name, pattern, malformed_code, required=True):
    values = params.get(name)
    if values is None:
        if required:
            raise ApiError("MissingParameter", "The request is missing a required parameter `%s`." % name)
        return None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ApiError("InvalidParameter", "%s must be an array of strings." % name)
    if required and not values:
        raise ApiError("InvalidParameterValue", "%s must not be empty." % name)
    for value in values:
        if not pattern.match(value):
            raise ApiError(malformed_code, "The specified ID `%s` in %s is malformed." % (value, name))
    return values


class CvmService(object):
    version = "2017-03-12"
    writes = frozenset(["AssociateSecurityGroups", "DisassociateSecurityGroups"])

    def __init__(self):
        self.instances = {}
        self.security_groups = {}

    def reset(self):
        self.instances = {}
        self.security_groups = {}

    def seed(self, instances, security_groups):
        for item in security_groups or []:
            if isinstance(item, str):
                item = {"security_group_id": item}
            sg_id = item["security_group_id"]
            if not SG_ID.match(sg_id):
                raise ValueError("security group id %r is not sg- followed by 8 characters" % sg_id)
            self.security_groups[sg_id] = {"region": item.get("region", "ap-guangzhou"),
                                           "name": item.get("name", sg_id)}
        for item in instances or []:
            if isinstance(item, str):
                item = {"instance_id": item}
            instance_id = item["instance_id"]
            if not INSTANCE_ID.match(instance_id):
                raise ValueError("instance id %r is not ins- followed by 8 characters" % instance_id)
            region = item.get("region", "ap-guangzhou")
            sgs = list(item.get("security_group_ids", []))
            for sg_id in sgs:
                self.security_groups.setdefault(sg_id, {"region": region, "name": sg_id})
            self.instances[instance_id] = {
                "InstanceId": instance_id,
                "InstanceName": item.get("instance_name", instance_id),
                "InstanceState": item.get("instance_state", "RUNNING"),
                "Placement": {"Zone": item.get("zone", region + "-3")},
                "SecurityGroupIds": sgs,
                "RestrictState": "NORMAL",
                "LatestOperation": None,
                "LatestOperationState": None,
                "LatestOperationRequestId": None,
                "LatestOperationErrorMsg": None,
                "_region": region,
                "_pending": None,
            }

    def state(self):
        return {
            "instances": {i["InstanceId"]: {"region": i["_region"], "security_group_ids": list(i["SecurityGroupIds"]),
                                            "latest_operation": i["LatestOperation"],
                                            "latest_operation_state": i["LatestOperationState"]}
                          for i in self.instances.values()},
            "security_groups": {k: dict(v) for k, v in self.security_groups.items()},
        }

    # Asynchronous operations.

    def settle(self, now):
        for instance in self.instances.values():
            pending = instance["_pending"]
            if pending is None or pending["complete_at"] > now:
                continue
            instance["_pending"] = None
            if pending["failure"]:
                instance["LatestOperationState"] = "FAILED"
                instance["LatestOperationErrorMsg"] = pending["failure"]
                continue
            groups = instance["SecurityGroupIds"]
            if pending["action"] == "AssociateSecurityGroups":
                if pending["sg"] not in groups:
                    groups.append(pending["sg"])
            elif pending["sg"] in groups:
                groups.remove(pending["sg"])
            instance["LatestOperationState"] = "SUCCESS"

    # Actions.

    def handle(self, action, params, region, ctx, request_id):
        self.settle(ctx.now())
        if action == "DescribeInstances":
            return self._describe(params, region)
        if action in self.writes:
            return self._write(action, params, region, ctx, request_id)
        raise ApiError("InvalidAction", "The action %s is not supported by the cvm emulator." % action)

    def _describe(self, params, region):
        ids = _id_list(params, "InstanceIds", INSTANCE_ID, "InvalidInstanceId.Malformed", required=False)
        filters = params.get("Filters")
        if ids is not None and filters:
            raise ApiError("InvalidParameterCombination", "InstanceIds and Filters cannot be specified together.")
        offset = params.get("Offset", 0)
        limit = params.get("Limit", 20)
        if not isinstance(offset, int) or offset < 0:
            raise ApiError("InvalidParameterValue", "Offset must be a whole number >= 0.")
        if not isinstance(limit, int) or not 1 <= limit <= MAX_IDS:
            raise ApiError("InvalidParameterValue.LimitExceeded", "Limit must be between 1 and 100.")
        candidates = [i for i in self.instances.values() if i["_region"] == region]
        if ids is not None:
            if len(ids) > MAX_IDS:
                raise ApiError("InvalidParameterValue.LimitExceeded", "At most 100 InstanceIds per request.")
            wanted = set(ids)
            candidates = [i for i in candidates if i["InstanceId"] in wanted]
        if filters and len(filters) > MAX_FILTERS:
            raise ApiError("InvalidParameterValue.LimitExceeded", "At most 10 Filters per request.")
        for item in filters or []:
            name, values = item.get("Name"), item.get("Values")
            if name not in FILTERS:
                raise ApiError("InvalidFilter", "The filter %r is not supported." % name)
            if not isinstance(values, list) or not values or len(values) > MAX_FILTER_VALUES:
                raise ApiError("InvalidParameterValue.LimitExceeded", "A filter takes 1 to 5 Values.")
            candidates = [i for i in candidates if set(FILTERS[name](i)) & set(values)]
        page = candidates[offset:offset + limit]
        return {"TotalCount": len(candidates),
                "InstanceSet": [{k: (list(v) if isinstance(v, list) else (dict(v) if isinstance(v, dict) else v))
                                 for k, v in i.items() if not k.startswith("_")} for i in page]}

    def _write(self, action, params, region, ctx, request_id):
        sg_ids = _id_list(params, "SecurityGroupIds", SG_ID, "InvalidSgId.Malformed")
        ids = _id_list(params, "InstanceIds", INSTANCE_ID, "InvalidInstanceId.Malformed")
        if len(sg_ids) != 1:
            raise ApiError("InvalidParameterValue.LimitExceeded",
                           "Only one security group can be specified per request.")
        if len(ids) > MAX_IDS:
            raise ApiError("InvalidParameterValue.LimitExceeded", "At most 100 InstanceIds per request.")
        sg_id = sg_ids[0]
        group = self.security_groups.get(sg_id)
        if group is None or group["region"] != region:
            raise ApiError("InvalidSecurityGroupId.NotFound", "The security group `%s` does not exist." % sg_id)
        instances = []
        for instance_id in ids:
            instance = self.instances.get(instance_id)
            if instance is None or instance["_region"] != region:
                raise ApiError("InvalidInstanceId.NotFound", "The instance `%s` does not exist." % instance_id)
            instances.append(instance)
        for instance in instances:
            if instance["InstanceState"] == "PENDING":
                raise ApiError("UnsupportedOperation.InstanceStatePending",
                               "The instance `%s` is being created." % instance["InstanceId"])
            if instance["_pending"] is not None:
                raise ApiError("OperationDenied.InstanceOperationInProgress",
                               "The instance `%s` has an operation in progress. Please try again later."
                               % instance["InstanceId"])
            if (action == "AssociateSecurityGroups" and sg_id not in instance["SecurityGroupIds"]
                    and len(instance["SecurityGroupIds"]) >= MAX_SG_PER_INSTANCE):
                raise ApiError("LimitExceeded.AssociateUSGLimitExceeded",
                               "An instance can be bound with up to 5 security groups (`%s`)." % instance["InstanceId"])
        failure = ctx.faults_async.get("next")
        complete_at = ctx.now() + ctx.async_delay
        for instance in instances:
            instance["LatestOperation"] = action
            instance["LatestOperationState"] = "OPERATING"
            instance["LatestOperationRequestId"] = request_id
            instance["LatestOperationErrorMsg"] = None
            instance["_pending"] = {"action": action, "sg": sg_id, "complete_at": complete_at, "failure": failure}
        if ctx.async_delay <= 0:
            self.settle(ctx.now())
        return {}
