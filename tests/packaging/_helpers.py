# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for the packaging tests: the collection root, the demo seeds, and a runner for the venv's
ansible commands with the staged collection on the path."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

VENV_BIN = os.path.dirname(sys.executable)
# The staged copy is ROOT; ROOT/../../.. is the folder that holds ansible_collections/.
COLLECTIONS_PATH = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
DEMO_SEEDS = sorted(os.path.join(ROOT, "demo", "seed", name)
                    for name in os.listdir(os.path.join(ROOT, "demo", "seed")) if name.endswith(".json"))


def seed_demo(ctl):
    """Seed the offline cloud with every demo/seed/*.json, as tools/run_demo does."""
    for path in DEMO_SEEDS:
        with open(path) as handle:
            ctl.seed(json.load(handle))


def ansible_env(collections_path=COLLECTIONS_PATH, **extra):
    """The environment for the venv's ansible commands: this venv first on PATH, its Python for modules,
    the collections from `collections_path` only (no PYTHONPATH, which would make the staged copy
    importable whatever the path), no inventory warning, no colour, and nothing inherited that names
    credentials."""
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONPATH"
           and not key.startswith(("TENCENTCLOUD_", "HW_", "HUAWEICLOUD_", "OS_", "BAIDUCLOUD_", "BCE_", "ANSIBLE_"))}
    env.update({
        "PATH": VENV_BIN + os.pathsep + env.get("PATH", ""),
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_LOCALHOST_WARNING": "false",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "false",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
    })
    env.update(extra)
    return env


def run(args, env=None, cwd=None, timeout=300):
    """Run a command, returning (rc, stdout + stderr)."""
    proc = subprocess.run(args, env=env or ansible_env(), cwd=cwd or ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=timeout, check=False)
    return proc.returncode, proc.stdout
