# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""AWX readiness: the credential types in extensions/awx/credential_types/ are well formed, inject
exactly the env names the modules read, and a job run through ansible-runner (the engine AWX uses)
with the env AWX would render from them succeeds against the offline cloud, with no credentials in
the playbook; the registration playbook sends each type to awx.awx.credential_type unchanged."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import json
import os
import textwrap

import ansible_runner
import pytest
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ansible_collections.polycloud.ops.plugins.module_utils import _baidu_spec, _huawei_spec, _tencent_spec

from tests.packaging._helpers import ROOT, ansible_env, run

TYPES_DIR = os.path.join(ROOT, "extensions", "awx", "credential_types")

# Every env name each cloud's modules read (the env_fallback lists of their shared argument spec).
MODULE_ENV = {
    "tencentcloud": set(_tencent_spec.ENV_SECRET_ID + _tencent_spec.ENV_SECRET_KEY + _tencent_spec.ENV_SECURITY_TOKEN
                        + _tencent_spec.ENV_REGION + _tencent_spec.ENV_ENDPOINT),
    "huaweicloud": set(name for names in _huawei_spec.ENV.values() for name in names),
    "baiducloud": set(_baidu_spec.ENV_ACCESS_KEY + _baidu_spec.ENV_SECRET_KEY + _baidu_spec.ENV_SECURITY_TOKEN
                      + _baidu_spec.ENV_REGION + _baidu_spec.ENV_ENDPOINT),
}
# Which module option each credential field feeds; the injector must use that option's first env name.
FIELD_ENV = {
    "tencentcloud": {"secret_id": _tencent_spec.ENV_SECRET_ID[0], "secret_key": _tencent_spec.ENV_SECRET_KEY[0],
                     "security_token": _tencent_spec.ENV_SECURITY_TOKEN[0], "region": _tencent_spec.ENV_REGION[0]},
    "huaweicloud": {field: _huawei_spec.ENV[field][0] for field in (
        "access_key", "secret_key", "security_token", "username", "password", "domain_name", "auth_token",
        "project_id", "region")},
    "baiducloud": {"access_key": _baidu_spec.ENV_ACCESS_KEY[0], "secret_key": _baidu_spec.ENV_SECRET_KEY[0],
                   "security_token": _baidu_spec.ENV_SECURITY_TOKEN[0], "region": _baidu_spec.ENV_REGION[0]},
}
SECRET_FIELDS = {"secret_key", "security_token", "password", "auth_token"}

# What an operator types into each credential in AWX: the offline cloud's default accounts.
CREDENTIALS = {
    "tencentcloud": {"secret_id": "AKIDpolycloudOFFLINEexample0000000000",
                     "secret_key": "offline-tencent-secret-key", "region": "ap-guangzhou"},
    "huaweicloud": {"access_key": "HWOFFLINEACCESSKEY0001", "secret_key": "offline-huawei-secret-key",
                    "project_id": "0d0466b0e7274d9cb35df84bb474a37f", "region": "eu-de"},
    "baiducloud": {"access_key": "bceofflinepolycloud0000000000000",
                   "secret_key": "offline-baidu-secret-key", "region": "bj"},
}
PASSWORD_CREDENTIAL = {"username": "offline-user", "password": "offline-password",
                       "domain_name": "polycloud-offline", "project_id": "0d0466b0e7274d9cb35df84bb474a37f",
                       "region": "eu-de"}


def load_type(cloud):
    with open(os.path.join(TYPES_DIR, cloud + ".yml")) as handle:
        return yaml.safe_load(handle)


def render_env(cred_type, inputs):
    """The env AWX injects for a credential of this type (awx_plugins inject_credential): inputs left
    empty are not in the namespace and render as "", boolean fields default to False, every env
    injector is set, and names AWX blocks are refused here rather than silently dropped."""
    fields = {field["id"]: field for field in cred_type["inputs"]["fields"]}
    unknown = set(inputs) - set(fields)
    assert not unknown, "inputs %s are not fields of %s" % (sorted(unknown), cred_type["name"])
    missing = [name for name in cred_type["inputs"].get("required", []) if not inputs.get(name)]
    assert not missing, "required inputs %s missing for %s" % (missing, cred_type["name"])
    namespace = {name: value for name, value in inputs.items() if value}
    for field in fields.values():
        if field["type"] == "boolean" and field["id"] not in inputs:
            namespace[field["id"]] = False
    sandbox = ImmutableSandboxedEnvironment()
    env = {}
    for name, template in cred_type["injectors"]["env"].items():
        assert not name.startswith("ANSIBLE_"), "AWX ignores ANSIBLE_ env injectors: %s" % name
        env[name] = sandbox.from_string(template).render(**namespace)
    return env


def test_one_credential_type_per_cloud():
    names = sorted(os.path.basename(path) for path in glob.glob(os.path.join(TYPES_DIR, "*.yml")))
    assert names == ["baiducloud.yml", "huaweicloud.yml", "tencentcloud.yml"]


@pytest.mark.parametrize("cloud", sorted(FIELD_ENV))
def test_credential_type_shape(cloud):
    cred_type = load_type(cloud)
    assert set(cred_type) == {"name", "description", "kind", "inputs", "injectors"}
    assert cred_type["kind"] == "cloud"
    fields = {field["id"]: field for field in cred_type["inputs"]["fields"]}
    for field_id, field in fields.items():
        assert field["type"] in ("string", "boolean") and field["label"]
        assert bool(field.get("secret")) == (field_id in SECRET_FIELDS), "secret flag of %s.%s" % (cloud, field_id)
    assert set(cred_type["inputs"].get("required", [])) <= set(fields)
    # Only env injectors: extra_vars would show up in job output and outrank every other variable.
    assert set(cred_type["injectors"]) == {"env"}
    env = cred_type["injectors"]["env"]
    assert set(env) <= MODULE_ENV[cloud], "env names the modules do not read: %s" % sorted(set(env) - MODULE_ENV[cloud])
    assert env == {FIELD_ENV[cloud][field_id]: "{{ %s }}" % field_id for field_id in fields}


def test_rendering_matches_awx():
    env = render_env(load_type("tencentcloud"), CREDENTIALS["tencentcloud"])
    assert env == {"TENCENTCLOUD_SECRET_ID": "AKIDpolycloudOFFLINEexample0000000000",
                   "TENCENTCLOUD_SECRET_KEY": "offline-tencent-secret-key",
                   "TENCENTCLOUD_SECURITY_TOKEN": "", "TENCENTCLOUD_REGION": "ap-guangzhou"}


JOB = textwrap.dedent("""\
    ---
    # A job template's playbook: no credentials anywhere. Only the endpoint (the offline cloud) is set,
    # because the credential types do not carry one.
    - name: Protect keys and bring the fleet to its baseline, as an AWX job
      hosts: localhost
      connection: local
      gather_facts: false
      module_defaults:
        group/polycloud.ops.all:
          endpoint: "{{ emulator_url }}"
        group/polycloud.ops.huaweicloud:
          endpoint: "{{ emulator_url }}"
          iam_endpoint: "{{ emulator_url }}/v3"
      roles:
        - role: polycloud.ops.kms_key_protection
          vars:
            kms_key_protection_tencent_bindings:
              - {key_id: 23e80852-1e38-11e9-b129-5cb9019b4b01, product_id: ssm, resource_id: app-db-password}
            kms_key_protection_huawei_key_ids: [7a1c1e0e-5b7e-4c1a-9d39-2f6f0c3e9a01]
            kms_key_protection_owner: payments-team
            kms_key_protection_environment: production
        - role: polycloud.ops.fleet_baseline
          vars:
            fleet_baseline_tencent_instance_ids: [ins-web00001, ins-web00002]
            fleet_baseline_tencent_security_group_ids: [sg-base0001]
            fleet_baseline_baidu_instance_ids: [i-Demo0001, i-Demo0002]
            fleet_baseline_baidu_role_name: BccBaselineRole
    """)


def run_job(tmp_path, emulator_url, injected_env, cmdline=None):
    """Lay out a private data dir as AWX does (project/, inventory/hosts, env/envvars, env/extravars,
    and env/cmdline for a Check job or Show changes) and run the playbook with ansible-runner."""
    for sub in ("project", "inventory", "env"):
        (tmp_path / sub).mkdir()
    (tmp_path / "project" / "job.yml").write_text(JOB)
    (tmp_path / "inventory" / "hosts").write_text("localhost ansible_connection=local\n")
    envvars = dict(injected_env)
    base = ansible_env()
    for name in ("ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_PYTHON_INTERPRETER", "ANSIBLE_NOCOLOR"):
        envvars[name] = base[name]
    (tmp_path / "env" / "envvars").write_text(yaml.safe_dump(envvars))
    (tmp_path / "env" / "extravars").write_text(yaml.safe_dump({"emulator_url": emulator_url}))
    if cmdline:
        (tmp_path / "env" / "cmdline").write_text(cmdline)
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update({k: v for k, v in base.items() if k not in envvars})
    try:
        result = ansible_runner.run(private_data_dir=str(tmp_path), playbook="job.yml", quiet=True)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    stdout = result.stdout.read()
    return result, stdout


def _secrets(credentials):
    return [value for cloud in credentials.values() for key, value in cloud.items() if key in SECRET_FIELDS]


# ansible-runner starts ansible-playbook through pexpect (forkpty) while the offline cloud serves from a
# thread of this process; the child execs at once, so the fork-with-threads warning does not apply.
pytestmark = pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")


def test_runner_job_with_injected_credentials(tmp_path, demo_cloud, emulator):
    env = {}
    for cloud in sorted(CREDENTIALS):
        env.update(render_env(load_type(cloud), CREDENTIALS[cloud]))
    since = demo_cloud.call("GET", "requests")["last_seq"]

    result, stdout = run_job(tmp_path, emulator.url, env)

    assert result.status == "successful" and result.rc == 0, stdout[-4000:]
    assert result.stats["failures"] == {} and result.stats["changed"].get("localhost", 0) > 0
    calls = demo_cloud.requests(since)
    for cloud in ("tencentcloud", "huaweicloud", "baiducloud"):
        cloud_calls = [call for call in calls if call["cloud"] == cloud]
        assert cloud_calls and all(not call["error_code"] for call in cloud_calls), (cloud, cloud_calls)
        assert any(call["write"] for call in cloud_calls), cloud
    for secret in _secrets(CREDENTIALS):
        assert secret not in stdout
    for event in result.events:
        assert not any(secret in str(event) for secret in _secrets(CREDENTIALS))


def test_runner_check_job_writes_nothing(tmp_path, demo_cloud, emulator):
    """A job template of type Check with Show changes: ansible-playbook --check --diff."""
    env = {}
    for cloud in sorted(CREDENTIALS):
        env.update(render_env(load_type(cloud), CREDENTIALS[cloud]))
    since = demo_cloud.call("GET", "requests")["last_seq"]

    result, stdout = run_job(tmp_path, emulator.url, env, cmdline="--check --diff")

    assert result.status == "successful" and result.rc == 0, stdout[-4000:]
    assert "--- before" in stdout and "+++ after" in stdout, stdout[-4000:]
    calls = demo_cloud.requests(since)
    assert {call["cloud"] for call in calls} == {"tencentcloud", "huaweicloud", "baiducloud"}
    assert not [call for call in calls if call["write"]], calls


def test_runner_job_with_huawei_password_credential(tmp_path, demo_cloud, emulator):
    """The Huawei credential filled in for IAM password authentication (AK/SK left empty, as AWX
    then injects them: as empty strings)."""
    credentials = dict(CREDENTIALS, huaweicloud=PASSWORD_CREDENTIAL)
    env = {}
    for cloud in sorted(credentials):
        env.update(render_env(load_type(cloud), credentials[cloud]))
    assert env["HW_ACCESS_KEY"] == "" and env["HW_USER_NAME"] == "offline-user"
    since = demo_cloud.call("GET", "requests")["last_seq"]

    result, stdout = run_job(tmp_path, emulator.url, env)

    assert result.status == "successful" and result.rc == 0, stdout[-4000:]
    huawei = [call for call in demo_cloud.requests(since) if call["cloud"] == "huaweicloud"]
    assert any(call["path"].endswith("/v3/auth/tokens") for call in huawei), huawei
    assert huawei and all(not call["error_code"] for call in huawei), huawei
    assert "offline-password" not in stdout


STUB_MODULE = textwrap.dedent('''\
    #!/usr/bin/python
    # A stand-in for awx.awx.credential_type: records what it was asked to register.
    import json
    import os
    from ansible.module_utils.basic import AnsibleModule

    def main():
        module = AnsibleModule(argument_spec=dict(
            name=dict(type="str", required=True), description=dict(type="str"), kind=dict(type="str"),
            inputs=dict(type="dict"), injectors=dict(type="dict"), state=dict(type="str", default="present")))
        with open(os.environ["STUB_RECORD"], "a") as handle:
            handle.write(json.dumps(module.params) + "\\n")
        module.exit_json(changed=True)

    if __name__ == "__main__":
        main()
    ''')


def test_register_playbook_sends_each_type_unchanged(tmp_path):
    """extensions/awx/register_credential_types.yml, run against a stand-in awx.awx.credential_type,
    registers the three types with their inputs and injectors exactly as in the YAML files."""
    stub = tmp_path / "stub" / "ansible_collections" / "awx" / "awx"
    (stub / "plugins" / "modules").mkdir(parents=True)
    (stub / "plugins" / "modules" / "credential_type.py").write_text(STUB_MODULE)
    (stub / "galaxy.yml").write_text("namespace: awx\nname: awx\nversion: 0.0.0\nreadme: README.md\nauthors: [test]\n")
    record = tmp_path / "record.jsonl"
    env = ansible_env(collections_path=str(tmp_path / "stub"), STUB_RECORD=str(record))
    rc, out = run(["ansible-playbook", os.path.join(ROOT, "extensions", "awx", "register_credential_types.yml")], env=env)
    assert rc == 0, out
    with open(str(record)) as handle:
        sent = sorted((json.loads(line) for line in handle), key=lambda params: params["name"])
    expected = sorted((load_type(cloud) for cloud in FIELD_ENV), key=lambda cred_type: cred_type["name"])
    assert [dict((k, v) for k, v in params.items() if k != "state") for params in sent] == expected
    assert all(params["state"] == "present" for params in sent)
