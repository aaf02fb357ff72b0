# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""A private per-user directory for state that tasks on one host share: the rate budget and the
token cache.

The directory is ``$POLYCLOUD_OPS_STATE_DIR`` if set, else ``polycloud-ops-<uid>`` in the system
temp directory (``TMPDIR`` is honoured), outside any project tree. It is created with mode 0700 and
used only if it is a real directory (not a link) owned by this user that nobody else can enter;
anything else makes ``private_dir`` return None and the callers fall back to per-process state.
Files in it are opened with mode 0600 and never through a link.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import os
import stat
import tempfile

ENV_STATE_DIR = "POLYCLOUD_OPS_STATE_DIR"


def _uid():
    getuid = getattr(os, "getuid", None)
    return getuid() if getuid is not None else None


def _owned_private_dir(path):
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    uid = _uid()
    if uid is not None and (info.st_uid != uid or info.st_mode & 0o077):
        return False
    return True


def private_dir(subdir, base=None):
    """Return ``<base>/<subdir>`` (created 0700 if missing), or None if it cannot be used safely."""
    if base is None:
        base = os.environ.get(ENV_STATE_DIR) or os.path.join(
            tempfile.gettempdir(), "polycloud-ops-%s" % (_uid() if _uid() is not None else "user"))
    path = os.path.join(base, subdir)
    for one in (base, path):
        try:
            os.mkdir(one, 0o700)
        except OSError:
            pass  # it exists (checked next) or cannot be made (the check fails)
        if not _owned_private_dir(one):
            return None
    return path


def hashed_name(parts, suffix):
    """A file name from a hash of ``parts`` (strings): what they are never shows in the name."""
    digest = hashlib.sha256(u"\x1f".join(u"%s" % (p,) for p in parts).encode("utf-8")).hexdigest()
    return digest[:40] + suffix


def open_private(path, flags):
    """``os.open`` with mode 0600 and without following a link; returns a descriptor or raises OSError."""
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        uid = _uid()
        info = os.fstat(fd)
        if uid is not None and (info.st_uid != uid or not stat.S_ISREG(info.st_mode)):
            raise OSError("%s is not a regular file of this user" % path)
    except OSError:
        os.close(fd)
        raise
    return fd
