# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Client-side pacing per action, so that a burst of calls stays under a documented rate limit.

Clouds count calls in a one-second window. Spacing calls slightly more than ``1/rate`` apart
keeps any one-second window at or under ``rate`` calls, so the server never has to throttle
us and we never pay a backoff.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import threading
import time

# A little slack over 1/rate absorbs clock granularity and network jitter.
_SPACING_MARGIN = 1.05


class RateLimiter(object):
    def __init__(self, clock=time.monotonic, sleep=time.sleep):
        self._clock = clock
        self._sleep = sleep
        self._next = {}
        self._lock = threading.Lock()

    def acquire(self, key, rate):
        """Wait until a call under ``key`` may go out at ``rate`` calls per second (None: no limit).

        Returns the seconds waited.
        """
        if not rate:
            return 0.0
        spacing = _SPACING_MARGIN / float(rate)
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(key, now))
            self._next[key] = start + spacing
        wait = start - now
        if wait > 0:
            self._sleep(wait)
        return max(wait, 0.0)
