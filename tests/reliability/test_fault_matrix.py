# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The fault matrix: every module (matrix.SCENARIOS) under every fault (matrix.FAULTS), run as
``ansible localhost -m`` against the offline cloud, asserted on the result, the request log and
the emulator's final state. A summary table (modules x faults) is printed at the end of the run."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

from tests.reliability import matrix
from tests.reliability.harness import SUMMARY, common_args, row_value, run_adhoc, run_rows

# Rows run this many at a time, each against an emulator of its own.
WORKERS = 4
# Wall-clock bound of one task under any fault: retries x (timeout + Retry-After or backoff) + start-up.
BOUND = 25.0

ROWS = [(module, fault["name"]) for module in matrix.SCENARIOS for fault in matrix.FAULTS]
FAULTS = dict((fault["name"], fault) for fault in matrix.FAULTS)
SHORT = {"tencentcloud_kms_cloud_resource": "tencent kms", "tencentcloud_cvm_security_group_association": "tencent cvm sg",
         "huaweicloud_kms_key_tag": "huawei tag", "huaweicloud_kms_key_tags": "huawei tags",
         "baiducloud_bcc_instance_role": "baidu role"}

# (module, fault) -> outcome text, printed by conftest's terminal summary.
OUTCOMES = SUMMARY.setdefault("fault matrix", {})


def _entries(control, since, cloud):
    return control.requests(since, cloud=cloud)


def _attempts(entries, action):
    """The attempts of the faulted call: the entries of ``action`` from the first one a fault hit up
    to the first success after it (inclusive), or to the end of the log."""
    # In the order the calls arrived: a delayed call is logged when it ends.
    calls = sorted((e for e in entries if e["action"] == action), key=lambda e: e["time"])
    first = next((n for n, e in enumerate(calls) if e.get("fault")), None)
    if first is None:
        return []
    tries = []
    for entry in calls[first:]:
        tries.append(entry)
        if not entry.get("fault") and _is_success(entry):
            break
    return tries


def _is_success(entry):
    return isinstance(entry["status"], int) and 200 <= entry["status"] < 300 and not entry.get("error_code")


def execute(row, emulator, control):
    """Seed, inject the fault, run the module; return what the checks need."""
    module, fault_name = row
    scenario = matrix.SCENARIOS[module]
    fault = FAULTS[fault_name]
    cloud = module.split("_", 1)[0]
    control.config(async_delay=0.02)
    control.seed(scenario["seed"])
    target = None
    if fault["at"] == "partial":
        partial = scenario["partial"]
        if "seed" in partial:
            control.seed(partial["seed"])
        if "fault" in partial:
            control.faults(dict(partial["fault"], cloud=cloud))
    else:
        rule = dict(matrix.value(fault["rule"], scenario))
        if fault["at"] == "second_write":
            rule.update(scenario["second_write"])
        else:
            rule["action"] = scenario[fault["at"]]
        rule["cloud"] = cloud
        target = rule["action"]
        control.faults(rule)
    since = control.last_seq()
    args = dict(common_args(module, emulator.url), retries=matrix.RETRIES, timeout=matrix.TIMEOUT, **scenario["args"])
    run = run_adhoc(module, args)
    time.sleep(fault.get("settle", 0))
    return run, target, _entries(control, since, cloud), scenario["view"](control.state())


@pytest.fixture(scope="module")
def executed():
    rows = [row for row in ROWS if matrix.applies(FAULTS[row[1]], matrix.SCENARIOS[row[0]])]
    return run_rows(rows, execute, workers=WORKERS)


@pytest.mark.parametrize("module,fault_name", ROWS, ids=["%s-%s" % row for row in ROWS])
def test_fault(executed, module, fault_name):
    scenario = matrix.SCENARIOS[module]
    fault = FAULTS[fault_name]
    if not matrix.applies(fault, scenario):
        OUTCOMES[(fault_name, SHORT[module])] = "n/a"
        pytest.skip("%s does not apply to %s" % (fault_name, module))
    OUTCOMES[(fault_name, SHORT[module])] = "FAILED"
    run, target, entries, final = row_value(executed, (module, fault_name))
    result = run.result

    # Never a crash or a traceback in msg, whatever the outcome; always within a bounded time.
    assert result, run
    assert "module_stderr" not in result and "MODULE FAILURE" not in str(result.get("msg", "")), run
    assert "Traceback" not in str(result.get("msg", "")), run
    assert run.elapsed < BOUND, run

    if fault["outcome"] == "retried":
        assert run.rc == 0 and not result.get("failed"), run
        assert result["changed"] is True, run
        assert final == scenario["after"], (final, run)
        tries = _attempts(entries, target)
        assert 2 <= len(tries) <= matrix.RETRIES + 1, (tries, run)
        OUTCOMES[(fault_name, SHORT[module])] = "retried (%d tries)" % len(tries)
        return

    # A clean failure.
    assert run.rc != 0 and result.get("failed") is True, run
    msg = result.get("msg")
    assert isinstance(msg, str) and msg, run
    writes = [e for e in entries if e["write"] and _is_success(e)]
    if fault["at"] == "partial":
        for name in scenario["partial"]["names"]:
            assert name in msg, (name, run)
        assert final == scenario["partial"]["state"], (final, run)
        code = "partial"
    else:
        code = matrix.value(fault["code"], scenario)
        error = result.get("error") or {}
        assert error.get("code") == code, run
        assert code in msg, run
        if error.get("request_id"):
            assert error["request_id"] in msg, run
        if fault_name in ("permanent_error", "second_write_fails"):
            # The cloud's own envelope carries a request id; the user must see it.
            assert error.get("request_id"), run
        expected = scenario["half"] if fault["at"] == "second_write" else scenario["before"]
        assert final == expected, (final, run)
        for request_id in result.get("request_ids", []):
            assert request_id in msg, ("a write that succeeded is not named in msg", run)
    # changed and request_ids are true to the writes that succeeded before the failure.
    assert result.get("changed") is bool(writes), (writes, run)
    assert len(result.get("request_ids", [])) == len(writes), (writes, run)
    if fault.get("permanent"):
        tries = _attempts(entries, target)
        assert len(tries) == 1, ("a permanent error was retried", tries, run)
    elif target:
        tries = _attempts(entries, target)
        assert len(tries) == matrix.RETRIES + 1, (tries, run)
    OUTCOMES[(fault_name, SHORT[module])] = "clean fail %s%s" % (code, " (%d write)" % len(writes) if writes else "")
