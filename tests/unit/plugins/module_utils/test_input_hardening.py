# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Input holes the reliability fuzzing (tests/reliability/test_fuzz.py) found: a trailing newline that
Python's ``$`` lets through, control characters in an endpoint, and a dict or list given for a string
option (AnsibleModule would turn it into its repr)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._baidu_spec import baidu_schema_properties
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_spec import huawei_schema_properties
from ansible_collections.polycloud.ops.plugins.module_utils._huawei_tags import normalize_tags
from ansible_collections.polycloud.ops.plugins.module_utils._resource import raw_type_error
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_spec import tencent_schema_properties
from ansible_collections.polycloud.ops.plugins.module_utils._validation import InvalidOptions, check_options

ID_SCHEMA = {"type": "object", "properties": {"instance_id": {"type": "string", "pattern": "^ins-[a-z0-9]{8}$"}}}


def test_trailing_newline_does_not_pass_a_pattern():
    check_options({"instance_id": "ins-12345678"}, ID_SCHEMA)
    with pytest.raises(InvalidOptions) as info:
        check_options({"instance_id": "ins-12345678\n"}, ID_SCHEMA)
    assert info.value.option == "instance_id"


def test_an_escaped_dollar_is_still_a_literal():
    schema = {"type": "object", "properties": {"price": {"type": "string", "pattern": "^[0-9]+\\$"}}}
    check_options({"price": "12$"}, schema)
    with pytest.raises(InvalidOptions):
        check_options({"price": "12"}, schema)


@pytest.mark.parametrize("props", [tencent_schema_properties, huawei_schema_properties, baidu_schema_properties])
@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:1\n", "http://\x1b127.0.0.1", "http://127.0.0.1\x7f:8",
                                      "http://127.0.0.1:18080\r"])
def test_endpoint_with_control_characters_is_refused(props, endpoint):
    schema = {"type": "object", "properties": props()}
    check_options({"endpoint": "http://127.0.0.1:18080"}, schema)
    with pytest.raises(InvalidOptions) as info:
        check_options({"endpoint": endpoint}, schema)
    assert info.value.option == "endpoint"


SPEC = {"key_id": {"type": "str"}, "name": {}, "ids": {"type": "list", "elements": "str"}, "tags": {"type": "dict"},
        "count": {"type": "int"}}


@pytest.mark.parametrize("raw,option", [
    ({"key_id": {"a": 1}}, "key_id"),
    ({"name": ["x"]}, "name"),
    ({"ids": ["ins-12345678", {"a": 1}]}, "ids[1]"),
    ({"ids": [["x"]]}, "ids[0]"),
])
def test_a_dict_or_list_for_a_string_option_is_named(raw, option):
    assert raw_type_error(SPEC, raw).startswith("option %s: expected a string" % option)


@pytest.mark.parametrize("raw", [{"key_id": "k", "name": 5, "ids": ["a", 1], "tags": {"a": "b"}, "count": [1]}, {}])
def test_other_values_are_left_to_ansible(raw):
    assert raw_type_error(SPEC, raw) is None


@pytest.mark.parametrize("value", [{"": 0}, ["a"]])
def test_a_tag_value_that_is_a_dict_or_list_is_refused(value):
    with pytest.raises(InvalidOptions) as info:
        normalize_tags({"env": value})
    assert info.value.option == "tags" and "env" in str(info.value)


def test_scalar_tag_values_become_text():
    assert normalize_tags({"a": 1, "b": True, "c": None, 2: "x"}) == {"a": "1", "b": "True", "c": None, "2": "x"}
