# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The security-group association plan: which calls, in which order, and the state they leave."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.polycloud.ops.plugins.modules.tencentcloud_cvm_security_group_association import (
    SecurityGroupAssociation)

plan = SecurityGroupAssociation.plan


def test_nothing_to_do_when_already_associated():
    current = {"ins-aaaaaaaa": ["sg-11111111", "sg-22222222"]}
    writes, after = plan(current, ["ins-aaaaaaaa"], ["sg-22222222", "sg-11111111"], "present")
    assert writes == [] and after == current


def test_present_adds_only_missing_in_order_and_keeps_others():
    current = {"ins-aaaaaaaa": ["sg-00000000"], "ins-bbbbbbbb": ["sg-22222222"]}
    writes, after = plan(current, ["ins-aaaaaaaa", "ins-bbbbbbbb"], ["sg-11111111", "sg-22222222"], "present")
    assert writes == [("sg-11111111", ["ins-aaaaaaaa", "ins-bbbbbbbb"]), ("sg-22222222", ["ins-aaaaaaaa"])]
    assert after == {"ins-aaaaaaaa": ["sg-00000000", "sg-11111111", "sg-22222222"],
                     "ins-bbbbbbbb": ["sg-22222222", "sg-11111111"]}


def test_absent_removes_only_where_present():
    current = {"ins-aaaaaaaa": ["sg-11111111", "sg-22222222"], "ins-bbbbbbbb": ["sg-22222222"]}
    writes, after = plan(current, ["ins-aaaaaaaa", "ins-bbbbbbbb"], ["sg-11111111"], "absent")
    assert writes == [("sg-11111111", ["ins-aaaaaaaa"])]
    assert after == {"ins-aaaaaaaa": ["sg-22222222"], "ins-bbbbbbbb": ["sg-22222222"]}


def test_writes_are_chunked_by_100_per_group():
    ids = ["ins-%08d" % n for n in range(250)]
    current = {i: [] for i in ids}
    writes, _after = plan(current, ids, ["sg-11111111"], "present")
    assert [len(chunk) for _sg, chunk in writes] == [100, 100, 50]
    assert [i for _sg, chunk in writes for i in chunk] == ids


def test_plan_does_not_mutate_the_read_state():
    current = {"ins-aaaaaaaa": ["sg-11111111"]}
    plan(current, ["ins-aaaaaaaa"], ["sg-11111111"], "absent")
    assert current == {"ins-aaaaaaaa": ["sg-11111111"]}
