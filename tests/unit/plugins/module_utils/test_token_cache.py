# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The IAM token cache: expiry and refresh, file modes, corrupt files and concurrent writers."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import multiprocessing
import os
import stat

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils import _state_dir
from ansible_collections.polycloud.ops.plugins.module_utils._token_cache import TokenCache, parse_expiry

IDENTITY = ("alice", "example-domain", "eu-de")
IAM = "https://iam.eu-de.otc.t-systems.com/v3/auth/tokens"
PASSWORD = "s3cret-Passw0rd"


class FakeClock(object):
    def __init__(self, now=1800000000.0):
        self.now = now

    def __call__(self):
        return self.now


def _entry_file(base):
    files = [f for f in (base / "tokens").iterdir() if not f.name.startswith(".tmp-")]
    assert len(files) == 1
    return files[0]


def test_a_fresh_token_is_served_then_refreshed_before_expiry(tmp_path):
    clock = FakeClock()
    cache = TokenCache(directory=str(tmp_path), clock=clock, refresh_margin=600)
    assert cache.get(IDENTITY, IAM, secret=PASSWORD) is None
    assert cache.put(IDENTITY, IAM, "MIItoken-1", clock.now + 3600, secret=PASSWORD, project_id="p-1")
    entry = cache.get(IDENTITY, IAM, secret=PASSWORD)
    assert entry == {"token": "MIItoken-1", "expires_at": clock.now + 3600, "project_id": "p-1"}
    clock.now += 3000 - 1
    assert cache.get(IDENTITY, IAM, secret=PASSWORD)["token"] == "MIItoken-1"
    clock.now += 1  # 600 s left: inside the refresh margin
    assert cache.get(IDENTITY, IAM, secret=PASSWORD) is None
    clock.now += 1000  # expired
    assert cache.get(IDENTITY, IAM, secret=PASSWORD) is None


def test_fetch_asks_only_when_nothing_fresh_is_cached(tmp_path):
    clock = FakeClock()
    cache = TokenCache(directory=str(tmp_path), clock=clock)
    fetched = []

    def fetch():
        fetched.append(1)
        return "MIItoken-%d" % len(fetched), clock.now + 3600, {"project_id": "p-1"}

    first = cache.fetch(IDENTITY, IAM, PASSWORD, fetch)
    # A second task (a new cache object, as in another process) reuses the token.
    again = TokenCache(directory=str(tmp_path), clock=clock).fetch(IDENTITY, IAM, PASSWORD, fetch)
    assert first == dict(again, cached=False)
    assert again == {"token": "MIItoken-1", "expires_at": clock.now + 3600, "project_id": "p-1", "cached": True}
    assert len(fetched) == 1
    assert cache.fetch(IDENTITY, IAM, PASSWORD, fetch, refresh=True)["token"] == "MIItoken-2"
    clock.now += 3600
    assert cache.fetch(IDENTITY, IAM, PASSWORD, fetch)["token"] == "MIItoken-3"
    assert cache.get(IDENTITY, IAM, secret=PASSWORD)["token"] == "MIItoken-3"


def test_entries_are_per_identity_endpoint_and_password(tmp_path):
    clock = FakeClock()
    cache = TokenCache(directory=str(tmp_path), clock=clock)
    cache.put(IDENTITY, IAM, "MIItoken-1", clock.now + 86400, secret=PASSWORD)
    assert cache.get(("bob",) + IDENTITY[1:], IAM, secret=PASSWORD) is None
    assert cache.get(IDENTITY, "https://iam.example.com/v3/auth/tokens", secret=PASSWORD) is None
    assert cache.get(IDENTITY, IAM, secret="a wrong password") is None
    cache.forget(IDENTITY, IAM)
    assert cache.get(IDENTITY, IAM, secret=PASSWORD) is None


def test_file_mode_name_and_content_hold_no_secret(tmp_path):
    cache = TokenCache(directory=str(tmp_path))
    cache.put(IDENTITY, IAM, "MIItoken-1", FakeClock().now, secret=PASSWORD)
    assert stat.S_IMODE(os.stat(str(tmp_path / "tokens")).st_mode) == 0o700
    path = _entry_file(tmp_path)
    assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600
    text = path.read_text()
    assert PASSWORD not in text and PASSWORD not in path.name
    for part in IDENTITY:
        assert part not in path.name
    assert json.loads(text)["token"] == "MIItoken-1"


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"\xff\xfe", b"[]", b'{"version": 1}',
                                     b'{"version": 1, "token": "t", "expires_at": "soon"}',
                                     b'{"version": 1, "token": "t", "expires_at": 9e9, "salt": "zz", "verifier": "x"}'])
def test_a_corrupt_file_is_ignored_and_replaced(tmp_path, garbage):
    clock = FakeClock()
    cache = TokenCache(directory=str(tmp_path), clock=clock)
    cache.put(IDENTITY, IAM, "MIItoken-1", clock.now + 86400, secret=PASSWORD)
    path = _entry_file(tmp_path)
    path.write_bytes(garbage)
    assert cache.get(IDENTITY, IAM, secret=PASSWORD) is None
    assert cache.put(IDENTITY, IAM, "MIItoken-2", clock.now + 86400, secret=PASSWORD)
    assert cache.get(IDENTITY, IAM, secret=PASSWORD)["token"] == "MIItoken-2"
    assert stat.S_IMODE(os.stat(str(_entry_file(tmp_path))).st_mode) == 0o600


def test_unusable_directory_means_no_cache(tmp_path):
    spoiled = tmp_path / "base"
    spoiled.write_text("a file where the directory should be")
    cache = TokenCache(directory=str(spoiled))
    assert not cache.put(IDENTITY, IAM, "MIItoken-1", FakeClock().now + 86400)
    assert cache.get(IDENTITY, IAM) is None
    assert TokenCache(directory=None).get(IDENTITY, IAM) is None


def test_parse_expiry():
    assert parse_expiry("2027-01-15T08:00:00.000000Z") == 1800000000.0
    assert parse_expiry("2027-01-15T08:00:00Z") == 1800000000.0
    assert parse_expiry("tomorrow") is None
    assert parse_expiry(None) is None


def _writer(directory, number, start, queue):
    cache = TokenCache(directory=directory)
    start.wait(10)
    seen = []
    for round_ in range(40):
        cache.put(IDENTITY, IAM, "MIItoken-%d-%d" % (number, round_), 4102444800.0, secret=PASSWORD)
        entry = cache.get(IDENTITY, IAM, secret=PASSWORD)
        seen.append(entry["token"] if entry else None)
    queue.put(seen)


def test_concurrent_writers_never_leave_a_torn_entry(tmp_path):
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - not POSIX
        pytest.skip("needs fork")
    start, queue = ctx.Event(), ctx.Queue()
    writers = [ctx.Process(target=_writer, args=(str(tmp_path), n, start, queue)) for n in range(4)]
    for writer in writers:
        writer.start()
    start.set()
    seen = [token for _w in writers for token in queue.get(timeout=60)]
    for writer in writers:
        writer.join(30)
        assert writer.exitcode == 0
    # Every read found a whole entry some writer wrote; none was missing or half-written.
    assert all(token and token.startswith("MIItoken-") for token in seen)
    final = TokenCache(directory=str(tmp_path)).get(IDENTITY, IAM, secret=PASSWORD)
    assert final["token"] in seen or final["token"].endswith("-39")
    assert not [f for f in (tmp_path / "tokens").iterdir() if f.name.startswith(".tmp-")]


def test_state_dir_rules(tmp_path, monkeypatch):
    # A base that others may read is fine (the leaf is 0700); one that others may write is not.
    readable = tmp_path / "readable"
    readable.mkdir()
    os.chmod(str(readable), 0o755)
    assert _state_dir.private_dir("tokens", base=str(readable)) == str(readable / "tokens")
    assert stat.S_IMODE(os.stat(str(readable / "tokens")).st_mode) == 0o700
    writable = tmp_path / "writable"
    writable.mkdir()
    os.chmod(str(writable), 0o777)
    assert _state_dir.private_dir("tokens", base=str(writable)) is None
    # Without POSIX owners and modes (Windows) there is no shared state at all.
    monkeypatch.delattr(os, "getuid")
    assert _state_dir.private_dir("tokens", base=str(readable)) is None
    assert not TokenCache().put(IDENTITY, IAM, "MIItoken-1", 4102444800.0)
