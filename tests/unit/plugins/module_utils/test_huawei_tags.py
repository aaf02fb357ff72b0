# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""KMS tag planning (pure functions) and the input rules of the two tag modules."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._huawei_tags import (
    KEY_ID_SCHEMA, TAG_KEY_SCHEMA, TAG_VALUE_SCHEMA, TAGS_SCHEMA, check_tag_count, compare_tags, normalize_tags,
    plan_tags, tags_to_remove)
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions, check_options

SCHEMA = {"type": "object", "properties": {"key_id": KEY_ID_SCHEMA, "tags": TAGS_SCHEMA, "tag_key": TAG_KEY_SCHEMA,
                                           "tag_value": TAG_VALUE_SCHEMA}}
KEY = "0d0466b0-e727-4d9c-b35d-f84bb474a37f"


def test_compare_tags_sets_new_and_changed_and_unsets_only_with_purge():
    current = {"a": "1", "b": "2", "c": "3"}
    assert compare_tags(current, {"a": "1", "b": "9", "d": "4"}) == ({"b": "9", "d": "4"}, [])
    assert compare_tags(current, {"a": "1", "b": "9", "d": "4"}, purge=True) == ({"b": "9", "d": "4"}, ["c"])
    assert compare_tags(current, dict(current)) == ({}, [])
    assert compare_tags(current, {}, purge=True) == ({}, ["a", "b", "c"])


def test_plan_nothing_to_do():
    assert plan_tags({"a": "1"}, {"a": "1"}) == ({}, {}, {"a": "1"})
    assert plan_tags({}, {}, purge=True) == ({}, {}, {})


def test_plan_add_is_one_create():
    assert plan_tags({"a": "1"}, {"b": ""}) == ({}, {"b": ""}, {"a": "1", "b": ""})


def test_plan_changed_value_is_delete_old_then_create_new():
    delete, create, after = plan_tags({"env": "prod", "keep": "x"}, {"env": "test"})
    assert delete == {"env": "prod"}
    assert create == {"env": "test"}
    assert after == {"env": "test", "keep": "x"}


def test_plan_purge_and_change_fit_one_delete_and_one_create():
    delete, create, after = plan_tags({"a": "1", "b": "2", "c": "3"}, {"a": "1", "b": "9", "d": "4"}, purge=True)
    assert delete == {"b": "2", "c": "3"}
    assert create == {"b": "9", "d": "4"}
    assert after == {"a": "1", "b": "9", "d": "4"}


def test_absent_value_must_match_unless_null():
    current = {"env": "prod", "owner": "a", "team": "x"}
    assert tags_to_remove(current, {"env": "test", "owner": None, "missing": None}) == ["owner"]
    assert tags_to_remove(current, {"env": "prod", "team": None}) == ["env", "team"]
    delete, create, after = plan_tags(current, {"env": "test", "owner": None}, state="absent")
    assert (delete, create, after) == ({"owner": "a"}, {}, {"env": "prod", "team": "x"})


def test_absent_ignores_purge():
    assert plan_tags({"a": "1", "b": "2"}, {"a": None}, purge=True, state="absent") == ({"a": "1"}, {}, {"b": "2"})


def test_normalize_tags_turns_scalars_into_text_and_finds_duplicates():
    assert normalize_tags({"n": 1, "b": True, "none": None, 2: "x"}) == {"n": "1", "b": "True", "none": None, "2": "x"}
    assert normalize_tags(None) == {}
    with pytest.raises(InvalidOptions, match="given twice"):
        normalize_tags({1: "a", "1": "b"})


def test_count_limit():
    check_tag_count(dict(("k%d" % n, "v") for n in range(10)))
    with pytest.raises(InvalidOptions, match="at most 10"):
        check_tag_count(dict(("k%d" % n, "v") for n in range(11)))


@pytest.mark.parametrize("char", ["*", "<", ">", "\\", "=", "\x00", "\x01", "\t", "\n", "\x1f"])
def test_each_forbidden_character_is_refused_in_keys_and_values(char):
    for params, option in (({"tags": {"a" + char: "v"}}, "tags"), ({"tags": {"k": "v" + char}}, "tags.k"),
                           ({"tag_key": char + "a"}, "tag_key"), ({"tag_value": "b" + char}, "tag_value")):
        with pytest.raises(InvalidOptions) as caught:
            check_options(params, SCHEMA)
        assert caught.value.option == option
        assert "none of * < > \\ =" in str(caught.value)


@pytest.mark.parametrize("params, option", [
    ({"tag_key": ""}, "tag_key"),
    ({"tag_key": "k" * 37}, "tag_key"),
    ({"tag_value": "v" * 44}, "tag_value"),
    ({"tags": {"k" * 37: "v"}}, "tags"),
    ({"tags": dict(("k%d" % n, "v") for n in range(11))}, "tags"),
    ({"key_id": KEY.upper()}, "key_id"),
    ({"key_id": KEY + "\n"}, "key_id"),
    ({"key_id": KEY[:-1]}, "key_id"),
    ({"key_id": KEY.replace("-", "")}, "key_id"),
])
def test_lengths_counts_and_key_ids(params, option):
    with pytest.raises(InvalidOptions) as caught:
        check_options(params, SCHEMA)
    assert caught.value.option == option


def test_valid_input_passes():
    check_options({"key_id": "0d0466b0-e727-4d9c-b35d-f84bb474a37z", "tag_key": "k" * 36, "tag_value": "",
                   "tags": dict([("k%d" % n, "v" * 43) for n in range(9)] + [("my k\u00e9y/x", None)])}, SCHEMA)
