# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The offline cloud as a server users run (``python -m tests.emulator`` in a subprocess, as
tools/with_emulator starts it): malformed and oversized requests, unknown paths and bad control-API
input each get a proper HTTP error and the server stays up; a soak of 10,000 mixed requests (signed
cloud calls that read and write, auth failures, control calls, faults, 404s, bad bodies) leaves its
resident memory flat once the request log is at its cap."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest

from ansible_collections.polycloud.ops.plugins.module_utils._baidu_signer import sign_request as baidu_sign
from ansible_collections.polycloud.ops.plugins.module_utils._tencent_signer import request_headers as tencent_headers
from tests.emulator.control import Control
from tests.reliability.harness import BAIDU, ROOT, SUMMARY, TENCENT, wait_until
from tests.reliability.harness import http as plain_http

LINES = SUMMARY.setdefault("emulator as a server", [])
SOAK = int(os.environ.get("RELIABILITY_SOAK_REQUESTS", "10000"))


@pytest.fixture(scope="module")
def server():
    handle, port_file = tempfile.mkstemp(prefix="reliability-port-")
    os.close(handle)
    os.unlink(port_file)
    proc = subprocess.Popen([sys.executable, "-m", "tests.emulator", "--host", "127.0.0.1", "--port", "0",
                             "--port-file", port_file, "--quiet"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        assert wait_until(lambda: os.path.exists(port_file) and open(port_file).read().strip().isdigit(), 30)
        port = int(open(port_file).read().strip())
        yield proc, port, "http://127.0.0.1:%d" % port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        os.unlink(port_file)


def _alive(url):
    status, body = plain_http(url + "/_emulator/health")
    return status == 200 and json.loads(body)["status"] == "ok"


def _raw(port, data, read=True):
    """Send raw bytes; return the status line the server answered (or '' if it closed)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        if not read:
            return ""
        try:
            reply = sock.recv(4096)
        except (socket.timeout, ConnectionResetError):
            return ""
    text = reply.decode("latin-1")
    if not text.startswith("HTTP/"):
        # A request line the server cannot parse is answered without a status line (as HTTP/0.9),
        # with an HTML error page that names the code.
        code = re.search(r"Error code: (\d+)", text)
        return "(no status line) error page %s " % (code.group(1) if code else "?")
    return text.split("\r\n", 1)[0]


BAD_REQUESTS = [
    ("garbage", b"\x00\x01\x02 not http at all\r\n\r\n", ("400",)),
    ("bad version", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", ("505",)),
    ("bad request line", b"GET\r\n\r\n", ("400",)),
    ("unknown method", b"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", ("501",)),
    ("header line without colon", b"GET /_emulator/health HTTP/1.1\r\nHost x\r\n\r\n", ("400", "200")),
    ("huge header", b"GET /_emulator/health HTTP/1.1\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n", ("431", "400")),
    ("101 headers", b"GET /_emulator/health HTTP/1.1\r\n" + b"".join(b"X-H%d: v\r\n" % n for n in range(101)) + b"\r\n",
     ("431", "400")),
    ("negative length", b"POST /_emulator/seed HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", ("400",)),
    ("non-numeric length", b"POST /_emulator/seed HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n", ("400",)),
    ("oversized body", b"POST /_emulator/seed HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n" + b"{" * 1000,
     ("413",)),
    ("body shorter than its length", b"POST /_emulator/seed HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{}", None),
    ("unknown path", b"GET /no/such/api HTTP/1.1\r\nHost: x\r\n\r\n", ("404",)),
    ("unknown control endpoint", b"GET /_emulator/nothing HTTP/1.1\r\nHost: x\r\n\r\n", ("404",)),
    ("tencent path, no signature", b"POST / HTTP/1.1\r\nHost: x\r\nX-TC-Action: DescribeKey\r\nContent-Length: 2\r\n\r\n{}",
     ("200",)),
    ("baidu path, bad json", b"POST /v2/instance/role?bind HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n{{{",
     ("400", "401", "403")),
    ("huawei path, bad json", b"POST /v3/auth/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n[[[",
     ("400", "401")),
]


@pytest.mark.parametrize("name,data,statuses", BAD_REQUESTS, ids=[b[0] for b in BAD_REQUESTS])
def test_malformed_request_gets_an_error_and_the_server_stays_up(server, name, data, statuses):
    proc, port, url = server
    if statuses is None:
        # The client gives up half-way; the server must just drop that connection.
        _raw(port, data, read=False)
        status = "(client closed)"
    else:
        status = _raw(port, data)
        assert any(" %s " % code in status + " " for code in statuses), (name, status)
    assert proc.poll() is None and _alive(url), name
    LINES.append("%-34s -> %-40s server up" % (name, status or "(closed)"))


BAD_CONTROL = [
    ("POST", "seed", b"not json"),
    ("POST", "seed", b"[1, 2]"),
    ("POST", "seed", b'{"nocloud": {}}'),
    ("POST", "seed", b'{"tencentcloud": {"instances": [{"instance_id": "bad"}]}}'),
    ("POST", "seed", b'{"tencentcloud": {"instances": [{}]}}'),
    ("POST", "seed", b'{"tencentcloud": {"kms_keys": [{"key_id": 5}]}}'),
    ("POST", "seed", b'{"huaweicloud": {"keys": [{"key_id": "x"}]}}'),
    ("POST", "seed", b'{"huaweicloud": {"accounts": [{}]}}'),
    ("POST", "seed", b'{"baiducloud": {"instances": "i-AbCdEf12"}}'),
    ("POST", "seed", b'{"baiducloud": {"roles": [{"no": 1}]}}'),
    ("POST", "faults", b'{"drop": true, "count": -1}'),
    ("POST", "faults", b'{"delay": 1000}'),
    ("POST", "faults", b'{"when": "later", "drop": true}'),
    ("POST", "faults", b'{"faults": "x"}'),
    ("POST", "faults", b"null"),
    ("POST", "faults", b'{"unknown_effect": 1}'),
    ("POST", "config", b'{"clock_skew": "soon"}'),
    ("POST", "config", b'{"rate_limits": {"tencentcloud": 5}}'),
    ("POST", "config", b'{"log_limit": 0}'),
    ("POST", "config", b'{"nothing": 1}'),
    ("POST", "config", b"[]"),
    ("GET", "requests?since=abc", None),
    ("PUT", "reset", None),
    ("DELETE", "state", None),
]


@pytest.mark.parametrize("method,name,body", BAD_CONTROL, ids=["%s %s %s" % (m, n, (b or b"")[:30]) for m, n, b in BAD_CONTROL])
def test_bad_control_input_is_a_client_error(server, method, name, body):
    proc, _port, url = server
    status, reply = plain_http(url + "/_emulator/" + name, method=method, body=body)
    assert 400 <= status < 500, (status, reply)
    assert "error" in json.loads(reply), reply
    assert proc.poll() is None and _alive(url)
    LINES.append("%-6s /_emulator/%-18s %-52r -> %d %s" % (method, name, (body or b"")[:50], status,
                                                           json.loads(reply)["error"][:60]))


def _rss_kib(pid):
    with open("/proc/%d/status" % pid) as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS for %d" % pid)


class Mix(object):
    """One worker's request mix over a keep-alive connection."""

    TENCENT_HOST = None

    def __init__(self, port):
        self.port = port
        self.host = "127.0.0.1:%d" % port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.statuses = {}

    def send(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                reply = self.conn.getresponse()
                reply.read()
                self.statuses[reply.status] = self.statuses.get(reply.status, 0) + 1
                if reply.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                return reply.status
            except (http.client.HTTPException, ConnectionError, socket.timeout):
                self.conn.close()
                if attempt == 2:
                    raise

    def tencent(self, service, action, version, payload):
        body = json.dumps(payload).encode()
        headers = tencent_headers(TENCENT["secret_id"], TENCENT["secret_key"], service, self.host, action, version,
                                  "ap-guangzhou", body, int(time.time()))
        return self.send("POST", "/", body, headers)

    def baidu(self, method, path, query=None, payload=None):
        body = json.dumps(payload).encode() if payload is not None else None
        headers = {"Host": self.host}
        if body is not None:
            headers["Content-Type"] = "application/json"
            headers["Content-Length"] = str(len(body))
        signed = baidu_sign(method, path, query, headers, access_key=BAIDU["access_key"],
                            secret_key=BAIDU["secret_key"], timestamp=int(time.time()))
        target = signed.url("http://" + self.host)[len("http://" + self.host):]
        return self.send(method, target, body, signed.headers)

    def one(self, n):
        kind = n % 12
        if kind == 0:
            return self.tencent("cvm", "DescribeInstances", "2017-03-12", {"InstanceIds": ["ins-s0000000"]})
        if kind == 1:
            return self.tencent("kms", "DescribeKey", "2019-01-18", {"KeyId": "23e80852-1e38-11e9-b129-5cb9019b4b01"})
        if kind == 2:
            return self.tencent("kms", "BindCloudResource" if n % 24 == 2 else "UnbindCloudResource", "2019-01-18",
                                {"KeyId": "23e80852-1e38-11e9-b129-5cb9019b4b01", "ProductId": "ssm",
                                 "ResourceId": "r%d" % (n % 7)})
        if kind == 3:
            return self.baidu("POST", "/v2/instance/listByInstanceId", None, {"instanceIds": ["i-Soak0000"]})
        if kind == 4:
            return self.baidu("POST", "/v2/instance/role", [("bind" if n % 24 == 4 else "unbind", "")],
                              {"roleName": "RoleA", "instances": [{"instanceId": "i-Soak0000"}]})
        if kind == 5:
            return self.send("POST", "/", b"{}", {"X-TC-Action": "DescribeKey", "Authorization": "TC3-HMAC-SHA256 bad"})
        if kind == 6:
            return self.send("GET", "/v1.0/0d0466b0e7274d9cb35df84bb474a37f/kms/0d0466b0-e727-4d9c-b35d-f84bb474a37f/tags")
        if kind == 7:
            return self.send("GET", "/_emulator/requests?since=%d" % max(0, n * 4 - 50))
        if kind == 8:
            return self.send("GET", "/_emulator/state")
        if kind == 9:
            self.send("POST", "/_emulator/faults", json.dumps({"cloud": "baiducloud", "action": "GetInstance",
                                                              "http_status": 503, "count": 1}).encode())
            return self.send("GET", "/v2/instance/i-Soak0000")
        if kind == 10:
            return self.send("GET", "/no/such/path/%d" % n)
        return self.send("POST", "/_emulator/seed", b"{not json")


def _soak(port, total, workers=4):
    mixes = [Mix(port) for dummy in range(workers)]
    errors = []

    def work(mix, offset):
        try:
            for n in range(offset, total, workers):
                mix.one(n)
        except Exception as exc:  # pylint: disable=broad-except
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(mix, k)) for k, mix in enumerate(mixes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for mix in mixes:
        mix.conn.close()
    assert not errors, errors[:5]
    statuses = {}
    for mix in mixes:
        for status, count in mix.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    return statuses


def test_soak_memory_stays_flat(server):
    proc, port, url = server
    control = Control(url)
    control.reset()
    control.seed({"tencentcloud": {"instances": ["ins-s0000000"], "kms_keys": [{"key_id": "23e80852-1e38-11e9-b129-5cb9019b4b01"}]},
                  "baiducloud": {"roles": ["RoleA"], "instances": [{"instance_id": "i-Soak0000"}]}})
    # The log keeps its newest 2,000 calls here (the default cap is 10,000): the warm-up fills it, so
    # that what the soak measures is every other kind of growth.
    control.config(log_limit=2000)
    warm = _soak(port, 3000)
    before = _rss_kib(proc.pid)
    started = time.monotonic()
    statuses = _soak(port, SOAK)
    elapsed = time.monotonic() - started
    after = _rss_kib(proc.pid)
    state = control.state()["_emulator"]
    assert proc.poll() is None and _alive(url)
    assert sum(statuses.values()) >= SOAK and sum(warm.values()) >= 3000
    assert state["logged_requests"] <= 2000 and state["log_dropped"] > 0, state
    growth = after - before
    LINES.append("soak: %d mixed requests in %.1f s (%.0f/s) after a 3,000-request warm-up; statuses %s" % (
        sum(statuses.values()), elapsed, sum(statuses.values()) / elapsed,
        ", ".join("%d x%d" % kv for kv in sorted(statuses.items()))))
    figures = (before, after, growth, 100.0 * growth / before, state["logged_requests"], state["log_limit"],
               state["log_dropped"])
    LINES.append("soak: emulator RSS %d KiB before, %d KiB after (%+d KiB, %+.1f%%); request log %d entries "
                 "(cap %d, %d dropped)" % figures)
    # Flat: less than 3 MiB (and 10 %) of growth over 10,000 requests.
    assert growth < 3072 and growth < before * 0.10, (before, after)


def test_soak_python_heap_stays_flat(emulator, control):
    """The same mix against an in-process emulator, measured with tracemalloc: RSS includes the C
    allocator's per-thread arenas (one thread per connection), the Python heap is what the emulator keeps."""
    import gc
    import tracemalloc
    control.seed({"tencentcloud": {"instances": ["ins-s0000000"], "kms_keys": [{"key_id": "23e80852-1e38-11e9-b129-5cb9019b4b01"}]},
                  "baiducloud": {"roles": ["RoleA"], "instances": [{"instance_id": "i-Soak0000"}]}})
    control.config(log_limit=2000)
    _soak(emulator.port, 3000)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        _soak(emulator.port, SOAK)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    growth = (after - before) / 1024.0
    LINES.append("soak: in-process Python heap (tracemalloc) %+.0f KiB over %d requests" % (growth, SOAK))
    # The log entries that come and go within the cap (about 2,000 x 1 KiB) are the only live growth.
    assert growth < 2048, growth
