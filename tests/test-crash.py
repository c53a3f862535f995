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
#
# Then a burst of small edits (rapport-seed --burst: entries naming three colleagues, notes,
# reminders added and deleted, one store call each) is killed at a random moment after its first
# edit was committed, RAPPORT_CRASH_BURST_TRIALS times. The journal must hold exactly the first K
# edits of the sequence for some K, each of them whole (rows, links and search entries), K at
# least the number of edits the tool reported committed and at most one more.

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback

import rapport_home

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')

TRIALS = int(os.environ.get('RAPPORT_CRASH_TRIALS', '20'))
CARDS = 5000
EXISTING = 40
TIMEOUT = 60

BURST_TRIALS = int(os.environ.get('RAPPORT_CRASH_BURST_TRIALS', '25'))
# More rounds than a trial lets it make: the kill always comes first.
BURST_ROUNDS = 5000
# The kill comes this long (at most) after the first edit was committed.
BURST_WINDOW = 0.4
BURST_COLLEAGUES = 6  # as in rapport-seed.c


class CaseFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


class Home(rapport_home.Home):
    """A throwaway home: every XDG folder inside it."""

    def __init__(self):
        super().__init__(prefix='rapport-crash-')

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


def burst_edits(rounds):
    """The sequence of edits rapport-seed --burst makes, as (operation, round)."""
    edits = []
    for i in range(rounds):
        edits += [('interaction', i), ('notes', i), ('reminder', i)]
        if i >= 2:
            edits.append(('delete-reminder', i - 2))
    return edits


def burst_state(edits):
    """The state of the journal after edits: (entries, each colleague's notes, reminders)."""
    interactions = set()
    notes = [-1] * BURST_COLLEAGUES
    reminders = set()
    for operation, i in edits:
        if operation == 'interaction':
            interactions.add(i)
        elif operation == 'notes':
            notes[i % BURST_COLLEAGUES] = i
        elif operation == 'reminder':
            reminders.add(i)
        else:
            reminders.discard(i)
    return frozenset(interactions), tuple(notes), frozenset(reminders)


def describe_state(state):
    return 'entries %s, notes %r, reminders %s' % (sorted(state[0]), state[1], sorted(state[2]))


def burst_journal(home):
    """Checks the journal after a burst; returns its state (interactions, notes, reminders)."""
    result = home.run(SEED, '--data-dir=' + home.data_dir, '--check-burst')
    check(result.returncode == 0,
          'the journal does not open or is damaged: %s'
          % result.stderr.decode(errors='replace').strip())
    interactions = set()
    notes = [None] * BURST_COLLEAGUES
    reminders = set()
    partial = []
    lines = result.stdout.decode().splitlines()
    check(lines and lines[0].startswith('ok '), 'unexpected --check-burst output %r' % lines[:3])
    for line in lines[1:]:
        words = line.split()
        if words[0] == 'interaction':
            i, links, expected, indexed = (int(word) for word in words[1:])
            interactions.add(i)
            if links != 3 or expected != 3 or not indexed:
                partial.append('entry %d: %d links (%d expected ones), indexed %d'
                               % (i, links, expected, indexed))
        elif words[0] == 'colleague':
            c, i, indexed = (int(word) for word in words[1:])
            notes[c] = i
            if not indexed:
                partial.append('colleague %d: notes of round %d not in the search index' % (c, i))
        elif words[0] == 'reminder':
            i, indexed = (int(word) for word in words[1:])
            reminders.add(i)
            if not indexed:
                partial.append('reminder %d: not in the search index' % i)
        elif words[0] in ('orphans', 'unindexed'):
            if int(words[1]) != 0:
                partial.append(line)
        else:
            partial.append('unexpected: ' + line)
    check(None not in notes, 'colleagues missing from %r' % lines)
    check(not partial, 'edits half written:\n' + '\n'.join(partial))
    return frozenset(interactions), tuple(notes), frozenset(reminders)


def kill_during_burst(home, delay):
    """Starts a burst, kills it delay s after its first edit was committed; returns the edits
    it reported committed (as (operation, round)), whether a transaction was open, its status."""
    journal = home.database + '-journal'
    process = subprocess.Popen([SEED, '--data-dir=' + home.data_dir,
                                '--burst=%d' % BURST_ROUNDS], env=home.env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    reported = []
    first = threading.Event()

    def read():
        for line in process.stdout:
            words = line.split()
            if len(words) == 4 and words[0] == b'edit':
                reported.append((words[2].decode(), int(words[3])))
                first.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not first.wait(TIMEOUT):
            raise CaseFailed('the burst ended (%r) before its first edit' % process.poll())
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=TIMEOUT)
        # SIGKILL leaves the rollback journal of an open transaction behind.
        writing = os.path.exists(journal) and os.path.getsize(journal) > 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        reader.join(TIMEOUT)
    return list(reported), writing, process.returncode


def burst_trials(rng, first_number):
    """The killed bursts, then one left alone; returns the number of failed cases."""
    home = Home()
    failures = 0
    mid_write = 0
    edits = burst_edits(BURST_ROUNDS)
    number = first_number
    started = time.monotonic()
    try:
        result = home.run(SEED, '--data-dir=' + home.data_dir,
                          '--colleagues=%d' % BURST_COLLEAGUES)
        if result.returncode != 0:
            raise CaseFailed('rapport-seed failed: %s' % result.stderr.decode(errors='replace'))
        pristine = os.path.join(home.root, 'pristine.db')
        shutil.copyfile(home.database, pristine)
        kept = []

        for trial in range(1, BURST_TRIALS + 1):
            title = 'killed burst of edits %d leaves every edit whole or absent' % trial
            try:
                delay = rng.uniform(0, BURST_WINDOW)
                reported, writing, status = kill_during_burst(home, delay)
                check(status == -signal.SIGKILL, 'the burst ended by itself (exit %r)' % status)
                check(reported == edits[:len(reported)],
                      'the burst reported edits out of order: %r' % reported[-4:])
                state = burst_journal(home)
                # Every edit reported committed is there, and perhaps the one in flight; each
                # edit changes the state, so at most one prefix matches.
                count = None
                for candidate in (len(reported), len(reported) + 1):
                    if burst_state(edits[:candidate]) == state:
                        count = candidate
                expected = burst_state(edits[:len(reported)])
                check(count is not None,
                      'the journal holds neither the %d edits reported committed nor one more:\n'
                      'found    %s\nexpected %s' % (len(reported), describe_state(state),
                                                   describe_state(expected)))
                mid_write += writing
                kept.append(count)
                operation, i = edits[count]
                print('ok %d - %s (%.0f ms after the first edit: %d edits kept, %d reported; '
                      'cut: %s %d%s)' % (number, title, delay * 1000, count, len(reported),
                                         operation, i,
                                         ', killed mid-transaction' if writing else ''),
                      flush=True)
            except CaseFailed as error:
                failures += 1
                print('not ok %d - %s' % (number, title))
                for line in str(error).splitlines():
                    print('# ' + line)
            number += 1
            if os.path.exists(home.database + '-journal'):
                os.unlink(home.database + '-journal')
            shutil.copyfile(pristine, home.database)

        # Left alone, a short burst writes every edit: the replay above matches the tool.
        title = 'a burst left alone keeps all its edits (and the kills landed mid-transaction)'
        rounds = 12
        result = home.run(SEED, '--data-dir=' + home.data_dir, '--burst=%d' % rounds)
        state = burst_journal(home)
        complete = state == burst_state(burst_edits(rounds))
        if result.returncode == 0 and complete and mid_write >= BURST_TRIALS // 4:
            print('ok %d - %s (%d of %d kills mid-transaction; %d to %d edits kept; %.1f s)'
                  % (number, title, mid_write, BURST_TRIALS, min(kept or [0]), max(kept or [0]),
                     time.monotonic() - started), flush=True)
        else:
            failures += 1
            print('not ok %d - %s' % (number, title))
            print('# exit %d, %d kills of %d mid-transaction; found %s'
                  % (result.returncode, mid_write, BURST_TRIALS, describe_state(state)))
    except Exception:
        failures += 1
        for line in traceback.format_exc().splitlines():
            print('# ' + line)
    finally:
        home.close()
    return failures


def main():
    seed = int(os.environ.get('RAPPORT_CRASH_SEED', str(int(time.time()))))
    rng = random.Random(seed)
    n_tests = TRIALS + 1 + BURST_TRIALS + 1
    print('1..%d' % n_tests, flush=True)
    print('# RAPPORT_CRASH_SEED=%d' % seed, flush=True)
    if not BINARY or not SEED:
        for number in range(1, n_tests + 1):
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
    failures += burst_trials(rng, TRIALS + 2)
    return 1 if failures else 0


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
