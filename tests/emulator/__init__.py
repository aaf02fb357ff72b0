# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The offline cloud: one local HTTP server that speaks Tencent Cloud, Huawei Cloud / OTC and
Baidu AI Cloud wire protocols for the collection's operations, verifies signatures with its own
code, keeps state, enforces documented limits and rate limits, and injects faults on request.

Start it with ``python -m tests.emulator --port 18080`` from the collection root.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type
