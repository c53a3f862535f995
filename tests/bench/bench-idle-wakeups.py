#!/usr/bin/python3
# bench-idle-wakeups.py — how often the reminder service wakes up when nothing is due.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts `rapport --gapplication-service` on the career journal of build-aux/bench
# (RAPPORT_BENCH_DATA_HOME: 20,000 reminders, the next one due tomorrow at the earliest) or, without
# it, on an empty journal, lets it settle, then samples it twice for RAPPORT_BENCH_SECONDS
# (default 60):
#   1. context switches of every thread (/proc/PID/task/*/status), with nothing attached;
#   2. the system calls that end a sleep (poll, ppoll, read of timerfd/eventfd...) counted by
#      `strace -f -c`, which itself adds switches, hence the separate window.
# Prints a small table and "wakeups_60s=N": poll/ppoll returns per 60 s when strace could attach,
# else voluntary context switches per 60 s, and appends the figure "idle-wakeups" to
# RAPPORT_BENCH_RESULTS. A benchmark reports; it never fails on the number.
#
# Run it through build-aux/bench (or build-aux/test --benchmark --suite bench for the empty journal).

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from bench_results import report

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')
BUILD_ROOT = os.environ.get('RAPPORT_BUILD_ROOT', '')
SETTLE = 5
SECONDS = int(os.environ.get('RAPPORT_BENCH_SECONDS', '60'))
WAKING_CALLS = ('poll', 'ppoll', 'epoll_wait', 'select', 'pselect6', 'read', 'futex')


def application_id():
    try:
        with open(os.path.join(BUILD_ROOT, 'config.h'), encoding='utf-8') as config:
            for line in config:
                if line.startswith('#define APPLICATION_ID '):
                    return line.split('"')[1]
    except OSError:
        pass
    return 'io.github.rapportjournal.Rapport'


def context_switches(pid):
    """{thread id: (voluntary, involuntary)}"""
    switches = {}
    task_dir = '/proc/%d/task' % pid
    for task in os.listdir(task_dir):
        voluntary = involuntary = 0
        try:
            with open(os.path.join(task_dir, task, 'status'), encoding='utf-8') as status:
                for line in status:
                    if line.startswith('voluntary_ctxt_switches:'):
                        voluntary = int(line.split()[1])
                    elif line.startswith('nonvoluntary_ctxt_switches:'):
                        involuntary = int(line.split()[1])
        except FileNotFoundError:
            continue    # a thread that ended meanwhile
        switches[task] = (voluntary, involuntary)
    return switches


def switches_between(before, after):
    """Switches of the threads alive in both samples (a thread that ended takes its count)."""
    voluntary = involuntary = 0
    for task, (vol, invol) in after.items():
        start = before.get(task, (0, 0))
        voluntary += vol - start[0]
        involuntary += invol - start[1]
    return voluntary, involuntary


def thread_count(pid):
    return len(os.listdir('/proc/%d/task' % pid))


def strace_counts(pid, seconds):
    """{syscall: calls} over `seconds`, or None when strace is missing or cannot attach."""
    strace = shutil.which('strace')
    if strace is None:
        return None, 'strace is not installed'
    process = subprocess.Popen([strace, '-f', '-c', '-e', 'trace=' + ','.join(WAKING_CALLS),
                                '-p', str(pid)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(seconds)
    process.send_signal(signal.SIGINT)
    try:
        _, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
    text = err.decode(errors='replace')
    counts = {}
    # "% time     seconds  usecs/call     calls    errors syscall"
    for line in text.splitlines():
        match = re.match(r'^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:(\d+)\s+)?(\w+)\s*$', line)
        if match and match.group(3) != 'total':
            counts[match.group(3)] = int(match.group(1))
    # Without a single call strace prints no table at all, only "attached"/"detached".
    if not counts and (' attached' not in text or 'ptrace' in text):
        return None, text.strip().splitlines()[-1] if text.strip() else 'strace failed'
    return counts, None


def main():
    if not BINARY or not SEED:
        print('bench-idle-wakeups: RAPPORT_BINARY and RAPPORT_SEED are not set (run it through '
              'meson test --benchmark)', file=sys.stderr)
        return 1
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('bench-idle-wakeups: no session bus; run it through build-aux/test --benchmark',
              file=sys.stderr)
        return 1

    career = os.environ.get('RAPPORT_BENCH_DATA_HOME', '')
    root = tempfile.mkdtemp(prefix='rapport-bench-')
    home = os.path.join(root, 'home')
    env = dict(os.environ)
    env.update({
        'HOME': home,
        'XDG_DATA_HOME': os.path.join(home, '.local', 'share'),
        'XDG_CONFIG_HOME': os.path.join(home, '.config'),
        'XDG_CACHE_HOME': os.path.join(home, '.cache'),
        'XDG_RUNTIME_DIR': os.path.join(root, 'runtime'),
        'GNOTIFICATION_BACKEND': 'freedesktop',
        'GTK_A11Y': 'none',
    })
    for key in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME'):
        os.makedirs(env[key])
    os.makedirs(env['XDG_RUNTIME_DIR'], mode=0o700)
    app_id = application_id()
    service = None

    if career:
        # The career's key is in the bench keyring: point the data folder at it, keep the rest.
        env['XDG_DATA_HOME'] = career
    try:
        if not career:
            subprocess.run([SEED, '--data-dir=' + os.path.join(env['XDG_DATA_HOME'], 'rapport')],
                           env=env, check=True, timeout=60)
        log = open(os.path.join(root, 'service.log'), 'wb')
        service = subprocess.Popen([BINARY, '--gapplication-service'], env=env,
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        time.sleep(SETTLE)
        if service.poll() is not None:
            print('bench-idle-wakeups: the service exited (%s)' % service.returncode,
                  file=sys.stderr)
            return 1
        pid = service.pid

        before = context_switches(pid)
        time.sleep(SECONDS)
        after = context_switches(pid)
        voluntary, involuntary = switches_between(before, after)
        threads = thread_count(pid)

        counts, strace_problem = strace_counts(pid, SECONDS)
        scale = 60.0 / SECONDS

        journal = 'career journal' if career else 'empty journal'
        print('idle reminder service, %s, %d s settle, %d s windows, %d threads'
              % (journal, SETTLE, SECONDS, threads))
        print('%-34s %10s' % ('measure', 'per 60 s'))
        print('%-34s %10d' % ('voluntary context switches', round(voluntary * scale)))
        print('%-34s %10d' % ('involuntary context switches', round(involuntary * scale)))
        if counts is not None:
            for name in WAKING_CALLS:
                if name in counts:
                    print('%-34s %10d' % ('%s calls (strace, all threads)' % name,
                                          round(counts[name] * scale)))
            wakeups = round((counts.get('poll', 0) + counts.get('ppoll', 0)) * scale)
            how = 'poll/ppoll returns of all threads (strace -f -c)'
        else:
            print('# no syscall counts: %s' % strace_problem)
            wakeups = round(voluntary * scale)
            how = 'voluntary context switches of all threads (strace could not attach)'
        print('wakeups_60s=%d' % wakeups, flush=True)
        report({
            'name': 'idle-wakeups',
            'label': 'Idle reminder service, wake-ups per 60 s',
            'value': wakeups,
            'unit': 'per 60 s',
            'max': 0,
            'runs': 1,
            'detail': '%s, nothing due for a day; %s over %d s, %d threads'
                      % (journal, how, SECONDS, threads),
        })
        return 0
    finally:
        if service is not None and service.poll() is None:
            subprocess.run(['gdbus', 'call', '--session', '--dest', app_id,
                            '--object-path', '/' + app_id.replace('.', '/'),
                            '--method', 'org.freedesktop.Application.ActivateAction',
                            'quit', '[]', '{}'],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=30)
            try:
                service.wait(timeout=15)
            except subprocess.TimeoutExpired:
                service.kill()
                service.wait()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
