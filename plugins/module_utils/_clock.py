# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""The time a signer stamps on a request, corrected for a skewed controller clock.

Signatures carry a timestamp that the cloud accepts only within a few minutes of its own clock.
When the cloud refuses one as expired, its reply's ``Date`` header tells us how far off we are;
re-signing with that offset lets the task finish, and the module warns so the clock gets fixed.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import email.utils
import time

# Offsets smaller than this are network latency, not a wrong clock.
_MIN_SKEW = 2.0


class SigningClock(object):
    def __init__(self, clock=time.time):
        self._clock = clock
        self.offset = 0.0

    def now(self):
        return self._clock() + self.offset

    def correct_from(self, date_header):
        """Adopt the server's time from an HTTP Date header; return the new offset, or None."""
        if not date_header:
            return None
        try:
            server = email.utils.parsedate_to_datetime(date_header)
        except (TypeError, ValueError, IndexError):
            return None
        if server is None:
            return None
        offset = server.timestamp() - self._clock()
        if abs(offset) < _MIN_SKEW:
            return None
        self.offset = offset
        return offset
