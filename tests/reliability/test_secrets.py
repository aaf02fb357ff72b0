# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""No secret in any output: every module, run at -vvvv with distinctive secret keys, security tokens, a
Huawei password and IAM tokens, in normal, check and failing mode (a wrong secret; an error whose
message and echoed Authorization value carry the secrets), with secrets given as options and through
the environment. The whole stdout, stderr and every task result (exception text included) are searched
for each secret. Also the AWX credential types: secret inputs are marked secret and the injectors
expose nothing but the documented environment variables."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os

import pytest

from tests.reliability.harness import HUAWEI_PROJECT, ROOT, SUMMARY, row_value, run_adhoc, run_rows

LINES = SUMMARY.setdefault("secret scan", [])

TC = {"secret_id": "AKIDleakcanary000000000000000000001", "secret_key": "TCSECRETKEY-leakcanary-7f3a9c",
      "security_token": "TCSECURITYTOKEN-leakcanary-41d2e8"}
HW = {"access_key": "HWLEAKCANARYAK0001", "secret_key": "HWSECRETKEY-leakcanary-b81e07",
      "security_token": "HWSECURITYTOKEN-leakcanary-c2f9aa", "password": "HWPASSWORD-leakcanary-5e1d3b",
      "auth_token": "HWAUTHTOKEN-leakcanary-9a77f0", "username": "leak-user"}
BD = {"access_key": "bceleakcanary0000000000000000001", "secret_key": "BDSECRETKEY-leakcanary-0c4b6d",
      "security_token": "BDSECURITYTOKEN-leakcanary-d3e2a1"}
WRONG = "WRONGSECRET-leakcanary-000001"
SECRETS = [TC["secret_key"], TC["security_token"], HW["secret_key"], HW["security_token"], HW["password"],
           HW["auth_token"], BD["secret_key"], BD["security_token"], WRONG]

TC_KEY = "23e80852-1e38-11e9-b129-5cb9019b4b01"
HW_KEY = "0d0466b0-e727-4d9c-b35d-f84bb474a37f"
SEED = {
    "tencentcloud": {"accounts": [{"secret_id": TC["secret_id"], "secret_key": TC["secret_key"],
                                   "token": TC["security_token"]}],
                     "kms_keys": [{"key_id": TC_KEY}],
                     "instances": ["ins-aaaaaaaa"], "security_groups": ["sg-11111111"]},
    "huaweicloud": {"accounts": [{"domain_name": "polycloud-offline", "domain_id": "9a8b7c6d5e4f40312a1b2c3d4e5f6a7b",
                                  "users": [{"name": HW["username"], "password": HW["password"]}],
                                  "access_keys": [{"access_key": HW["access_key"], "secret_key": HW["secret_key"],
                                                   "security_token": HW["security_token"]}]}],
                    "keys": [{"key_id": HW_KEY, "project_id": HUAWEI_PROJECT}],
                    "tokens": [{"token": HW["auth_token"], "project_id": HUAWEI_PROJECT}]},
    "baiducloud": {"accounts": [{"access_key": BD["access_key"], "secret_key": BD["secret_key"],
                                 "security_token": BD["security_token"]}],
                   "roles": ["RoleA"], "instances": [{"instance_id": "i-AbCdEf12"}]},
}

MODULE_ARGS = {
    "tencentcloud_kms_cloud_resource": {"key_id": TC_KEY, "product_id": "ssm", "resource_id": "app"},
    "tencentcloud_cvm_security_group_association": {"instance_ids": ["ins-aaaaaaaa"], "security_group_ids": ["sg-11111111"]},
    "huaweicloud_kms_key_tag": {"key_id": HW_KEY, "tag_key": "env", "tag_value": "prod"},
    "huaweicloud_kms_key_tags": {"key_id": HW_KEY, "tags": {"env": "prod"}},
    "baiducloud_bcc_instance_role": {"instance_ids": ["i-AbCdEf12"], "role_name": "RoleA"},
}
WRITES = {"tencentcloud_kms_cloud_resource": "BindCloudResource",
          "tencentcloud_cvm_security_group_association": "AssociateSecurityGroups",
          "huaweicloud_kms_key_tag": "CreateKmsTag", "huaweicloud_kms_key_tags": "BatchCreateKmsTags:create",
          "baiducloud_bcc_instance_role": "BindInstanceRole"}
ENV = {"tencentcloud": {"TENCENTCLOUD_SECRET_ID": TC["secret_id"], "TENCENTCLOUD_SECRET_KEY": TC["secret_key"],
                        "TENCENTCLOUD_SECURITY_TOKEN": TC["security_token"], "TENCENTCLOUD_REGION": "ap-guangzhou"},
       "huaweicloud": {"HW_ACCESS_KEY": HW["access_key"], "HW_SECRET_KEY": HW["secret_key"],
                       "HW_SECURITY_TOKEN": HW["security_token"], "HW_PROJECT_ID": HUAWEI_PROJECT,
                       "HW_REGION_NAME": "eu-de"},
       "baiducloud": {"BAIDUCLOUD_ACCESS_KEY": BD["access_key"], "BAIDUCLOUD_SECRET_KEY": BD["secret_key"],
                      "BAIDUCLOUD_SESSION_TOKEN": BD["security_token"]}}


def credentials(module, auth="keys"):
    cloud = module.split("_", 1)[0]
    if cloud == "tencentcloud":
        return dict(TC, region="ap-guangzhou")
    if cloud == "baiducloud":
        return dict(BD, region="bj")
    base = {"region": "eu-de", "project_id": HUAWEI_PROJECT}
    if auth == "token":
        return dict(base, auth_token=HW["auth_token"])
    if auth == "password":
        return dict(base, username=HW["username"], password=HW["password"], domain_name="polycloud-offline")
    return dict(base, access_key=HW["access_key"], secret_key=HW["secret_key"], security_token=HW["security_token"])


def _cases():
    cases = []
    for module in sorted(MODULE_ARGS):
        cases += [(module, "keys", mode) for mode in ("normal", "check", "wrong_secret", "echoed_error", "env")]
        if module == "huaweicloud_kms_key_tags":
            cases += [(module, auth, mode) for auth in ("token", "password") for mode in ("normal", "echoed_error")]
    return cases


CASES = _cases()


def _issued_tokens(emulator):
    # IAM tokens the emulator issued for the password runs are secrets too.
    for backend in emulator.backends:
        if backend.name == "huaweicloud":
            return list(backend.tokens)
    return []


def execute(case, emulator, control):
    module, auth, mode = case
    cloud = module.split("_", 1)[0]
    control.seed(SEED)
    control.config(async_delay=0.02)
    args = dict(MODULE_ARGS[module], endpoint=emulator.url, retries=1, timeout=5)
    env = None
    if mode == "env":
        env = ENV[cloud]
    else:
        args.update(credentials(module, auth))
        if auth == "password":
            args["iam_endpoint"] = emulator.url
    if mode == "wrong_secret":
        args["secret_key"] = WRONG
    if mode == "echoed_error":
        # A cloud that echoes the request's credentials in its error: ansible must still mask them.
        echo = "denied for %s; Authorization: TC3-HMAC-SHA256 Credential=x, Signature=%s; token %s %s %s" % (
            args.get("secret_key"), args.get("secret_key"), args.get("security_token"), args.get("password"),
            args.get("auth_token"))
        control.faults({"cloud": cloud, "action": WRITES[module], "error_code": "AccessDenied", "http_status": 403,
                        "message": echo})
    run = run_adhoc(module, args, check=(mode == "check"), diff=True, verbosity=4,
                    # Tracebacks shown: the exception text of a failure is scanned too.
                    env=dict(env or {}, ANSIBLE_STDOUT_CALLBACK="default", ANSIBLE_DISPLAY_TRACEBACK="always"))
    return run, _issued_tokens(emulator)


@pytest.fixture(scope="module")
def executed():
    return run_rows(CASES, execute, workers=3)


@pytest.mark.parametrize("module,auth,mode", CASES, ids=["-".join(c) for c in CASES])
def test_no_secret_in_any_output(executed, module, auth, mode):
    run, issued = row_value(executed, (module, auth, mode))
    expect_failure = mode in ("wrong_secret", "echoed_error")
    assert bool(run.result.get("failed")) is expect_failure, run
    assert "module_stderr" not in run.result, run
    if mode == "check":
        assert run.result.get("changed") is True, run
    if expect_failure:
        # The traceback (exception text) is part of what is scanned below.
        assert "Traceback (most recent call last)" in str(run.result.get("exception")), run

    haystack = run.stdout + run.stderr + json.dumps(run.results)
    secrets = SECRETS + issued
    leaked = [secret for secret in secrets if secret in haystack]
    context = [haystack[max(0, haystack.index(s) - 200):haystack.index(s) + 100] for s in leaked]
    assert not leaked, ("secrets in the output", leaked, context)
    # The scan looked at -vvvv output (connection and module transfer lines) of a module that ran.
    assert "ESTABLISH LOCAL CONNECTION" in haystack and "AnsiballZ_%s" % module in haystack, run
    LINES.append("%-46s %-8s %-12s %6d bytes scanned%s, %d secrets, none found" % (
        module, auth, mode, len(haystack), " (traceback included)" if expect_failure else "", len(secrets)))


CREDENTIAL_TYPES = os.path.join(ROOT, "extensions", "awx", "credential_types")
SECRET_OPTIONS = ("secret_key", "security_token", "password", "auth_token")


def _env_names(cloud):
    """{option: [env var names the modules read for it]}, from the argument specs themselves."""
    from ansible_collections.polycloud.ops.plugins.module_utils import _baidu_spec, _huawei_spec, _tencent_spec
    if cloud == "huaweicloud":
        return dict(_huawei_spec.ENV)
    spec = _tencent_spec.tencent_argument_spec() if cloud == "tencentcloud" else _baidu_spec.baidu_argument_spec()
    return dict((name, list(option["fallback"][1])) for name, option in spec.items() if option.get("fallback"))


@pytest.mark.parametrize("cloud", ["tencentcloud", "huaweicloud", "baiducloud"])
def test_awx_credential_type_marks_secrets_and_injects_nothing_else(cloud):
    path = os.path.join(CREDENTIAL_TYPES, cloud + ".yml")
    if not os.path.exists(path):
        LINES.append("AWX credential type %s: absent (extensions/awx/credential_types/); skipped" % cloud)
        pytest.skip("no AWX credential type %s.yml yet" % cloud)
    import yaml
    with open(path) as handle:
        document = yaml.safe_load(handle)
    fields = dict((f["id"], f) for f in document["inputs"]["fields"])
    injectors = document.get("injectors") or {}
    assert set(injectors) <= {"env"}, "%s: injectors other than env: %s" % (cloud, sorted(injectors))
    names = _env_names(cloud)
    for field_id, field in fields.items():
        assert bool(field.get("secret")) is (field_id in SECRET_OPTIONS), (
            "%s: input %s secret=%r" % (cloud, field_id, field.get("secret")))
    for var, template in injectors.get("env", {}).items():
        used = [f for f in fields if str(template).strip() in ("{{ %s }}" % f, "{{%s}}" % f)]
        # Each variable carries exactly one input, unchanged, under a name the modules read for that option.
        assert len(used) == 1, "%s: env %s = %r is not exactly one input" % (cloud, var, template)
        assert var in names.get(used[0], []), "%s: env %s is not an env name of option %s" % (cloud, var, used[0])
    injected = set(f for v in injectors.get("env", {}).values() for f in fields if "{{ %s }}" % f in str(v))
    assert set(f for f in fields if f in SECRET_OPTIONS) <= injected, "%s: a secret input is not injected" % cloud
    LINES.append("AWX credential type %s: %d inputs (%s secret), %d env injectors, each an option's own env name: ok"
                 % (cloud, len(fields), ", ".join(sorted(f for f in fields if fields[f].get("secret"))),
                    len(injectors.get("env", {}))))
