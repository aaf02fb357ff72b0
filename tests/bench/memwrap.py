# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Interpreter wrapper for the memory benchmark: ``ansible_python_interpreter="PYTHON memwrap.py"``.

Runs ``PYTHON ARGS...`` (the module Ansible hands over) as a child with the same stdin and stdout,
then appends the child's peak resident set size in KiB and its wall time in seconds (one line,
space-separated) to the file named by BENCH_RSS_FILE."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import resource
import subprocess
import sys
import time


def main():
    start = time.perf_counter()
    rc = subprocess.call([sys.executable] + sys.argv[1:])
    seconds = time.perf_counter() - start
    path = os.environ.get("BENCH_RSS_FILE")
    if path:
        with open(path, "a") as handle:
            handle.write("%d %.6f\n" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, seconds))
    return rc


if __name__ == "__main__":
    sys.exit(main())
