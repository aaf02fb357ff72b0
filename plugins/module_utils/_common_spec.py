# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# Simplified BSD License (see https://opensource.org/licenses/BSD-2-Clause)
# SPDX-License-Identifier: BSD-2-Clause
#
# This module_utils is PRIVATE to the polycloud.ops collection. It may change at any time.

"""Options every module of every cloud takes: how requests travel, not whom they reach."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

from ansible.module_utils.errors import AnsibleFallbackNotFound


def env_fallback_set(*names):
    """Like ansible's env_fallback, but an empty variable counts as unset and the next name is tried.

    AWX injects every env variable of a credential type, so an optional input left blank
    arrives as ``""``; it must mean "not given", not an invalid value.
    """
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    raise AnsibleFallbackNotFound


def transport_argument_spec():
    """A fresh dict each call, so a module may extend it safely."""
    return dict(
        validate_certs=dict(type="bool", default=True),
        ca_bundle=dict(type="path"),
        timeout=dict(type="float", default=30.0),
        retries=dict(type="int", default=5),
    )


def transport_schema_properties():
    """JSON-schema checks for the options above (types are AnsibleModule's job)."""
    return {
        "timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 3600,
                    "description": "seconds per request, more than 0 and at most 3600"},
        "retries": {"type": "integer", "minimum": 0, "maximum": 20,
                    "description": "retries after the first attempt, 0 to 20"},
    }
