# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmarks of issue 6. Each function measures one thing against the emulator and returns
rows for the table: (section, measure, figure, target or floor, ratio, note)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json
import math
import multiprocessing
import os
import time

from tests.bench.harness import (BAIDU, HUAWEI_AK, HUAWEI_KEY, HUAWEI_PASSWORD, ROLE, SG, TENCENT, baidu_ids, check,
                                 median, tencent_ids)

SG_MODULE = "polycloud.ops.tencentcloud_cvm_security_group_association"
KMS_MODULE = "polycloud.ops.tencentcloud_kms_cloud_resource"
ROLE_MODULE = "polycloud.ops.baiducloud_bcc_instance_role"
TAG_MODULE = "polycloud.ops.huaweicloud_kms_key_tag"
TAGS_MODULE = "polycloud.ops.huaweicloud_kms_key_tags"
KMS_KEY = "23e80852-1e38-11e9-b129-5cb9019b4b01"

# Documented per-action rate limits the emulator enforces (tests/emulator/tencent.py).
TENCENT_RATES = {"AssociateSecurityGroups": 10, "DisassociateSecurityGroups": 10, "DescribeInstances": 40,
                 "BindCloudResource": 100}

# Where a module's count is above the API minimum for a reason that is not ours to fix here, the
# smoke test pins the count it makes today (so a regression still fails) and says why.
KNOWN_GAPS = {}
_WHY_HUAWEI = "ListKeyDetail (describe-key) pre-flight on every run, also when nothing is to change"
for _n in (1, 2, 5, 10):
    KNOWN_GAPS[("polycloud.ops.huaweicloud_kms_key_tags", _n, "changed")] = (
        {"ListKeyDetail": 1, "ShowKmsTags": 1, "BatchCreateKmsTags:create": 1}, _WHY_HUAWEI)
    KNOWN_GAPS[("polycloud.ops.huaweicloud_kms_key_tags", _n, "unchanged")] = (
        {"ListKeyDetail": 1, "ShowKmsTags": 1}, _WHY_HUAWEI)
KNOWN_GAPS[("polycloud.ops.huaweicloud_kms_key_tag", 1, "changed")] = (
    {"ListKeyDetail": 1, "ShowKmsTags": 1, "CreateKmsTag": 1}, _WHY_HUAWEI)
KNOWN_GAPS[("polycloud.ops.huaweicloud_kms_key_tag", 1, "unchanged")] = ({"ListKeyDetail": 1, "ShowKmsTags": 1}, _WHY_HUAWEI)


_WHY_POLLS = ("with wait the module probes the newest operation's instances until they settle, then sweeps the "
              "rest once; every probe made while the newest operation still runs is a DescribeInstances above the "
              "minimum of one read and one poll per 100 instances")
# Targets of issue 6 by section (ratio at most), and why a figure over its target is there.
TARGETS = {"per-task overhead": 1.15, "API calls": 1.0, "fleet": 1.3, "contention": 1.3, "Huawei password auth": 1.0}
SHORT_WHY = {
    "per-task overhead": "the module's own work on the no-change path is about 10 ms (profiled); the rest is importing "
                         "requests and jsonschema (the design's two runtime dependencies, about 45 + 33 ms with warm "
                         "bytecode caches) and compiling the collection's module_utils from the AnsiballZ zip, which "
                         "has no bytecode cache, in every task",
    "API calls": "see the notes: the extra calls are in the modules, not in the shared code",
    "fleet": _WHY_POLLS + ", and the task's time includes its module process start (see the ping task)",
    "contention": "on a 2-core controller the run is CPU-bound: 20 forks and 20 module processes need more CPU "
                  "time per core (the note) than the rate limits need wall time; no reply was throttled",
    "Huawei password auth": "the Huawei client does not take its password tokens from the host's token cache "
                            "(plugins/module_utils/_token_cache.py)",
}


def short_of_target(rows):
    """(row, why) for the rows over their section's target."""
    out = []
    for row in rows:
        target = TARGETS.get(row[0])
        if target is not None and row[4] is not None and row[4] > target + 1e-9 and not row[1].startswith(
                ("Tencent: loop", "Baidu: loop")) and "budget per process" not in row[1]:
            out.append((row, SHORT_WHY[row[0]]))
    return out


def chunks(count, size=100):
    return int(math.ceil(count / float(size)))


def module_installed(ansible, name):
    short = name.split(".")[-1]
    return os.path.exists(os.path.join(ansible.env["ANSIBLE_COLLECTIONS_PATH"], "ansible_collections", "polycloud",
                                       "ops", "plugins", "modules", short + ".py"))


def _seed_tencent(emulator, ids, groups=(), async_delay=None, rate_limits=None):
    emulator.reset(async_delay=async_delay, rate_limits=rate_limits, tencentcloud={
        "security_groups": [SG], "instances": [{"instance_id": i, "security_group_ids": list(groups)} for i in ids],
        "kms_keys": [{"key_id": KMS_KEY, "alias": "bench", "bindings": []}]})


def _seed_baidu(emulator, ids, role=""):
    emulator.reset(baiducloud={"roles": [ROLE], "instances": [{"instance_id": i, "role_name": role} for i in ids]})


def _seed_huawei(emulator, tags=None):
    emulator.reset(huaweicloud={"keys": [{"key_id": HUAWEI_KEY, "project_id": HUAWEI_AK["project_id"],
                                          "tags": tags or {}}]})


def _tags(count):
    return dict(("bench-%02d" % n, "v%d" % n) for n in range(count))


# What each module's no-change path needs: (module, seed function, args builder).
def no_change_cases(emulator):
    url = emulator.url
    one_t, one_b = tencent_ids(1), baidu_ids(1)
    return [
        ("tencentcloud_cvm_security_group_association", SG_MODULE,
         lambda: _seed_tencent(emulator, one_t, groups=[SG]),
         dict(TENCENT, endpoint=url, instance_ids=one_t, security_group_ids=[SG])),
        ("tencentcloud_kms_cloud_resource", KMS_MODULE, lambda: _seed_tencent(emulator, one_t),
         dict(TENCENT, endpoint=url, key_id=KMS_KEY, product_id="cvm", resource_id=one_t[0], state="absent")),
        ("huaweicloud_kms_key_tag", TAG_MODULE, lambda: _seed_huawei(emulator, {"env": "prod"}),
         dict(HUAWEI_AK, endpoint=url, key_id=HUAWEI_KEY, tag_key="env", tag_value="prod")),
        ("huaweicloud_kms_key_tags", TAGS_MODULE, lambda: _seed_huawei(emulator, {"env": "prod"}),
         dict(HUAWEI_AK, endpoint=url, key_id=HUAWEI_KEY, tags={"env": "prod"})),
        ("baiducloud_bcc_instance_role", ROLE_MODULE, lambda: _seed_baidu(emulator, one_b, role=ROLE),
         dict(BAIDU, endpoint=url, instance_ids=one_b, role_name=ROLE)),
    ]


def per_task_overhead(emulator, ansible, reps):
    """Ad hoc module runs on their no-change path, interleaved with ansible.builtin.ping."""
    rows, notes = [], []
    base_import = [ansible.import_seconds("ansible.modules.ping") for _rep in range(3)]
    ping_rss, ping_process = _module_process(ansible, "ansible.builtin.ping", {})
    for name, module, seed, args in no_change_cases(emulator):
        if not module_installed(ansible, module):
            notes.append("per-task overhead: %s is not in the collection yet; skipped" % name)
            continue
        seed()
        module_times, ping_times = [], []
        seq = emulator.last_seq()
        check(ansible.adhoc(module, args), name)  # warm the page cache, and count its calls
        calls, _throttled = emulator.calls_since(seq)
        for _rep in range(reps):
            module_times.append(check(ansible.adhoc(module, args), name)["seconds"])
            ping_times.append(check(ansible.adhoc("ansible.builtin.ping", {}), "ping")["seconds"])
        imports = [ansible.import_seconds("ansible_collections.polycloud.ops.plugins.modules." + name)
                   for _rep in range(3)]
        rss, process = _module_process(ansible, module, args)
        # Each pair runs back to back, under the same load: the median of the pair ratios is the steadiest.
        ratio = median([m / p for m, p in zip(module_times, ping_times)])
        rows.append(("per-task overhead", "%s vs ping (ad hoc, no change)" % name,
                     "%.2f s vs %.2f s" % (median(module_times), median(ping_times)), "<= 1.15", ratio,
                     "module process %.0f ms (ping %.0f); import %.0f ms (ping %.0f); peak RSS %.1f MiB (ping %.1f); "
                     "%d API call(s)" % (1000 * process, 1000 * ping_process, 1000 * median(imports),
                                         1000 * median(base_import), rss, ping_rss, sum(calls.values()))))
    return rows, notes


def _module_process(ansible, module, args, runs=3):
    """(peak RSS in MiB, median wall seconds) of the module process as Ansible runs it, through an
    interpreter wrapper."""
    rss_file = os.path.join(ansible.workdir, "rss.txt")
    if os.path.exists(rss_file):
        os.unlink(rss_file)
    # Ansible wants one executable as the interpreter: a two-line script in the scratch directory.
    wrapper = os.path.join(ansible.workdir, "memwrap")
    with open(wrapper, "w") as handle:
        handle.write('#!/bin/sh\nexec "%s" "%s" "$@"\n' % (
            ansible.python, os.path.join(os.path.dirname(os.path.abspath(__file__)), "memwrap.py")))
    os.chmod(wrapper, 0o700)
    for _run in range(runs):
        check(ansible.adhoc(module, args, extra_env={"BENCH_RSS_FILE": rss_file}, interpreter=wrapper), module)
    with open(rss_file) as handle:
        samples = [line.split() for line in handle if line.strip()]
    return max(int(kib) for kib, _s in samples) / 1024.0, median([float(s) for _kib, s in samples])


# API calls: (what, N, module, seed(changed), args, minimum changed, minimum unchanged).

def call_cases(emulator, sizes, tag_counts):
    url = emulator.url
    cases = []
    for n in sizes:
        ids = tencent_ids(n)
        # With wait, the minimum is one read, one write and one settle read per 100 instances.
        cases.append(("Tencent SG association", n, SG_MODULE,
                      (lambda ids=ids: _seed_tencent(emulator, ids, async_delay=0)),
                      dict(TENCENT, endpoint=url, instance_ids=ids, security_group_ids=[SG]),
                      {"DescribeInstances": 2 * chunks(n), "AssociateSecurityGroups": chunks(n)},
                      {"DescribeInstances": chunks(n)}))
    for n in sizes:
        ids = baidu_ids(n)
        cases.append(("Baidu role binding", n, ROLE_MODULE, (lambda ids=ids: _seed_baidu(emulator, ids)),
                      dict(BAIDU, endpoint=url, instance_ids=ids, role_name=ROLE),
                      {"ListInstanceByInstanceIds": chunks(n), "BindInstanceRole": chunks(n)},
                      {"ListInstanceByInstanceIds": chunks(n)}))
    for n in tag_counts:
        tags = _tags(n)
        cases.append(("Huawei key tags (batch)", n, TAGS_MODULE, (lambda: _seed_huawei(emulator)),
                      dict(HUAWEI_AK, endpoint=url, key_id=HUAWEI_KEY, tags=tags),
                      {"ShowKmsTags": 1, "BatchCreateKmsTags:create": 1}, {"ShowKmsTags": 1}))
    cases.append(("Huawei key tag (one)", 1, TAG_MODULE, (lambda: _seed_huawei(emulator)),
                  dict(HUAWEI_AK, endpoint=url, key_id=HUAWEI_KEY, tag_key="env", tag_value="prod"),
                  {"ShowKmsTags": 1, "CreateKmsTag": 1}, {"ShowKmsTags": 1}))
    return cases


def api_calls(emulator, ansible, sizes, tag_counts):
    """Calls per task, changed (first run) and unchanged (second run), against the API minimum."""
    rows, notes, mismatches, gaps = [], [], [], []
    for what, n, module, seed, args, least_changed, least_unchanged in call_cases(emulator, sizes, tag_counts):
        if not module_installed(ansible, module):
            notes.append("API calls: %s is not in the collection yet; skipped" % module)
            continue
        seed()
        made = []
        for expected, label in ((least_changed, "changed"), (least_unchanged, "unchanged")):
            seq = emulator.last_seq()
            check(ansible.adhoc(module, args), "%s N=%d (%s)" % (what, n, label))
            calls, _throttled = emulator.calls_since(seq)
            made.append((label, dict(calls), expected, sum(calls.values()), sum(expected.values())))
            pinned, why = KNOWN_GAPS.get((module, n, label), (expected, None))
            if dict(calls) != pinned:
                mismatches.append("%s N=%d %s: made %s, expected %s%s" % (
                    what, n, label, dict(calls), pinned, "" if why is None else (
                        " (a known gap, pinned in KNOWN_GAPS in tests/bench/suite.py: if the module now makes "
                        "the minimum %s, drop its entries there)" % expected)))
            if why and dict(calls) == pinned and why not in gaps:
                gaps.append(why)
        (_l1, calls_c, _e1, total_c, least_c), (_l2, calls_u, _e2, total_u, least_u) = made
        rows.append(("API calls", "%s, N=%d: changed / unchanged" % (what, n),
                     "%d / %d" % (total_c, total_u), "%d / %d" % (least_c, least_u),
                     max(total_c / float(least_c), total_u / float(least_u)),
                     "changed: %s" % _short(calls_c)))
    notes += ["above the API minimum (another module's code): " + why for why in gaps]
    return rows, notes, mismatches


def _short(calls):
    return ", ".join("%s %d" % (k, v) for k, v in sorted(calls.items()))


def _floor(calls, rates, parallel=False):
    """Seconds the documented limits need for ``calls`` ({action: n}) at ``rates`` per second:
    one action after another (a single task) or the busiest action (forks in parallel)."""
    parts = [n / float(rates[a]) for a, n in calls.items() if rates.get(a)]
    if not parts:
        return None
    return max(parts) if parallel else sum(parts)


def _task_seconds(report):
    task = report["tasks"][-1]
    return task["end"] - task["start"]


def _play(module, args, loop=False):
    task = {"name": "fleet", module: args}
    if loop:
        task["loop"] = "{{ ids }}"
    return [{"hosts": "localhost", "gather_facts": False, "tasks": [task]}]


def _fleet_one(emulator, ansible, cloud, size, loop_size, reps):
    """(median one-task seconds, calls made, loop seconds, one-task seconds) at ``size`` / ``loop_size``."""
    url = emulator.url
    if cloud == "Tencent":
        module, ids_of, seed = SG_MODULE, tencent_ids, _seed_tencent
        args = dict(TENCENT, endpoint=url, security_group_ids=[SG])
    else:
        module, ids_of, seed = ROLE_MODULE, baidu_ids, _seed_baidu
        args = dict(BAIDU, endpoint=url, role_name=ROLE)
    one_task = _play(module, dict(args, instance_ids="{{ ids }}"))
    ids = ids_of(size)
    times, made = [], None
    for _rep in range(reps):
        seed(emulator, ids)
        seq = emulator.last_seq()
        times.append(_task_seconds(check(ansible.playbook(one_task, {"ids": ids}), cloud + " fleet")))
        made, _throttled = emulator.calls_since(seq)
    # A per-instance loop over loop_size instances against one task over the same instances.
    small = ids_of(loop_size)
    seed(emulator, small)
    loop = _play(module, dict(args, instance_ids=["{{ item }}"]), loop=True)
    loop_time = _task_seconds(check(ansible.playbook(loop, {"ids": small}), cloud + " loop"))
    seed(emulator, small)
    one_time = _task_seconds(check(ansible.playbook(one_task, {"ids": small}), cloud + " small fleet"))
    return median(times), made, loop_time, one_time


def _loop_row(cloud, size, loop_size, fleet_time, loop_time, one_time):
    return ("fleet", "%s: loop over %d instances / one task" % (cloud, loop_size),
            "%.2f s / %.2f s" % (loop_time, one_time), "-", loop_time / one_time,
            "at N=%d, loop extrapolated: %.0f s = %.0f x the one task" % (
                size, loop_time * size / loop_size, loop_time * size / loop_size / fleet_time))


def fleet(emulator, ansible, size, loop_size, reps):
    rows, notes = [], []
    # Tencent: one security group on `size` instances, default async completion (0.3 s).
    fleet_time, made, loop_time, one_time = _fleet_one(emulator, ansible, "Tencent", size, loop_size, reps)
    least = {"DescribeInstances": 2 * chunks(size), "AssociateSecurityGroups": chunks(size)}
    floor = _floor(least, TENCENT_RATES)
    if sum(made.values()) > sum(least.values()):
        notes.append("above the API minimum (another module's code): the Tencent fleet task made %s against a minimum "
                     "of %s: %s" % (_short(made), _short(least), _WHY_POLLS))
    rows.append(("fleet", "Tencent: 1 SG on %d instances, one task" % size, "%.2f s" % fleet_time,
                 "floor %.2f s" % floor, fleet_time / floor, "calls: %s" % _short(made)))
    rows.append(_loop_row("Tencent", size, loop_size, fleet_time, loop_time, one_time))
    # Baidu: one role on `size` instances. BCC documents no rate limit: no floor to divide by.
    if not module_installed(ansible, ROLE_MODULE):
        notes.append("fleet: %s is not in the collection yet; skipped" % ROLE_MODULE)
        return rows, notes
    fleet_time, made, loop_time, one_time = _fleet_one(emulator, ansible, "Baidu", size, loop_size, reps)
    ping = _play("ansible.builtin.ping", {})
    ping_time = median([_task_seconds(check(ansible.playbook(ping), "ping")) for _rep in range(reps)])
    rows.append(("fleet", "Baidu: 1 role on %d instances, one task" % size, "%.2f s" % fleet_time,
                 "no documented limit", None, "ping task %.2f s; calls: %s" % (ping_time, _short(made))))
    rows.append(_loop_row("Baidu", size, loop_size, fleet_time, loop_time, one_time))
    return rows, notes


def contention(emulator, ansible, forks, per_fork):
    """``forks`` hosts (local connection), each managing its own instances, same account and region."""
    rows = []
    url = emulator.url
    hosts = {}
    all_ids = []
    for n in range(forks):
        ids = tencent_ids(per_fork, prefix=chr(ord("a") + n))
        all_ids += ids
        hosts["fork%02d" % n] = {"ansible_connection": "local", "ansible_python_interpreter": ansible.python,
                                 "ids": ids}
    inventory = {"all": {"hosts": hosts}}
    play = _play(SG_MODULE, dict(TENCENT, endpoint=url, instance_ids="{{ ids }}", security_group_ids=[SG]))
    play[0]["hosts"] = "all"
    floor = _floor({"AssociateSecurityGroups": forks * chunks(per_fork), "DescribeInstances": 2 * forks * chunks(per_fork)},
                   TENCENT_RATES, parallel=True)
    for label, env in (("shared rate budget", {}), ("budget per process (POLYCLOUD_OPS_RATE_BUDGET=off)",
                                                    {"POLYCLOUD_OPS_RATE_BUDGET": "off"})):
        _seed_tencent(emulator, all_ids)
        before = emulator.state()["_emulator"]["throttled"]
        report = ansible.playbook(play, inventory=inventory, forks=forks, extra_env=env)
        throttled = emulator.state()["_emulator"]["throttled"] - before
        seconds = _task_seconds(report) if report["tasks"] else report["seconds"]
        cores = os.cpu_count() or 1
        rows.append(("contention", "%d forks x %d instances, %s" % (forks, per_fork, label), "%.2f s" % seconds,
                     "floor %.2f s" % floor, seconds / floor, "failed tasks %d, throttled responses %d; the run "
                     "used %.1f CPU s = %.1f s on %d cores (ansible-playbook wall %.1f s)" % (
                         report["counts"].get("failed", 0) + report["counts"].get("unreachable", 0), throttled,
                         report["cpu"], report["cpu"] / cores, cores, report["seconds"])))
    return rows


def huawei_tokens(emulator, ansible, tasks):
    if not module_installed(ansible, TAG_MODULE):
        return [], ["Huawei password auth: %s is not in the collection yet; skipped" % TAG_MODULE]
    _seed_huawei(emulator)
    url = emulator.url
    play = [{"hosts": "localhost", "gather_facts": False, "tasks": [{
        "name": "tag %02d" % n, TAG_MODULE: dict(HUAWEI_PASSWORD, endpoint=url, iam_endpoint=url, key_id=HUAWEI_KEY,
                                                 tag_key="bench-%02d" % (n % 5), tag_value="v")} for n in range(tasks)]}]
    seq = emulator.last_seq()
    check(ansible.playbook(play), "Huawei password auth")
    calls, _throttled = emulator.calls_since(seq)
    tokens = calls.get("KeystoneCreateUserTokenByPassword", 0)
    return [("Huawei password auth", "IAM token requests for %d KMS tag tasks" % tasks, "%d" % tokens, "1",
             tokens / 1.0, "KMS calls %d" % (sum(calls.values()) - tokens))], []


# Emulator throughput: signed DescribeInstances from several processes over keep-alive connections.

def _load(url, seconds, queue):
    try:
        queue.put(_load_for(url, seconds))
    except Exception as exc:  # pylint: disable=broad-except
        queue.put((0, repr(exc)))


def _load_for(url, seconds):
    from ansible_collections.polycloud.ops.plugins.module_utils._tencent_signer import request_headers
    host = url.split("://", 1)[1]
    conn = http.client.HTTPConnection(host, timeout=30)
    body = json.dumps({"InstanceIds": tencent_ids(1), "Limit": 100}).encode("utf-8")
    done, errors = 0, 0
    end = time.time() + seconds
    while time.time() < end:
        headers = request_headers(TENCENT["secret_id"], TENCENT["secret_key"], "cvm", host, "DescribeInstances",
                                  "2017-03-12", TENCENT["region"], body, int(time.time()))
        conn.request("POST", "/", body=body, headers=headers)
        reply = conn.getresponse()
        data = reply.read()
        done += 1
        if reply.status != 200 or b'"Error"' in data:
            errors += 1
    return done, errors


def emulator_throughput(emulator, clients, seconds):
    _seed_tencent(emulator, tencent_ids(1), rate_limits={"tencentcloud": {"DescribeInstances": 0}})
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    workers = [ctx.Process(target=_load, args=(emulator.url, seconds, queue)) for _n in range(clients)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    results = [queue.get(timeout=seconds + 60) for _w in workers]
    elapsed = time.perf_counter() - start
    for worker in workers:
        worker.join(10)
    broken = [r[1] for r in results if not isinstance(r[1], int)]
    if broken:
        raise RuntimeError("the load generator failed: %s" % "; ".join(broken))
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    rate = done / elapsed
    return [("emulator", "throughput, signed Tencent DescribeInstances, %d clients" % clients, "%.0f req/s" % rate,
             ">= 10 x the busiest limit (40/s)", rate / 40.0,
             "%d requests, %d errors, signature verified on every one" % (done, errors))]
