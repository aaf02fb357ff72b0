# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Injected faults: rules that replace the next N matching calls' replies.

A rule (POST /_emulator/faults) is a JSON object:
  cloud      tencentcloud | huaweicloud | baiducloud (optional: any)
  action     the action name as the request log shows it (optional: any)
  count      how many matching calls it hits (default 1)
  skip       let this many matching calls through first (default 0)
  when       "before" (default): the call is not processed; "after": it is processed, then the
             reply is replaced (a write that happened but whose answer was lost)
and one effect:
  error_code (+ message, http_status): an error in the cloud's own envelope
  http_status alone: a bare status with an HTML page, as a proxy or gateway sends
  malformed: true: HTTP 200 with a body that is not JSON
  drop: true: close the connection without a reply
  delay: seconds to wait before answering (may be combined with the others)
  async_failure: "message": the call succeeds but its asynchronous operation ends FAILED
                 (Tencent CVM security-group writes)
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

_EFFECTS = ("error_code", "http_status", "malformed", "drop", "delay", "async_failure")


class FaultError(ValueError):
    pass


class Faults(object):
    def __init__(self):
        self.rules = []

    def reset(self):
        self.rules = []

    def add(self, rule):
        if not isinstance(rule, dict):
            raise FaultError("a fault rule must be a JSON object")
        if not any(key in rule for key in _EFFECTS):
            raise FaultError("a fault rule needs one of: %s" % ", ".join(_EFFECTS))
        unknown = set(rule) - set(_EFFECTS) - {"cloud", "action", "count", "skip", "when", "message"}
        if unknown:
            raise FaultError("unknown fault rule fields: %s" % ", ".join(sorted(unknown)))
        for key in ("count", "skip"):
            if key in rule and (not isinstance(rule[key], int) or rule[key] < 0):
                raise FaultError("%s must be a whole number >= 0" % key)
        if rule.get("when", "before") not in ("before", "after"):
            raise FaultError("when must be 'before' or 'after'")
        if "delay" in rule and (not isinstance(rule["delay"], (int, float)) or not 0 <= rule["delay"] <= 120):
            raise FaultError("delay must be a number of seconds from 0 to 120")
        stored = dict(rule)
        stored.setdefault("count", 1)
        stored.setdefault("skip", 0)
        stored.setdefault("when", "before")
        stored["hits"] = 0
        self.rules.append(stored)
        return stored

    def take(self, cloud, action):
        """The rule that applies to this call, if any (consuming one of its hits)."""
        for rule in self.rules:
            if rule.get("cloud") not in (None, cloud) or rule.get("action") not in (None, action):
                continue
            if rule["skip"] > 0:
                rule["skip"] -= 1
                continue
            if rule["count"] <= 0:
                continue
            rule["count"] -= 1
            rule["hits"] += 1
            if rule["count"] <= 0:
                # A spent rule is forgotten: a long-running server must not keep every rule it was given.
                self.rules.remove(rule)
            return rule
        return None

    def listing(self):
        return [dict(rule) for rule in self.rules if rule["count"] > 0]
