#!/usr/bin/python3
# bench-report.py — the table build-aux/bench prints, and bench-results.json.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the JSON lines the benchmarks append to RAPPORT_BENCH_RESULTS, one per figure:
#   {"name": "search-p95", "label": "Search as you type, p95", "value": 1.9, "unit": "ms",
#    "max": 5, "runs": 1000, "detail": "..."}
# "max" (the figure must not exceed it) or "min" (must reach it) make it a target; a figure
# without either is a baseline or a context figure. A later line with the same name replaces an
# earlier one. Exit status 1 when a target is missed or nothing was measured.

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys


def machine():
    info = {
        'kernel': platform.release(),
        'cpus': os.cpu_count(),
        'cpu': '',
        'memory_gb': None,
        'os': '',
    }
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as cpuinfo:
            for line in cpuinfo:
                if line.startswith('model name'):
                    info['cpu'] = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open('/proc/meminfo', encoding='utf-8') as meminfo:
            for line in meminfo:
                if line.startswith('MemTotal:'):
                    info['memory_gb'] = round(int(line.split()[1]) / 1024 / 1024, 1)
                    break
    except OSError:
        pass
    try:
        with open('/etc/os-release', encoding='utf-8') as release:
            for line in release:
                if line.startswith('PRETTY_NAME='):
                    info['os'] = line.split('=', 1)[1].strip().strip('"')
    except OSError:
        pass
    return info


def commit(srcdir):
    try:
        return subprocess.run(['git', '-C', srcdir, 'rev-parse', '--short', 'HEAD'],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ''


def verdict(figure):
    value = figure.get('value')
    if value is None:
        return None
    if 'max' in figure:
        return value <= figure['max']
    if 'min' in figure:
        return value >= figure['min']
    return None


def target_text(figure):
    unit = figure.get('unit', '')
    if 'max' in figure:
        return '≤ %s %s' % (number(figure['max']), unit)
    if 'min' in figure:
        return '≥ %s %s' % (number(figure['min']), unit)
    return ''


def number(value):
    if value is None:
        return '—'
    if isinstance(value, float):
        if abs(value) >= 100:
            return '%.0f' % value
        if abs(value) >= 10:
            return '%.1f' % value
        return '%.2f' % value
    return str(value)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('results')
    parser.add_argument('--json', required=True)
    parser.add_argument('--scale', default='1')
    parser.add_argument('--seed', default='')
    args = parser.parse_args()

    figures = {}
    try:
        with open(args.results, encoding='utf-8') as results:
            for line in results:
                line = line.strip()
                if not line:
                    continue
                try:
                    figure = json.loads(line)
                except ValueError:
                    print('bench-report: not JSON: %s' % line, file=sys.stderr)
                    continue
                if 'name' in figure:
                    figures[figure['name']] = figure
    except OSError as error:
        print('bench-report: no results (%s)' % error, file=sys.stderr)

    rows = []
    missed = 0
    for figure in figures.values():
        passed = verdict(figure)
        figure['pass'] = passed
        if passed is False:
            missed += 1
        rows.append((figure.get('label', figure['name']),
                     '%s %s' % (number(figure.get('value')), figure.get('unit', '')),
                     target_text(figure),
                     {True: 'pass', False: 'MISSED', None: ''}[passed]))

    print()
    print('Rapport benchmarks, scale %s (medians)' % args.scale)
    headers = ('metric', 'value', 'target', 'pass')
    widths = [max([len(headers[i])] + [len(row[i]) for row in rows]) for i in range(4)]
    print('  '.join(headers[i].ljust(widths[i]) for i in range(4)).rstrip())
    print('  '.join('-' * widths[i] for i in range(4)))
    for row in rows:
        print('  '.join(row[i].ljust(widths[i]) for i in range(4)).rstrip())

    srcdir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    document = {
        'date': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
        'commit': commit(srcdir),
        'scale': float(args.scale),
        'seed': args.seed,
        'machine': machine(),
        'figures': list(figures.values()),
    }
    with open(args.json, 'w', encoding='utf-8') as output:
        json.dump(document, output, indent=2, ensure_ascii=False)
        output.write('\n')

    print()
    print('%d figures, %d targets missed; written to %s' % (len(figures), missed, args.json))
    if not figures:
        return 1
    return 1 if missed else 0


if __name__ == '__main__':
    sys.exit(main())
