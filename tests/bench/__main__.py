# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmark suite (issue 6): ``python -m tests.bench --emulator URL --venv DIR --build DIR``.

Run from the staged collection root under tools/with_emulator (``make bench``). Prints one table
and, with ``--output``, writes docs/performance.md (method and the figures of this run).
``--smoke`` runs only the API call counts and fails if one differs from the expected count
(``make test``): counts are deterministic, times are not, so no time is asserted.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import datetime
import os
import platform
import shutil
import sys
import tempfile
import time

from tests.bench import suite
from tests.bench.harness import Ansible, Emulator


def table(rows):
    head = ("section", "measure", "figure", "target / floor", "ratio", "note")
    body = [(s, m, f, t, "-" if r is None else "%.2f" % r, n) for s, m, f, t, r, n in rows]
    widths = [max(len(str(c)) for c in col) for col in zip(head, *body)]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |" for row in body]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.bench")
    parser.add_argument("--emulator", default=os.environ.get("EMULATOR_URL"), help="the offline cloud's URL")
    parser.add_argument("--venv", required=True)
    parser.add_argument("--build", required=True, help="the directory that holds ansible_collections/")
    parser.add_argument("--output", help="write the method and figures to this Markdown file")
    parser.add_argument("--smoke", action="store_true", help="API call counts only, asserted")
    parser.add_argument("--reps", type=int, default=5, help="interleaved repetitions per overhead figure")
    args = parser.parse_args(argv)
    if not args.emulator:
        parser.error("--emulator or EMULATOR_URL is required")

    # The load generator signs with the collection's own signer.
    sys.path.insert(0, os.path.abspath(args.build))
    emulator = Emulator(args.emulator)
    workdir = tempfile.mkdtemp(prefix="polycloud-bench-")
    ansible = Ansible(os.path.abspath(args.venv), os.path.abspath(args.build), workdir)
    started = time.time()
    rows, notes = [], []
    try:
        if args.smoke:
            got, skipped, mismatches = suite.api_calls(emulator, ansible, (1, 100, 1000), (1, 10))
            rows += got
            notes += skipped
            print(table(rows))
            for note in notes:
                print("note: " + note)
            if mismatches:
                print("bench smoke: FAILED, call counts differ from the expected counts:\n  " + "\n  ".join(mismatches))
                return 1
            print("bench smoke: every call count is the expected one (%d cells, %.0f s)" % (
                2 * len(rows), time.time() - started))
            return 0
        rows += suite.emulator_throughput(emulator, clients=2, seconds=3)
        got, skipped = suite.per_task_overhead(emulator, ansible, args.reps)
        rows += got
        notes += skipped
        got, skipped, mismatches = suite.api_calls(emulator, ansible, (1, 100, 1000), (1, 2, 5, 10))
        rows += got
        notes += skipped + ["call count differs from the expected one: " + m for m in mismatches]
        got, skipped = suite.fleet(emulator, ansible, size=1000, loop_size=30, reps=3)
        rows += got
        notes += skipped
        rows += suite.contention(emulator, ansible, forks=20, per_fork=50)
        got, skipped = suite.huawei_tokens(emulator, ansible, tasks=20)
        rows += got
        notes += skipped
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.time() - started
    text = table(rows)
    print(text)
    for note in notes:
        print("note: " + note)
    short, by_section = [], {}
    for row, why in suite.short_of_target(rows):
        by_section.setdefault(row[0], (why, []))[1].append("%s %.2f" % (row[1], row[4]))
    for section, (why, cells) in by_section.items():
        short.append("%s (target %.2f): %s. Why: %s" % (section, suite.TARGETS[section], "; ".join(cells), why))
    for line in short:
        print("short of target: " + line)
    notes += ["short of target: " + line for line in short]
    print("make bench: %d figures in %.0f s" % (len(rows), elapsed))
    if args.output:
        write_doc(args.output, text, notes, elapsed)
        print("make bench: wrote %s" % args.output)
    return 0


def write_doc(path, text, notes, elapsed):
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "method.md")) as handle:
        method = handle.read()
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    with open(path, "w") as handle:
        handle.write(method.rstrip() + "\n\n## Latest figures\n\n")
        handle.write("`make bench` on %s, %s, Python %s, %d CPU(s); the run took %.0f s.\n\n" % (
            stamp, platform.system(), platform.python_version(), os.cpu_count() or 0, elapsed))
        handle.write(text + "\n")
        if notes:
            handle.write("\n" + "\n".join("- " + n for n in notes) + "\n")


if __name__ == "__main__":
    sys.exit(main())
