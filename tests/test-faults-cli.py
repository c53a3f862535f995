#!/usr/bin/python3
# test-faults-cli.py — the real rapport binary on a full disk (TAP).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A full disk, as a file size limit (RLIMIT_FSIZE just above the journal's size, SIGXFSZ
# ignored, so writes fail with EFBIG as they fail with ENOSPC): `rapport --import` and
# `rapport --backup` must exit non-zero with one clear line on stderr, and the journal must hold
# exactly what it held. Without the limit the same import succeeds.

import hashlib
import os
import resource
import signal
import subprocess
import sys
import traceback

import rapport_home

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')

CARDS = 2000
EXISTING = 40
TIMEOUT = 120
PASSPHRASE = 'correct horse battery staple'

# SQLite's own words, which mean nothing to the person reading the message.
RAW_SQLITE = ('disk I/O error', 'database or disk is full', 'SQL logic error',
              'unable to open database file', 'attempt to write a readonly database')


class CaseFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


class Home(rapport_home.Home):
    """A throwaway home: every XDG folder inside it."""

    def __init__(self):
        super().__init__(prefix='rapport-faults-')

    def run(self, *args, limit=None):
        def lower_limit():
            # Ignored signals stay ignored across exec: writes past the limit fail with EFBIG.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

        return subprocess.run(list(args), env=self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT,
                              preexec_fn=lower_limit if limit is not None else None)

    def journal_state(self):
        """Integrity, counts and a checksum of every colleague's row, as a fresh process reads
        them."""
        result = self.run(SEED, '--data-dir=' + self.data_dir, '--check')
        check(result.returncode == 0,
              'the journal does not open or is damaged: %s'
              % result.stderr.decode(errors='replace').strip())
        words = result.stdout.decode().split()
        check(len(words) == 3 and words[0] == 'ok', 'unexpected --check output %r' % words)
        listed = self.run(BINARY, '--list=colleagues')
        check(listed.returncode == 0, '--list=colleagues failed: %s'
              % listed.stderr.decode(errors='replace').strip())
        return (int(words[1]), int(words[2]), hashlib.sha256(listed.stdout).hexdigest()[:12])



def write_cards(path):
    with open(path, 'w', encoding='utf-8', newline='') as vcf:
        for i in range(CARDS):
            vcf.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imported Person %d\r\n'
                      'EMAIL:imported%d@example.org\r\nTEL:+1 970 555 %04d\r\n'
                      'ORG:Mercy Regional\r\nTITLE:Travel RN\r\n'
                      'NOTE:Met on the night shift; likes trail running and Ethiopian food.\r\n'
                      'END:VCARD\r\n' % (i, i, i))


def clear_failure_problems(result, what):
    """Non-zero exit, one line on stderr that names the cause and what to do, in words: returns
    (the line, what is wrong with it)."""
    stderr = result.stderr.decode(errors='replace')
    lines = [line for line in stderr.splitlines() if line.strip()]
    if result.returncode == 0:
        return '', ['%s succeeded under the limit (exit 0)' % what]
    if len(lines) != 1:
        return stderr, ['%s printed %d lines on stderr:\n%s' % (what, len(lines), stderr)]
    line = lines[0]
    folded = line.casefold()
    problems = []
    if not any(word in folded for word in ('space', 'full', 'size')):
        problems.append('%s does not say the disk is full: %r' % (what, line))
    if 'free ' not in folded and 'try again' not in folded:
        problems.append('%s does not say what to do: %r' % (what, line))
    raw = [text for text in RAW_SQLITE if text in line]
    if raw:
        problems.append('%s shows SQLite\'s own words %r' % (what, raw))
    return line, problems


def unchanged_problems(home, before, folder, names):
    """The journal holds what it held, and nothing was left in folder."""
    problems = []
    left = sorted(os.listdir(folder))
    if left != names:
        problems.append('files left behind in %s: %r (before: %r)' % (folder, left, names))
    after = home.journal_state()
    if after != before:
        problems.append('the journal changed: %r, before %r' % (after, before))
    return problems


def case_import_full(home, cards, before):
    limit = os.path.getsize(home.database) + 512
    names = sorted(os.listdir(home.data_dir))
    result = home.run(BINARY, '--import=' + cards, limit=limit)
    line, problems = clear_failure_problems(result, '--import')
    problems += unchanged_problems(home, before, home.data_dir, names)
    check(not problems, '\n'.join(problems))
    return 'exit %d: %s' % (result.returncode, line)


def case_backup_full(home, before):
    passphrase = os.path.join(home.root, 'passphrase')
    with open(passphrase, 'w') as output:
        output.write(PASSPHRASE + '\n')
    backups = os.path.join(home.root, 'backups')
    os.makedirs(backups)
    backup = os.path.join(backups, 'journal.rapport-backup')
    limit = os.path.getsize(home.database) // 2
    result = home.run(BINARY, '--backup=' + backup, '--passphrase-file=' + passphrase,
                      limit=limit)
    line, problems = clear_failure_problems(result, '--backup')
    problems += unchanged_problems(home, before, backups, [])
    check(not problems, '\n'.join(problems))
    return 'exit %d: %s' % (result.returncode, line)


def case_import_without_limit(home, cards, before):
    result = home.run(BINARY, '--import=' + cards)
    check(result.returncode == 0, 'the import failed without a limit (exit %d): %s'
          % (result.returncode, result.stderr.decode(errors='replace').strip()))
    after = home.journal_state()
    check(after[0] == before[0] + CARDS, 'the import wrote %d colleagues, not %d'
          % (after[0] - before[0], CARDS))
    return '%d colleagues' % after[0]


def main():
    cases = [
        ('--import of %d cards on a full disk fails clearly and changes nothing' % CARDS,
         lambda home, cards, before: case_import_full(home, cards, before)),
        ('--backup on a full disk fails clearly and leaves nothing behind',
         lambda home, cards, before: case_backup_full(home, before)),
        ('the same --import without the limit succeeds',
         lambda home, cards, before: case_import_without_limit(home, cards, before)),
    ]
    print('1..%d' % len(cases), flush=True)
    if not BINARY or not SEED:
        for number in range(1, len(cases) + 1):
            print('not ok %d - RAPPORT_BINARY and RAPPORT_SEED must be set (run through meson '
                  'test)' % number)
        return 1

    home = Home()
    failures = 0
    try:
        result = home.run(SEED, '--data-dir=' + home.data_dir, '--colleagues=%d' % EXISTING)
        if result.returncode != 0:
            raise CaseFailed('rapport-seed failed: %s' % result.stderr.decode(errors='replace'))
        cards = os.path.join(home.root, 'cards.vcf')
        write_cards(cards)
        before = home.journal_state()

        for number, (title, case) in enumerate(cases, start=1):
            try:
                detail = case(home, cards, before)
                print('ok %d - %s (%s)' % (number, title, detail), flush=True)
            except CaseFailed as error:
                failures += 1
                print('not ok %d - %s' % (number, title))
                for line in str(error).splitlines():
                    print('# ' + line)
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
