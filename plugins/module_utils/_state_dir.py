# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""A private per-user directory for state that tasks on one host share: the rate budget and the
token cache.

The directory is ``<base>/<subdir>``, where the base is ``$POLYCLOUD_OPS_STATE_DIR`` if set, else
``polycloud-ops-<uid>`` in the system temp directory (``TMPDIR`` is honoured), outside any project
tree. Both are created with mode 0700; they are used only if they are real directories (not links)
owned by this user, the base writable by nobody else and the subdirectory open to nobody else;
anything else (and a system without POSIX owners and modes) makes ``private_dir`` return None,
and the callers fall back to per-process state.
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


def _owned_dir(path, forbidden):
    """Whether ``path`` is a real directory of this user with none of the ``forbidden`` mode bits."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == _uid() and not info.st_mode & forbidden


def private_dir(subdir, base=None):
    """Return ``<base>/<subdir>`` (created 0700 if missing), or None if it cannot be used safely
    (also where there are no POSIX owners and modes to check, such as Windows)."""
    if _uid() is None:
        return None
    if base is None:
        base = os.environ.get(ENV_STATE_DIR) or os.path.join(tempfile.gettempdir(), "polycloud-ops-%d" % _uid())
    path = os.path.join(base, subdir)
    # The base may be readable by others (a user's own cache dir), never writable; the leaf is 0700.
    for one, forbidden in ((base, 0o022), (path, 0o077)):
        try:
            os.mkdir(one, 0o700)
        except OSError:
            pass  # it exists (checked next) or cannot be made (the check fails)
        if not _owned_dir(one, forbidden):
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
        info = os.fstat(fd)
        if info.st_uid != _uid() or not stat.S_ISREG(info.st_mode):
            raise OSError("%s is not a regular file of this user" % path)
    except OSError:
        os.close(fd)
        raise
    return fd
