# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a cloud backend of the emulator is: the request it gets, the reply it gives, and the
services the server lends it (clock, rate limits, async delay, request ids).

A backend subclasses Backend and implements ``matches``, ``identify``, ``handle``,
``error_reply`` and the state trio ``reset`` / ``seed`` / ``state``. The server does routing,
fault injection, logging and locking; a backend never sees another cloud's requests.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import uuid


class Request(object):
    """One HTTP request as received: the raw path and query are kept, signatures need them."""

    def __init__(self, method, raw_path, headers, body, client=None):
        self.method = method
        self.raw_path = raw_path
        self.path, _sep, self.query = raw_path.partition("?")
        # Header names are case-insensitive; keep the first value of each, lower-cased name.
        self.headers = {}
        for name, value in headers:
            self.headers.setdefault(name.lower(), value)
        self.body = body
        self.client = client

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)

    def json(self):
        return json.loads(self.body.decode("utf-8")) if self.body else {}


class Reply(object):
    def __init__(self, status, body=b"", headers=None, error_code=None):
        self.status = status
        self.body = body
        self.headers = headers or {}
        # What the request log records; None for a success.
        self.error_code = error_code


def json_reply(status, document, headers=None, error_code=None, content_type="application/json"):
    body = json.dumps(document).encode("utf-8")
    all_headers = {"Content-Type": content_type}
    all_headers.update(headers or {})
    return Reply(status, body, all_headers, error_code)


def new_request_id():
    return str(uuid.uuid4())


class Identity(object):
    """What the server needs to know about a request before the backend handles it."""

    def __init__(self, action, write):
        self.action = action
        self.write = write


class Backend(object):
    name = None
    # Calls per second per action, enforced per account; the control API may override them.
    default_rate_limits = {}

    def __init__(self, context):
        self.ctx = context

    def matches(self, request):
        raise NotImplementedError

    def identify(self, request):
        """Return an Identity (action name, and whether the action writes)."""
        raise NotImplementedError

    def handle(self, request, identity):
        raise NotImplementedError

    def error_reply(self, request, code, message, status):
        """An error in this cloud's envelope, used for injected faults too."""
        raise NotImplementedError

    def reset(self):
        raise NotImplementedError

    def seed(self, data):
        raise NotImplementedError

    def state(self):
        raise NotImplementedError
