# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures: a fresh offline cloud per test module, and a small control-API client."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.emulator.control import Control  # noqa: E402 pylint: disable=wrong-import-position
from tests.emulator.server import Emulator  # noqa: E402 pylint: disable=wrong-import-position


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
