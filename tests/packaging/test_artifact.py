# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The built artifact: `ansible-galaxy collection build` from a tree littered with test output,
venvs and caches leaves them out; the artifact installs into a clean collections path, where a
module and the demo playbook run from it against the offline cloud; ansible-builder introspects the
installed collection's runtime requirements and creates an EE build context."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import json
import os
import shutil
import tarfile

import pytest
import yaml

from tests.packaging._helpers import ROOT, ansible_env, run

LITTER = ["tests/output/junk.txt", ".venv/bin/python", ".venv-core216/pyvenv.cfg", ".cache/home/x", ".build/x",
          ".ansible/collections/x", "plugins/modules/__pycache__/x.pyc", ".pytest_cache/v", ".hypothesis/x",
          "tests/integration/integration_config.yml"]
FORBIDDEN_PREFIXES = ("tests/output", ".venv", ".cache", ".build", ".ansible/", ".pytest_cache", ".hypothesis",
                      ".git/", "tools/", "Makefile")


@pytest.fixture(scope="module")
def artifact(tmp_path_factory):
    """Build from a copy of the collection with every kind of litter added; return the tarball."""
    base = tmp_path_factory.mktemp("build")
    src = base / "src"
    shutil.copytree(ROOT, str(src), symlinks=True)
    for rel in LITTER:
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("litter\n")
    rc, out = run(["ansible-galaxy", "collection", "build", "--output-path", str(base / "dist"), str(src)])
    assert rc == 0, out
    tarballs = glob.glob(str(base / "dist" / "polycloud-ops-*.tar.gz"))
    assert len(tarballs) == 1, out
    return tarballs[0]


@pytest.fixture(scope="module")
def installed(artifact, tmp_path_factory):
    """The artifact installed into an empty collections path; return that path."""
    path = str(tmp_path_factory.mktemp("collections"))
    rc, out = run(["ansible-galaxy", "collection", "install", "--offline", "-p", path, artifact],
                  env=ansible_env(collections_path=path))
    assert rc == 0, out
    return path


def test_artifact_leaves_out_test_output_venvs_and_caches(artifact):
    with tarfile.open(artifact) as tar:
        names = tar.getnames()
    bad = [name for name in names if name.startswith(FORBIDDEN_PREFIXES) or "__pycache__" in name
           or name.endswith((".pyc", "integration_config.yml"))]
    assert not bad, bad
    for needed in ("MANIFEST.json", "FILES.json", "meta/runtime.yml", "meta/execution-environment.yml",
                   "requirements.txt", "bindep.txt", "plugins/modules/tencentcloud_kms_cloud_resource.py",
                   "roles/kms_key_protection/meta/argument_specs.yml", "roles/fleet_baseline/meta/argument_specs.yml",
                   "extensions/awx/credential_types/tencentcloud.yml", "demo/site.yml",
                   "tests/emulator/server.py"):
        assert needed in names, needed


def test_module_runs_from_installed_artifact(installed, demo_cloud, emulator, tmp_path):
    env = ansible_env(collections_path=installed, TENCENTCLOUD_SECRET_ID="AKIDpolycloudOFFLINEexample0000000000",
                      TENCENTCLOUD_SECRET_KEY="offline-tencent-secret-key", TENCENTCLOUD_REGION="ap-guangzhou",
                      TENCENTCLOUD_ENDPOINT=emulator.url)
    args = {"instance_ids": ["ins-web00003"], "security_group_ids": ["sg-base0001"]}
    rc, out = run(["ansible", "localhost", "-vvv", "-m", "polycloud.ops.tencentcloud_cvm_security_group_association",
                   "-a", json.dumps(args)], env=env, cwd=str(tmp_path))
    assert rc == 0, out
    assert "localhost | CHANGED =>" in out, out
    module_path = os.path.join(installed, "ansible_collections", "polycloud", "ops", "plugins", "modules",
                               "tencentcloud_cvm_security_group_association.py")
    assert "Using module file %s" % module_path in out, out
    state = demo_cloud.state()["tencentcloud"]["cvm"]["instances"]["ins-web00003"]
    assert "sg-base0001" in state["security_group_ids"]


def test_demo_playbook_runs_from_installed_artifact(installed, demo_cloud, emulator, tmp_path):
    site = os.path.join(installed, "ansible_collections", "polycloud", "ops", "demo", "site.yml")
    env = ansible_env(collections_path=installed)
    outputs = []
    for mode in (["--check", "--diff"], ["--diff"], ["--diff"]):
        rc, out = run(["ansible-playbook", site, "-e", "emulator_url=" + emulator.url] + mode, env=env, cwd=str(tmp_path))
        assert rc == 0, out
        outputs.append(out)
    assert "Tencent Cloud, CVM security groups: would change" in outputs[0]
    assert "Huawei Cloud / OTC, KMS tags: changed: 2 key(s)" in outputs[1]
    # The rerun: the one change is the Tencent KMS binding, re-asserted by design.
    assert "changed=1 " in outputs[2], outputs[2]
    assert "Tencent Cloud, CVM security groups: changed: 0 write call(s)" in outputs[2]


def test_builder_introspect_lists_exactly_the_runtime_requirements(installed):
    rc, out = run(["ansible-builder", "introspect", "--sanitize", installed])
    assert rc == 0, out
    with open(os.path.join(ROOT, "requirements.txt")) as handle:
        wanted = sorted(line.strip() for line in handle if line.strip() and not line.startswith("#"))
    data = yaml.safe_load(out[out.index("python:"):]) if "python:" in out else {}
    assert sorted(line.split("#")[0].strip() for line in data.get("python") or []) == wanted, out
    assert all("polycloud.ops" in line for line in data["python"]), out
    assert not data.get("system"), out   # bindep.txt lists no system package


def test_builder_create_produces_a_build_context(artifact, tmp_path):
    work = tmp_path / "ee"
    work.mkdir()
    with open(os.path.join(ROOT, "extensions", "awx", "execution-environment.yml")) as handle:
        definition = yaml.safe_load(handle)
    # Build from the local artifact rather than Galaxy, as the definition's header describes.
    shutil.copy(artifact, str(work))
    name = os.path.basename(artifact)
    definition["dependencies"]["galaxy"] = {"collections": [{"name": name, "type": "file"}]}
    definition["additional_build_files"] = [{"src": name, "dest": "collections"}]
    (work / "execution-environment.yml").write_text(yaml.safe_dump(definition))
    rc, out = run(["ansible-builder", "create", "-f", "execution-environment.yml", "-c", "context",
                   "--output-filename", "Containerfile"], cwd=str(work))
    assert rc == 0, out
    containerfile = (work / "context" / "Containerfile").read_text()
    assert "ansible-galaxy collection install" in containerfile
    assert "introspect" in containerfile
    assert (work / "context" / "_build" / "requirements.yml").exists()
    assert (work / "context" / "_build" / "collections" / name).exists()
