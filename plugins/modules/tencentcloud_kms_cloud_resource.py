#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: tencentcloud_kms_cloud_resource
short_description: Bind a Tencent Cloud KMS key to the cloud resource that uses it
version_added: 0.1.0
description:
  - Binds a KMS customer master key (CMK) to a Tencent Cloud resource (BindCloudResource), or removes the
    binding (UnbindCloudResource). A key bound to a resource cannot be scheduled for deletion, and binding it
    cancels the key's automatic expiry.
  - Before any write, the module reads the key (DescribeKey) and fails with a clear message if the key does
    not exist in O(region), or if it is V(PendingDelete), V(PendingImport) or V(Archived), states in which the
    cloud refuses a binding.
  - B(What C(changed) means.) No Tencent Cloud API reads a key's bindings, so the module cannot know whether a
    binding exists before it binds. BindCloudResource succeeds whether or not the binding existed, so with
    O(state=present) the module calls it every run and reports C(changed=true), meaning "the binding was
    asserted"; RV(binding_known) is V(false) to say so. With O(state=absent) the answer is exact, because the
    cloud says whether there was a binding to remove, and a second run reports C(changed=false).
  - In check mode neither write is called, so the module reports the change it would attempt (C(changed=true))
    without knowing whether a binding exists.
author:
  - polycloud.ops maintainers (@polycloud-ops)
options:
  key_id:
    description:
      - The CMK id, 36 characters of the form V(23e80852-1e38-11e9-b129-5cb9019b4b01).
    type: str
    required: true
  product_id:
    description:
      - The id of the Tencent Cloud product that uses the key, such as V(ssm) or V(cos).
    type: str
    required: true
  resource_id:
    description:
      - The id of the resource in that product, as the product defines it.
    type: str
    required: true
  state:
    description:
      - V(present) binds the key to the resource; V(absent) removes the binding.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - polycloud.ops.tencentcloud
  - polycloud.ops.transport
  - polycloud.ops.attributes
  - polycloud.ops.attributes.ACTIONGROUP_TENCENTCLOUD
attributes:
  check_mode:
    support: partial
    details: No API reads bindings, so check mode reports the write it would make, not whether it would change anything.
  diff_mode:
    support: partial
    details: For O(state=present) the state before the task is unknown and shown as such.
seealso:
  - name: BindCloudResource API
    description: The Tencent Cloud API this module calls.
    link: https://www.tencentcloud.com/document/api/1030/37835
"""

EXAMPLES = r"""
- name: Protect the key of a secret from deletion while the secret uses it
  polycloud.ops.tencentcloud_kms_cloud_resource:
    region: ap-guangzhou
    key_id: 23e80852-1e38-11e9-b129-5cb9019b4b01
    product_id: ssm
    resource_id: db-password

- name: Release the key when the resource is gone
  polycloud.ops.tencentcloud_kms_cloud_resource:
    region: ap-guangzhou
    key_id: 23e80852-1e38-11e9-b129-5cb9019b4b01
    product_id: ssm
    resource_id: db-password
    state: absent
"""

RETURN = r"""
key:
  description: The key as DescribeKey returned it, in snake_case. Null if the key does not exist (O(state=absent)).
  returned: success
  type: dict
  contains:
    key_id:
      description: The key id.
      type: str
    key_state:
      description: V(Enabled), V(Disabled), V(PendingDelete), V(PendingImport) or V(Archived).
      type: str
    alias:
      description: The key's alias.
      type: str
  sample:
    key_id: 23e80852-1e38-11e9-b129-5cb9019b4b01
    key_state: Enabled
    alias: app-secrets
binding:
  description: The binding the task manages and its state after the task.
  returned: success
  type: dict
  contains:
    key_id:
      description: The key id.
      type: str
    product_id:
      description: The product id.
      type: str
    resource_id:
      description: The resource id.
      type: str
    state:
      description: V(present) or V(absent).
      type: str
  sample:
    key_id: 23e80852-1e38-11e9-b129-5cb9019b4b01
    product_id: ssm
    resource_id: db-password
    state: present
binding_known:
  description:
    - Whether the module knows the binding's state before the task. Always V(false) for O(state=present) and in
      check mode, because no API reads bindings; V(true) after a real O(state=absent) run.
  returned: success
  type: bool
request_ids:
  description: The RequestIds of the write calls.
  returned: always
  type: list
  elements: str
error:
  description: What the cloud answered when the task failed on an API error.
  returned: failure
  type: dict
  contains:
    code:
      description: The Tencent Cloud error code.
      type: str
      sample: ResourceUnavailable.CmkNotFound
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

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._resource import CloudResource
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_client import TencentClient
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_spec import (
    tencent_argument_spec, tencent_schema_properties)

KEY_ID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# Key states in which BindCloudResource answers ResourceUnavailable.CmkStateNotSupport.
UNBINDABLE_STATES = {
    "PendingDelete": "it is scheduled for deletion; cancel the deletion (CancelKeyDeletion) first",
    "PendingImport": "its key material has not been imported yet",
    "Archived": "it is archived; cancel the archive (CancelKeyArchive) first",
}
# Printable text without spaces: the API leaves these ids to each product, so only the obvious is refused.
ID_TEXT = {"type": "string", "minLength": 1, "maxLength": 256, "pattern": "^[^\\s\\x00-\\x1f]+$",
           "description": "1 to 256 characters, no spaces or control characters"}


class KmsCloudResource(CloudResource):
    schema = {
        "type": "object",
        "properties": dict(tencent_schema_properties(), **{
            "key_id": {"type": "string", "pattern": KEY_ID_PATTERN,
                       "description": "a KMS key id looks like 23e80852-1e38-11e9-b129-5cb9019b4b01"},
            "product_id": ID_TEXT,
            "resource_id": ID_TEXT,
        }),
    }

    def __init__(self, module):
        super(KmsCloudResource, self).__init__(module)
        self.client = None

    def close(self):
        if self.client is not None:
            self.client.close()

    def _describe_key(self):
        try:
            reply = self.client.call("DescribeKey", {"KeyId": self.params["key_id"]})
        except CloudError as err:
            if err.code == "ResourceUnavailable.CmkNotFound":
                return None
            raise
        return camel_dict_to_snake_dict(reply.get("KeyMetadata") or {})

    def run(self):
        p = self.params
        self.client = TencentClient(p, "kms")
        binding = {"key_id": p["key_id"], "product_id": p["product_id"], "resource_id": p["resource_id"]}
        key = self._describe_key()
        if p["state"] == "present":
            self._present(key, binding)
        else:
            self._absent(key, binding)

    def _present(self, key, binding):
        if key is None:
            self.fail_options("key_id", "no KMS key %s in region %s" % (binding["key_id"], self.params["region"]))
        reason = UNBINDABLE_STATES.get(key.get("key_state"))
        if reason:
            self.fail_options("key_id", "the key %s cannot be bound: %s" % (binding["key_id"], reason))
        self.result.set_diff({"binding": "unknown: no Tencent Cloud API reads a key's bindings"},
                             {"binding": dict(binding, state="present")})
        if not self.check_mode:
            reply = self.client.call("BindCloudResource", {
                "KeyId": binding["key_id"], "ProductId": binding["product_id"], "ResourceId": binding["resource_id"]})
            self.result.add_request_id(reply.get("RequestId"))
        # Bind answers the same whether or not the binding existed, so "changed" means "asserted".
        self.result.mark_changed()
        self.result.update(key=key, binding=dict(binding, state="present"), binding_known=False)

    def _absent(self, key, binding):
        if key is None:
            # A key that does not exist has no bindings.
            self.result.warnings.append("no KMS key %s in region %s, so there is no binding to remove" % (
                binding["key_id"], self.params["region"]))
            self.result.update(key=None, binding=dict(binding, state="absent"), binding_known=True)
            return
        if self.check_mode:
            self.result.mark_changed()
            self.result.set_diff({"binding": "unknown: no Tencent Cloud API reads a key's bindings"},
                                 {"binding": dict(binding, state="absent")})
            self.result.update(key=key, binding=dict(binding, state="absent"), binding_known=False)
            return
        try:
            reply = self.client.call("UnbindCloudResource", {
                "KeyId": binding["key_id"], "ProductId": binding["product_id"], "ResourceId": binding["resource_id"]})
        except CloudError as err:
            if err.code != "ResourceUnavailable.CloudResourceBindingNotFound":
                raise
            self.result.set_diff({"binding": dict(binding, state="absent")}, {"binding": dict(binding, state="absent")})
        else:
            self.result.add_request_id(reply.get("RequestId"))
            self.result.mark_changed()
            self.result.set_diff({"binding": dict(binding, state="present")}, {"binding": dict(binding, state="absent")})
        self.result.update(key=key, binding=dict(binding, state="absent"), binding_known=True)


def main():
    argument_spec = tencent_argument_spec()
    argument_spec.update(
        key_id=dict(type="str", required=True, no_log=False),
        product_id=dict(type="str", required=True),
        resource_id=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    KmsCloudResource(module).execute()


if __name__ == "__main__":
    main()
