# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Catalog lookup, the error's public form, and client-side pacing."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.polycloud.ops.plugins.module_utils._errors import CloudError, classified_error, lookup
from ansible_collections.polycloud.ops.plugins.module_utils._ratelimit import RateLimiter
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_errors import CATALOG
from ansible_collections.polycloud.ops.plugins.module_utils._transport import HttpResponse, parse_retry_after, status_error


def test_lookup_exact_prefix_and_default():
    assert lookup(CATALOG, "RequestLimitExceeded")["retryable"] is True
    assert lookup(CATALOG, "RequestLimitExceeded.UinLimitExceeded")["retryable"] is True
    # A quota is not throttling, although both say LimitExceeded.
    assert lookup(CATALOG, "LimitExceeded.AssociateUSGLimitExceeded")["retryable"] is False
    assert lookup(CATALOG, "LimitExceeded.SomethingNew")["retryable"] is False
    # ResourceUnavailable.* must not be retried: CmkNotFound is permanent.
    assert lookup(CATALOG, "ResourceUnavailable.CmkNotFound")["retryable"] is False
    assert lookup(CATALOG, "Totally.Unknown.Code") == CATALOG["*"]
    assert lookup(CATALOG, "InternalError.DbError")["retry_limit"] == 2


def test_classified_error_carries_catalog_facts():
    err = classified_error("tencentcloud", CATALOG, "AuthFailure.SignatureExpire", "expired", request_id="r-1",
                           http_status=200)
    assert err.retryable and err.retry_limit == 1 and "NTP" in err.hint
    public = err.to_dict()
    assert public == {"cloud": "tencentcloud", "code": "AuthFailure.SignatureExpire", "message": "expired",
                      "request_id": "r-1", "http_status": 200, "retryable": True, "category": "auth",
                      "hint": err.hint}
    assert "r-1" in str(err)


def test_status_error_for_gateway_pages():
    page = HttpResponse(502, {"Retry-After": "3"}, b"<html>bad gateway</html>")
    err = status_error("tencentcloud", page)
    assert isinstance(err, CloudError) and err.retryable and err.code == "HTTP502" and err.retry_after == 3.0
    forbidden = status_error("tencentcloud", HttpResponse(403, {}, b"<html>no</html>"))
    assert not forbidden.retryable


def test_parse_retry_after_forms():
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


class FakeClock(object):
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def test_pacing_keeps_any_second_at_or_under_the_rate():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    stamps = []
    for _call in range(35):
        limiter.acquire("AssociateSecurityGroups", 10)
        stamps.append(clock.now)
    for start in stamps:
        in_window = [s for s in stamps if start <= s < start + 1.0]
        assert len(in_window) <= 10
    # And it is not much slower than the rate: 35 calls at 10/s take about 3.4 s.
    assert stamps[-1] - stamps[0] < 3.7


def test_pacing_is_per_key_and_off_without_a_rate():
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    limiter.acquire("a", 1)
    assert limiter.acquire("b", 1) == 0.0
    assert limiter.acquire("c", None) == 0.0
    assert limiter.acquire("a", 1) > 0.9
