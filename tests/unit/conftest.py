# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests never touch the user's real state directory (rate budget, token cache), and no test
sees another's cached tokens or rate slots: each test gets a fresh one."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import tempfile

import pytest

# For what is built at import time (the clients' module-wide rate limiters).
os.environ["POLYCLOUD_OPS_STATE_DIR"] = tempfile.mkdtemp(prefix="polycloud-ops-unit-")


@pytest.fixture(autouse=True)
def _private_state_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("POLYCLOUD_OPS_STATE_DIR", str(tmp_path_factory.mktemp("state")))
