# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Common options of every polycloud.ops Baidu AI Cloud module.
    DOCUMENTATION = r"""
options:
  access_key:
    description:
      - The Access Key ID of a Baidu AI Cloud (BCE) access key.
      - If not set, E(BAIDUCLOUD_ACCESS_KEY) (the Terraform provider's name), then E(BCE_ACCESS_KEY_ID) (the bce
        CLI's name), is used.
    type: str
  secret_key:
    description:
      - The Secret Access Key that belongs to O(access_key).
      - If not set, E(BAIDUCLOUD_SECRET_KEY), then E(BCE_SECRET_ACCESS_KEY), is used.
    type: str
  security_token:
    description:
      - The session token of temporary (STS) credentials, sent and signed as C(x-bce-security-token). With a token,
        O(access_key) and O(secret_key) are the temporary pair.
      - If not set, E(BAIDUCLOUD_SESSION_TOKEN), then E(BCE_SECURITY_TOKEN), then E(BCE_SESSION_TOKEN), is used.
    type: str
  region:
    description:
      - The region of the resources, for example V(bj), V(gz), V(su), V(hkg), V(fwh), V(bd), V(sin) or V(fsh).
        It picks the endpoint C(https://bcc.<region>.baidubce.com).
      - If not set, E(BAIDUCLOUD_REGION), then E(BCE_REGION), is used; if neither is set, V(bj).
    type: str
  endpoint:
    description:
      - The API endpoint as a URL with scheme and host and no path, for example V(http://127.0.0.1:18080) for the
        collection's offline cloud. It overrides the regional endpoint.
      - If not set, E(BAIDUCLOUD_ENDPOINT) is used.
    type: str
notes:
  - Requests are signed with bce-auth-v1, valid for 1800 seconds from the controller's clock. A request refused
    with C(RequestExpired) is signed afresh once, with the server's time taken from the reply's C(Date) header,
    and the module warns that the controller clock needs NTP; a second refusal fails the task.
  - Proxies are taken from the usual E(HTTPS_PROXY) and E(NO_PROXY) environment variables.
"""
