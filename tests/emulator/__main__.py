# -*- coding: utf-8 -*-
# Copyright (c) 2026, polycloud.ops contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Command line: ``python -m tests.emulator [--host H] [--port P] [--port-file F] [--seed FILE]``."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import signal
import sys

from .server import LOG_LIMIT, Emulator


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=18080, help="port; 0 picks a free one (default 18080)")
    parser.add_argument("--port-file", help="write the bound port to this file once listening")
    parser.add_argument("--seed", help="a JSON file to POST to /_emulator/seed at start")
    parser.add_argument("--tls-cert", help="serve HTTPS with this PEM certificate")
    parser.add_argument("--tls-key", help="the certificate's PEM private key")
    parser.add_argument("--quiet", action="store_true", help="do not print one line per request")
    parser.add_argument("--log-limit", type=int, default=LOG_LIMIT,
                        help="keep the newest N calls in the request log (default %d)" % LOG_LIMIT)
    args = parser.parse_args(argv)

    emulator = Emulator(args.host, args.port, tls_cert=args.tls_cert, tls_key=args.tls_key, verbose=not args.quiet,
                        log_limit=args.log_limit)
    if args.seed:
        with open(args.seed) as handle:
            emulator.seed(json.load(handle))

    def stop(_signum, _frame):
        emulator.request_stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    sys.stdout.write("polycloud offline cloud listening on %s\n" % emulator.url)
    sys.stdout.flush()
    if args.port_file:
        with open(args.port_file, "w") as handle:
            handle.write("%d\n" % emulator.port)
    emulator.serve_until_stopped()
    sys.stdout.write("polycloud offline cloud stopped\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
