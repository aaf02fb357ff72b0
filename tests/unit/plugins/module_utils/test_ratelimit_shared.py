# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The rate budget shared across processes: slots, files, and the fall-backs. Assertions are on
the slots the limiter hands out and on stamps, never on how fast anything ran."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import multiprocessing
import os
import stat
import time

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils import _ratelimit
from ansible_collections.polycloud.ops.plugins.module_utils._ratelimit import RateLimiter

KEY = ("AKIDexample", "cvm.tencentcloudapi.com", "ap-guangzhou", "cvm", "AssociateSecurityGroups")
RATE = 20
WINDOW = 1.1


class FakeClock(object):
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def _worker(directory, calls, start, queue):
    # Each process has its own limiter, as each ansible fork would.
    limiter = RateLimiter(directory=directory)
    start.wait(10)
    out = []
    for _call in range(calls):
        slot = limiter.reserve(KEY, RATE)
        if slot > time.time():
            time.sleep(slot - time.time())
        out.append((slot, time.time()))
    queue.put((os.getpid(), limiter.shared, out))


def _run_processes(directory, processes, calls):
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - not POSIX
        pytest.skip("needs fork")
    start = ctx.Event()
    queue = ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(directory, calls, start, queue)) for _n in range(processes)]
    for worker in workers:
        worker.start()
    start.set()
    results = [queue.get(timeout=60) for _n in workers]
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    return results


def _assert_paced(slots, rate):
    """No one-second window holds more than ``rate`` slots: each slot is a 1.1 s window after the
    slot ``rate`` places before it."""
    slots = sorted(slots)
    for earlier, later in zip(slots, slots[rate:]):
        assert later - earlier >= WINDOW - 1e-6
    for first in slots:
        assert len([s for s in slots if first <= s < first + 1.0]) <= rate


def test_processes_share_one_budget(tmp_path):
    results = _run_processes(str(tmp_path), processes=4, calls=15)
    assert all(shared for _pid, shared, _slots in results)
    slots = [slot for _pid, _shared, mine in results for slot, _sent in mine]
    assert len(slots) == 60
    # 60 slots from 4 processes, one budget: at most 20 in any window, so three windows at least.
    _assert_paced(slots, RATE)
    assert max(slots) - min(slots) >= 2 * WINDOW - 1e-6
    # And no process went before its slot.
    assert all(sent >= slot for _pid, _shared, mine in results for slot, sent in mine)


def test_acquire_sleeps_until_the_reserved_slot(tmp_path):
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep, directory=str(tmp_path))
    other = RateLimiter(clock=clock, sleep=clock.sleep, directory=str(tmp_path))
    stamps = []
    for _call in range(5):
        for one in (limiter, other):
            one.acquire(KEY, 4)
            stamps.append(clock.now)
    assert limiter.shared and other.shared
    _assert_paced(stamps, 4)
    # Two limiters, one budget of 4 per window: 4 at once, 4 a window later, then 2.
    assert stamps == pytest.approx([1000.0] * 4 + [1000.0 + WINDOW] * 4 + [1000.0 + 2 * WINDOW] * 2)


def test_budget_files_are_private_and_say_nothing_of_the_key(tmp_path):
    limiter = RateLimiter(directory=str(tmp_path))
    limiter.reserve(KEY, RATE)
    budget = tmp_path / "rate"
    assert stat.S_IMODE(os.stat(str(budget)).st_mode) == 0o700
    files = list(budget.iterdir())
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(str(files[0])).st_mode) == 0o600
    text = files[0].read_text()
    for part in KEY:
        assert part not in files[0].name and part not in text
    [float(line) for line in text.split()]  # time stamps and nothing else


def test_corrupt_or_far_future_slot_is_ignored(tmp_path):
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep, directory=str(tmp_path))
    limiter.reserve(KEY, RATE)
    (budget_file,) = list((tmp_path / "rate").iterdir())
    for garbage in ("not a number", "nan", "1e300", "", "%s\nnan\n" % clock.now):
        budget_file.write_text(garbage)
        fresh = RateLimiter(clock=clock, sleep=clock.sleep, directory=str(tmp_path))
        assert fresh.reserve(KEY, RATE) == clock.now
    # A full window of slots in the file is honoured: the next slot is a window later.
    budget_file.write_text("\n".join([str(clock.now)] * RATE))
    assert RateLimiter(clock=clock, sleep=clock.sleep, directory=str(tmp_path)).reserve(KEY, RATE) == \
        pytest.approx(clock.now + WINDOW)


@pytest.mark.parametrize("spoil", ["file", "open", "link"])
def test_unusable_directory_degrades_to_in_process_pacing(tmp_path, spoil):
    base = tmp_path / "base"
    if spoil == "file":
        base.write_text("a file where the directory should be")
    elif spoil == "open":
        base.mkdir()
        (base / "rate").mkdir(mode=0o777)
        os.chmod(str(base / "rate"), 0o777)
    else:
        target = tmp_path / "elsewhere"
        target.mkdir(mode=0o700)
        base.symlink_to(target)
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep, directory=str(base))
    stamps = []
    for _call in range(12):
        limiter.acquire(KEY, 10)
        stamps.append(clock.now)
    assert not limiter.shared
    _assert_paced(stamps, 10)


def test_without_fcntl_pacing_stays_in_process(tmp_path, monkeypatch):
    monkeypatch.setattr(_ratelimit, "fcntl", None)
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep, directory=str(tmp_path))
    waits = [limiter.acquire(KEY, 2) for _call in range(3)]
    assert waits == pytest.approx([0.0, 0.0, WINDOW])
    assert not limiter.shared
    assert not (tmp_path / "rate").exists()


def test_env_switch_and_custom_clock_keep_it_in_process(tmp_path, monkeypatch):
    clock = FakeClock()
    assert not RateLimiter(clock=clock, sleep=clock.sleep).shared
    monkeypatch.setenv("POLYCLOUD_OPS_STATE_DIR", str(tmp_path))
    assert RateLimiter().shared
    monkeypatch.setenv(_ratelimit.ENV_RATE_BUDGET, "off")
    assert not RateLimiter().shared


@pytest.mark.parametrize("shared", [True, False])
def test_fractional_rates_stay_under_the_rate(tmp_path, shared):
    clock = FakeClock()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep, directory=str(tmp_path) if shared else None)
    half, stamps = [], []
    for _call in range(3):
        limiter.acquire("half", 0.5)
        half.append(clock.now)
    assert half == pytest.approx([1000.0, 1000.0 + 2 * WINDOW, 1000.0 + 4 * WINDOW])
    for _call in range(7):
        limiter.acquire("two and a half", 2.5)
        stamps.append(clock.now)
    _assert_paced(stamps, 2)
    assert limiter.shared is shared


def test_default_limiter_paces_against_the_real_clock(tmp_path):
    slept = []
    limiter = RateLimiter(sleep=slept.append, directory=str(tmp_path))
    before = time.time()
    first = limiter.reserve(KEY, 1)
    second = limiter.reserve(KEY, 1)
    assert first >= before and second == pytest.approx(first + WINDOW)
