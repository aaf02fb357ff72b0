# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module's EXAMPLES block parses as YAML tasks and uses only real module names and option
names (the documented options, doc fragments merged, as ansible-doc reports them), in its tasks and
in its module_defaults; the roles' README examples use only the variables their argument specs
declare."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import json
import os
import re

import pytest
import yaml

from tests.packaging._helpers import ROOT, run

PREFIX = "polycloud.ops."
MODULES = sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(ROOT, "plugins", "modules", "*.py"))
                 if not os.path.basename(path).startswith("_"))
# Task keywords (not module arguments) that may sit next to the module in an example task.
TASK_KEYWORDS = {"name", "register", "when", "loop", "loop_control", "vars", "check_mode", "diff", "tags",
                 "environment", "no_log", "ignore_errors", "changed_when", "failed_when", "until", "retries",
                 "delay", "delegate_to", "run_once", "notify", "become", "module_defaults", "block", "rescue",
                 "always", "with_items", "throttle", "any_errors_fatal"}
NESTED = ("tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always")


class Docs(dict):
    """ansible-doc --json of each module, read once, one module at a time (so that one module whose
    documentation does not parse fails its own test only)."""

    def __missing__(self, fqcn):
        rc, out = run(["ansible-doc", "--json", "-t", "module", fqcn])
        assert rc == 0, out
        self[fqcn] = json.loads(out)[fqcn]
        return self[fqcn]


@pytest.fixture(scope="module")
def docs():
    return Docs()


@pytest.fixture(scope="module")
def action_groups():
    with open(os.path.join(ROOT, "meta", "runtime.yml")) as handle:
        return yaml.safe_load(handle)["action_groups"]


def option_names(doc):
    names = set()
    for name, spec in doc["doc"]["options"].items():
        names.add(name)
        names.update(spec.get("aliases", []))
    return names


def walk_tasks(items):
    for item in items or []:
        assert isinstance(item, dict), "an example task must be a mapping, got %r" % (item,)
        yield item
        for key in NESTED:
            if key in item:
                yield from walk_tasks(item[key])


@pytest.mark.parametrize("module", MODULES)
def test_examples_use_real_names(module, docs, action_groups):
    examples = docs[PREFIX + module]["examples"]
    tasks = yaml.safe_load(examples)
    assert isinstance(tasks, list) and tasks, "%s: EXAMPLES is not a list of tasks" % module
    used_own_module = False
    for task in walk_tasks(tasks):
        for key, value in task.items():
            if key.startswith(PREFIX):
                name = key[len(PREFIX):]
                assert name in MODULES, "%s: example uses unknown module %s" % (module, key)
                assert isinstance(value, dict), "%s: %s takes a mapping of options" % (module, key)
                unknown = set(value) - option_names(docs[key])
                assert not unknown, "%s: example passes unknown options %s to %s" % (module, sorted(unknown), key)
                used_own_module = used_own_module or name == module
            elif key == "module_defaults":
                for target, defaults in value.items():
                    if target.startswith("group/" + PREFIX):
                        members = action_groups[target[len("group/" + PREFIX):]]
                    else:
                        assert target.startswith(PREFIX), "%s: module_defaults for %s" % (module, target)
                        members = [target[len(PREFIX):]]
                    allowed = set.union(*(option_names(docs[PREFIX + member]) for member in members))
                    unknown = set(defaults) - allowed
                    assert not unknown, "%s: module_defaults %s sets unknown options %s" % (module, target, sorted(unknown))
            elif key not in TASK_KEYWORDS and key not in NESTED:
                assert key.startswith("ansible.builtin."), "%s: example task key %s is neither a keyword nor a FQCN" % (module, key)
    assert used_own_module, "%s: no example uses the module itself" % module


ROLES = sorted(os.path.basename(path) for path in glob.glob(os.path.join(ROOT, "roles", "*")))


@pytest.mark.parametrize("role", ROLES)
def test_role_readme_examples_use_declared_variables(role):
    with open(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml")) as handle:
        declared = set(yaml.safe_load(handle)["argument_specs"]["main"]["options"])
    with open(os.path.join(ROOT, "roles", role, "README.md")) as handle:
        readme = handle.read()
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    plays = [yaml.safe_load(block) for block in blocks]
    role_vars = set()
    for play in plays:
        if isinstance(play, list):
            for entry in play:
                for role_entry in entry.get("roles", []):
                    if role_entry.get("role") == PREFIX + role:
                        role_vars.update(role_entry.get("vars", {}))
    assert role_vars, "%s: the README has no runnable example play using the role" % role
    assert role_vars <= declared, "%s: README example sets undeclared variables %s" % (role, sorted(role_vars - declared))
    # The README's variable table documents exactly the declared variables.
    table = set(re.findall(r"^\| `(%s_[a-z_]+)` \|" % role, readme, re.M))
    assert table == declared, "%s: README table %s vs argument spec %s" % (role, sorted(table), sorted(declared))


@pytest.mark.parametrize("role", ROLES)
def test_role_readme_example_runs(role, demo_cloud, emulator, tmp_path):
    """The README's example play runs as written against the offline cloud (its endpoint lines
    pointed at this test's port): check mode, apply, and a rerun."""
    with open(os.path.join(ROOT, "roles", role, "README.md")) as handle:
        readme = handle.read()
    block = next(block for block in re.findall(r"```yaml\n(.*?)```", readme, re.S) if "- role: " + PREFIX + role in block)
    assert "http://127.0.0.1:18080" in block
    playbook = tmp_path / "example.yml"
    playbook.write_text(block.replace("http://127.0.0.1:18080", emulator.url))
    for mode in (["--check", "--diff"], ["--diff"], []):
        rc, out = run(["ansible-playbook", str(playbook)] + mode, cwd=str(tmp_path))
        assert rc == 0, out
        assert "failed=0" in out, out
    # The rerun: nothing changes, except each Tencent KMS binding, re-asserted by design.
    assert RERUN_CHANGED[role] in out, out


RERUN_CHANGED = {"fleet_baseline": " changed=0 ", "kms_key_protection": " changed=1 "}
