# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark callback: writes each task's first start and last end (per task name, over all hosts),
and the counts of ok, changed and failed results, to the JSON file named by BENCH_TIMING_FILE."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
    name: bench_timing
    type: aggregate
    short_description: task timings for the polycloud.ops benchmarks
    description: Writes task start and end times and result counts to BENCH_TIMING_FILE.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_timing"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.tasks = {}
        self.order = []
        self.counts = {"ok": 0, "changed": 0, "failed": 0, "skipped": 0, "unreachable": 0}
        self.messages = []

    def _task(self, task):
        name = task.get_name()
        if name not in self.tasks:
            self.tasks[name] = {"start": time.time(), "end": None, "results": 0}
            self.order.append(name)
        return self.tasks[name]

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._task(task)

    def _done(self, result, kind):
        entry = self._task(result._task)
        entry["end"] = time.time()
        entry["results"] += 1
        self.counts[kind] += 1
        if kind == "ok" and result._result.get("changed"):
            self.counts["changed"] += 1
        if kind in ("failed", "unreachable") and len(self.messages) < 5:
            self.messages.append(str(result._result.get("msg", ""))[:300])

    def v2_runner_on_ok(self, result):
        self._done(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._done(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._done(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._done(result, "unreachable")

    def v2_runner_item_on_ok(self, result):
        self._task(result._task)["end"] = time.time()

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get("BENCH_TIMING_FILE")
        if path:
            with open(path, "w") as handle:
                json.dump({"tasks": [dict(self.tasks[n], name=n) for n in self.order], "counts": self.counts,
                           "messages": self.messages}, handle)
