# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures: an offline cloud per test module (in this process, on a free port) and its control API."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import shutil
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.reliability.harness import ROOT as PRIVATE_ROOT  # noqa: E402 pylint: disable=wrong-import-position
from tests.reliability.harness import TEMP_DIRS  # noqa: E402 pylint: disable=wrong-import-position

# Import the collection and the emulator from the session's private copy (see harness._private_copy).
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(PRIVATE_ROOT))))
sys.path.insert(0, PRIVATE_ROOT)

from tests.emulator.server import Emulator  # noqa: E402 pylint: disable=wrong-import-position
from tests.emulator.control import Control  # noqa: E402 pylint: disable=wrong-import-position

# The rate budget and token cache of every module run (subprocesses inherit it) stay in a private
# directory of this test session, not the user's.
if "POLYCLOUD_OPS_STATE_DIR" not in os.environ:
    os.environ["POLYCLOUD_OPS_STATE_DIR"] = tempfile.mkdtemp(prefix="polycloud-reliability-state-")
    TEMP_DIRS.append(os.environ["POLYCLOUD_OPS_STATE_DIR"])


def pytest_sessionfinish():
    for path in TEMP_DIRS:
        shutil.rmtree(path, ignore_errors=True)


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
    """Print the tables the tests filled in (harness.SUMMARY): {title: {(row, column): text}} or {title: [lines]}."""
    from tests.reliability.harness import SUMMARY
    for title, table in SUMMARY.items():
        if not table:
            continue
        terminalreporter.write_sep("=", "reliability: %s" % title)
        if isinstance(table, list):
            for line in table:
                terminalreporter.write_line(line)
            continue
        rows, cols = [], []
        for row, col in table:
            rows += [row] if row not in rows else []
            cols += [col] if col not in cols else []
        width = max([len(str(c)) for c in cols] + [len(t) for t in table.values()] + [8])
        terminalreporter.write_line("%-46s %s" % ("", " | ".join(str(c).ljust(width) for c in cols)))
        for row in rows:
            terminalreporter.write_line("%-46s %s" % (row, " | ".join(
                table.get((row, col), "-").ljust(width) for col in cols)))
        tally = {}
        for text in table.values():
            kind = text.split(" (")[0] if not text[:1].isdigit() else "cases"
            kind = " ".join(kind.split(" ")[:2])
            tally[kind] = tally.get(kind, 0) + (int(text) if text.isdigit() else 1)
        terminalreporter.write_line("%d rows x %d columns; %s" % (len(rows), len(cols), ", ".join(
            "%s: %d" % kv for kv in sorted(tally.items()))))
