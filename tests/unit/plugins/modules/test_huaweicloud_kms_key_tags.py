# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The two KMS tag modules over an in-memory client: the calls they make, in order, check mode,
the result and the diff."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError

from ansible_collections.polycloud.ops.plugins.module_utils import _huawei_tags
from ansible_collections.polycloud.ops.plugins.modules.huaweicloud_kms_key_tag import KmsKeyTag
from ansible_collections.polycloud.ops.plugins.modules.huaweicloud_kms_key_tags import KmsKeyTags

KEY = "0d0466b0-e727-4d9c-b35d-f84bb474a37f"
COMMON = {"cloud": "otc", "region": "eu-de", "project_id": "0d0466b0e7274d9cb35df84bb474a37f", "access_key": "ak",
          "secret_key": "sk", "security_token": None, "auth_token": None, "username": None, "password": None,
          "domain_name": None, "endpoint": "http://127.0.0.1:1", "iam_endpoint": None, "validate_certs": True,
          "ca_bundle": None, "timeout": 5.0, "retries": 0, "key_id": KEY, "state": "present"}


class Exit(Exception):
    def __init__(self, failed, result):
        super(Exit, self).__init__(result.get("msg"))
        self.failed = failed
        self.result = result


class FakeModule(object):
    def __init__(self, params, check_mode=False):
        self.params = dict(COMMON, **params)
        self.check_mode = check_mode
        self._diff = True

    def exit_json(self, **result):
        raise Exit(False, result)

    def fail_json(self, **result):
        raise Exit(True, result)

    def warn(self, text):
        pass


class FakeClient(object):
    tags = {}
    calls = []

    def __init__(self, params):
        self.params = params

    def taggable_key(self, key_id):
        self.calls.append(("describe", key_id))
        return {"key_id": key_id, "key_alias": "app", "key_state": "2"}

    def list_tags(self, key_id):
        self.calls.append(("list", key_id))
        return dict(FakeClient.tags)

    def tags_action(self, key_id, action, tags):
        self.calls.append((action, dict(tags)))
        return "req-%s" % action

    def create_tag(self, key_id, key, value):
        self.calls.append(("create_one", {key: value}))
        return "req-create-one"

    def close(self):
        pass


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(_huawei_tags, "HuaweiClient", FakeClient)
    FakeClient.calls = []
    FakeClient.tags = {"env": "prod", "keep": "1"}
    return FakeClient


def _run(cls, params, check_mode=False):
    with pytest.raises(Exit) as caught:
        cls(FakeModule(params, check_mode)).execute()
    return caught.value


def test_tags_change_is_one_delete_then_one_create(fake):
    out = _run(KmsKeyTags, {"tags": {"env": "test", "new": ""}, "purge_tags": False})
    assert not out.failed and out.result["changed"]
    assert fake.calls[2:] == [("delete", {"env": "prod"}), ("create", {"env": "test", "new": ""})]
    assert out.result["tags"] == {"env": "test", "keep": "1", "new": ""}
    assert out.result["diff"] == {"before": {"env": "prod", "keep": "1"}, "after": out.result["tags"]}
    assert out.result["request_ids"] == ["req-delete", "req-create"]


def test_check_mode_reads_only(fake):
    out = _run(KmsKeyTags, {"tags": {"env": "test"}, "purge_tags": True}, check_mode=True)
    assert out.result["changed"] and out.result["tags"] == {"env": "test"}
    assert [c[0] for c in fake.calls] == ["describe", "list"]
    assert out.result["request_ids"] == []


def test_unchanged_writes_nothing(fake):
    out = _run(KmsKeyTags, {"tags": {"env": "prod"}, "purge_tags": False})
    assert not out.result["changed"] and [c[0] for c in fake.calls] == ["describe", "list"]


def test_absent_matches_values(fake):
    out = _run(KmsKeyTags, {"tags": {"env": "other", "keep": None}, "purge_tags": False, "state": "absent"})
    assert fake.calls[2:] == [("delete", {"keep": "1"})]
    assert out.result["tags"] == {"env": "prod"}


def test_null_value_with_present_is_refused_before_any_call(fake):
    out = _run(KmsKeyTags, {"tags": {"env": None}, "purge_tags": False})
    assert out.failed and "state=present" in out.result["msg"] and fake.calls == []


def test_eleventh_tag_fails_before_any_write(fake):
    fake.tags = dict(("t%d" % n, "v") for n in range(10))
    out = _run(KmsKeyTags, {"tags": {"one-more": "v"}, "purge_tags": False})
    assert out.failed and "at most 10" in out.result["msg"]
    assert [c[0] for c in fake.calls] == ["describe", "list"]


def test_single_tag_added_with_the_single_tag_api(fake):
    out = _run(KmsKeyTag, {"tag_key": "owner", "tag_value": "a"})
    assert fake.calls[2:] == [("create_one", {"owner": "a"})]
    assert out.result["tags"] == {"env": "prod", "keep": "1", "owner": "a"}


def test_single_tag_replaced_by_delete_then_create(fake):
    out = _run(KmsKeyTag, {"tag_key": "env", "tag_value": "test"})
    assert fake.calls[2:] == [("delete", {"env": "prod"}), ("create_one", {"env": "test"})]
    assert out.result["request_ids"] == ["req-delete", "req-create-one"]


def test_single_tag_absent_ignores_the_value(fake):
    out = _run(KmsKeyTag, {"tag_key": "env", "tag_value": "", "state": "absent"})
    assert fake.calls[2:] == [("delete", {"env": "prod"})]
    assert out.result["tags"] == {"keep": "1"}
    out = _run(KmsKeyTag, {"tag_key": "missing", "tag_value": "", "state": "absent"})
    assert not out.result["changed"]


def test_single_tag_bad_key_refused_before_any_call(fake):
    out = _run(KmsKeyTag, {"tag_key": "a=b", "tag_value": ""})
    assert out.failed and out.result["msg"].startswith("option tag_key") and fake.calls == []


class LostReplyClient(FakeClient):
    """The first write of each kind is applied, its reply lost, and the retry answers 'already done'."""

    attempts = 2

    def tags_action(self, key_id, action, tags):
        self.calls.append((action, dict(tags)))
        if action == "delete":
            for key in tags:
                FakeClient.tags.pop(key, None)
            err = CloudError("huaweicloud", "KMS.0416", "Invalid tag ID.", request_id="req-retry")
        else:
            FakeClient.tags.update(tags)
            err = CloudError("huaweicloud", "KMS.0406", "Invalid tagKey.", request_id="req-retry")
        # As call_with_retry sets it: the answer came on the second attempt (the retry).
        err.attempts = self.attempts
        raise err


class OtherWriterClient(LostReplyClient):
    """Another writer did the work just before: the first and only attempt answers 'already done'."""

    attempts = 1


def test_a_write_whose_reply_was_lost_converges(monkeypatch, fake):
    monkeypatch.setattr(_huawei_tags, "HuaweiClient", LostReplyClient)
    with pytest.raises(Exit) as caught:
        module = FakeModule({"tags": {"env": "test"}, "purge_tags": False})
        module.warnings = []
        module.warn = module.warnings.append
        KmsKeyTags(module).execute()
    out = caught.value
    assert not out.failed and out.result["changed"]
    assert out.result["tags"] == {"env": "test", "keep": "1"}
    assert [c[0] for c in fake.calls] == ["describe", "list", "delete", "list", "create", "list"]
    assert len(module.warnings) == 2 and "already as wanted" in module.warnings[0]


def test_work_done_by_another_writer_is_not_reported_as_changed(monkeypatch, fake):
    monkeypatch.setattr(_huawei_tags, "HuaweiClient", OtherWriterClient)
    with pytest.raises(Exit) as caught:
        module = FakeModule({"tags": {"env": "test"}, "purge_tags": False})
        module.warnings = []
        module.warn = module.warnings.append
        KmsKeyTags(module).execute()
    out = caught.value
    assert not out.failed and out.result["changed"] is False and out.result["request_ids"] == []
    assert out.result["tags"] == {"env": "test", "keep": "1"}
    assert len(module.warnings) == 2 and "another writer" in module.warnings[0]


def test_already_done_answer_is_an_error_when_the_tags_are_not_as_wanted(monkeypatch, fake):
    class Refusing(FakeClient):
        def tags_action(self, key_id, action, tags):
            self.calls.append((action, dict(tags)))
            raise CloudError("huaweicloud", "KMS.0406", "Invalid tagKey.", request_id="req-bad")

    monkeypatch.setattr(_huawei_tags, "HuaweiClient", Refusing)
    out = _run(KmsKeyTags, {"tags": {"new": "v"}, "purge_tags": False})
    assert out.failed and out.result["error"]["code"] == "KMS.0406" and not out.result["changed"]
