# bench_results.py — how the Python benchmarks report a figure.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The same JSON lines as tests/bench/bench-results.c: printed, and appended to
# $RAPPORT_BENCH_RESULTS for build-aux/bench-report.py.

import json
import os


def report(figure):
    line = json.dumps(figure, ensure_ascii=False)
    print(line, flush=True)
    results = os.environ.get('RAPPORT_BENCH_RESULTS')
    if results:
        with open(results, 'a', encoding='utf-8') as output:
            output.write(line + '\n')
