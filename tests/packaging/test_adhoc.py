# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ad-hoc use: `ansible localhost -m polycloud.ops.<module> -a '...' --check --diff` for each module,
credentials from the environment, against the offline cloud seeded with the demo's seed files. Each
run must print the before/after diff and CHANGED, and write nothing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from tests.packaging._helpers import ansible_env, run

ENV = {
    "tencentcloud": {"TENCENTCLOUD_SECRET_ID": "AKIDpolycloudOFFLINEexample0000000000",
                     "TENCENTCLOUD_SECRET_KEY": "offline-tencent-secret-key", "TENCENTCLOUD_REGION": "ap-guangzhou"},
    "huaweicloud": {"HW_ACCESS_KEY": "HWOFFLINEACCESSKEY0001", "HW_SECRET_KEY": "offline-huawei-secret-key",
                    "HW_PROJECT_ID": "0d0466b0e7274d9cb35df84bb474a37f", "HW_REGION_NAME": "eu-de"},
    "baiducloud": {"BAIDUCLOUD_ACCESS_KEY": "bceofflinepolycloud0000000000000",
                   "BAIDUCLOUD_SECRET_KEY": "offline-baidu-secret-key"},
}
HW_KEY = "7a1c1e0e-5b7e-4c1a-9d39-2f6f0c3e9a02"   # demo/seed/example_roles.json, no tags
# module, its cloud, its arguments, and lines the --diff output must hold.
CASES = [
    ("tencentcloud_cvm_security_group_association", "tencentcloud",
     {"instance_ids": ["ins-web00003"], "security_group_ids": ["sg-base0001"]},
     ['"ins-web00003": [', '+            "sg-base0001"']),
    ("tencentcloud_kms_cloud_resource", "tencentcloud",
     {"key_id": "23e80852-1e38-11e9-b129-5cb9019b4b01", "product_id": "ssm", "resource_id": "app-db-password"},
     ['-    "binding": "unknown', '+        "resource_id": "app-db-password"']),
    ("huaweicloud_kms_key_tag", "huaweicloud",
     {"key_id": HW_KEY, "tag_key": "owner", "tag_value": "payments-team"},
     ['+    "owner": "payments-team"']),
    ("huaweicloud_kms_key_tags", "huaweicloud",
     {"key_id": HW_KEY, "tags": {"environment": "production", "owner": "payments-team"}},
     ['+    "environment": "production"', '+    "owner": "payments-team"']),
    ("baiducloud_bcc_instance_role", "baiducloud",
     {"instance_ids": ["i-Demo0001"], "role_name": "BccBaselineRole"},
     ['-        "i-Demo0001": "LegacyAgentRole"', '+        "i-Demo0001": "BccBaselineRole"']),
]


@pytest.mark.parametrize("module,cloud,args,diff_lines", CASES, ids=[case[0] for case in CASES])
def test_adhoc_check_diff(module, cloud, args, diff_lines, demo_cloud, emulator):
    args = dict(args)
    if cloud == "huaweicloud":
        args["endpoint"] = emulator.url    # the Huawei modules read no endpoint from the environment
    env = dict(ENV[cloud])
    if cloud != "huaweicloud":
        env["%s_ENDPOINT" % cloud.upper()] = emulator.url
    since = demo_cloud.call("GET", "requests")["last_seq"]

    rc, out = run(["ansible", "localhost", "-m", "polycloud.ops." + module, "-a", json.dumps(args),
                   "--check", "--diff"], env=ansible_env(**env))

    assert rc == 0, out
    assert "localhost | CHANGED =>" in out, out
    assert "--- before" in out and "+++ after" in out, out
    for line in diff_lines:
        assert line in out, "%r not in:\n%s" % (line, out)
    calls = demo_cloud.requests(since)
    assert calls and not any(call["write"] for call in calls), calls
    for name, value in env.items():
        if "SECRET" in name:
            assert value not in out
