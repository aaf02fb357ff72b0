# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Client-side pacing per action, so that a burst of calls stays under a documented rate limit.

Clouds count calls in a one-second window. A call under a key goes out only once the ``rate``-th
call before it is slightly more than one second old (a sliding window of 1.1 s), so any
one-second window holds at most ``rate`` calls: the server never has to throttle us and we never
pay a backoff, while a burst of up to ``rate`` calls (ten 100-instance writes, say) goes at once.

The next free slot of each key is kept in a small file-locked budget in a private per-user
directory (``_state_dir``), so that every fork of every ansible run on one host takes its slot
from the same budget instead of each fork pacing alone and the forks together overrunning the
limit. A budget file is named after a hash of the key (account, endpoint, region, action as the
client gives it) and holds only the time stamps of the last ``rate`` slots. Without ``fcntl`` (not POSIX), or when the directory
cannot be used safely, pacing falls back to this process alone.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import threading
import time

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: per-process pacing only
    fcntl = None

from ansible_collections.polycloud.ops.plugins.module_utils._state_dir import hashed_name, open_private, private_dir

# A little slack over the one-second window absorbs clock granularity and network jitter.
_WINDOW = 1.1

# "off" keeps pacing inside each process (for debugging; forks may then be throttled).
ENV_RATE_BUDGET = "POLYCLOUD_OPS_RATE_BUDGET"
_SUBDIR = "rate"
# Stored slots further ahead than this many calls' worth of windows are a clock step or garbage.
_MAX_QUEUED_SLOTS = 1000
_DEFAULT = object()


class RateLimiter(object):
    """``acquire(key, rate)`` paces calls under ``key``; shared across processes when it can be.

    With the default clock the budget is shared through the private state directory (or through
    ``directory`` if given; ``directory=None`` keeps it in-process). A custom ``clock`` (tests)
    keeps it in-process unless ``directory`` is given too, since other processes could not
    compare their times with it.
    """

    def __init__(self, clock=None, sleep=time.sleep, directory=_DEFAULT):
        if clock is None:
            clock = time.time
            shared = directory is not None
        else:
            shared = directory not in (None, _DEFAULT)
        if os.environ.get(ENV_RATE_BUDGET, "").lower() in ("off", "0", "false", "no"):
            shared = False
        self._clock = clock
        self._sleep = sleep
        self._granted = {}
        self._lock = threading.Lock()
        self._shared = shared and fcntl is not None
        self._directory = directory
        self._resolved = False

    @property
    def shared(self):
        """Whether the budget is (still) shared with other processes."""
        return self._shared and self._budget_dir() is not None

    def _budget_dir(self):
        if not self._resolved:
            self._resolved = True
            base = None if self._directory is _DEFAULT else self._directory
            if self._shared:
                self._directory = private_dir(_SUBDIR, base=base)
                self._shared = self._directory is not None
        return self._directory if self._shared else None

    def reserve(self, key, rate):
        """Take the next free slot under ``key`` at ``rate`` calls per second; return its start time
        (in the clock's units) without waiting for it, or None if there is no limit."""
        if not rate:
            return None
        # At most `count` calls in any `window`: rate calls per 1.1 s, or one per 1.1/rate s below 1/s.
        count, window = (int(rate), _WINDOW) if rate >= 1 else (1, _WINDOW / float(rate))
        with self._lock:
            now = self._clock()
            local = self._granted.get(key, [])
            granted = self._reserve_shared(key, now, local, count, window)
            if granted is None:
                granted = _grant(local, now, count, window)
            self._granted[key] = granted
        return granted[-1]

    def acquire(self, key, rate):
        """Wait until a call under ``key`` may go out at ``rate`` calls per second (None: no limit).

        Returns the seconds waited.
        """
        start = self.reserve(key, rate)
        if start is None:
            return 0.0
        wait = start - self._clock()
        if wait > 0:
            self._sleep(wait)
        return max(wait, 0.0)

    def _reserve_shared(self, key, now, local, count, window):
        directory = self._budget_dir()
        if directory is None:
            return None
        parts = ("rate-v2",) + (tuple(key) if isinstance(key, (tuple, list)) else (key,))
        path = os.path.join(directory, hashed_name(parts, ".slots"))
        try:
            fd = open_private(path, os.O_RDWR | os.O_CREAT)
        except OSError:
            # Not usable (a link, another owner, a full disk): pace in this process from now on.
            self._shared = False
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            stored = _parse_slots(os.read(fd, 65536), now + window * _MAX_QUEUED_SLOTS / float(count))
            # The file holds our own earlier slots too; if it was lost, ours still count.
            granted = _grant(stored if stored else local, now, count, window)
            data = "".join("%.6f\n" % slot for slot in granted).encode("ascii")
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)
            os.ftruncate(fd, len(data))
            return granted
        except (OSError, IOError):
            self._shared = False
            return None
        finally:
            os.close(fd)  # closing releases the lock


def _grant(slots, now, count, window):
    """The last ``count`` slots after granting one more: at or after ``now`` and the latest slot, and
    ``window`` after the ``count``-th latest, so that no ``window`` holds more than ``count`` slots."""
    start = max([now] + slots[-1:])
    if len(slots) >= count:
        start = max(start, slots[-count] + window)
    return (slots + [start])[-count:]


def _parse_slots(data, limit):
    """Stored slots, ascending; none if the file is garbage or reaches past ``limit`` (a clock step)."""
    try:
        slots = [float(line) for line in data.decode("ascii").split()]
    except (ValueError, UnicodeDecodeError):
        return []
    if any(not (slot <= limit) for slot in slots):  # NaN compares false: garbage too
        return []
    return sorted(slots)
