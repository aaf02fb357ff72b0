#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: huaweicloud_kms_key_tags
short_description: Manage the set of tags of a Huawei Cloud or Open Telekom Cloud KMS key
version_added: 0.1.0
description:
  - Adds, changes and removes the tags of a KMS customer master key (CMK) on Huawei Cloud or Open Telekom Cloud,
    with the batch tag API (C(POST /v1.0/{project_id}/kms/{key_id}/tags/action)).
  - The module reads the key (describe-key) and its tags, compares them with O(tags), and writes only what differs,
    in at most one batch delete followed by one batch create. The cloud refuses to create a tag whose key exists,
    so a changed value is deleted with its old value and created with the new one.
  - A key that does not exist, is pending deletion, or is a default master key fails before any write, with the
    cloud's error code (C(KMS.0207), C(KMS.0210), C(KMS.0211)).
  - All input is checked before any API call; a key can have at most 10 tags, which is checked before any write.
author:
  - polycloud.ops maintainers (@polycloud-ops)
options:
  key_id:
    description:
      - The id of the KMS key, 36 characters of V(0-9), V(a-z) and dashes, such as V(0d0466b0-e727-4d9c-b35d-f84bb474a37f).
    type: str
    required: true
  tags:
    description:
      - The tags as a dict of tag key to value. Keys are 1 to 36 characters, values 0 to 43 characters; neither may
        contain ASCII control characters (0-31) or any of C(*), C(<), C(>), C(\), C(=). At most 10 tags.
      - Numbers and booleans are turned into text.
      - With O(state=absent), a tag given with a value is removed only if the key has that value; a tag given with a
        null value (C(~)) is removed whatever its value.
    type: dict
    default: {}
  purge_tags:
    description:
      - With O(state=present), also remove the tags of the key that O(tags) does not name.
      - With O(purge_tags=true) and an empty O(tags), every tag is removed.
    type: bool
    default: false
  state:
    description:
      - V(present) makes the key have the tags of O(tags); V(absent) removes them.
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
  - module: polycloud.ops.huaweicloud_kms_key_tag
  - name: Adding or Deleting CMK Tags in Batches
    description: The OTC KMS API this module calls.
    link: https://docs.otc.t-systems.com/key-management-service/api-ref/apis/cmk_management/adding_or_deleting_cmk_tags_in_batches.html
"""

EXAMPLES = r"""
- name: Tag a key on Open Telekom Cloud with an access key pair (env HW_ACCESS_KEY / HW_SECRET_KEY)
  polycloud.ops.huaweicloud_kms_key_tags:
    cloud: otc
    region: eu-de
    project_id: 0d0466b0e7274d9cb35df84bb474a37f
    key_id: 0d0466b0-e727-4d9c-b35d-f84bb474a37f
    tags:
      env: prod
      owner: team-a

- name: Make the tags exactly these, removing any other, with an IAM user's password
  polycloud.ops.huaweicloud_kms_key_tags:
    cloud: huaweicloud
    region: cn-north-4
    username: automation
    password: "{{ vault_hw_password }}"
    domain_name: my-account
    key_id: 0d0466b0-e727-4d9c-b35d-f84bb474a37f
    tags:
      env: prod
    purge_tags: true

- name: Remove the tag owner whatever its value, and env only if it is test
  polycloud.ops.huaweicloud_kms_key_tags:
    cloud: otc
    region: eu-de
    project_id: 0d0466b0e7274d9cb35df84bb474a37f
    key_id: 0d0466b0-e727-4d9c-b35d-f84bb474a37f
    tags:
      owner: ~
      env: test
    state: absent
"""

RETURN = r"""
tags:
  description: The key's tags after the task (in check mode, as they would be), as a dict.
  returned: success
  type: dict
  sample:
    env: prod
    owner: team-a
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
  description: The tags before and after the task, with C(--diff).
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
    KEY_ID_SCHEMA, TAGS_SCHEMA, KmsKeyTagsResource, normalize_tags)
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions


class KmsKeyTags(KmsKeyTagsResource):
    schema = {
        "type": "object",
        "properties": dict(huawei_schema_properties(), key_id=KEY_ID_SCHEMA, tags=TAGS_SCHEMA),
    }

    def wanted(self):
        tags = self.params["tags"]
        if self.params["state"] == "present":
            empty = sorted(k for k, v in tags.items() if v is None)
            if empty:
                raise InvalidOptions("tags", "option tags: %s has no value; with state=present give each tag a value "
                                             "(\"\" for an empty one)" % ", ".join(empty))
        return tags, self.params["purge_tags"] and self.params["state"] == "present"


def main():
    argument_spec = huawei_argument_spec()
    argument_spec.update(
        key_id=dict(type="str", required=True, no_log=False),
        tags=dict(type="dict", default={}),
        purge_tags=dict(type="bool", default=False),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    # YAML may give numbers or booleans; the checks and the cloud want text.
    try:
        module.params["tags"] = normalize_tags(module.params["tags"])
    except InvalidOptions as exc:
        module.fail_json(msg=str(exc), changed=False)
    KmsKeyTags(module).execute()


if __name__ == "__main__":
    main()
