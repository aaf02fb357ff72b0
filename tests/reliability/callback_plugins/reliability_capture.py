# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test-only callback: append every task result (as Ansible hands it to callbacks, no_log
censoring applied) to the JSON-lines file named by RELIABILITY_CAPTURE."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
name: reliability_capture
type: aggregate
short_description: Write task results to a JSON-lines file (tests only)
description:
  - Appends one JSON object per task result to the file named by the RELIABILITY_CAPTURE environment variable.
author:
  - polycloud.ops maintainers (@polycloud-ops)
requirements:
  - enable in configuration
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "reliability_capture"
    CALLBACK_NEEDS_ENABLED = True

    def _write(self, status, result):
        path = os.environ.get("RELIABILITY_CAPTURE")
        if not path:
            return
        task = result._task
        entry = {"host": result._host.get_name(), "task": task.get_name() if task else None, "status": status,
                 "result": result._result}
        with open(path, "a") as handle:
            handle.write(json.dumps(entry, default=str) + "\n")

    def v2_runner_on_ok(self, result):
        self._write("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._write("failed", result)

    def v2_runner_on_unreachable(self, result):
        self._write("unreachable", result)

    def v2_runner_on_skipped(self, result):
        self._write("skipped", result)
