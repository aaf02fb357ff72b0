# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Clock skew: the offline cloud's clock runs an hour ahead of (or behind) the controller, beyond every
cloud's tolerance (Tencent 5 minutes, Huawei 15 minutes, Baidu the signature's 30-minute validity).
Every module gets exactly one expired-signature answer (Tencent AuthFailure.SignatureExpire, Huawei
APIGW.0303, Baidu RequestExpired), re-signs with the server's Date, finishes, and warns that the
controller's clock needs NTP. With retries: 0 there is no re-sign, and the failure names the clock
(NTP) as the cause."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from tests.reliability import matrix
from tests.reliability.harness import SUMMARY, common_args, row_value, run_adhoc, run_rows

LINES = SUMMARY.setdefault("clock skew", [])
EXPIRED = {"tencentcloud": "AuthFailure.SignatureExpire", "huaweicloud": "APIGW.0303", "baiducloud": "RequestExpired"}
CASES = [(module, skew, retries) for module in sorted(matrix.SCENARIOS) for skew, retries in
         ((3600, 2), (-3600, 2), (3600, 0))]


def execute(case, emulator, control):
    module, skew, retries = case
    cloud = module.split("_", 1)[0]
    scenario = matrix.SCENARIOS[module]
    control.config(async_delay=0.02)
    control.seed(scenario["seed"])
    control.config(clock_skew=skew)
    since = control.last_seq()
    run = run_adhoc(module, dict(common_args(module, emulator.url), retries=retries, timeout=5, **scenario["args"]))
    return run, control.requests(since, cloud=cloud), scenario["view"](control.state())


@pytest.fixture(scope="module")
def executed():
    return run_rows(CASES, execute, workers=3)


@pytest.mark.parametrize("module,skew,retries", CASES, ids=["%s-%+d-retries%d" % c for c in CASES])
def test_skewed_clock(executed, module, skew, retries):
    cloud = module.split("_", 1)[0]
    scenario = matrix.SCENARIOS[module]
    run, entries, final = row_value(executed, (module, skew, retries))
    expired = [e for e in entries if e.get("error_code") == EXPIRED[cloud]]
    result = run.result
    # Exactly one refusal per task: later calls are signed with the corrected time from the start.
    assert len(expired) == 1, (expired, run)
    if retries == 0:
        assert result.get("failed") is True and result["error"]["code"] == EXPIRED[cloud], run
        assert "NTP" in result["msg"] and "clock" in result["msg"], run
        assert result["changed"] is False and final == scenario["before"], run
        LINES.append("%-46s skew %+5d s, retries 0: fails naming the clock: ...%s" % (
            module, skew, result["msg"][result["msg"].find("Hint"):][:90]))
        return
    assert not result.get("failed"), run
    assert result["changed"] is True and final == scenario["after"], run
    warnings = " ".join(result.get("warnings") or [])
    assert "NTP" in warnings and ("%+.0f s off" % -skew) in warnings.replace("-3599", "-3600").replace(
        "+3599", "+3600").replace("+3601", "+3600").replace("-3601", "-3600"), run
    LINES.append("%-46s skew %+5d s: 1 x %s, re-signed, %d calls, warned: %s" % (
        module, skew, EXPIRED[cloud], len(entries), warnings[:70]))
