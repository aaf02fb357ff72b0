# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the reliability tests share: the control API client, the modules' common arguments for
the offline cloud, and two ways to run a module.

- ``run_adhoc`` runs a module the way a user does, ``ansible localhost -m polycloud.ops.NAME -a
  JSON`` in a subprocess (ansible-core's own argument handling, no_log censoring, verbosity,
  callbacks); the result comes back through the ``reliability_capture`` callback as JSON lines.
- ``run_playbook`` runs ``ansible-playbook`` with the same callback (the concurrency test).
- ``run_in_process`` imports the module and calls its ``main()`` with ``patch_module_args``,
  catching the ``SystemExit`` of exit_json / fail_json and reading the JSON it printed. The
  module code, argument spec, validation and client are the very ones a subprocess would run;
  only the process start (about a second) is saved. The fuzz tests use it.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import importlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
STAGED = os.path.dirname(os.path.dirname(HERE))


# Directories this session made; conftest removes them when the session ends.
TEMP_DIRS = []


def _private_copy(staged):
    """A private copy of the staged collection for this test session.

    ``make stage`` replaces .build/ansible_collections/polycloud/ops as a whole; a run of it elsewhere
    (another make target, another developer's shell) while this suite runs would pull the files from
    under the ansible subprocesses. The copy keeps a session's view stable.
    """
    if os.environ.get("RELIABILITY_COLLECTIONS"):
        return os.path.join(os.environ["RELIABILITY_COLLECTIONS"], "ansible_collections", "polycloud", "ops")
    base = tempfile.mkdtemp(prefix="polycloud-reliability-collections-")
    TEMP_DIRS.append(base)
    target = os.path.join(base, "ansible_collections", "polycloud", "ops")
    shutil.copytree(staged, target, ignore=shutil.ignore_patterns(".git", "__pycache__", "output", ".hypothesis",
                                                                  ".pytest_cache"))
    os.environ["RELIABILITY_COLLECTIONS"] = base
    return target


ROOT = _private_copy(STAGED)
CALLBACKS = os.path.join(ROOT, "tests", "reliability", "callback_plugins")
BIN = os.path.dirname(sys.executable)

# The emulator's default credentials (tests/emulator/{tencent,huawei,baidu}.py document them).
TENCENT = {"secret_id": "AKIDpolycloudOFFLINEexample0000000000", "secret_key": "offline-tencent-secret-key"}
HUAWEI_PROJECT = "0d0466b0e7274d9cb35df84bb474a37f"
HUAWEI = {"access_key": "HWOFFLINEACCESSKEY0001", "secret_key": "offline-huawei-secret-key"}
BAIDU = {"access_key": "bceofflinepolycloud0000000000000", "secret_key": "offline-baidu-secret-key"}

# Tables the tests fill in and conftest prints at the end of the run: {title: {(row, column): text}}
# or {title: [lines]}.
SUMMARY = {}

MODULES = ("tencentcloud_kms_cloud_resource", "tencentcloud_cvm_security_group_association",
           "huaweicloud_kms_key_tag", "huaweicloud_kms_key_tags", "baiducloud_bcc_instance_role")


def cloud_of(module):
    return module.split("_", 1)[0]


def common_args(module, url, **overrides):
    """The cloud's common options for a module, pointing at the emulator at ``url``."""
    cloud = cloud_of(module)
    if cloud == "tencentcloud":
        args = dict(TENCENT, region="ap-guangzhou", endpoint=url)
    elif cloud == "huaweicloud":
        args = dict(HUAWEI, region="eu-de", project_id=HUAWEI_PROJECT, endpoint=url)
    else:
        args = dict(BAIDU, region="bj", endpoint=url)
    args.update(overrides)
    return args


class Run(object):
    """One module run: exit code, the module's result (a dict), the raw output and the time taken."""

    def __init__(self, rc, result, stdout, stderr, elapsed, results=None):
        self.rc = rc
        self.result = result
        self.stdout = stdout
        self.stderr = stderr
        self.elapsed = elapsed
        self.results = results or []

    @property
    def failed(self):
        return bool(self.result.get("failed"))

    def __repr__(self):
        return "Run(rc=%r, elapsed=%.1f, msg=%r, result=%s, stderr=%s)" % (
            self.rc, self.elapsed, self.result.get("msg"), json.dumps(self.result, sort_keys=True)[:3000],
            self.stderr[-2000:])


_PRIVATE_TMP = tempfile.mkdtemp(prefix="polycloud-reliability-ansible-")
TEMP_DIRS.append(_PRIVATE_TMP)


def ansible_env(capture, extra=None):
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": os.path.dirname(os.path.dirname(os.path.dirname(ROOT))),
        "ANSIBLE_CALLBACK_PLUGINS": CALLBACKS,
        "ANSIBLE_CALLBACKS_ENABLED": "reliability_capture",
        "ANSIBLE_LOAD_CALLBACK_PLUGINS": "1",
        "ANSIBLE_LOCALHOST_WARNING": "0",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
        "ANSIBLE_DEPRECATION_WARNINGS": "0",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "RELIABILITY_CAPTURE": capture,
        # A private temp dir: other sessions on the host must not clean ours away.
        "ANSIBLE_LOCAL_TEMP": _PRIVATE_TMP,
        "ANSIBLE_REMOTE_TEMP": _PRIVATE_TMP,
    })
    # A run must never pick up a developer's real cloud credentials.
    for name in list(env):
        if name.startswith(("TENCENTCLOUD_", "HW_", "HUAWEICLOUD_SDK_", "OS_", "BAIDUCLOUD_", "BCE_")):
            del env[name]
    env.update(extra or {})
    return env


def _read_capture(path):
    results = []
    if os.path.exists(path):
        with open(path) as handle:
            for line in handle:
                if line.strip():
                    entry = json.loads(line)
                    # Callbacks get the result without its "failed" key: the status says it.
                    entry["result"].setdefault("failed", entry["status"] == "failed")
                    results.append(entry)
    return results


def _run(cmd, env, timeout):
    """Run an ansible command with the capture callback; return a Run of its last task result."""
    handle, capture = tempfile.mkstemp(prefix="reliability-", suffix=".jsonl")
    os.close(handle)
    try:
        started = time.monotonic()
        proc = subprocess.run(cmd, env=ansible_env(capture, env), capture_output=True, text=True, timeout=timeout,
                              cwd=ROOT, check=False)
        elapsed = time.monotonic() - started
        results = _read_capture(capture)
    finally:
        os.unlink(capture)
    return Run(proc.returncode, results[-1]["result"] if results else {}, proc.stdout, proc.stderr, elapsed,
               results)


def _flags(check=False, diff=False, verbosity=0):
    return (["--check"] if check else []) + (["--diff"] if diff else []) + (["-" + "v" * verbosity] if verbosity else [])


def run_adhoc(module, args, check=False, diff=False, verbosity=0, env=None, timeout=180):
    """``ansible localhost -m polycloud.ops.MODULE -a JSON``; returns a Run."""
    cmd = [os.path.join(BIN, "ansible"), "localhost", "-m", "polycloud.ops." + module, "-a", json.dumps(args)]
    return _run(cmd + _flags(check, diff, verbosity), env, timeout)


def run_playbook(playbook, inventory, forks=5, extra_vars=None, env=None, timeout=600, check=False, verbosity=0):
    """``ansible-playbook -i INVENTORY -f FORKS PLAYBOOK``; Run.results holds every task result."""
    cmd = [os.path.join(BIN, "ansible-playbook"), "-i", inventory, "-f", str(forks), playbook]
    if extra_vars:
        cmd += ["-e", json.dumps(extra_vars)]
    return _run(cmd + _flags(check, False, verbosity), env, timeout)


class ModuleExit(Exception):
    pass


def run_in_process(module, args, check=False):
    """Call ``plugins/modules/MODULE.main()`` in this process; return the result dict it printed.

    AnsibleModule prints its JSON result to stdout and calls sys.exit; both are caught here.
    """
    from ansible.module_utils.testing import patch_module_args

    mod = importlib.import_module("ansible_collections.polycloud.ops.plugins.modules." + module)
    full = dict(args)
    if check:
        full["_ansible_check_mode"] = True
    out = io.StringIO()
    with patch_module_args(full), contextlib.redirect_stdout(out):
        try:
            mod.main()
        except SystemExit:
            pass
    text = out.getvalue().strip()
    try:
        return json.loads(text[text.index("{"):])
    except ValueError:
        raise ModuleExit("the module printed no JSON result: %r" % text[:2000])


def wait_until(predicate, timeout=10.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def http(url, method="GET", body=None, headers=None, timeout=10):
    """(status, body bytes) of one plain HTTP request; HTTP errors are returned, not raised."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def run_rows(rows, func, workers=3, **emulator_kwargs):
    """Run ``func(row, emulator, control)`` for every row, ``workers`` at a time, each worker with an
    offline cloud of its own (faults and state are per emulator, so rows cannot disturb each other).

    The rows are module runs in subprocesses, mostly waiting on timeouts, backoff and process start-up:
    running a few at once keeps the suite's wall time down on two cores. Returns {row: value or the
    exception the row raised}; the parametrized tests then assert on their row.
    """
    import queue
    import threading

    from tests.emulator.control import Control
    from tests.emulator.server import Emulator

    todo = queue.Queue()
    for row in rows:
        todo.put(row)
    done = {}

    def worker():
        server = Emulator("127.0.0.1", 0, **emulator_kwargs).start()
        control = Control(server.url)
        try:
            while True:
                try:
                    row = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    control.reset()
                    done[row] = func(row, server, control)
                except Exception as exc:  # pylint: disable=broad-except
                    done[row] = exc
        finally:
            server.stop()

    threads = [threading.Thread(target=worker) for dummy in range(max(1, min(workers, len(rows))))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done


def row_value(done, row):
    value = done[row]
    if isinstance(value, Exception):
        raise value
    return value
