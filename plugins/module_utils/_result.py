# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""What a module returns: changed, the request ids of its writes, the diff, and failures.

A failure still reports ``changed`` and the ``request_ids`` of the writes that did succeed, so a
half-applied change is never mistaken for nothing having happened.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleResult(object):
    def __init__(self):
        self.changed = False
        self.request_ids = []
        self.before = None
        self.after = None
        self.values = {}
        self.warnings = []

    def mark_changed(self):
        self.changed = True

    def add_request_id(self, request_id):
        if request_id:
            self.request_ids.append(request_id)

    def set_diff(self, before, after):
        self.before = before
        self.after = after

    def update(self, **values):
        self.values.update(values)

    def as_dict(self, with_diff):
        out = dict(self.values)
        out["changed"] = self.changed
        out["request_ids"] = list(self.request_ids)
        if with_diff and (self.before is not None or self.after is not None):
            out["diff"] = {"before": self.before, "after": self.after}
        return out

    def failure(self, msg, error=None, with_diff=False):
        out = self.as_dict(with_diff)
        out["msg"] = msg
        if error is not None:
            out["error"] = error
        return out
