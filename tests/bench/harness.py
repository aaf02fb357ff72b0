# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmark plumbing: the emulator's control API, ansible runs (ad hoc and playbooks) against the
staged collection, the offline credentials, and small statistics."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import json
import os
import resource
import subprocess
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))

TENCENT = {"secret_id": "AKIDpolycloudOFFLINEexample0000000000", "secret_key": "offline-tencent-secret-key",
           "region": "ap-guangzhou"}
BAIDU = {"access_key": "bceofflinepolycloud0000000000000", "secret_key": "offline-baidu-secret-key", "region": "bj"}
HUAWEI_PROJECT = "0d0466b0e7274d9cb35df84bb474a37f"
HUAWEI_AK = {"cloud": "otc", "region": "eu-de", "project_id": HUAWEI_PROJECT,
             "access_key": "HWOFFLINEACCESSKEY0001", "secret_key": "offline-huawei-secret-key"}
HUAWEI_PASSWORD = {"cloud": "otc", "region": "eu-de", "project_id": HUAWEI_PROJECT, "username": "offline-user",
                   "password": "offline-password", "domain_name": "polycloud-offline"}
HUAWEI_KEY = "b0000000-0000-4000-8000-000000000001"
SG = "sg-bnch0001"
ROLE = "bench-role"


def tencent_ids(count, prefix="b"):
    return ["ins-%s%07d" % (prefix, n) for n in range(count)]


def baidu_ids(count, prefix="b"):
    return ["i-%s%07d" % (prefix, n) for n in range(count)]


def median(values):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2.0


class Emulator(object):
    """The offline cloud's control API (tests/emulator/server.py)."""

    def __init__(self, url):
        self.url = url.rstrip("/")

    def _call(self, method, name, body=None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request("%s/_emulator/%s" % (self.url, name), data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as reply:
            return json.loads(reply.read().decode("utf-8"))

    def reset(self, async_delay=None, rate_limits=None, **seed):
        self._call("POST", "reset", {})
        config = {}
        if async_delay is not None:
            config["async_delay"] = async_delay
        if rate_limits:
            config["rate_limits"] = rate_limits
        if config:
            self._call("POST", "config", config)
        if seed:
            self._call("POST", "seed", seed)

    def config(self, **config):
        self._call("POST", "config", config)

    def state(self):
        return self._call("GET", "state")

    def last_seq(self):
        return self._call("GET", "requests?since=999999999")["last_seq"]

    def calls_since(self, seq):
        """Counter of the actions logged after ``seq`` (cloud requests only), and the throttled ones."""
        rows = self._call("GET", "requests?since=%d" % seq)["requests"]
        actions = collections.Counter(row["action"] for row in rows)
        throttled = sum(1 for row in rows if row.get("status") == 429 or "LimitExceeded" in str(
            row.get("error_code") or "") or "APIGW.0308" == row.get("error_code"))
        return actions, throttled


class Ansible(object):
    """Runs ``ansible`` and ``ansible-playbook`` from the venv against the staged collection."""

    def __init__(self, venv, build, workdir):
        self.venv = venv
        self.python = os.path.join(venv, "bin", "python")
        self.workdir = workdir
        self.env = dict(os.environ)
        self.env.update({
            "ANSIBLE_COLLECTIONS_PATH": build,
            "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "False",
            "ANSIBLE_PYTHON_INTERPRETER": self.python,
            "ANSIBLE_LOCALHOST_WARNING": "False",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "False",
            "ANSIBLE_DEPRECATION_WARNINGS": "False",
            "ANSIBLE_RETRY_FILES_ENABLED": "False",
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_HOME": os.path.join(workdir, "ansible-home"),
            "ANSIBLE_LOCAL_TEMP": os.path.join(workdir, "ansible-tmp"),
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback"),
            "ANSIBLE_CALLBACKS_ENABLED": "bench_timing",
            "ANSIBLE_LOAD_CALLBACK_PLUGINS": "True",
            # The rate budget and the token cache start empty for every benchmark run.
            "POLYCLOUD_OPS_STATE_DIR": tempfile.mkdtemp(prefix="state-", dir=workdir),
            "PYTHONPATH": build,
        })
        self.env.pop("ANSIBLE_CONFIG", None)

    def _run(self, argv, extra_env=None):
        env = dict(self.env)
        env.update(extra_env or {})
        timing = os.path.join(self.workdir, "timing.json")
        env["BENCH_TIMING_FILE"] = timing
        if os.path.exists(timing):
            os.unlink(timing)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(argv, env=env, cwd=self.workdir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, check=False)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        report = {"tasks": [], "counts": {}, "messages": []}
        if os.path.exists(timing):
            with open(timing) as handle:
                report = json.load(handle)
        # CPU seconds of ansible and every process under it (forks, modules): what the cores had to do.
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        report.update(seconds=seconds, cpu=cpu, rc=proc.returncode, output=proc.stdout)
        return report

    def adhoc(self, module, args, extra_env=None, interpreter=None):
        argv = [os.path.join(self.venv, "bin", "ansible"), "localhost", "-m", module]
        if args:
            argv += ["-a", json.dumps(args)]
        if interpreter:
            argv += ["-e", json.dumps({"ansible_python_interpreter": interpreter})]
        return self._run(argv, extra_env)

    def playbook(self, plays, extra_vars=None, inventory=None, forks=5, extra_env=None):
        path = os.path.join(self.workdir, "play.json")
        with open(path, "w") as handle:
            json.dump(plays, handle)  # JSON is YAML
        argv = [os.path.join(self.venv, "bin", "ansible-playbook"), path, "--forks", str(forks)]
        if inventory:
            inv = os.path.join(self.workdir, "inventory.json")
            with open(inv, "w") as handle:
                json.dump(inventory, handle)
            argv += ["-i", inv]
        if extra_vars:
            varsfile = os.path.join(self.workdir, "vars.json")
            with open(varsfile, "w") as handle:
                json.dump(extra_vars, handle)
            argv += ["-e", "@" + varsfile]
        return self._run(argv, extra_env)

    def import_seconds(self, module):
        """Seconds to import ``module`` (a dotted name) in a fresh interpreter."""
        code = ("import time, importlib, sys; t = time.perf_counter(); importlib.import_module(sys.argv[1]); "
                "print(time.perf_counter() - t)")
        out = subprocess.run([self.python, "-c", code, module], env=self.env, stdout=subprocess.PIPE,
                             universal_newlines=True, check=True).stdout
        return float(out.strip().splitlines()[-1])


def check(report, what):
    """Raise if an ansible run failed (a benchmark of a failure measures nothing)."""
    if report["rc"] != 0:
        raise RuntimeError("%s failed (rc %d):\n%s" % (what, report["rc"], report["output"][-3000:]))
    return report
