# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Property-based input tests (hypothesis) for every module.

- Hostile values (wrong types, huge lists and dicts, unicode, control characters, forbidden tag
  characters, ids of the wrong format, out-of-range numbers, missing credentials) for one option at a
  time, on top of valid options: the module fails cleanly (``failed``, a ``msg`` that names the
  option, no ``exception``) and the offline cloud's request log shows zero calls.
- Valid values (random ids of the right format, unicode tag keys and values, random product and
  resource ids) are accepted, land in the emulator's state as given, come back in the result, and a
  rerun changes nothing.

Each example calls the module's ``main()`` in this process (harness.run_in_process: the module's
own AnsibleModule, argument spec, schema and client, with the args patched in as ansible-core
passes them), which runs about a hundred times faster than a subprocess per example. The number of
examples run is printed in the summary.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.harness import HUAWEI_PROJECT, SUMMARY, common_args, run_in_process

COUNTS = SUMMARY.setdefault("fuzz cases", {})

TENCENT_KEY = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
HUAWEI_KEY = "^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$"
FORBIDDEN_TAG = re.compile(r"[\x00-\x1f*<>\\=]")
FIXED_TENCENT_KEY = "23e80852-1e38-11e9-b129-5cb9019b4b01"
FIXED_HUAWEI_KEY = "0d0466b0-e727-4d9c-b35d-f84bb474a37f"

FUZZ = settings(max_examples=120, deadline=None, derandomize=False, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])
VALID = settings(FUZZ, max_examples=30)


def _count(module, kind):
    key = (module, kind)
    COUNTS[key] = "%d" % (int(COUNTS.get(key, "0")) + 1)


# Hostile value families.

CONTROL = st.characters(min_codepoint=0, max_codepoint=31)
UNICODE = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
WRONG_TYPE = st.one_of(st.dictionaries(st.text(max_size=5), st.integers(), min_size=1, max_size=3),
                       st.lists(st.lists(st.integers(), max_size=2), min_size=1, max_size=3))


def with_char(chars, base=UNICODE):
    """A string of ``base`` with one character of ``chars`` inserted somewhere."""
    return st.tuples(base, chars, st.integers(min_value=0, max_value=40)).map(
        lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:])


def not_matching(pattern, base=UNICODE):
    return base.filter(lambda text: not re.match(pattern, text))


def bad_id(pattern):
    return st.one_of(not_matching(pattern), with_char(CONTROL), st.just(""), st.text(min_size=300, max_size=400))


def bad_id_list(pattern, good):
    return st.one_of(
        st.just([]),
        st.lists(bad_id(pattern), min_size=1, max_size=5),
        st.tuples(good, bad_id(pattern)).map(list),
        good.map(lambda i: [i, i]),
        # A huge list whose last id is malformed: refused before anything is read.
        st.integers(min_value=2000, max_value=10000).map(lambda n: ["%s" % i for i in range(n)]),
        st.lists(WRONG_TYPE, min_size=1, max_size=3),
        st.dictionaries(st.text(max_size=5), st.text(max_size=5), min_size=1, max_size=3),
    )


def common_hostile(cloud):
    region_pattern = {"tencentcloud": r"^[a-z]{2,}-[a-z0-9]+(-[a-z0-9]+)*$", "huaweicloud": r"^[a-z]{2,}(-[a-z0-9]+)+$",
                      "baiducloud": r"^[a-z]{2,8}$"}[cloud]
    return {
        "region": st.one_of(not_matching(region_pattern).filter(lambda r: r.strip() != ""), with_char(CONTROL)),
        "endpoint": st.one_of(st.sampled_from(["ftp://127.0.0.1", "127.0.0.1:18080", "http://", "http:// 127.0.0.1",
                                               "https://a b", "javascript:alert(1)", "http://x\n.example"]),
                              with_char(CONTROL, st.just("http://127.0.0.1:1"))),
        "timeout": st.one_of(st.floats(max_value=0, allow_nan=False), st.floats(min_value=3600.5, allow_infinity=False),
                             st.just("soon")),
        "retries": st.one_of(st.integers(max_value=-1), st.integers(min_value=21), st.just("many")),
        "validate_certs": st.sampled_from(["perhaps", "2", [True]]),
        "state": not_matching(r"^(present|absent)$", st.text(max_size=10)),
    }


# Per module: the valid base options (ids the emulator knows) and each option's hostile values.

def _tencent_kms():
    hostile = common_hostile("tencentcloud")
    hostile.update({
        "key_id": bad_id(TENCENT_KEY),
        "product_id": st.one_of(st.just(""), with_char(st.sampled_from(" \t\n\x00\x1f")), st.text(min_size=257, max_size=300)
                                .filter(lambda t: re.match(r"^[^\s\x00-\x1f]+$", t)), WRONG_TYPE),
        "resource_id": st.one_of(st.just(""), with_char(st.sampled_from(" \t\r\x07")), WRONG_TYPE),
    })
    base = {"key_id": FIXED_TENCENT_KEY, "product_id": "ssm", "resource_id": "app"}
    seed = {"tencentcloud": {"kms_keys": [{"key_id": FIXED_TENCENT_KEY}]}}
    return base, seed, hostile


def _tencent_cvm():
    hostile = common_hostile("tencentcloud")
    good_ins = st.from_regex(r"^ins-[a-z0-9]{8}$", fullmatch=True)
    good_sg = st.from_regex(r"^sg-[a-z0-9]{8}$", fullmatch=True)
    hostile.update({
        "instance_ids": bad_id_list(r"^ins-[a-z0-9]{8}$", good_ins),
        "security_group_ids": st.one_of(bad_id_list(r"^sg-[a-z0-9]{8}$", good_sg),
                                        st.lists(good_sg, min_size=6, max_size=50, unique=True)),
        "wait_timeout": st.one_of(st.integers(max_value=0), st.integers(min_value=3601), st.just("later")),
        "wait": st.sampled_from(["sometimes", [1]]),
    })
    base = {"instance_ids": ["ins-aaaaaaaa"], "security_group_ids": ["sg-11111111"]}
    seed = {"tencentcloud": {"instances": ["ins-aaaaaaaa"], "security_groups": ["sg-11111111"]}}
    return base, seed, hostile


def _huawei_tag():
    hostile = common_hostile("huaweicloud")
    hostile.update({
        "key_id": bad_id(HUAWEI_KEY),
        "project_id": not_matching(r"^[0-9a-f]{32}$"),
        "tag_key": st.one_of(st.just(""), with_char(st.sampled_from("*<>\\=") | CONTROL),
                             st.text(min_size=37, max_size=100).filter(lambda t: not FORBIDDEN_TAG.search(t)), WRONG_TYPE),
        "tag_value": st.one_of(with_char(st.sampled_from("*<>\\=") | CONTROL),
                               st.text(min_size=44, max_size=100).filter(lambda t: not FORBIDDEN_TAG.search(t))),
        "cloud": st.text(max_size=10).filter(lambda c: c not in ("huaweicloud", "otc")),
    })
    base = {"key_id": FIXED_HUAWEI_KEY, "tag_key": "env", "tag_value": "prod"}
    seed = {"huaweicloud": {"keys": [{"key_id": FIXED_HUAWEI_KEY, "project_id": HUAWEI_PROJECT}]}}
    return base, seed, hostile


def _huawei_tags():
    hostile = common_hostile("huaweicloud")
    good_key = st.text(min_size=1, max_size=36).filter(lambda t: not FORBIDDEN_TAG.search(t))
    hostile.update({
        "key_id": bad_id(HUAWEI_KEY),
        "tags": st.one_of(
            st.dictionaries(good_key, st.text(max_size=5).filter(lambda t: not FORBIDDEN_TAG.search(t)),
                            min_size=11, max_size=40),
            st.integers(min_value=1000, max_value=3000).map(lambda n: dict(("k%d" % i, "v") for i in range(n))),
            st.dictionaries(with_char(st.sampled_from("*<>\\=") | CONTROL), st.just("v"), min_size=1, max_size=3),
            st.dictionaries(good_key, with_char(st.sampled_from("*<>\\=") | CONTROL), min_size=1, max_size=3),
            st.dictionaries(good_key, st.dictionaries(st.text(max_size=3), st.integers(), min_size=1, max_size=2),
                            min_size=1, max_size=3),
            st.lists(st.text(max_size=5), min_size=1, max_size=3),
            st.integers()),
        "purge_tags": st.sampled_from(["maybe", [False]]),
    })
    base = {"key_id": FIXED_HUAWEI_KEY, "tags": {"env": "prod"}}
    seed = {"huaweicloud": {"keys": [{"key_id": FIXED_HUAWEI_KEY, "project_id": HUAWEI_PROJECT}]}}
    return base, seed, hostile


def _baidu():
    hostile = common_hostile("baiducloud")
    good = st.from_regex(r"^i-[A-Za-z0-9]{8}$", fullmatch=True)
    hostile.update({
        "instance_ids": bad_id_list(r"^i-[A-Za-z0-9]{8}$", good),
        "role_name": st.one_of(not_matching(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"), with_char(CONTROL),
                               st.from_regex(r"^[A-Za-z][A-Za-z0-9_.-]{64,100}$", fullmatch=True), WRONG_TYPE),
    })
    base = {"instance_ids": ["i-AbCdEf12"], "role_name": "RoleA"}
    seed = {"baiducloud": {"roles": ["RoleA"], "instances": [{"instance_id": "i-AbCdEf12"}]}}
    return base, seed, hostile


CASES = {
    "tencentcloud_kms_cloud_resource": _tencent_kms(),
    "tencentcloud_cvm_security_group_association": _tencent_cvm(),
    "huaweicloud_kms_key_tag": _huawei_tag(),
    "huaweicloud_kms_key_tags": _huawei_tags(),
    "baiducloud_bcc_instance_role": _baidu(),
}
# Credentials whose absence must be named (each removed in turn).
SECRETS = {"tencentcloud": ["secret_id", "secret_key"], "huaweicloud": ["access_key", "secret_key"],
           "baiducloud": ["access_key", "secret_key"]}


# ansible-core itself refuses a NUL anywhere in the arguments (it cannot log the invocation to
# syslog) before the module's code runs, with this message, which names no option.
CORE_NUL = "Failed to log to syslog (embedded null character)"


def _assert_clean_refusal(result, option, since, control, value=None):
    assert result.get("failed") is True, result
    msg = result.get("msg")
    assert isinstance(msg, str) and msg, result
    if not (CORE_NUL in msg and "\\x00" in repr(value)):
        assert option in msg, ("the message does not name the option", option, result)
    assert "exception" not in result and "Traceback" not in msg and "unexpected " not in msg, result
    assert result.get("changed") in (None, False), result
    assert control.last_seq() == since, ("API calls were made for invalid input", control.requests(since))


@pytest.mark.parametrize("module", sorted(CASES))
def test_hostile_option(module, emulator, control):
    base, seed, hostile = CASES[module]
    cloud = module.split("_", 1)[0]
    control.seed(seed)
    options = sorted(hostile) + ["missing:" + name for name in SECRETS[cloud]]

    @FUZZ
    @given(option=st.sampled_from(options), data=st.data())
    def run(option, data):
        args = dict(common_args(module, emulator.url), **base)
        value = None
        if option.startswith("missing:"):
            option = option.split(":", 1)[1]
            args.pop(option)
        else:
            value = args[option] = data.draw(hostile[option], label=option)
        since = control.last_seq()
        result = run_in_process(module, args)
        _assert_clean_refusal(result, option, since, control, value)
        _count(module, "invalid")

    run()


# Valid input round-trips.

TAG_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="*<>\\="),
                   max_size=43).filter(lambda t: not FORBIDDEN_TAG.search(t))
TAG_KEY = TAG_TEXT.filter(lambda t: 1 <= len(t) <= 36)
ID_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=1, max_size=256)\
    .filter(lambda t: re.match(r"^[^\s\x00-\x1f]+$", t))


def _converges(module, args, control, view, expected, rerun_changes=False):
    since = control.last_seq()
    first = run_in_process(module, args)
    assert first.get("failed") is not True, first
    assert first["changed"] is True, first
    assert view(control.state()) == expected, (view(control.state()), expected, first)
    assert control.last_seq() > since
    second = run_in_process(module, args)
    assert second.get("failed") is not True, second
    assert second["changed"] is rerun_changes, second
    assert view(control.state()) == expected
    return first


@VALID
@given(key_id=st.from_regex(TENCENT_KEY, fullmatch=True), product_id=ID_TEXT, resource_id=ID_TEXT)
def test_valid_tencent_kms(emulator, control, key_id, product_id, resource_id):
    module = "tencentcloud_kms_cloud_resource"
    control.reset()
    control.seed({"tencentcloud": {"kms_keys": [{"key_id": key_id}]}})
    args = dict(common_args(module, emulator.url), key_id=key_id, product_id=product_id, resource_id=resource_id)

    def view(state):
        return state["tencentcloud"]["kms"]["keys"][key_id]["bindings"]

    # Present is asserted every run (no API reads a key's bindings): the rerun reports changed too.
    first = _converges(module, args, control, view, [{"product_id": product_id, "resource_id": resource_id}],
                       rerun_changes=True)
    assert first["binding"] == {"key_id": key_id, "product_id": product_id, "resource_id": resource_id,
                                "state": "present"}
    _converges(module, dict(args, state="absent"), control, view, [])
    _count(module, "valid")


@settings(VALID, max_examples=20)
@given(instance_ids=st.lists(st.from_regex(r"^ins-[a-z0-9]{8}$", fullmatch=True), min_size=1, max_size=30, unique=True),
       sg_ids=st.lists(st.from_regex(r"^sg-[a-z0-9]{8}$", fullmatch=True), min_size=1, max_size=2, unique=True))
def test_valid_tencent_cvm(emulator, control, instance_ids, sg_ids):
    module = "tencentcloud_cvm_security_group_association"
    control.reset()
    control.config(async_delay=0)
    control.seed({"tencentcloud": {"instances": instance_ids, "security_groups": sg_ids}})
    args = dict(common_args(module, emulator.url), instance_ids=instance_ids, security_group_ids=sg_ids)

    def view(state):
        return dict((i, v["security_group_ids"]) for i, v in state["tencentcloud"]["cvm"]["instances"].items())

    first = _converges(module, args, control, view, dict((i, list(sg_ids)) for i in instance_ids))
    assert first["instances"] == [{"instance_id": i, "security_group_ids": list(sg_ids)} for i in instance_ids]
    _converges(module, dict(args, state="absent"), control, view, dict((i, []) for i in instance_ids))
    _count(module, "valid")


@VALID
@given(tag_key=TAG_KEY, tag_value=TAG_TEXT)
def test_valid_huawei_tag(emulator, control, tag_key, tag_value):
    module = "huaweicloud_kms_key_tag"
    control.reset()
    control.seed({"huaweicloud": {"keys": [{"key_id": FIXED_HUAWEI_KEY, "project_id": HUAWEI_PROJECT}]}})
    args = dict(common_args(module, emulator.url), key_id=FIXED_HUAWEI_KEY, tag_key=tag_key, tag_value=tag_value)

    def view(state):
        return state["huaweicloud"]["kms"]["keys"][FIXED_HUAWEI_KEY]["tags"]

    first = _converges(module, args, control, view, {tag_key: tag_value})
    assert first["tags"] == {tag_key: tag_value}
    _converges(module, dict(args, state="absent"), control, view, {})
    _count(module, "valid")


@VALID
@given(tags=st.dictionaries(TAG_KEY, TAG_TEXT, min_size=1, max_size=10))
def test_valid_huawei_tags(emulator, control, tags):
    module = "huaweicloud_kms_key_tags"
    control.reset()
    control.seed({"huaweicloud": {"keys": [{"key_id": FIXED_HUAWEI_KEY, "project_id": HUAWEI_PROJECT}]}})
    args = dict(common_args(module, emulator.url), key_id=FIXED_HUAWEI_KEY, tags=tags)

    def view(state):
        return state["huaweicloud"]["kms"]["keys"][FIXED_HUAWEI_KEY]["tags"]

    first = _converges(module, args, control, view, tags)
    assert first["tags"] == tags
    _converges(module, dict(args, state="absent"), control, view, {})
    _count(module, "valid")


@VALID
@given(instance_ids=st.lists(st.from_regex(r"^i-[A-Za-z0-9]{8}$", fullmatch=True), min_size=1, max_size=30, unique=True),
       role=st.from_regex(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$", fullmatch=True))
def test_valid_baidu(emulator, control, instance_ids, role):
    module = "baiducloud_bcc_instance_role"
    control.reset()
    control.seed({"baiducloud": {"roles": [role], "instances": [{"instance_id": i} for i in instance_ids]}})
    args = dict(common_args(module, emulator.url), instance_ids=instance_ids, role_name=role)

    def view(state):
        return dict((i, v["role_name"]) for i, v in state["baiducloud"]["bcc"]["instances"].items())

    first = _converges(module, args, control, view, dict((i, role) for i in instance_ids))
    assert first["instances"] == [{"instance_id": i, "role_name": role} for i in instance_ids]
    _converges(module, dict(args, state="absent"), control, view, dict((i, "") for i in instance_ids))
    _count(module, "valid")
