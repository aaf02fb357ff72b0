# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # What a module supports; each module sets the support level in its own attributes block.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: With C(--check) the module makes no write call and reports what it would change.
  diff_mode:
    description: With C(--diff) the module returns the managed state before and after the task.
"""

    ACTIONGROUP_TENCENTCLOUD = r"""
options: {}
attributes:
  action_group:
    description: The module is in these action groups, so C(module_defaults) set for the group apply to it.
    support: full
    membership:
      - polycloud.ops.tencentcloud
      - polycloud.ops.all
"""

    ACTIONGROUP_HUAWEICLOUD = r"""
options: {}
attributes:
  action_group:
    description: The module is in these action groups, so C(module_defaults) set for the group apply to it.
    support: full
    membership:
      - polycloud.ops.huaweicloud
      - polycloud.ops.all
"""

    ACTIONGROUP_BAIDUCLOUD = r"""
options: {}
attributes:
  action_group:
    description: The module is in these action groups, so C(module_defaults) set for the group apply to it.
    support: full
    membership:
      - polycloud.ops.baiducloud
      - polycloud.ops.all
"""
