# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The offline cloud's HTTP server: routing to the cloud backends, the control API under
``/_emulator/``, the request log, fault injection and the shared clock.

Control API (JSON in, JSON out):
  POST /_emulator/reset      forget all state, log, faults and config overrides
  POST /_emulator/seed       {"tencentcloud": {...}, "huaweicloud": {...}, "baiducloud": {...}}
  GET  /_emulator/state      every backend's state
  GET  /_emulator/requests   the call log; ?since=SEQ and ?cloud=NAME filter it (an entry a fault hit
                             names the fault's effects under "fault")
  DELETE /_emulator/requests clear the log
  POST /_emulator/faults     one rule or {"faults": [rules]} (see faults.py); GET lists; DELETE clears
  POST /_emulator/config     {"rate_limits": {cloud: {action: n}}, "clock_skew": s, "async_delay": s,
                             "log_limit": n (the log keeps the newest n calls, default LOG_LIMIT)}
  GET  /_emulator/health     {"status": "ok"}
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib
import json
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .backend import Reply, Request, json_reply
from .faults import FaultError, Faults
from .ratelimits import RateLimits

MAX_BODY = 10 * 1024 * 1024
# The request log keeps the newest this many calls (seq numbers go on; ?since= works as before): a
# server left running takes many requests, and an unbounded log is unbounded memory. Configurable with
# POST /_emulator/config {"log_limit": n} and --log-limit; GET /_emulator/state says how many were dropped.
LOG_LIMIT = 10000
CONTROL_PREFIX = "/_emulator/"


def _backend_classes():
    # Each cloud lives in its own module; one not written yet is simply not served.
    classes = []
    for module_name, class_name in (("tencent", "TencentBackend"), ("huawei", "HuaweiBackend"),
                                    ("baidu", "BaiduBackend")):
        full_name = "%s.%s" % (__package__, module_name)
        try:
            module = importlib.import_module(full_name)
        except ModuleNotFoundError as exc:
            if exc.name != full_name:
                raise
            continue
        classes.append(getattr(module, class_name))
    return classes


class Context(object):
    """What the server lends the backends: the clock, rate limits and tunables."""

    def __init__(self, rate_limits):
        self.rate_limits = rate_limits
        self.clock_skew = 0.0
        self.async_delay = 0.3
        self.faults_async = {}

    def now(self):
        # The server's clock; a skew simulates a controller whose clock is off.
        return time.time() + self.clock_skew

    def admit(self, cloud, account, action, default_limit):
        limit = self.rate_limits.limit(cloud, action, default_limit)
        return self.rate_limits.admit(cloud, account, action, limit, time.monotonic())

    def reset(self):
        self.clock_skew = 0.0
        self.async_delay = 0.3
        self.faults_async = {}


class Emulator(object):
    def __init__(self, host="127.0.0.1", port=0, tls_cert=None, tls_key=None, verbose=False, log_limit=LOG_LIMIT):
        self.lock = threading.RLock()
        self.log_limit = self.default_log_limit = max(1, int(log_limit))
        self.log_dropped = 0
        self.rate_limits = RateLimits()
        self.ctx = Context(self.rate_limits)
        self.faults = Faults()
        self.log = []
        self.seq = 0
        self.verbose = verbose
        self.backends = [cls(self.ctx) for cls in _backend_classes()]
        self._stop = threading.Event()
        self.httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self.httpd.daemon_threads = True
        self.scheme = "http"
        if tls_cert:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls_cert, tls_key)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.host, self.port = self.httpd.server_address[:2]
        self.reset()

    @property
    def url(self):
        return "%s://%s:%d" % (self.scheme, self.host, self.port)

    # Life cycle.

    def start(self):
        """Serve from a background thread (tests); returns self."""
        thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1})
        thread.daemon = True
        thread.start()
        self._thread = thread
        return self

    def serve_until_stopped(self):
        thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1})
        thread.daemon = True
        thread.start()
        while not self._stop.wait(0.2):
            pass
        self.stop()

    def request_stop(self):
        self._stop.set()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    # State.

    def reset(self):
        with self.lock:
            for backend in self.backends:
                backend.reset()
            self.faults.reset()
            self.rate_limits.reset()
            self.ctx.reset()
            self.log = []
            self.log_limit = self.default_log_limit
            self.log_dropped = 0

    def seed(self, data):
        if not isinstance(data, dict):
            raise ValueError("seed data must be a JSON object keyed by cloud name")
        names = {backend.name: backend for backend in self.backends}
        unknown = set(data) - set(names)
        if unknown:
            raise ValueError("unknown clouds in seed data: %s (served: %s)" % (
                ", ".join(sorted(unknown)), ", ".join(sorted(names))))
        with self.lock:
            for name, part in data.items():
                names[name].seed(part)

    def state(self):
        with self.lock:
            out = {backend.name: backend.state() for backend in self.backends}
            out["_emulator"] = {"throttled": self.rate_limits.throttled, "logged_requests": len(self.log),
                                "log_limit": self.log_limit, "log_dropped": self.log_dropped,
                                "clock_skew": self.ctx.clock_skew, "async_delay": self.ctx.async_delay}
            return out

    def configure(self, data):
        if not isinstance(data, dict):
            raise ValueError("config must be a JSON object")
        unknown = set(data) - {"rate_limits", "clock_skew", "async_delay", "log_limit"}
        if unknown:
            raise ValueError("unknown config fields: %s" % ", ".join(sorted(unknown)))
        with self.lock:
            for cloud, limits in (data.get("rate_limits") or {}).items():
                if not isinstance(limits, dict):
                    raise ValueError("rate_limits.%s must map action names to calls per second" % cloud)
                self.rate_limits.overrides.setdefault(cloud, {}).update(limits)
            if "clock_skew" in data:
                self.ctx.clock_skew = float(data["clock_skew"])
            if "async_delay" in data:
                self.ctx.async_delay = max(0.0, float(data["async_delay"]))
            if "log_limit" in data:
                limit = data["log_limit"]
                if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
                    raise ValueError("log_limit must be a whole number >= 1")
                self.log_limit = limit
                self._trim_log()

    def record(self, entry):
        with self.lock:
            self.seq += 1
            entry["seq"] = self.seq
            self.log.append(entry)
            self._trim_log()
        if self.verbose:
            sys.stdout.write("%(seq)d %(cloud)s %(action)s -> %(status)s %(error_code)s\n" % dict(
                entry, error_code=entry.get("error_code") or ""))
            sys.stdout.flush()

    def _trim_log(self):
        # Trim in steps of a tenth of the limit, so that a full log is not copied on every request.
        excess = len(self.log) - self.log_limit
        if excess > 0:
            cut = min(len(self.log), excess + self.log_limit // 10)
            del self.log[:cut]
            self.log_dropped += cut

    # One cloud request.

    def dispatch(self, request):
        """Return a Reply, or None to drop the connection."""
        backend = next((b for b in self.backends if b.matches(request)), None)
        if backend is None:
            return json_reply(404, {"code": "NotFound", "message": "no emulated API at %s %s" % (
                request.method, request.path)}, error_code="NotFound")
        with self.lock:
            try:
                identity = backend.identify(request)
            except ValueError:
                identity = None
            action = identity.action if identity else "%s %s" % (request.method, request.path)
            fault = self.faults.take(backend.name, action)
        entry = {"time": time.time(), "cloud": backend.name, "action": action, "method": request.method,
                 "path": request.path, "write": bool(identity and identity.write)}
        if fault:
            # Which injected fault hit this call (its effects, comma-separated), so a test can tell
            # the faulted attempts from the retries.
            entry["fault"] = ",".join(key for key in ("error_code", "http_status", "malformed", "drop", "delay",
                                                      "async_failure") if fault.get(key))
        reply = None
        if fault and fault.get("delay"):
            time.sleep(fault["delay"])
        if fault and fault["when"] == "before" and _replaces_reply(fault):
            reply = self._fault_reply(backend, request, fault)
        else:
            with self.lock:
                if fault and fault.get("async_failure"):
                    self.ctx.faults_async["next"] = fault["async_failure"]
                if identity is None:
                    reply = backend.error_reply(request, "InvalidAction", "unknown action", 400)
                else:
                    reply = backend.handle(request, identity)
                self.ctx.faults_async.pop("next", None)
            if fault and fault["when"] == "after" and _replaces_reply(fault):
                reply = self._fault_reply(backend, request, fault)
        entry["status"] = reply.status if reply is not None else "dropped"
        entry["error_code"] = reply.error_code if reply is not None else "ConnectionDropped"
        self.record(entry)
        return reply

    def _fault_reply(self, backend, request, fault):
        if fault.get("drop"):
            return None
        if fault.get("malformed"):
            return Reply(200, b'{"Response": {"RequestId": "trunc', {"Content-Type": "application/json"},
                         error_code="MalformedBody")
        if fault.get("error_code"):
            return backend.error_reply(request, fault["error_code"], fault.get("message") or "injected fault",
                                       int(fault.get("http_status") or 0) or None)
        status = int(fault["http_status"])
        page = ("<html><head><title>%d</title></head><body><h1>%d</h1><p>upstream proxy error</p>"
                "</body></html>" % (status, status)).encode("ascii")
        headers = {"Content-Type": "text/html"}
        if status in (429, 503):
            headers["Retry-After"] = "1"
        return Reply(status, page, headers, error_code="HTTP%d" % status)

    # The control API.

    def control(self, method, path, query, body):
        name = path[len(CONTROL_PREFIX):].strip("/")
        params = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
        try:
            data = json.loads(body.decode("utf-8")) if body else None
        except ValueError:
            return 400, {"error": "the body is not JSON"}
        try:
            if name == "health" and method == "GET":
                return 200, {"status": "ok", "clouds": [b.name for b in self.backends]}
            if name == "reset" and method == "POST":
                self.reset()
                return 200, {"reset": True}
            if name == "seed" and method == "POST":
                # A body that is not a JSON object ([] included) is refused by seed(); none means {}.
                data = {} if data is None else data
                self.seed(data)
                return 200, {"seeded": sorted(data.keys())}
            if name == "state" and method == "GET":
                return 200, self.state()
            if name == "config" and method == "POST":
                data = {} if data is None else data
                self.configure(data)
                return 200, {"configured": sorted(data.keys())}
            if name == "requests" and method == "GET":
                since = int(params.get("since", 0))
                cloud = params.get("cloud")
                with self.lock:
                    rows = [dict(e) for e in self.log if e["seq"] > since and cloud in (None, e["cloud"])]
                    return 200, {"requests": rows, "last_seq": self.seq}
            if name == "requests" and method == "DELETE":
                with self.lock:
                    self.log = []
                return 200, {"cleared": True}
            if name == "faults" and method == "POST":
                rules = data.get("faults") if isinstance(data, dict) and "faults" in data else [data]
                with self.lock:
                    added = [self.faults.add(rule) for rule in rules]
                return 200, {"added": len(added)}
            if name == "faults" and method == "GET":
                with self.lock:
                    return 200, {"faults": self.faults.listing()}
            if name == "faults" and method == "DELETE":
                with self.lock:
                    self.faults.reset()
                return 200, {"cleared": True}
        except (FaultError, ValueError, TypeError, KeyError, AttributeError) as exc:
            return 400, {"error": str(exc)}
        return 404, {"error": "no control endpoint %s %s" % (method, path)}


def _replaces_reply(fault):
    return any(fault.get(key) for key in ("error_code", "http_status", "malformed", "drop"))


def _handler_for(emulator):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "polycloud-offline-cloud"
        # Headers and body go out in two writes: with Nagle on, a keep-alive client waits for the
        # delayed ACK (40 ms on Linux) on every request, and the emulator becomes the bottleneck.
        disable_nagle_algorithm = True

        def log_message(self, fmt, *args):  # pylint: disable=arguments-differ
            pass

        def _body(self):
            length = self.headers.get("Content-Length")
            if length is None:
                return b""
            try:
                size = int(length)
            except ValueError:
                size = -1
            if size < 0 or size > MAX_BODY:
                self._send(413 if size > MAX_BODY else 400, {"Content-Type": "application/json"},
                           json.dumps({"error": "bad or too large Content-Length"}).encode())
                self.close_connection = True
                return None
            return self.rfile.read(size)

        def _send(self, status, headers, body):
            # send_response_only: send_response would add a Date from the real clock.
            self.send_response_only(status)
            self.send_header("Server", self.server_version)
            # The server's clock, skew included, as a cloud whose clock differs from ours would send it.
            self.send_header("Date", self.date_time_string(emulator.ctx.now()))
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _serve(self):
            body = self._body()
            if body is None:
                return
            if self.path.startswith(CONTROL_PREFIX):
                path, _sep, query = self.path.partition("?")
                status, document = emulator.control(self.command, path, query, body)
                self._send(status, {"Content-Type": "application/json"}, json.dumps(document).encode())
                return
            request = Request(self.command, self.path, self.headers.items(), body, self.client_address)
            try:
                reply = emulator.dispatch(request)
            except Exception as exc:  # pylint: disable=broad-except
                # The emulator must stay up whatever a request holds.
                self._send(500, {"Content-Type": "application/json"},
                           json.dumps({"error": "emulator fault: %s" % exc}).encode())
                return
            if reply is None:
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                return
            self._send(reply.status, reply.headers, reply.body)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

    return Handler
