# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Per-action rate limits as the clouds apply them: at most N calls in any one-second window,
counted per account. A sliding window is the strict reading of "N requests per second"."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections


class RateLimits(object):
    def __init__(self):
        self.overrides = {}
        self._windows = collections.defaultdict(collections.deque)
        self.throttled = 0

    def reset(self):
        self.overrides = {}
        self._windows.clear()
        self.throttled = 0

    def limit(self, cloud, action, default):
        return self.overrides.get(cloud, {}).get(action, default)

    def admit(self, cloud, account, action, limit, now):
        """Record a call and return True, or return False if it would exceed ``limit`` per second."""
        if not limit:
            return True
        window = self._windows[(cloud, account, action)]
        while window and window[0] <= now - 1.0:
            window.popleft()
        if len(window) >= limit:
            self.throttled += 1
            return False
        window.append(now)
        return True
