# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Huawei Cloud / OTC KMS as the emulator serves it, below ``/v1.0/{project_id}/kms/``:

  GET    {key_id}/tags           ShowKmsTags       {"tags": [{key, value}], "existTagsNum": n}
  POST   {key_id}/tags           CreateKmsTag      204; an existing tag key is refused (KMS.0406)
  POST   {key_id}/tags/action    BatchCreateKmsTags:create | BatchCreateKmsTags:delete, 204
  DELETE {key_id}/tags/{key}     DeleteTag         204; a missing tag is KMS.0416
  POST   describe-key            ListKeyDetail     {"key_info": {...}}

Limits and codes from the API reference (research/huawei_otc.md 1, 2): at most 10 tags per key
(KMS.0409), keys 1-36 and values 0-43 characters (KMS.0411 / KMS.0410), no ASCII 0-31 or
``*<>\\=`` (KMS.0406 / KMS.0405), unknown key KMS.0207, malformed key id KMS.0205, a key pending
deletion refuses tag writes (KMS.0210), a default master key refuses tags (KMS.0211)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from urllib.parse import unquote

KEY_ID = re.compile(r"^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$")
FORBIDDEN = re.compile(r"[\x00-\x1f*<>\\=]")
MAX_TAGS = 10
KEY_STATES = ("1", "2", "3", "4", "5")
WRITES = frozenset(["CreateKmsTag", "BatchCreateKmsTags:create", "BatchCreateKmsTags:delete", "DeleteTag"])


class KmsError(Exception):
    def __init__(self, status, code, message):
        super(KmsError, self).__init__(message)
        self.status = status
        self.code = code
        self.message = message


def route(method, rest):
    """(action, key_id, tag_key) for a path below /kms/, or None. ``rest`` is still percent-encoded."""
    parts = rest.split("/")
    if method == "POST" and parts == ["describe-key"]:
        return "ListKeyDetail", None, None
    if len(parts) == 2 and parts[1] == "tags":
        return {"GET": "ShowKmsTags", "POST": "CreateKmsTag"}.get(method), unquote(parts[0]), None
    if method == "POST" and len(parts) == 3 and parts[1:] == ["tags", "action"]:
        return "BatchCreateKmsTags", unquote(parts[0]), None
    if method == "DELETE" and len(parts) == 3 and parts[1] == "tags" and parts[2]:
        return "DeleteTag", unquote(parts[0]), unquote(parts[2])
    return None


class KmsService(object):
    def __init__(self):
        self.keys = {}

    def reset(self):
        self.keys = {}

    def seed(self, keys, projects):
        for item in keys or []:
            key_id = item.get("key_id", "")
            if not KEY_ID.match(key_id):
                raise ValueError("huaweicloud key_id %r does not match the KMS key id pattern" % key_id)
            project_id = item.get("project_id")
            if project_id not in projects:
                raise ValueError("huaweicloud key %s: project_id %r is not a seeded project" % (key_id, project_id))
            state = str(item.get("key_state", "2"))
            if state not in KEY_STATES:
                raise ValueError("huaweicloud key_state must be one of %s" % ", ".join(KEY_STATES))
            tags = dict((str(k), str(v)) for k, v in (item.get("tags") or {}).items())
            self.keys[key_id] = {
                "project_id": project_id,
                "tags": tags,
                "info": {
                    "key_id": key_id,
                    "domain_id": projects[project_id]["domain_id"],
                    "key_alias": item.get("key_alias", "key-" + key_id[:8]),
                    "realm": projects[project_id]["name"],
                    "key_description": item.get("key_description", ""),
                    "key_spec": item.get("key_spec", "AES_256"),
                    "key_usage": "ENCRYPT_DECRYPT",
                    "creation_date": str(item.get("creation_date", "1700000000000")),
                    "scheduled_deletion_date": "1800000000000" if state == "4" else "",
                    "key_state": state,
                    "default_key_flag": "1" if item.get("default_key") else "0",
                    "key_type": "1",
                    "expiration_time": "",
                    "origin": "kms",
                },
            }

    def state(self):
        return dict((key_id, {"project_id": key["project_id"], "key_state": key["info"]["key_state"],
                              "key_alias": key["info"]["key_alias"], "tags": dict(key["tags"])})
                    for key_id, key in sorted(self.keys.items()))

    def identify(self, method, rest, body):
        found = route(method, rest)
        if not found or not found[0]:
            return None
        action = found[0]
        if action == "BatchCreateKmsTags":
            batch = body.get("action") if isinstance(body, dict) else None
            action = "BatchCreateKmsTags:%s" % (batch if batch in ("create", "delete") else "invalid")
        return action

    # Requests.

    def _key(self, project_id, key_id):
        if not isinstance(key_id, str) or not key_id:
            raise KmsError(400, "KMS.0204", "Missing parameter: key_id.")
        if key_id.startswith("alias/"):
            match = [k for k, v in self.keys.items() if v["info"]["key_alias"] == key_id[6:]
                     and v["project_id"] == project_id]
            key_id = match[0] if match else key_id
        elif not KEY_ID.match(key_id):
            raise KmsError(400, "KMS.0205", "Invalid key ID.")
        key = self.keys.get(key_id)
        if key is None or key["project_id"] != project_id:
            raise KmsError(404, "KMS.0207", "The key does not exist.")
        return key

    @staticmethod
    def _writable(key):
        if key["info"]["default_key_flag"] == "1":
            raise KmsError(400, "KMS.0211", "Cannot perform this operation on Default Master Keys.")
        if key["info"]["key_state"] == "4":
            raise KmsError(400, "KMS.0210", "The key is in the scheduled deletion state and cannot be used.")

    @staticmethod
    def _tag(item):
        if not isinstance(item, dict) or "key" not in item:
            raise KmsError(400, "KMS.0414", "Invalid tags.")
        key, value = item.get("key"), item.get("value", "")
        if not isinstance(key, str) or not key or FORBIDDEN.search(key):
            raise KmsError(400, "KMS.0406", "Invalid tagKey.")
        if len(key) > 36:
            raise KmsError(400, "KMS.0411", "The tag key length is invalid.")
        if value is None:
            value = ""
        if not isinstance(value, str) or FORBIDDEN.search(value):
            raise KmsError(400, "KMS.0405", "Invalid tagValue.")
        if len(value) > 43:
            raise KmsError(400, "KMS.0410", "The tag value length is invalid.")
        return key, value

    def handle(self, action, project_id, rest, body):
        """Return (status, document or None)."""
        if action == "ListKeyDetail":
            key = self._key(project_id, body.get("key_id"))
            return 200, {"key_info": dict(key["info"])}
        _action, key_id, tag_key = route("DELETE" if action == "DeleteTag" else
                                         ("GET" if action == "ShowKmsTags" else "POST"), rest)
        key = self._key(project_id, key_id)
        if action == "ShowKmsTags":
            tags = [{"key": k, "value": v} for k, v in key["tags"].items()]
            return 200, {"tags": tags, "existTagsNum": len(tags)}
        self._writable(key)
        if action == "CreateKmsTag":
            tag = body.get("tag")
            if tag is None:
                raise KmsError(400, "KMS.0204", "Missing parameter: tag.")
            name, value = self._tag(tag)
            if name in key["tags"]:
                # The real cloud refuses to create over an existing key (research 1.8).
                raise KmsError(400, "KMS.0406", "Invalid tagKey.")
            if len(key["tags"]) >= MAX_TAGS:
                raise KmsError(400, "KMS.0409", "Too many tags.")
            key["tags"][name] = value
            return 204, None
        if action == "DeleteTag":
            if tag_key not in key["tags"]:
                raise KmsError(404, "KMS.0416", "Invalid tag ID.")
            del key["tags"][tag_key]
            return 204, None
        if action == "BatchCreateKmsTags:invalid":
            raise KmsError(400, "KMS.0404", "Invalid action.")
        items = body.get("tags")
        if not isinstance(items, list) or not items:
            raise KmsError(400, "KMS.0401", "The tag list is empty.")
        if len(items) > MAX_TAGS:
            raise KmsError(400, "KMS.0407", "Invalid tag list size.")
        tags = [self._tag(item) for item in items]
        names = [name for name, _value in tags]
        if len(set(names)) != len(names):
            raise KmsError(400, "KMS.0412", "Invalid tag list.")
        if action == "BatchCreateKmsTags:create":
            if any(name in key["tags"] for name in names):
                raise KmsError(400, "KMS.0406", "Invalid tagKey.")
            if len(key["tags"]) + len(tags) > MAX_TAGS:
                raise KmsError(400, "KMS.0409", "Too many tags.")
            key["tags"].update(tags)
            return 204, None
        if any(name not in key["tags"] for name in names):
            raise KmsError(404, "KMS.0416", "Invalid tag ID.")
        for name in names:
            del key["tags"][name]
        return 204, None
