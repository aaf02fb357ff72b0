# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Env fallbacks: an empty variable (what AWX injects for a blank optional input) counts as unset."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.module_utils.common.parameters import set_fallbacks
from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.polycloud.ops.plugins.module_utils._baidu_client import BaiduClient
from ansible_collections.polycloud.ops.plugins.module_utils._baidu_spec import baidu_argument_spec
from ansible_collections.polycloud.ops.plugins.module_utils._common_spec import env_fallback_set
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_spec import tencent_argument_spec


def test_first_non_empty_variable_wins(monkeypatch):
    monkeypatch.setenv("PC_A", "")
    monkeypatch.setenv("PC_B", "b")
    assert env_fallback_set("PC_A", "PC_B") == "b"


def test_all_empty_or_missing_is_not_found(monkeypatch):
    monkeypatch.setenv("PC_A", "")
    monkeypatch.delenv("PC_B", raising=False)
    with pytest.raises(AnsibleFallbackNotFound):
        env_fallback_set("PC_A", "PC_B")


def test_blank_tencent_token_falls_through_to_the_tccli_name(monkeypatch):
    monkeypatch.setenv("TENCENTCLOUD_SECURITY_TOKEN", "")
    monkeypatch.setenv("TENCENTCLOUD_TOKEN", "tok")
    monkeypatch.setenv("TENCENTCLOUD_REGION", "")
    params = {}
    no_log_values = set_fallbacks(tencent_argument_spec(), params)
    assert params.get("security_token") == "tok" and "tok" in no_log_values
    assert "region" not in params


def test_blank_baidu_region_is_unset_so_the_client_uses_bj(monkeypatch):
    for name in ("BAIDUCLOUD_REGION", "BCE_REGION"):
        monkeypatch.setenv(name, "")
    params = {}
    set_fallbacks(baidu_argument_spec(), params)
    assert "region" not in params
    client = BaiduClient(dict(params, access_key="ak", secret_key="sk", endpoint=None, timeout=5.0, retries=0,
                              validate_certs=True, ca_bundle=None, security_token=None), "bcc")
    assert client.region == "bj"
