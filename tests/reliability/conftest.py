# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures: an offline cloud per test module (in this process, on a free port) and its control API."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.emulator.server import Emulator  # noqa: E402 pylint: disable=wrong-import-position
from tests.reliability.harness import Control  # noqa: E402 pylint: disable=wrong-import-position

# The rate budget and token cache of every module run (subprocesses inherit it) stay in a private
# directory of this test session, not the user's.
os.environ.setdefault("POLYCLOUD_OPS_STATE_DIR", tempfile.mkdtemp(prefix="polycloud-reliability-state-"))


@pytest.fixture(scope="module")
def emulator():
    server = Emulator("127.0.0.1", 0).start()
    yield server
    server.stop()


@pytest.fixture
def control(emulator):
    ctl = Control(emulator.url)
    ctl.reset()
    return ctl


def pytest_terminal_summary(terminalreporter):
    from tests.reliability.harness import SUMMARY
    for title, table in SUMMARY.items():
        terminalreporter.write_sep("=", "reliability: %s" % title)
        if isinstance(table, list):
            for line in table:
                terminalreporter.write_line(line)
            continue
        rows = sorted(set(r for r, _c in table), key=lambda r: list(k[0] for k in table).index(r))
        cols = []
        for _r, c in table:
            if c not in cols:
                cols.append(c)
        tally = {}
        for col in cols:
            terminalreporter.write_line(col)
            for row in rows:
                text = table.get((row, col), "not run")
                kind = text.split(" (")[0].split(" ", 2)[:2]
                tally[" ".join(kind)] = tally.get(" ".join(kind), 0) + 1
                terminalreporter.write_line("    %-48s %s" % (row, text))
        terminalreporter.write_line("rows: %d (%d modules x %d faults); outcomes: %s" % (
            len(rows) * len(cols), len(rows), len(cols), ", ".join("%s %d" % kv for kv in sorted(tally.items()))))
