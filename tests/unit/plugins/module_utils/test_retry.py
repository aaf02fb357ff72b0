# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The retry core: what is retried, how often, and how long it waits."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError
from ansible_collections.polycloud.ops.plugins.module_utils._retry import RetryPolicy, call_with_retry


def _failing(errors, value="ok"):
    """A callable that raises the given errors in turn, then returns ``value``."""
    calls = []

    def func():
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return value
    func.calls = calls
    return func


def _err(code="Throttled", retryable=True, **kw):
    return CloudError("testcloud", code, "msg", retryable=retryable, **kw)


def test_retryable_errors_are_retried_until_success():
    sleeps = []
    func = _failing([_err(), _err()])
    assert call_with_retry(func, RetryPolicy(retries=5), sleep=sleeps.append, rand=lambda: 0.5) == "ok"
    assert len(func.calls) == 3 and len(sleeps) == 2


def test_permanent_error_is_raised_at_once():
    sleeps = []
    func = _failing([_err("InvalidParameter", retryable=False)])
    with pytest.raises(CloudError) as caught:
        call_with_retry(func, RetryPolicy(retries=5), sleep=sleeps.append)
    assert caught.value.code == "InvalidParameter" and caught.value.attempts == 1
    assert len(func.calls) == 1 and sleeps == []


def test_budget_is_capped_and_attempts_reported():
    func = _failing([_err()] * 10)
    with pytest.raises(CloudError) as caught:
        call_with_retry(func, RetryPolicy(retries=3), sleep=lambda s: None)
    assert len(func.calls) == 4 and caught.value.attempts == 4


def test_per_code_retry_limit():
    func = _failing([_err("AuthFailure.SignatureExpire", retry_limit=1)] * 3)
    with pytest.raises(CloudError):
        call_with_retry(func, RetryPolicy(retries=5), sleep=lambda s: None)
    assert len(func.calls) == 2


def test_full_jitter_bounds_and_cap():
    policy = RetryPolicy(base_delay=0.5, max_delay=4.0)
    assert policy.delay(0, rand=lambda: 1.0) == 0.5
    assert policy.delay(3, rand=lambda: 1.0) == 4.0
    assert policy.delay(10, rand=lambda: 1.0) == 4.0
    assert policy.delay(10, rand=lambda: 0.0) == 0.0


def test_retry_after_wins_over_a_shorter_jitter():
    sleeps = []
    func = _failing([_err(retry_after=2.0)])
    call_with_retry(func, RetryPolicy(retries=2), sleep=sleeps.append, rand=lambda: 0.0)
    assert sleeps == [2.0]


def test_retry_after_is_capped():
    sleeps = []
    func = _failing([_err(retry_after=9999)])
    call_with_retry(func, RetryPolicy(retries=2, max_retry_after=30), sleep=sleeps.append, rand=lambda: 0.0)
    assert sleeps == [30]


def test_zero_retries_means_one_attempt():
    func = _failing([_err()])
    with pytest.raises(CloudError):
        call_with_retry(func, RetryPolicy(retries=0), sleep=lambda s: None)
    assert len(func.calls) == 1
