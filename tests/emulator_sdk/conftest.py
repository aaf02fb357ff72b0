# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures: a fresh offline cloud per test module, and a small control-API client."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sys
import urllib.request

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from tests.emulator.server import Emulator  # noqa: E402 pylint: disable=wrong-import-position


class Control(object):
    def __init__(self, url):
        self.url = url

    def call(self, method, name, data=None):
        body = json.dumps(data).encode("utf-8") if data is not None else None
        request = urllib.request.Request(self.url + "/_emulator/" + name, data=body, method=method)
        with urllib.request.urlopen(request, timeout=10) as reply:
            return json.load(reply)

    def reset(self):
        return self.call("POST", "reset")

    def seed(self, data):
        return self.call("POST", "seed", data)

    def state(self):
        return self.call("GET", "state")

    def requests(self, since=0):
        return self.call("GET", "requests?since=%d" % since)["requests"]

    def fault(self, **rule):
        return self.call("POST", "faults", rule)

    def config(self, **data):
        return self.call("POST", "config", data)


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
