# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tencent Cloud KMS (2019-01-18): DescribeKey, BindCloudResource, UnbindCloudResource.

Bindings are kept per key but, as on the real cloud, no action reads them back."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from .tencent_errors import ApiError

KEY_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
# States in which the documented ResourceUnavailable.CmkStateNotSupport applies to a bind.
NO_BIND_STATES = ("PendingDelete", "PendingImport", "Archived")
KEY_STATES = ("Enabled", "Disabled", "PendingDelete", "PendingImport", "Archived")


class KmsService(object):
    version = "2019-01-18"
    writes = frozenset(["BindCloudResource", "UnbindCloudResource"])

    def __init__(self):
        self.keys = {}

    def reset(self):
        self.keys = {}

    def seed(self, keys):
        for item in keys or []:
            key_id = item["key_id"]
            if not KEY_ID.match(key_id):
                raise ValueError("kms key_id %r is not a Tencent KMS key id" % key_id)
            state = item.get("key_state", "Enabled")
            if state not in KEY_STATES:
                raise ValueError("kms key_state must be one of %s" % ", ".join(KEY_STATES))
            self.keys[key_id] = {
                "KeyId": key_id,
                "Region": item.get("region", "ap-guangzhou"),
                "Alias": item.get("alias", key_id[:8]),
                "Description": item.get("description", ""),
                "KeyState": state,
                "KeyUsage": item.get("key_usage", "ENCRYPT_DECRYPT"),
                "Origin": "TENCENT_KMS",
                "CreateTime": int(item.get("create_time", 1700000000)),
                "bindings": set((b["product_id"], b["resource_id"]) for b in item.get("bindings", [])),
            }

    def state(self):
        return {key_id: {"region": key["Region"], "key_state": key["KeyState"], "alias": key["Alias"],
                         "bindings": [{"product_id": p, "resource_id": r} for p, r in sorted(key["bindings"])]}
                for key_id, key in sorted(self.keys.items())}

    def _key(self, params, region):
        key_id = params.get("KeyId")
        if not key_id:
            raise ApiError("MissingParameter", "The request is missing a required parameter `KeyId`.")
        if not isinstance(key_id, str) or not KEY_ID.match(key_id):
            raise ApiError("InvalidParameterValue.InvalidKeyId", "Invalid KeyId.")
        key = self.keys.get(key_id)
        if key is None or key["Region"] != region:
            raise ApiError("ResourceUnavailable.CmkNotFound", "The CMK does not exist.")
        return key

    @staticmethod
    def _binding(params):
        for name in ("ProductId", "ResourceId"):
            value = params.get(name)
            if not value:
                raise ApiError("MissingParameter", "The request is missing a required parameter `%s`." % name)
            if not isinstance(value, str) or len(value) > 128:
                raise ApiError("InvalidParameter", "%s must be a string of at most 128 characters." % name)
        return params["ProductId"], params["ResourceId"]

    def handle(self, action, params, region, ctx):
        if action == "DescribeKey":
            key = self._key(params, region)
            return {"KeyMetadata": {name: value for name, value in key.items() if name not in ("bindings", "Region")}}
        if action == "BindCloudResource":
            key = self._key(params, region)
            binding = self._binding(params)
            if key["KeyState"] in NO_BIND_STATES:
                raise ApiError("ResourceUnavailable.CmkStateNotSupport",
                               "This operation cannot be performed under the current CMK status.")
            key["bindings"].add(binding)
            return {}
        if action == "UnbindCloudResource":
            key = self._key(params, region)
            binding = self._binding(params)
            if binding not in key["bindings"]:
                raise ApiError("ResourceUnavailable.CloudResourceBindingNotFound",
                               "The CMK is not bound with the Tencent Cloud resource.")
            key["bindings"].discard(binding)
            return {}
        raise ApiError("InvalidAction", "The action %s is not supported by the kms emulator." % action)
