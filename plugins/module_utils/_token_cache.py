# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""A cache of IAM tokens shared by the tasks on one host, so that one token serves a playbook.

An entry is keyed by an identity (non-secret strings: user, domain, project or region) and the
token endpoint; its file name is a hash of those, in the private per-user state directory
(``_state_dir``: mode 0700, outside any project tree), and the file has mode 0600. The file holds
the token, its expiry, a few non-secret facts (the project id) and a salted PBKDF2 verifier of
the password, so that a wrong password never gets a token that a right one fetched. The password
itself is never stored.

An entry is served only while it has more than ``refresh_margin`` seconds left; then it is
fetched again. A file that cannot be read or parsed is ignored and replaced. Writers write a
temporary file and rename it over the entry, so readers see a whole entry or none, and two
tasks fetching at once both succeed (the last rename wins). Nothing here logs or raises the token.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import binascii
import calendar
import hashlib
import hmac
import json
import os
import tempfile
import time

from ansible_collections.polycloud.ops.plugins.module_utils._state_dir import hashed_name, open_private, private_dir

_SUBDIR = "tokens"
_VERSION = 1
_PBKDF2_ROUNDS = 20000
# Refresh this long before the cloud's expiry, so a token never expires in the middle of a task.
REFRESH_MARGIN = 900.0
_DEFAULT = object()


def parse_expiry(text):
    """Epoch seconds of an IAM ``expires_at`` (``2026-11-25T03:45:00.000000Z``), or None."""
    try:
        return float(calendar.timegm(time.strptime(str(text)[:19], "%Y-%m-%dT%H:%M:%S")))
    except (TypeError, ValueError):
        return None


def _verifier(secret, salt):
    return binascii.hexlify(hashlib.pbkdf2_hmac(
        "sha256", secret.encode("utf-8"), salt, _PBKDF2_ROUNDS)).decode("ascii")


class TokenCache(object):
    def __init__(self, directory=_DEFAULT, clock=time.time, refresh_margin=REFRESH_MARGIN):
        """``directory``: where entries live (default: the private state directory; None: no cache)."""
        self._directory = directory
        self._resolved = directory is None
        self.clock = clock
        self.refresh_margin = refresh_margin

    def _dir(self):
        if not self._resolved:
            self._resolved = True
            self._directory = private_dir(_SUBDIR, base=None if self._directory is _DEFAULT else self._directory)
        return self._directory

    def _path(self, identity, endpoint):
        directory = self._dir()
        if directory is None:
            return None
        return os.path.join(directory, hashed_name(("token-v1", endpoint) + tuple(identity), ".json"))

    def get(self, identity, endpoint, secret=None):
        """The cached entry (a dict with ``token``, ``expires_at`` and the extras) if it is still
        fresh and was stored with the same ``secret``; else None."""
        path = self._path(identity, endpoint)
        if path is None:
            return None
        try:
            fd = open_private(path, os.O_RDONLY)
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as handle:
                entry = json.loads(handle.read(65536).decode("utf-8"))
            token, expires_at = entry["token"], float(entry["expires_at"])
            if entry.get("version") != _VERSION or not isinstance(token, str) or not token:
                return None
            if secret is not None:
                salt = binascii.unhexlify(entry["salt"])
                if not hmac.compare_digest(_verifier(secret, salt), str(entry["verifier"])):
                    return None
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, OSError, binascii.Error):
            return None  # corrupt or unreadable: the next put replaces it
        if expires_at - self.clock() <= self.refresh_margin:
            return None
        extras = entry.get("extras") if isinstance(entry.get("extras"), dict) else {}
        return dict(extras, token=token, expires_at=expires_at)

    def put(self, identity, endpoint, token, expires_at, secret=None, **extras):
        """Store a token until ``expires_at`` (epoch seconds; None: not cached). Returns whether it was."""
        path = self._path(identity, endpoint)
        if path is None or expires_at is None or not token:
            return False
        entry = {"version": _VERSION, "token": token, "expires_at": float(expires_at), "extras": extras}
        if secret is not None:
            salt = os.urandom(16)
            entry.update(salt=binascii.hexlify(salt).decode("ascii"), verifier=_verifier(secret, salt))
        data = json.dumps(entry, sort_keys=True).encode("utf-8")
        try:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))  # mode 0600
        except OSError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            return False
        return True

    def fetch(self, identity, endpoint, secret, fetch, refresh=False):
        """The fresh cached entry, or a new one from ``fetch()`` (which returns ``(token, expires_at,
        extras)``), stored for the next task; ``cached`` in the entry says which. ``refresh``: fetch
        even if an entry is cached (the cloud has just refused the cached token)."""
        entry = None if refresh else self.get(identity, endpoint, secret=secret)
        if entry is not None:
            return dict(entry, cached=True)
        token, expires_at, extras = fetch()
        self.put(identity, endpoint, token, expires_at, secret=secret, **extras)
        return dict(extras, token=token, expires_at=expires_at, cached=False)

    def forget(self, identity, endpoint):
        """Drop an entry (the cloud said the token is no longer valid)."""
        path = self._path(identity, endpoint)
        if path is not None:
            try:
                os.unlink(path)
            except OSError:
                pass
