#!/usr/bin/python3
# build-aux/test-summary.py — counts test cases, not executables, from meson's testlog.json.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-summary.py _build/meson-logs/testlog.json [NAME=OTHER-testlog.json...] [RESULTS.tap...]
#
# meson's own summary counts executables, and a skipped or never-run case is invisible there.
# This reads each executable's TAP output instead. Each RESULTS.tap (build-aux/fuzz --tap=FILE)
# is one more row, named after the file, whose cases count the same way; a missing one fails.
# NAME=testlog.json adds the rows of another run (the sanitizer build's), named "NAME: test".
# The last line printed is always
# "N passed, N failed" (", N skipped" when any were skipped); the exit status is 1 when
# anything failed.

import json
import os
import re
import sys

RESULT_RE = re.compile(r'^\s*(not )?ok\b(.*)$')
PLAN_RE = re.compile(r'^1\.\.(\d+)')
SKIP_RE = re.compile(r'#\s*skip\b', re.IGNORECASE)
TODO_RE = re.compile(r'#\s*todo\b', re.IGNORECASE)

FAILED_RESULTS = {'FAIL', 'ERROR', 'TIMEOUT', 'UNEXPECTEDPASS'}


def case_name(rest):
    """The name of a case from what follows "not ok": its number and any directive dropped."""
    name = rest.split('#', 1)[0].strip()
    return re.sub(r'^\d+\s*-?\s*', '', name) or '(unnamed)'


def count_tap(stdout):
    """Returns (passed, failed, skipped, ran_top_level, plan, failed_names) or None when stdout
    holds no TAP."""
    passed = failed = skipped = top_level = 0
    plan = None
    failed_names = []
    seen = False

    for line in stdout.splitlines():
        match = RESULT_RE.match(line)
        if match:
            seen = True
            if not line[:1].isspace():
                top_level += 1
            directive = match.group(2)
            if match.group(1):
                if TODO_RE.search(directive):
                    skipped += 1
                else:
                    failed += 1
                    failed_names.append(case_name(directive))
            elif SKIP_RE.search(directive):
                skipped += 1
            else:
                passed += 1
            continue
        match = PLAN_RE.match(line)
        if match and plan is None:
            plan = int(match.group(1))

    if not seen:
        return None
    return passed, failed, skipped, top_level, plan, failed_names


def failed_note(failed_names):
    """Names the failed cases, so that the summary alone says where to look."""
    if not failed_names:
        return []
    shown = ', '.join(failed_names[:3])
    if len(failed_names) > 3:
        shown += ' and %d more' % (len(failed_names) - 3)
    return ['not ok: ' + shown]


ASSERTION_RE = re.compile(r'ERROR:\S+:\d+:|AssertionError|^not ok .* - ')


def first_assertion(entry):
    """The first assertion message a failed executable printed, shortened to fit the row."""
    for stream in ('stdout', 'stderr'):
        for line in (entry.get(stream) or '').splitlines():
            line = line.lstrip('# ').strip()
            if ASSERTION_RE.search(line):
                return line if len(line) <= 160 else line[:157] + '...'
    return None


def summarize(entry):
    """Returns (passed, failed, skipped, note) for one executable's log entry."""
    result = str(entry.get('result', 'ERROR')).upper()
    tap = count_tap(entry.get('stdout') or '')

    if tap is None:
        if result in ('OK', 'EXPECTEDFAIL'):
            return 1, 0, 0, ''
        if result == 'SKIP':
            return 0, 0, 1, ''
        return 0, 1, 0, 'no TAP output'

    passed, failed, skipped, top_level, plan, failed_names = tap
    notes = failed_note(failed_names)
    if plan is not None and plan > top_level:
        missing = plan - top_level
        failed += missing
        notes.append('%d planned, never ran' % missing)
    if result in FAILED_RESULTS and failed == 0:
        failed += 1
        notes.append('exited %s' % entry.get('returncode', '?'))
    if failed:
        assertion = first_assertion(entry)
        if assertion:
            notes.append(assertion)
    return passed, failed, skipped, '; '.join(notes)


def tap_file_row(path):
    """Returns a row for a TAP file written outside meson, or an ERROR row when it is unreadable."""
    name = os.path.splitext(os.path.basename(path))[0]
    try:
        with open(path, encoding='utf-8', errors='replace') as tap:
            stdout = tap.read()
    except OSError as error:
        return (name, 'ERROR', 0, 1, 0, '%s: %s' % (path, error.strerror), 0.0)

    tap = count_tap(stdout)
    if tap is None:
        return (name, 'ERROR', 0, 1, 0, 'no TAP output', 0.0)

    passed, failed, skipped, top_level, plan, failed_names = tap
    notes = failed_note(failed_names)
    if plan is not None and plan > top_level:
        failed += plan - top_level
        notes.append('%d planned, never ran' % (plan - top_level))
    return (name, 'FAIL' if failed else 'OK', passed, failed, skipped, '; '.join(notes), 0.0)


def read_log(path):
    """The entries of one meson testlog.json, and what was wrong with the file (or None)."""
    entries = []
    problem = None
    try:
        with open(path, encoding='utf-8', errors='replace') as log:
            for number, line in enumerate(log, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    entries.append(json.loads(line))
                except ValueError:
                    problem = '%s:%d: not JSON' % (path, number)
    except OSError as error:
        problem = '%s: %s' % (path, error.strerror)
    return entries, problem


def main(argv):
    if len(argv) < 2:
        print('usage: test-summary.py TESTLOG.json [SETUP=TESTLOG.json...] [RESULTS.tap...]',
              file=sys.stderr)
        return 2

    rows = []
    logs = [('', argv[1])]
    taps = []
    for arg in argv[2:]:
        # NAME=PATH: another run's log (the sanitizer build), its rows named "NAME: test".
        if '=' in arg and arg.endswith('.json'):
            name, path = arg.split('=', 1)
            logs.append((name + ': ', path))
        else:
            taps.append(arg)

    for prefix, path in logs:
        entries, problem = read_log(path)
        for entry in entries:
            rows.append((prefix + str(entry.get('name', '?')), str(entry.get('result', '?')))
                        + summarize(entry) + (entry.get('duration') or 0.0,))
        if problem is not None:
            # A log that is missing or damaged means the run itself broke: never report that as
            # green.
            rows.append((prefix + '(test log)', 'ERROR', 0, 1, 0, problem, 0.0))
    for path in taps:
        rows.append(tap_file_row(path))

    width = max([len('test')] + [len(row[0]) for row in rows])
    print(('%-*s  %-14s %6s %6s %7s %8s  %s'
          % (width, 'test', 'result', 'passed', 'failed', 'skipped', 'seconds', '')).rstrip())
    for name, result, passed, failed, skipped, note, duration in rows:
        print(('%-*s  %-14s %6d %6d %7d %8.2f  %s'
              % (width, name, result, passed, failed, skipped, duration, note)).rstrip())

    passed = sum(row[2] for row in rows)
    failed = sum(row[3] for row in rows)
    skipped = sum(row[4] for row in rows)
    line = '%d passed, %d failed' % (passed, failed)
    if skipped:
        line += ', %d skipped' % skipped
    print(line)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
