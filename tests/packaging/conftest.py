# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures for the packaging tests: the offline cloud (the emulator_sdk fixtures, `emulator` and
`control`) and `demo_cloud`, the offline cloud seeded with the demo's seed files."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

# pylint: disable=wrong-import-position,unused-import
from tests.emulator_sdk.conftest import emulator, control  # noqa: E402,F401
from tests.packaging._helpers import seed_demo  # noqa: E402


@pytest.fixture
def demo_cloud(control):  # pylint: disable=redefined-outer-name
    """The offline cloud, reset and seeded with the demo's seed files."""
    seed_demo(control)
    return control
