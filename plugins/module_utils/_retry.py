# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Retry a call with capped, full-jitter exponential backoff.

Only errors marked retryable (by the catalog, or by the transport for network faults) are tried
again; a permanent error is raised at once. A per-code ``retry_limit`` caps codes that may help
only once or twice (an expired signature, an internal error); a server's Retry-After wins over
a shorter jittered delay.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import random
import time

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError


class RetryPolicy(object):
    def __init__(self, retries=5, base_delay=0.5, max_delay=20.0, max_retry_after=60.0):
        self.retries = max(0, int(retries))
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retry_after = max_retry_after

    def delay(self, attempt, rand=random.random):
        """Full jitter: a uniform draw in [0, min(cap, base * 2**attempt)]."""
        return rand() * min(self.max_delay, self.base_delay * (2 ** attempt))


def call_with_retry(func, policy, sleep=time.sleep, rand=random.random, on_retry=None):
    """Call ``func()`` until it returns, raises a permanent CloudError, or the budget is spent.

    ``on_retry(error, delay)`` is told about every retry (used for warnings and tests).
    The error raised at the end carries ``attempts``: how many calls were made.
    """
    attempt = 0
    per_code = {}
    while True:
        try:
            return func()
        except CloudError as err:
            err.attempts = attempt + 1
            if not err.retryable or attempt >= policy.retries:
                raise
            used = per_code.get(err.code, 0)
            if err.retry_limit is not None and used >= err.retry_limit:
                raise
            per_code[err.code] = used + 1
            pause = policy.delay(attempt, rand)
            if err.retry_after is not None:
                pause = max(pause, min(float(err.retry_after), policy.max_retry_after))
            if on_retry is not None:
                on_retry(err, pause)
            if pause > 0:
                sleep(pause)
            attempt += 1
