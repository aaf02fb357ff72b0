# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""The one error type every cloud client raises, and the lookup of an error code in a catalog.

A catalog is plain data (see _tencent_errors.py and its siblings): a dict from error code to an
entry ``{"category": ..., "retryable": bool, "retry_limit": int, "hint": str}``. A key ending in
``.*`` covers every code below that prefix. ``"*"`` is the entry for codes the catalog does not
know; unknown codes are never retried.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


_UNKNOWN = {"category": "unknown", "retryable": False}


class CloudError(Exception):
    """A failed cloud call: what the cloud said, and whether trying again can help."""

    def __init__(self, cloud, code, message, request_id=None, http_status=None, retryable=False,
                 category="unknown", hint=None, retry_limit=None, retry_after=None):
        super(CloudError, self).__init__(message)
        self.cloud = cloud
        self.code = code
        self.message = message
        self.request_id = request_id
        self.http_status = http_status
        self.retryable = retryable
        self.category = category
        self.hint = hint
        # How many times this very code may be retried (None: the caller's budget alone).
        self.retry_limit = retry_limit
        # Seconds the server asked us to wait (Retry-After), if it said so.
        self.retry_after = retry_after

    def __str__(self):
        text = "%s: %s" % (self.code, self.message)
        if self.request_id:
            text += " (request id %s)" % self.request_id
        return text

    def to_dict(self):
        """The ``error`` value of a failed module result. Holds nothing the caller sent."""
        return {
            "cloud": self.cloud,
            "code": self.code,
            "message": self.message,
            "request_id": self.request_id,
            "http_status": self.http_status,
            "retryable": self.retryable,
            "category": self.category,
            "hint": self.hint,
        }


def lookup(catalog, code):
    """Return the catalog entry for ``code``: exact match, then the longest ``prefix.*``, then ``*``."""
    if code in catalog:
        return catalog[code]
    parts = (code or "").split(".")
    for cut in range(len(parts) - 1, 0, -1):
        entry = catalog.get(".".join(parts[:cut]) + ".*")
        if entry is not None:
            return entry
    # "Foo.*" also covers the bare "Foo".
    entry = catalog.get((code or "") + ".*")
    if entry is not None:
        return entry
    return catalog.get("*", _UNKNOWN)


def classified_error(cloud, catalog, code, message, request_id=None, http_status=None, retry_after=None):
    """Build a CloudError whose retry behaviour and hint come from the catalog entry of ``code``."""
    entry = lookup(catalog, code)
    return CloudError(
        cloud, code, message,
        request_id=request_id,
        http_status=http_status,
        retryable=bool(entry.get("retryable", False)),
        category=entry.get("category", "unknown"),
        hint=entry.get("hint"),
        retry_limit=entry.get("retry_limit"),
        retry_after=retry_after,
    )
