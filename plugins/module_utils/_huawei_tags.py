# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""KMS key tags: the input rules from the API reference as JSON schema, and the pure planning
shared by huaweicloud_kms_key_tag and huaweicloud_kms_key_tags.

``compare_tags`` has amazon.aws ``compare_aws_tags`` semantics: what to set and what to unset.
``plan_tags`` turns that into KMS calls: the cloud refuses to create a tag whose key exists, so
a changed value is a delete of the old tag followed by a create of the new one, and all of it
fits in at most one batch delete and one batch create.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_client import HuaweiClient
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_errors import ALREADY_DONE
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_services import (
    KMS_KEY_ID_PATTERN, KMS_MAX_TAGS_PER_KEY, KMS_TAG_FORBIDDEN_PATTERN, KMS_TAG_KEY_MAX_LENGTH,
    KMS_TAG_VALUE_MAX_LENGTH)
from ansible_collections.polycloud.ops.plugins.module_utils._resource import CloudResource
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions

# Searched anywhere in the text: an anchored "allowed characters" pattern would let a trailing newline
# through, because jsonschema uses re.search and "$" also matches before a final "\n".
_FORBIDDEN = {"type": "string", "pattern": KMS_TAG_FORBIDDEN_PATTERN}
_FORBIDDEN_TEXT = "no ASCII control characters (0-31) and none of * < > \\ ="

KEY_ID_SCHEMA = {"type": "string", "pattern": KMS_KEY_ID_PATTERN, "maxLength": 36,
                 "description": "a KMS key id is 36 characters of 0-9 and a-z, like "
                                "0d0466b0-e727-4d9c-b35d-f84bb474a37f"}
TAG_KEY_SCHEMA = {"type": "string", "minLength": 1, "maxLength": KMS_TAG_KEY_MAX_LENGTH, "not": _FORBIDDEN,
                  "description": "a tag key is 1 to %d characters, %s" % (KMS_TAG_KEY_MAX_LENGTH, _FORBIDDEN_TEXT)}
TAG_VALUE_SCHEMA = {"type": "string", "maxLength": KMS_TAG_VALUE_MAX_LENGTH, "not": _FORBIDDEN,
                    "description": "a tag value is 0 to %d characters, %s" % (KMS_TAG_VALUE_MAX_LENGTH,
                                                                              _FORBIDDEN_TEXT)}
TAGS_SCHEMA = {"type": ["object", "null"], "maxProperties": KMS_MAX_TAGS_PER_KEY,
               "propertyNames": TAG_KEY_SCHEMA,
               # maxLength and pattern apply to strings only, so null (any value, for absent) passes.
               "additionalProperties": dict(TAG_VALUE_SCHEMA, type=["string", "null"]),
               "description": "at most %d tags per key" % KMS_MAX_TAGS_PER_KEY}


def normalize_tags(tags, option="tags"):
    """Tag keys and values as text (YAML may give numbers or booleans); None values stay None.

    Two keys that become the same text (``1`` and ``"1"``) are a duplicate.
    """
    result = {}
    for key, value in (tags or {}).items():
        text = key if isinstance(key, str) else str(key)
        if text in result:
            raise InvalidOptions(option, "option %s: the tag key %r is given twice" % (option, text))
        if isinstance(value, (dict, list, tuple, set)):
            # str() would make "{'a': 1}" a tag value nobody meant.
            raise InvalidOptions(option, "option %s: the value of tag %r is a %s; a tag value is text (or null with "
                                         "state=absent)" % (option, text, type(value).__name__))
        result[text] = None if value is None else (value if isinstance(value, str) else str(value))
    return result


def compare_tags(current, desired, purge=False):
    """Return (to_set, to_unset): the tags whose value must become the desired one, and the keys to
    remove (with ``purge``, every current key not in ``desired``)."""
    to_set = dict((k, v) for k, v in desired.items() if current.get(k) != v)
    to_unset = sorted(k for k in current if k not in desired) if purge else []
    return to_set, to_unset


def tags_to_remove(current, unwanted):
    """Keys of ``unwanted`` to remove: a key given with a value only if the value matches, a key given
    with None whatever its value."""
    return sorted(k for k, v in unwanted.items() if k in current and (v is None or current[k] == v))


def plan_tags(current, desired, purge=False, state="present"):
    """Plan the calls. Returns (delete, create, after): the tags (dicts) of one batch delete and of one
    batch create, either possibly empty, and the tags the key has afterwards.

    The delete carries the current values (as the OTC delete example does); it comes first.
    """
    if state == "absent":
        remove = tags_to_remove(current, desired)
        delete = dict((k, current[k]) for k in remove)
        create = {}
    else:
        to_set, to_unset = compare_tags(current, desired, purge)
        delete = dict((k, current[k]) for k in list(to_set) + to_unset if k in current)
        create = to_set
    after = dict((k, v) for k, v in current.items() if k not in delete)
    after.update(create)
    return delete, create, after


def check_tag_count(after, option="tags"):
    """Raise InvalidOptions if the key would end with more tags than a key may have."""
    if len(after) > KMS_MAX_TAGS_PER_KEY:
        names = ", ".join(sorted(after))
        raise InvalidOptions(option, "option %s: the key would have %d tags (%s); a KMS key can have at most %d. "
                                     "Remove some, or set purge_tags" % (option, len(after), names, KMS_MAX_TAGS_PER_KEY))


class KmsKeyTagsResource(CloudResource):
    """The run of both tag modules: describe the key, read its tags, plan, write what differs.

    A subclass says what it wants (``wanted()``: the desired tags and whether to purge) and may
    override ``create()`` (the single-tag module uses the single-tag API of seed 001).
    """

    tags_option = "tags"

    def __init__(self, module):
        super(KmsKeyTagsResource, self).__init__(module)
        self.client = None

    def wanted(self):
        raise NotImplementedError

    def close(self):
        if self.client is not None:
            self.client.close()

    def create(self, key_id, tags):
        self.result.add_request_id(self.client.tags_action(key_id, "create", tags))

    def run(self):
        key_id, state = self.params["key_id"], self.params["state"]
        desired, purge = self.wanted()
        self.client = HuaweiClient(self.params)
        info = self.client.taggable_key(key_id)
        current = self.client.list_tags(key_id)
        delete, create, after = plan_tags(current, desired, purge, state)
        check_tag_count(after, self.tags_option)
        self.result.update(key={"key_id": key_id, "key_alias": info.get("key_alias"),
                                "key_state": info.get("key_state")}, tags=current)
        self.result.set_diff(current, after)
        if not (delete or create):
            return
        if self.check_mode:
            self.result.mark_changed()
        else:
            if delete:
                if self._write(key_id, "delete", delete, lambda: self.result.add_request_id(
                        self.client.tags_action(key_id, "delete", delete))):
                    # If the create below fails, the result says what changed and where the key was left.
                    self.result.mark_changed()
                self.result.update(tags=dict((k, v) for k, v in current.items() if k not in delete))
            if create and self._write(key_id, "create", create, lambda: self.create(key_id, create)):
                self.result.mark_changed()
        self.result.update(tags=after)

    def _write(self, key_id, action, tags, write):
        """Call ``write()``; if the cloud answers that the work is already done (ALREADY_DONE), read the
        tags again and accept the answer only if they are as this write wanted.

        Returns whether this task changed the tags: True when the write succeeded, or when it was
        answered "already done" after a retry (an earlier attempt of it, whose reply was lost, did the
        work); False when the first attempt already found the work done by another writer.
        """
        try:
            write()
            return True
        except CloudError as err:
            if err.code != ALREADY_DONE[action]:
                raise
            now = self.client.list_tags(key_id)
            if action == "delete":
                done = not any(k in now for k in tags)
            else:
                done = all(now.get(k) == v for k, v in tags.items())
            if not done:
                raise
            self.result.warnings.append(
                "the %s of tags %s answered %s (request id %s), but the key's tags are already as wanted: an "
                "earlier attempt whose reply was lost, or another writer, did it" % (
                    action, ", ".join(sorted(tags)), err.code, err.request_id))
            return getattr(err, "attempts", 1) > 1
