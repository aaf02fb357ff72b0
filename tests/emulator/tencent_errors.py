# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The error a Tencent service handler raises; the backend puts it in Response.Error."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ApiError(Exception):
    def __init__(self, code, message):
        super(ApiError, self).__init__(message)
        self.code = code
        self.message = message
