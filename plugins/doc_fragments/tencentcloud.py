# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Common options of every polycloud.ops Tencent Cloud module.
    DOCUMENTATION = r"""
options:
  secret_id:
    description:
      - The SecretId of a Tencent Cloud API key (CAM).
      - If not set, the environment variable E(TENCENTCLOUD_SECRET_ID) is used, as tccli and the Terraform
        provider do.
    type: str
  secret_key:
    description:
      - The SecretKey that belongs to O(secret_id).
      - If not set, the environment variable E(TENCENTCLOUD_SECRET_KEY) is used.
    type: str
  security_token:
    description:
      - The session token of temporary credentials (STS, a CVM instance role, federation).
        With a token, O(secret_id) and O(secret_key) are the temporary pair.
      - If not set, E(TENCENTCLOUD_SECURITY_TOKEN), then E(TENCENTCLOUD_TOKEN), is used.
    type: str
  region:
    description:
      - The region of the resources, for example V(ap-guangzhou).
      - If not set, the environment variable E(TENCENTCLOUD_REGION) is used. It is required either way.
    type: str
  endpoint:
    description:
      - The API endpoint as a URL with scheme and host, for example V(http://127.0.0.1:18080) for the
        collection's offline cloud.
      - If not set, E(TENCENTCLOUD_ENDPOINT) is used; if that is not set either, the service's public
        endpoint (V(https://kms.tencentcloudapi.com) or V(https://cvm.tencentcloudapi.com)).
    type: str
notes:
  - Requests are signed with TC3-HMAC-SHA256. The controller clock must be within 5 minutes of Tencent
    Cloud's; a request refused with C(AuthFailure.SignatureExpire) is signed afresh once, then the module
    fails and names the clock as the cause.
  - Proxies are taken from the usual E(HTTPS_PROXY) and E(NO_PROXY) environment variables.
"""
