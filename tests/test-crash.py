#!/usr/bin/python3
# test-crash.py — the real rapport binary killed (SIGKILL) in the middle of writing (TAP).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# An import is one transaction: killed at any moment, the journal must open afterwards, pass
# SQLite's integrity check, and hold either everything the import wrote or nothing of it. Each
# trial waits until the import has started writing (its rollback journal appears), then kills it
# after a random delay. RAPPORT_CRASH_SEED repeats a run; RAPPORT_CRASH_TRIALS sets how many.

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')

TRIALS = int(os.environ.get('RAPPORT_CRASH_TRIALS', '20'))
CARDS = 5000
EXISTING = 40
TIMEOUT = 60


class CaseFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


class Home:
    """A throwaway home: every XDG folder inside it."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix='rapport-crash-')
        home = os.path.join(self.root, 'home')
        self.env = dict(os.environ)
        self.env.update({
            'HOME': home,
            'XDG_DATA_HOME': os.path.join(home, '.local', 'share'),
            'XDG_CONFIG_HOME': os.path.join(home, '.config'),
            'XDG_CACHE_HOME': os.path.join(home, '.cache'),
            'XDG_STATE_HOME': os.path.join(home, '.local', 'state'),
            'XDG_RUNTIME_DIR': os.path.join(self.root, 'runtime'),
        })
        for key in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            os.makedirs(self.env[key])
        os.makedirs(self.env['XDG_RUNTIME_DIR'], mode=0o700)
        self.data_dir = os.path.join(self.env['XDG_DATA_HOME'], 'rapport')
        self.database = os.path.join(self.data_dir, 'rapport.db')

    def run(self, *args):
        return subprocess.run(list(args), env=self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)

    def journal_state(self):
        """(integrity ok, colleagues, search entries) as a fresh process reads the journal."""
        result = self.run(SEED, '--data-dir=' + self.data_dir, '--check')
        check(result.returncode == 0,
              'the journal does not open or is damaged: %s'
              % result.stderr.decode(errors='replace').strip())
        words = result.stdout.decode().split()
        check(len(words) == 3 and words[0] == 'ok', 'unexpected --check output %r' % words)
        return int(words[1]), int(words[2])

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)


def write_cards(path):
    with open(path, 'w', encoding='utf-8', newline='') as vcf:
        for i in range(CARDS):
            vcf.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Person %d\r\n'
                      'EMAIL:imported%d@example.org\r\nTEL:+1 970 555 %04d\r\n'
                      'ORG:Mercy Regional\r\nTITLE:Travel RN\r\n'
                      'NOTE:Met on the night shift; likes trail running and Ethiopian food.\r\n'
                      'END:VCARD\r\n' % (i, i, i))


def kill_during_import(home, cards, rng):
    """Starts an import, kills it once it writes; returns (ms after the first write, wrote)."""
    journal = home.database + '-journal'
    process = subprocess.Popen([BINARY, '--import=' + cards], env=home.env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    started = time.monotonic()
    try:
        while not os.path.exists(journal):
            if process.poll() is not None or time.monotonic() - started > TIMEOUT:
                raise CaseFailed('the import ended (%r) before it was seen writing'
                                 % process.returncode)
            time.sleep(0.0005)
        delay = rng.uniform(0, 0.25)
        time.sleep(delay)
        writing = os.path.exists(journal)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return delay * 1000, writing, process.returncode


def main():
    seed = int(os.environ.get('RAPPORT_CRASH_SEED', str(int(time.time()))))
    rng = random.Random(seed)
    print('1..%d' % (TRIALS + 1), flush=True)
    print('# RAPPORT_CRASH_SEED=%d' % seed, flush=True)
    if not BINARY or not SEED:
        for number in range(1, TRIALS + 2):
            print('not ok %d - RAPPORT_BINARY and RAPPORT_SEED must be set (run through meson '
                  'test)' % number)
        return 1

    home = Home()
    failures = 0
    mid_write = 0
    try:
        result = home.run(SEED, '--data-dir=' + home.data_dir, '--colleagues=%d' % EXISTING)
        if result.returncode != 0:
            raise CaseFailed('rapport-seed failed: %s' % result.stderr.decode(errors='replace'))
        cards = os.path.join(home.root, 'cards.vcf')
        write_cards(cards)
        before = home.journal_state()
        pristine = os.path.join(home.root, 'pristine.db')
        shutil.copyfile(home.database, pristine)

        for trial in range(1, TRIALS + 1):
            title = 'killed import %d leaves the journal whole' % trial
            try:
                delay, writing, status = kill_during_import(home, cards, rng)
                state = home.journal_state()
                everything = (before[0] + CARDS, before[1] + CARDS)
                check(state in (before, everything),
                      'after a kill %.0f ms into the write the journal holds %r: neither all '
                      '(%r) nor nothing (%r) of the import' % (delay, state, everything, before))
                if status != -signal.SIGKILL or state == everything:
                    # It finished first (a fast machine): start the next trial from before.
                    check(state == everything, 'the import ended (exit %r) but wrote %r'
                          % (status, state))
                    shutil.copyfile(pristine, home.database)
                    outcome = 'finished before the kill'
                else:
                    mid_write += writing
                    outcome = 'nothing kept' + (', killed mid-write' if writing else '')
                print('ok %d - %s (%.0f ms after the first write: %s)'
                      % (trial, title, delay, outcome), flush=True)
            except CaseFailed as error:
                failures += 1
                print('not ok %d - %s' % (trial, title))
                for line in str(error).splitlines():
                    print('# ' + line)

        # The same import, left alone, writes everything: the kills above really cut it short.
        title = 'the import left alone writes all %d cards in one go' % CARDS
        result = home.run(BINARY, '--import=' + cards)
        after = home.journal_state()
        if (result.returncode == 0 and after[0] == before[0] + CARDS
                and after[1] == before[1] + CARDS and mid_write >= TRIALS // 2):
            print('ok %d - %s (%d of %d kills landed mid-write)'
                  % (TRIALS + 1, title, mid_write, TRIALS), flush=True)
        else:
            failures += 1
            print('not ok %d - %s' % (TRIALS + 1, title))
            print('# exit %d, before %r, after %r, %d of %d kills mid-write'
                  % (result.returncode, before, after, mid_write, TRIALS))
    except Exception:
        failures += 1
        for line in traceback.format_exc().splitlines():
            print('# ' + line)
    finally:
        home.close()
    return 1 if failures else 0


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
