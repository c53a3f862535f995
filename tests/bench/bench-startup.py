#!/usr/bin/python3
# bench-startup.py — time and memory to the first frame: Rapport on the career against a bare
# AdwApplicationWindow built in the same tree and measured the same way.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-startup.py BENCH-WINDOW
# Runs `BENCH-WINDOW --bare` and `BENCH-WINDOW` (Rapport with XDG_DATA_HOME set to
# $RAPPORT_BENCH_DATA_HOME) in turn, one warm-up each, then RUNS each, and appends the medians
# as JSON lines to $RAPPORT_BENCH_RESULTS (and prints them).

import json
import os
import statistics
import subprocess
import sys
import time

from bench_results import report

RUNS = 11
TIMEOUT_S = 600


def run_once(binary, bare, env):
    args = [binary]
    if bare:
        args.append('--bare')
    # The same clock as g_get_monotonic_time (CLOCK_MONOTONIC), taken just before the start.
    t0 = time.monotonic_ns() // 1000
    args.append(f'--t0={t0}')
    completed = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, timeout=TIMEOUT_S, check=False)
    for line in completed.stdout.splitlines():
        line = line.strip()
        if line.startswith('{') and 'first_frame_ms' in line:
            return json.loads(line)
    raise RuntimeError(f'{" ".join(args[:2])} exited with {completed.returncode} and no figures:\n'
                       f'{completed.stderr[-2000:]}')


def main():
    if len(sys.argv) != 2:
        print('usage: bench-startup.py BENCH-WINDOW', file=sys.stderr)
        return 2

    binary = sys.argv[1]
    data_home = os.environ.get('RAPPORT_BENCH_DATA_HOME')
    if not data_home:
        print('RAPPORT_BENCH_DATA_HOME is not set: run this through build-aux/bench',
              file=sys.stderr)
        return 77
    scale = os.environ.get('RAPPORT_BENCH_SCALE', '1')

    bare_env = dict(os.environ)
    rapport_env = dict(os.environ)
    rapport_env['XDG_DATA_HOME'] = data_home

    bare, rapport = [], []
    try:
        # Warm-ups: the page cache, the font cache, the keyring's first answer.
        run_once(binary, True, bare_env)
        run_once(binary, False, rapport_env)
        for _ in range(RUNS):
            bare.append(run_once(binary, True, bare_env))
            rapport.append(run_once(binary, False, rapport_env))
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print(error, file=sys.stderr)
        return 1

    def med(runs, key):
        return statistics.median(run[key] for run in runs)

    bare_ms = med(bare, 'first_frame_ms')
    rapport_ms = med(rapport, 'first_frame_ms')
    bare_mb = med(bare, 'rss_kb') / 1024
    rapport_mb = med(rapport, 'rss_kb') / 1024
    runs_text = f'median of {RUNS} runs after a warm-up, bare and Rapport alternating'
    scale_text = f'career scale {scale}'

    report({
        'name': 'startup-bare', 'label': 'Bare AdwApplicationWindow to its first frame',
        'value': round(bare_ms, 1), 'unit': 'ms', 'runs': RUNS,
        'detail': f'{runs_text}; min {min(r["first_frame_ms"] for r in bare):.0f} ms, '
                  f'max {max(r["first_frame_ms"] for r in bare):.0f} ms',
    })
    report({
        'name': 'startup', 'label': 'Rapport to its first frame with the journal',
        'value': round(rapport_ms, 1), 'unit': 'ms', 'runs': RUNS,
        'detail': f'{scale_text}, {runs_text}; min '
                  f'{min(r["first_frame_ms"] for r in rapport):.0f} ms, max '
                  f'{max(r["first_frame_ms"] for r in rapport):.0f} ms; window made at '
                  f'{med(rapport, "activate_ms"):.0f} ms, journal open at '
                  f'{med(rapport, "store_ms"):.0f} ms, views filled at '
                  f'{med(rapport, "journal_ms"):.0f} ms',
    })
    report({
        'name': 'startup-ratio', 'label': 'Startup against the bare window',
        'value': round(rapport_ms / bare_ms, 2), 'unit': '×', 'max': 1.2, 'runs': RUNS,
        'detail': f'{rapport_ms:.0f} ms / {bare_ms:.0f} ms, {scale_text}',
    })
    report({
        'name': 'rss-bare', 'label': 'Bare window, resident memory at its first frame',
        'value': round(bare_mb, 1), 'unit': 'MB', 'runs': RUNS,
        'detail': f'VmRSS, {runs_text}',
    })
    report({
        'name': 'rss', 'label': 'Rapport, resident memory at its first frame',
        'value': round(rapport_mb, 1), 'unit': 'MB', 'runs': RUNS,
        'detail': f'VmRSS, {scale_text}, {runs_text}',
    })
    report({
        'name': 'rss-delta', 'label': 'Resident memory above the bare window',
        'value': round(rapport_mb - bare_mb, 1), 'unit': 'MB', 'max': 40, 'runs': RUNS,
        'detail': f'{rapport_mb:.1f} MB − {bare_mb:.1f} MB, {scale_text}',
    })
    return 0


if __name__ == '__main__':
    sys.exit(main())
