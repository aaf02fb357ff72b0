# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):
    # Common options of every polycloud.ops Huawei Cloud / Open Telekom Cloud module.
    DOCUMENTATION = r"""
options:
  cloud:
    description:
      - Which cloud O(region) belongs to; it picks the default KMS and IAM endpoints.
      - V(huaweicloud) uses C(https://kms.{region}.myhuaweicloud.com) and C(https://iam.{region}.myhuaweicloud.com/v3);
        V(otc) (Open Telekom Cloud) uses C(https://kms.{region}.otc.t-systems.com) and
        C(https://iam.{region}.otc.t-systems.com/v3) (C(eu-ch2) uses the Swiss C(sc.otc.t-systems.com) hosts).
    type: str
    choices: [huaweicloud, otc]
    default: huaweicloud
  region:
    description:
      - The region, for example V(eu-de) (OTC) or V(cn-north-4) (Huawei Cloud). Needed unless O(endpoint) (and, for
        password authentication, O(iam_endpoint) and O(project_id)) are set.
      - If not set, E(HW_REGION_NAME), then E(OS_REGION_NAME), is used.
    type: str
  project_id:
    description:
      - The id (32 hex characters) of the project that holds the keys; KMS URLs contain it.
      - Required with access keys and with O(auth_token). With a password, the token is scoped to this project, or
        to the project named like O(region) if O(project_id) is not set.
      - If not set, E(HW_PROJECT_ID), E(HUAWEICLOUD_SDK_PROJECT_ID), then E(OS_PROJECT_ID), is used.
    type: str
  access_key:
    description:
      - The access key id (AK) of an access key pair. Requests are then signed with SDK-HMAC-SHA256.
      - Give exactly one way to authenticate; O(access_key) with O(secret_key) is one.
      - If not set, E(HW_ACCESS_KEY), E(HUAWEICLOUD_SDK_AK), then E(OS_ACCESS_KEY), is used.
    type: str
  secret_key:
    description:
      - The secret access key (SK) that belongs to O(access_key).
      - If not set, E(HW_SECRET_KEY), E(HUAWEICLOUD_SDK_SK), then E(OS_SECRET_KEY), is used.
    type: str
  security_token:
    description:
      - The security token of temporary access keys; O(access_key) and O(secret_key) are then the temporary pair.
      - If not set, E(HW_SECURITY_TOKEN), E(HUAWEICLOUD_SDK_SECURITY_TOKEN), then E(OS_SECURITY_TOKEN), is used.
    type: str
  auth_token:
    description:
      - An IAM token scoped to O(project_id), sent as C(X-Auth-Token). Another way to authenticate.
      - An expired token cannot be renewed by the module; the task then fails and says so.
      - If not set, E(HW_AUTH_TOKEN), then E(OS_AUTH_TOKEN), is used.
    type: str
  username:
    description:
      - An IAM user name. With O(password) and O(domain_name), the module gets a project-scoped token from IAM
        (C(POST /v3/auth/tokens)) and fetches a new one once if it expires during the task.
      - The token is kept for the next tasks on the controller in a private token cache (mode 0600, in the
        directory E(POLYCLOUD_OPS_STATE_DIR) or C(polycloud-ops-<uid>) in the system temporary directory, bound
        to the password, never the password itself) until 15 minutes before it expires; a cached token that the
        cloud refuses is replaced.
      - If not set, E(HW_USER_NAME), then E(OS_USERNAME), is used.
    type: str
  password:
    description:
      - The password of O(username).
      - If not set, E(HW_USER_PASSWORD), then E(OS_PASSWORD), is used.
    type: str
  domain_name:
    description:
      - The account (domain) name of O(username), on OTC of the form C(OTC00000000001000000xxx).
      - If not set, E(HW_DOMAIN_NAME), E(OS_USER_DOMAIN_NAME), then E(OS_DOMAIN_NAME), is used.
    type: str
  endpoint:
    description:
      - The KMS endpoint as a URL with scheme and host, instead of the default of O(cloud) and O(region), for
        example V(http://127.0.0.1:18080) for the collection's offline cloud.
    type: str
  iam_endpoint:
    description:
      - The IAM endpoint used with O(username) and O(password), with or without the trailing C(/v3), instead of
        the default of O(cloud) and O(region).
      - If not set, E(HW_AUTH_URL), E(HUAWEICLOUD_SDK_IAM_ENDPOINT), then E(OS_AUTH_URL), is used.
    type: str
notes:
  - Exactly one way to authenticate must be given per task, through options or environment variables. It is an access key
    pair (O(access_key), O(secret_key), optionally O(security_token)), or O(auth_token), or O(username), O(password)
    and O(domain_name). Two at once, or none, fails before any API call.
  - Access-key requests are signed with the controller clock, which must be within 15 minutes of the cloud's.
  - Throttling (HTTP 429, C(APIGW.0308)) and the transient HTTP 500, 502, 503 and 504 answers are retried with
    backoff (O(retries)); other errors fail at once with their code and request id.
  - Proxies are taken from the usual E(HTTPS_PROXY) and E(NO_PROXY) environment variables.
"""
