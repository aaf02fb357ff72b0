#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: huaweicloud_kms_key_tag
short_description: Manage one tag of a Huawei Cloud or Open Telekom Cloud KMS key
version_added: 0.1.0
description:
  - Adds, changes or removes one tag of a KMS customer master key (CMK) on Huawei Cloud or Open Telekom Cloud.
  - The module reads the key (describe-key) and its tags first. A missing tag is added with the single-tag API
    (C(POST /v1.0/{project_id}/kms/{key_id}/tags)). The cloud refuses to create a tag whose key exists, so a tag
    with another value is deleted (batch delete, C(POST .../tags/action)) and then added with the new value. A tag
    that already has the value is left alone.
  - A key that does not exist, is pending deletion, or is a default master key fails before any write, with the
    cloud's error code (C(KMS.0207), C(KMS.0210), C(KMS.0211)). A key can have at most 10 tags; adding an 11th
    fails before any write.
  - To manage several tags in one task, use M(polycloud.ops.huaweicloud_kms_key_tags).
author:
  - polycloud.ops maintainers (@polycloud-ops)
options:
  key_id:
    description:
      - The id of the KMS key, 36 characters of V(0-9), V(a-z) and dashes, such as V(0d0466b0-e727-4d9c-b35d-f84bb474a37f).
    type: str
    required: true
  tag_key:
    description:
      - The tag key, 1 to 36 characters, without ASCII control characters (0-31) or any of C(*), C(<), C(>), C(\), C(=).
    type: str
    required: true
  tag_value:
    description:
      - The tag value, 0 to 43 characters, with the same forbidden characters as O(tag_key).
      - Ignored with O(state=absent), which removes the tag whatever its value.
    type: str
    default: ""
  state:
    description:
      - V(present) makes the key have the tag with O(tag_value); V(absent) removes the tag.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - polycloud.ops.huaweicloud
  - polycloud.ops.transport
  - polycloud.ops.attributes
  - polycloud.ops.attributes.ACTIONGROUP_HUAWEICLOUD
attributes:
  check_mode:
    support: full
  diff_mode:
    support: full
seealso:
  - module: polycloud.ops.huaweicloud_kms_key_tags
  - name: Adding a CMK Tag
    description: The OTC KMS API this module calls.
    link: https://docs.otc.t-systems.com/key-management-service/api-ref/apis/cmk_management/adding_a_cmk_tag.html
"""

EXAMPLES = r"""
- name: Tag a key on Huawei Cloud (credentials from HW_ACCESS_KEY, HW_SECRET_KEY, HW_PROJECT_ID)
  polycloud.ops.huaweicloud_kms_key_tag:
    region: cn-north-4
    key_id: 0d0466b0-e727-4d9c-b35d-f84bb474a37f
    tag_key: env
    tag_value: prod

- name: Remove the tag on Open Telekom Cloud, with an IAM token
  polycloud.ops.huaweicloud_kms_key_tag:
    cloud: otc
    region: eu-de
    project_id: 0d0466b0e7274d9cb35df84bb474a37f
    auth_token: "{{ otc_token }}"
    key_id: 0d0466b0-e727-4d9c-b35d-f84bb474a37f
    tag_key: env
    state: absent
"""

RETURN = r"""
tags:
  description: All the key's tags after the task (in check mode, as they would be), as a dict.
  returned: success
  type: dict
  sample:
    env: prod
key:
  description: The key as describe-key returned it.
  returned: success
  type: dict
  contains:
    key_id:
      description: The key id.
      type: str
    key_alias:
      description: The key's alias.
      type: str
    key_state:
      description: V(1) pending activation, V(2) enabled, V(3) disabled, V(4) pending deletion, V(5) pending import.
      type: str
  sample:
    key_id: 0d0466b0-e727-4d9c-b35d-f84bb474a37f
    key_alias: app-data
    key_state: "2"
request_ids:
  description: The X-Request-Id of each write call, in order.
  returned: always
  type: list
  elements: str
diff:
  description: The key's tags before and after the task, with C(--diff).
  returned: success, in diff mode
  type: dict
  contains:
    before:
      description: The tags before.
      type: dict
    after:
      description: The tags after.
      type: dict
error:
  description: What the cloud answered when the task failed on an API error.
  returned: failure
  type: dict
  contains:
    code:
      description: The error code, such as C(KMS.0207) or C(APIGW.0308).
      type: str
      sample: KMS.0207
    message:
      description: The error message.
      type: str
    request_id:
      description: The X-Request-Id of the failed call.
      type: str
    http_status:
      description: The HTTP status of the reply.
      type: int
    retryable:
      description: Whether the error is one that trying again can fix.
      type: bool
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.polycloud.ops.plugins.module_utils._huawei_spec import (
    huawei_argument_spec, huawei_schema_properties)
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_tags import (
    KEY_ID_SCHEMA, TAG_KEY_SCHEMA, TAG_VALUE_SCHEMA, KmsKeyTagsResource)


class KmsKeyTag(KmsKeyTagsResource):
    tags_option = "tag_key"
    schema = {
        "type": "object",
        "properties": dict(huawei_schema_properties(), key_id=KEY_ID_SCHEMA, tag_key=TAG_KEY_SCHEMA,
                           tag_value=TAG_VALUE_SCHEMA),
    }

    def wanted(self):
        value = None if self.params["state"] == "absent" else self.params["tag_value"]
        return {self.params["tag_key"]: value}, False

    def create(self, key_id, tags):
        # The single-tag API of seed 001; the plan never creates more than one tag here.
        for key in sorted(tags):
            self.result.add_request_id(self.client.create_tag(key_id, key, tags[key]))


def main():
    argument_spec = huawei_argument_spec()
    argument_spec.update(
        key_id=dict(type="str", required=True, no_log=False),
        tag_key=dict(type="str", required=True, no_log=False),
        tag_value=dict(type="str", default=""),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    KmsKeyTag(module).execute()


if __name__ == "__main__":
    main()
