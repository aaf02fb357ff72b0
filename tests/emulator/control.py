# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A client of the offline cloud's control API, for tests (ours and users'): reset, seed, read the
state and the request log, inject faults, and configure rate limits, clock skew and async delay."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import ssl
import urllib.request


class Control(object):
    def __init__(self, url, cafile=None):
        self.url = url.rstrip("/")
        self.context = ssl.create_default_context(cafile=cafile) if cafile else None

    def call(self, method, name, data=None):
        body = json.dumps(data).encode("utf-8") if data is not None else None
        request = urllib.request.Request(self.url + "/_emulator/" + name, data=body, method=method)
        with urllib.request.urlopen(request, timeout=30, context=self.context) as reply:
            return json.load(reply)

    def reset(self):
        return self.call("POST", "reset")

    def seed(self, data):
        return self.call("POST", "seed", data)

    def state(self):
        return self.call("GET", "state")

    def requests(self, since=0, cloud=None):
        query = "requests?since=%d" % since + ("&cloud=%s" % cloud if cloud else "")
        return self.call("GET", query)["requests"]

    def last_seq(self):
        return self.call("GET", "requests?since=999999999")["last_seq"]

    def fault(self, **rule):
        return self.call("POST", "faults", rule)

    def faults(self, *rules):
        return self.call("POST", "faults", {"faults": list(rules)})

    def config(self, **data):
        return self.call("POST", "config", data)
