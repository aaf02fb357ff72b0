# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Unit tests never touch the user's real state directory (rate budget, token cache)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import tempfile

os.environ["POLYCLOUD_OPS_STATE_DIR"] = tempfile.mkdtemp(prefix="polycloud-ops-unit-")
