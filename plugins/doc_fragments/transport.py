# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # How requests travel, the same for every cloud.
    DOCUMENTATION = r"""
options:
  validate_certs:
    description:
      - Whether to verify the endpoint's TLS certificate. Turn it off only for a test endpoint.
    type: bool
    default: true
  ca_bundle:
    description:
      - A PEM file of the certificate authorities to trust for the endpoint, instead of the system ones.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP request, more than 0 and at most 3600.
    type: float
    default: 30
  retries:
    description:
      - How many times a call may be retried after a throttling answer, a network fault or an error the
        cloud documents as transient, with capped exponential backoff and full jitter. Permanent errors
        are never retried. From 0 to 20.
    type: int
    default: 5
"""
