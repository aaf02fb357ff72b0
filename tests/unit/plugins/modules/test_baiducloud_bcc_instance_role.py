# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The pure parts of baiducloud_bcc_instance_role: the plan, the reading of a write reply, and the
input schema."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions, check_options
from ansible_collections.polycloud.ops.plugins.modules.baiducloud_bcc_instance_role import (
    InstanceRole, plan, reply_failures)


def ids(n, prefix="i-a"):
    return ["%s%07d" % (prefix, k) for k in range(n)]


def test_present_binds_only_what_lacks_the_role():
    current = {"i-00000001": "", "i-00000002": "R", "i-00000003": ""}
    writes, after = plan(current, list(current), "R", "present")
    assert writes == [("bind", "R", ["i-00000001", "i-00000003"])]
    assert after == {"i-00000001": "R", "i-00000002": "R", "i-00000003": "R"}


def test_present_unbinds_other_roles_grouped_per_role_first():
    current = {"i-00000001": "A", "i-00000002": "B", "i-00000003": "A", "i-00000004": "R", "i-00000005": ""}
    writes, after = plan(current, list(current), "R", "present")
    assert writes == [("unbind", "A", ["i-00000001", "i-00000003"]), ("unbind", "B", ["i-00000002"]),
                      ("bind", "R", ["i-00000001", "i-00000002", "i-00000003", "i-00000005"])]
    assert set(after.values()) == {"R"}


def test_present_when_all_have_it_writes_nothing():
    current = {"i-00000001": "R", "i-00000002": "R"}
    assert plan(current, list(current), "R", "present") == ([], current)


def test_absent_with_role_unbinds_only_that_role():
    current = {"i-00000001": "R", "i-00000002": "B", "i-00000003": ""}
    writes, after = plan(current, list(current), "R", "absent")
    assert writes == [("unbind", "R", ["i-00000001"])]
    assert after == {"i-00000001": "", "i-00000002": "B", "i-00000003": ""}


def test_absent_without_role_unbinds_whatever_role_was_read():
    current = {"i-00000001": "A", "i-00000002": "B", "i-00000003": "", "i-00000004": "A"}
    writes, after = plan(current, list(current), None, "absent")
    assert writes == [("unbind", "A", ["i-00000001", "i-00000004"]), ("unbind", "B", ["i-00000002"])]
    assert set(after.values()) == {""}


def test_absent_twice_writes_nothing():
    current = {"i-00000001": "", "i-00000002": "B"}
    assert plan(current, list(current), "R", "absent")[0] == []
    assert plan({"i-00000001": ""}, ["i-00000001"], None, "absent")[0] == []


def test_chunks_of_100():
    fleet = ids(150)
    writes, _after = plan(dict.fromkeys(fleet, ""), fleet, "R", "present")
    assert [(a, r, len(i)) for a, r, i in writes] == [("bind", "R", 100), ("bind", "R", 50)]
    mixed = dict.fromkeys(fleet, "Old")
    writes, _after = plan(mixed, fleet, "R", "present")
    assert [(a, r, len(i)) for a, r, i in writes] == [
        ("unbind", "Old", 100), ("unbind", "Old", 50), ("bind", "R", 100), ("bind", "R", 50)]
    assert sum((i for _a, _r, i in writes[2:]), []) == fleet


def test_plan_keeps_the_order_of_instance_ids():
    current = {"i-00000002": "", "i-00000001": ""}
    writes, _after = plan(current, ["i-00000002", "i-00000001"], "R", "present")
    assert writes == [("bind", "R", ["i-00000002", "i-00000001"])]


def test_reply_failures():
    ids3 = ["i-00000001", "i-00000002", "i-00000003"]
    document = {"failInstances": [{"instanceId": "i-00000002", "failMessage": "not running"}],
                "instanceRoleAssociations": [{"instanceId": "i-00000001"}]}
    failed = reply_failures(document, ids3)
    assert failed["i-00000002"] == "not running"
    assert "neither confirmed" in failed["i-00000003"]
    assert "i-00000001" not in failed
    # No association list at all: only failInstances count.
    assert reply_failures({"failInstances": []}, ids3) == {}
    assert reply_failures({}, ids3) == {}


def params(**overrides):
    base = {"instance_ids": ["i-AbCdEf12"], "role_name": "WebRole", "state": "present", "region": None,
            "endpoint": None, "timeout": 30.0, "retries": 5}
    base.update(overrides)
    return base


@pytest.mark.parametrize("overrides, option, words", [
    ({"instance_ids": []}, "instance_ids", "at least 1"),
    ({"instance_ids": ["i-AbCdEf12", "i-AbCdEf12"]}, "instance_ids", "i-AbCdEf12"),
    ({"instance_ids": ["ins-2zvpghhc"]}, "instance_ids[0]", "i- followed by 8"),
    ({"instance_ids": ["i-AbCdEf1"]}, "instance_ids[0]", "i- followed by 8"),
    ({"role_name": "bad role"}, "role_name", "letters, digits"),
    ({"role_name": "1role"}, "role_name", "a letter"),
    ({"role_name": "R" * 65}, "role_name", "1 to 64"),
    ({"region": "BJ"}, "region", "bj, gz"),
    ({"endpoint": "bcc.bj.baidubce.com"}, "endpoint", "scheme"),
    ({"endpoint": "http://127.0.0.1:18080/v2"}, "endpoint", "no path"),
    ({"retries": 99}, "retries", "0 to 20"),
])
def test_schema_rejects(overrides, option, words):
    with pytest.raises(InvalidOptions) as caught:
        check_options(params(**overrides), InstanceRole.schema)
    assert caught.value.option == option
    assert words in str(caught.value)


@pytest.mark.parametrize("overrides", [
    {}, {"role_name": None, "state": "absent"}, {"role_name": "a.b-c_D9"}, {"region": "hkg"},
    {"endpoint": "http://127.0.0.1:18080"}, {"instance_ids": ids(150)},
])
def test_schema_accepts(overrides):
    check_options(params(**overrides), InstanceRole.schema)
