#!/usr/bin/python3
# test-hostile-cli.py — hostile values through the real rapport binary's command line (TAP).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Oversized text, invalid UTF-8, NUL bytes, line breaks, text-direction controls, numbers out of
# range, files that are not vCards or cannot be read, and targets that cannot be written. For
# each: the process ends by itself (no signal, no hang), with a non-zero status and one line on
# stderr in the app's own words that says what happened and what to do, without quoting the
# value; and the journal is exactly as it was (every --list kind prints the same JSON, every file
# in the data folder has the same bytes) unless the value was meant to be accepted, in which case
# exactly the expected item arrives.
#
# One seeded journal for all cases, in order; a case that changes it by mistake is reported and
# the next case starts from what is there. After a refusal, every file in the data folder must
# have the same bytes and --list=colleagues must print the same (so the journal still opens with
# the key in the keyring); when anything differs, every --list kind is compared to show what
# changed. Every kind is compared after each accepted change and once more at the end.

import errno
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback

import rapport_home

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')

TIMEOUT = 60           # seconds for one command; a hang is killed and reported
MAX_STDERR = 300       # bytes: one sentence, the value not quoted
LIST_KINDS = ('colleagues', 'assignments', 'tips', 'interactions', 'reminders')
FUTURE = '2031-06-15T09:30'
PASSPHRASE = 'correct horse battery staple'
MAX_FIELD = 1000
MAX_NOTES = 1024 * 1024

# Another layer's words, which mean nothing to the person reading them.
RAW_TEXT = (
    # SQLite
    'disk I/O error', 'database or disk is full', 'SQL logic error', 'file is not a database',
    'unable to open database file', 'attempt to write a readonly database', 'sqlite',
    # GLib, GIO and GOption
    'Failed to create file', 'Failed to rename file', 'Failed to open file', 'Failed to write',
    'Error opening file', 'Error reading from file', 'Error writing to file',
    'Error when getting information', 'Invalid byte sequence in conversion input',
    'Cannot parse integer value', 'Integer value', 'Unknown option', 'Missing argument',
    'GLib', 'GLib-GIO', 'CRITICAL', 'WARNING', 'assertion', '(null)',
)
FUNCTION_NAME = re.compile(r'\b[a-z][a-z0-9]*_[a-z0-9_]+\s*\(\)')

# A sentence that says what to do next has one of these.
ADVICE = ('try again', 'choose', 'write', 'shorten', 'remove', 'type', 'enter', 'check', 'prints',
          'start', 'add ', 'save', 'import it', 'use ', 'give', 'pick', 'rename', 'create',
          'free ', 'unlock', 'make', 'select', 'open ')


class CaseFailed(Exception):
    pass


class Skip(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


def short(data, limit=160):
    text = data.decode('utf-8', errors='backslashreplace') if isinstance(data, bytes) else data
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + '… (%d bytes)' % len(data)


class Result:
    def __init__(self, returncode, stdout, stderr, seconds):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.seconds = seconds

    def describe(self):
        return 'exit %d after %.1f s, stdout %r, stderr %r' % (
            self.returncode, self.seconds, short(self.stdout), short(self.stderr))


class Home(rapport_home.Home):
    """The throwaway home with the seeded journal every case works on."""

    def __init__(self):
        super().__init__(prefix='rapport-hostile-')
        self.baseline = None
        self.timings = []

    def run(self, *args, cwd=None, timeout=TIMEOUT):
        start = time.monotonic()
        try:
            done = subprocess.run(list(args), env=self.env, cwd=cwd, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  timeout=timeout)
        except subprocess.TimeoutExpired:
            raise CaseFailed('%s did not end within %d s (killed): a hang'
                             % (short(' '.join(str(arg) for arg in args[:3]), 120), timeout))
        result = Result(done.returncode, done.stdout, done.stderr, time.monotonic() - start)
        check(result.returncode >= 0, 'killed by signal %d: %s'
              % (-result.returncode, result.describe()))
        return result

    def rapport(self, *args, cwd=None, prefix=()):
        result = self.run(*prefix, BINARY, *args, cwd=cwd)
        self.timings.append(result.seconds)
        return result

    def lists(self):
        lists = {}
        for kind in LIST_KINDS:
            result = self.run(BINARY, '--list=' + kind)
            check(result.returncode == 0 and result.stderr == b'',
                  '--list=%s no longer works: %s' % (kind, result.describe()))
            lists[kind] = result.stdout
        return lists

    def files(self):
        files = {}
        for folder, _, names in os.walk(self.data_dir):
            for name in names:
                path = os.path.join(folder, name)
                with open(path, 'rb') as data:
                    files[os.path.relpath(path, self.data_dir)] = \
                        hashlib.sha256(data.read()).hexdigest()
        return files

    def state(self):
        return {'lists': self.lists(), 'files': self.files()}

    def unchanged_problems(self, before):
        """Identical bytes and a journal that still opens mean identical lists of every kind;
        only when that fails are all kinds listed, to say what changed."""
        if self.files() == before['files']:
            result = self.run(BINARY, '--list=colleagues')
            if result.returncode == 0 and result.stdout == before['lists']['colleagues']:
                return []
        return differences(before, self.state()) or ['the journal no longer lists the same']


def json_lines(data):
    return [json.loads(line) for line in data.decode('utf-8').splitlines() if line.strip()]


def differences(before, after, changed_kinds=(), files_may_change=False):
    problems = []
    for kind in LIST_KINDS:
        if kind in changed_kinds:
            continue
        if before['lists'][kind] != after['lists'][kind]:
            old = json_lines(before['lists'][kind])
            new = json_lines(after['lists'][kind])
            problems.append('the journal changed: --list=%s had %d items, now %d'
                            % (kind, len(old), len(new)))
    if not files_may_change and before['files'] != after['files']:
        old, new = before['files'], after['files']
        rewritten = sorted(name for name in old if name in new and old[name] != new[name])
        problems.append('the data folder changed: added %r, removed %r, rewritten %r'
                        % (sorted(set(new) - set(old)), sorted(set(old) - set(new)), rewritten))
    return problems


def message_problems(line):
    """What keeps one stderr line from being the app's own clear sentence."""
    problems = []
    if not line.startswith('rapport: '):
        problems.append('not the app\'s own message (no "rapport: "; GLib\'s?)')
    raw = [text for text in RAW_TEXT if text.casefold() in line.casefold()]
    raw += FUNCTION_NAME.findall(line)
    if raw:
        problems.append('shows another layer\'s words %r' % raw)
    if not any(word in line.casefold() for word in ADVICE):
        problems.append('does not say what to do')
    return problems


def stderr_problems(result, limit=MAX_STDERR):
    problems = []
    if len(result.stderr) > limit:
        problems.append('stderr is %d bytes (the value quoted?)' % len(result.stderr))
    try:
        text = result.stderr.decode('utf-8')
    except UnicodeDecodeError:
        problems.append('stderr is not valid UTF-8 (raw bytes echoed)')
        text = result.stderr.decode('utf-8', errors='replace')
    lines = [line for line in text.splitlines() if line.strip()]
    return problems, lines


def refusal_problems(result, words=(), forbidden=()):
    problems, lines = stderr_problems(result)
    if result.returncode == 0:
        problems.insert(0, 'succeeded (exit 0)')
    if result.stdout != b'':
        problems.append('printed on stdout: %r' % short(result.stdout))
    if len(lines) != 1:
        problems.append('%d lines on stderr, not one' % len(lines))
    elif lines:
        problems += message_problems(lines[0])
    folded = result.stderr.decode('utf-8', errors='replace').casefold()
    for group in words:
        if not any(word.casefold() in folded for word in group):
            problems.append('the message does not say %s' % ' or '.join(repr(w) for w in group))
    for word in forbidden:
        if word.casefold() in folded:
            problems.append('the message wrongly says %r' % word)
    return problems


def listing(folder):
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else None


def refused(home, *args, words=(), forbidden=(), cwd=None, prefix=(), folders=()):
    """Runs rapport with args; it must refuse clearly and change nothing, in the journal or in
    folders. Returns the detail for the TAP line."""
    before = home.baseline
    seen = {folder: listing(folder) for folder in folders}
    result = home.rapport(*args, cwd=cwd, prefix=prefix)
    problems = refusal_problems(result, words, forbidden)
    for folder, names in seen.items():
        if listing(folder) != names:
            problems.append('files left behind in %s: %r, before %r'
                            % (folder, listing(folder), names))
    problems += home.unchanged_problems(before)
    if problems:
        problems.append(result.describe())
    check(not problems, '\n'.join(problems))
    return 'exit %d, %.1f s: %s' % (result.returncode, result.seconds, short(result.stderr))


def added(home, kind, count):
    """The journal gained exactly count items of kind and nothing else changed; returns them and
    makes the new state the baseline."""
    before = home.baseline
    after = home.state()
    check(not differences(before, after, changed_kinds=(kind,), files_may_change=True),
          '\n'.join(differences(before, after, changed_kinds=(kind,), files_may_change=True)))
    old = {item['id']: item for item in json_lines(before['lists'][kind])}
    new = {item['id']: item for item in json_lines(after['lists'][kind])}
    changed = [item_id for item_id in old if new.get(item_id) != old[item_id]]
    check(not changed, 'items already there changed: %r' % changed)
    fresh = [new[item_id] for item_id in new if item_id not in old]
    check(len(fresh) == count, '%d new %s, expected %d' % (len(fresh), kind, count))
    home.baseline = after
    return fresh


def write(home, name, data):
    path = os.path.join(home.root, 'input', name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as output:
        output.write(data)
    return path


def card(*lines, version=b'3.0'):
    return (b'BEGIN:VCARD\r\nVERSION:' + version + b'\r\n' + b''.join(line + b'\r\n'
                                                                      for line in lines)
            + b'END:VCARD\r\n')


# --remind, --at, --colleague ----------------------------------------------------------------

def remind_refused(home, title, at=FUTURE, extra=(), words=()):
    args = [title if isinstance(title, bytes) else '--remind=' + title]
    args += [at if isinstance(at, bytes) else '--at=' + at]
    return refused(home, *args, *extra, words=words)


def case_title_100k(home):
    return remind_refused(home, 'x' * 100_000, words=[('too long',), ('1000',)])


def case_title_1m(home):
    before = home.baseline
    try:
        result = home.rapport('--remind=' + 'x' * (1024 * 1024), '--at=' + FUTURE)
    except OSError as error:
        check(error.errno == errno.E2BIG, 'exec failed with %r, not E2BIG' % error)
        problems = home.unchanged_problems(before)
        check(not problems, '\n'.join(problems))
        return 'exec refused by the kernel: E2BIG (one argument is at most 128 KiB)'
    problems = refusal_problems(result, [('too long',)])
    problems += home.unchanged_problems(before)
    check(not problems, '\n'.join(problems + [result.describe()]))
    return 'reached rapport and was refused: ' + short(result.stderr)


def case_title_exactly_1000(home):
    # 500 two-byte characters: the limit counts bytes of UTF-8, not characters.
    title = 'é' * (MAX_FIELD // 2)
    result = home.rapport('--remind=' + title, '--at=' + FUTURE)
    check(result.returncode == 0 and result.stderr == b'', result.describe())
    printed = json_lines(result.stdout)
    check(len(printed) == 1 and printed[0].get('title') == title,
          'printed %r' % short(result.stdout))
    fresh = added(home, 'reminders', 1)
    check(fresh[0].get('title') == title, 'stored title differs: %r' % short(fresh[0]['title']))
    detail = 'accepted, %.1f s' % result.seconds

    # One byte more is refused.
    detail += '; 1001 bytes: ' + remind_refused(home, title + 'x', words=[('too long',)])
    return detail


def case_title_invalid_utf8(home):
    return remind_refused(home, b'--remind=Call \xff\xfe back')


def case_title_tab(home):
    return remind_refused(home, 'Call\tback', words=[('single line', 'control')])


def case_title_newline(home):
    return remind_refused(home, 'Call\nback', words=[('single line', 'control')])


def case_title_rlo(home):
    return remind_refused(home, 'Call \u202eback', words=[('text-direction',)])


def case_title_rli(home):
    return remind_refused(home, 'Call \u2067back\u2069', words=[('text-direction',)])


def case_title_empty(home):
    detail = remind_refused(home, '')
    return detail + '; blank: ' + remind_refused(home, ' \t ')


def case_at_garbage(home):
    return remind_refused(home, 'Call back', at='next tuesday-ish', words=[('YYYY-MM-DD',)])


def case_at_30_february(home):
    return remind_refused(home, 'Call back', at='2027-02-30T10:00', words=[('YYYY-MM-DD',)])


def case_at_year_99999(home):
    return remind_refused(home, 'Call back', at='99999-01-01T10:00', words=[('YYYY-MM-DD',)])


def case_at_huge_number(home):
    return remind_refused(home, 'Call back', at='9' * 100_000, words=[('YYYY-MM-DD',)])


def case_at_invalid_utf8(home):
    return remind_refused(home, 'Call back', at=b'--at=2027-01-01T10:00\xff')


def case_colleague_not_a_number(home):
    return remind_refused(home, 'Call back', extra=['--colleague=Zoë'])


def case_colleague_negative(home):
    return remind_refused(home, 'Call back', extra=['--colleague=-5'], words=[('-5',)])


def case_colleague_unknown(home):
    return remind_refused(home, 'Call back', extra=['--colleague=987654'], words=[('987654',)])


def case_colleague_2_63(home):
    return remind_refused(home, 'Call back', extra=['--colleague=%d' % 2 ** 63])


# --import -------------------------------------------------------------------------------------

def import_result(home, path):
    return home.rapport('--import=' + path)


def skip_lines_problems(result, card_number):
    """An import that skipped card_number: exit non-zero, one short line naming the card."""
    problems, lines = stderr_problems(result)
    if result.returncode == 0:
        problems.append('exit 0 although a card was skipped')
    if len(lines) != 1 or not lines[0].startswith('Card %d' % card_number):
        problems.append('expected one line naming card %d, got %r' % (card_number, lines))
    elif lines:
        raw = [text for text in RAW_TEXT if text.casefold() in lines[0].casefold()]
        if raw:
            problems.append('shows another layer\'s words %r' % raw)
    return problems


def long_note_case(home, name, note_bytes):
    note = b'n' * note_bytes
    path = write(home, name, card(b'FN:Long Note Person', b'EMAIL:long.note@example.org',
                                  b'NOTE:' + note))
    result = import_result(home, path)
    problems, lines = stderr_problems(result)
    if result.stdout == b'Imported 0, merged 0, skipped 1\n':
        # Skipped: the reason must name the card and the limit; nothing may change.
        problems = skip_lines_problems(result, 1)
        folded = result.stderr.decode('utf-8', errors='replace').casefold()
        # A note over the notes limit is named; a line over the parser's 10 MB is named as a line.
        names_note = 'note' in folded and ('mib' in folded or 'too long' in folded)
        if not names_note and 'line longer than' not in folded:
            problems.append('the reason does not say the note is over the limit')
        problems += home.unchanged_problems(home.baseline)
        check(not problems, '\n'.join(problems + [result.describe()]))
        return 'skipped with a reason: exit %d, %.1f s: %s' % (result.returncode, result.seconds,
                                                                short(result.stderr))

    check(result.stdout == b'Imported 1, merged 0, skipped 0\n',
          'neither imported nor skipped: ' + result.describe())
    fresh = added(home, 'colleagues', 1)[0]
    kept = fresh.get('notes', '').encode('utf-8')
    # Kept: the note cut at the limit, and a line saying so; never lost without a word.
    if kept == b'':
        problems.append('the note (%d bytes) was dropped: the contact arrived with no note'
                        % note_bytes)
    elif not note.startswith(kept) or len(kept) > MAX_NOTES:
        problems.append('the note kept is not the start of the card\'s note, or over 1 MiB')
    if kept != note and not any('Card 1' in line for line in lines):
        problems.append('the note was cut or dropped but stderr does not say so for card 1')
    check(not problems, '\n'.join(problems + [result.describe()]))
    return 'kept with the note cut: %s' % short(result.stderr)


def case_import_note_10mb(home):
    return long_note_case(home, 'note-10mb.vcf', 10 * 1000 * 1000)


def case_import_note_over_line_limit(home):
    return long_note_case(home, 'note-11mib.vcf', 11 * 1024 * 1024)


def case_import_fn_1mb(home):
    path = write(home, 'fn-1mb.vcf', card(b'FN:' + b'f' * (1024 * 1024)))
    result = import_result(home, path)
    problems = skip_lines_problems(result, 1)
    if result.stdout != b'Imported 0, merged 0, skipped 1\n':
        problems.append('stdout %r' % short(result.stdout))
    if b'too long' not in result.stderr:
        problems.append('the reason does not say the name is too long')
    problems += home.unchanged_problems(home.baseline)
    check(not problems, '\n'.join(problems + [result.describe()]))
    return 'exit %d, %.1f s: %s' % (result.returncode, result.seconds, short(result.stderr))


def imported_names(home, path, expected_names, expected_stdout):
    result = import_result(home, path)
    check(result.returncode == 0 and result.stderr == b'' and result.stdout == expected_stdout,
          result.describe())
    fresh = added(home, 'colleagues', len(expected_names))
    names = [colleague.get('name') for colleague in fresh]
    check(sorted(names) == sorted(expected_names), 'names arrived as %r, expected %r'
          % (names, expected_names))
    return fresh, result


def case_import_invalid_utf8(home):
    path = write(home, 'invalid-utf8.vcf', card(b'FN:Bad \xff\xfe Name', b'NOTE:note \xc3\x28 x'))
    fresh, result = imported_names(home, path, ['Bad \ufffd\ufffd Name'],
                                   b'Imported 1, merged 0, skipped 0\n')
    notes = fresh[0].get('notes', '')
    check(notes.startswith('note ') and notes.endswith(' x') and '\ufffd' in notes,
          'notes arrived as %r' % notes)
    return 'each invalid byte became U+FFFD, %.1f s' % result.seconds


def case_import_nul(home):
    path = write(home, 'nul.vcf', card(b'FN:Nul\x00Inside', b'NOTE:a\x00b') + b'\x00\x00\x00'
                 + card(b'FN:Second\x00 Card'))
    fresh, result = imported_names(home, path, ['NulInside', 'Second Card'],
                                   b'Imported 2, merged 0, skipped 0\n')
    notes = {colleague['name']: colleague.get('notes') for colleague in fresh}
    check(notes.get('NulInside') == 'ab', 'notes arrived as %r' % notes)
    return 'NUL bytes dropped, both cards read, %.1f s' % result.seconds


def case_import_cleaned_names(home):
    path = write(home, 'cleaned.vcf',
                 card('FN:Ahmed \u202eBadr'.encode())
                 + card('FN:\u2067Lina Haddad\u2069'.encode())
                 + card(b'FN:Tab\tName')
                 + card(b'FN:Line\\nBreak'))
    fresh, result = imported_names(home, path,
                                   ['Ahmed Badr', 'Lina Haddad', 'Tab Name', 'Line Break'],
                                   b'Imported 4, merged 0, skipped 0\n')
    return 'cleaned, %.1f s' % result.seconds


def case_import_10000_emails(home):
    path = write(home, 'emails.vcf', card(b'FN:Many Emails',
                                          *[b'EMAIL:e%d@example.org' % i for i in range(10000)]))
    result = import_result(home, path)
    if result.stdout == b'Imported 0, merged 0, skipped 1\n':
        problems = skip_lines_problems(result, 1)
        problems += home.unchanged_problems(home.baseline)
        check(not problems, '\n'.join(problems + [result.describe()]))
        return 'skipped with a reason: exit %d, %.1f s: %s' % (result.returncode, result.seconds,
                                                                short(result.stderr))
    check(result.returncode == 0 and result.stdout == b'Imported 1, merged 0, skipped 0\n',
          result.describe())
    fresh = added(home, 'colleagues', 1)[0]
    check(fresh.get('email') == 'e0@example.org', 'email %r' % fresh.get('email'))
    return 'imported with the first email, %.1f s' % result.seconds


def case_import_10000_cards(home):
    count = 10000
    path = write(home, 'cards.vcf', b''.join(card(b'FN:Hostile Person %05d' % i,
                                                  b'EMAIL:hostile%05d@example.org' % i)
                                             for i in range(count)))
    result = import_result(home, path)
    check(result.returncode == 0 and result.stderr == b''
          and result.stdout == b'Imported %d, merged 0, skipped 0\n' % count, result.describe())
    fresh = added(home, 'colleagues', count)
    names = sorted(colleague['name'] for colleague in fresh)
    check(names == ['Hostile Person %05d' % i for i in range(count)], 'names differ')
    return '%d colleagues in %.1f s' % (count, result.seconds)


def case_import_empty_file(home):
    return refused(home, '--import=' + write(home, 'empty.vcf', b''))


def case_import_binary(home):
    return refused(home, '--import=/bin/ls')


def case_import_directory(home):
    folder = os.path.join(home.root, 'input', 'a-folder.vcf')
    os.makedirs(folder, exist_ok=True)
    return refused(home, '--import=' + folder)


def case_import_missing(home):
    return refused(home, '--import=' + os.path.join(home.root, 'input', 'missing.vcf'))


def case_import_unreadable(home):
    # Root reads any file: take away the capabilities that let it, so open() really fails.
    setpriv = shutil.which('setpriv')
    if setpriv is None:
        raise Skip('setpriv (util-linux) is not installed')
    prefix = (setpriv, '--bounding-set=-dac_override,-dac_read_search')
    path = write(home, 'unreadable.vcf', card(b'FN:Hidden Person'))
    os.chmod(path, 0)
    probe = home.run(*prefix, 'cat', path)
    if probe.returncode == 0:
        raise Skip('setpriv did not take away the right to read the file')
    return refused(home, '--import=' + path, prefix=prefix)


# --passphrase-file with --backup and --restore ------------------------------------------------

def backups_folder(home):
    folder = os.path.join(home.root, 'backups')
    os.makedirs(folder, exist_ok=True)
    return folder


def good_backup(home):
    path = os.path.join(home.root, 'good.rapport-backup')
    if not os.path.exists(path):
        passphrase = write(home, 'good-passphrase', PASSPHRASE.encode() + b'\n')
        result = home.rapport('--backup=' + path, '--passphrase-file=' + passphrase)
        check(result.returncode == 0, 'the good backup failed: ' + result.describe())
    return path


def backup_refused(home, passphrase, words=(), forbidden=()):
    folder = backups_folder(home)
    return refused(home, '--backup=' + os.path.join(folder, 'journal.rapport-backup'),
                   '--passphrase-file=' + passphrase, words=words, forbidden=forbidden,
                   folders=[folder])


def restore_refused(home, passphrase, words=()):
    return refused(home, '--restore=' + good_backup(home), '--passphrase-file=' + passphrase,
                   words=words, folders=[home.data_dir])


def case_passphrase_empty(home):
    path = write(home, 'pass-empty', b'')
    return 'backup: %s; restore: %s' % (backup_refused(home, path, words=[('empty',)]),
                                        restore_refused(home, path, words=[('empty',)]))


def case_passphrase_nul(home):
    # Cut at the NUL, the passphrase would silently be "correct horse" alone.
    path = write(home, 'pass-nul', b'correct horse\x00battery staple\n')
    return backup_refused(home, path)


def case_restore_passphrase_nul(home):
    # The real passphrase, then a NUL and more: cut at the NUL it would open the backup.
    good_backup(home)
    path = write(home, 'pass-nul-after', PASSPHRASE.encode() + b'\x00not part of it\n')
    return restore_refused(home, path)


def case_passphrase_invalid_utf8(home):
    path = write(home, 'pass-invalid-utf8', b'correct \xff\xfe horse battery\n')
    # 22 bytes: "needs at least 8 characters" would send the person the wrong way.
    detail = backup_refused(home, path, forbidden=('at least',))
    return detail + '; restore: ' + restore_refused(home, path)


def case_passphrase_10mb(home):
    path = write(home, 'pass-10mb', b'p' * (10 * 1000 * 1000) + b'\n')
    folder = backups_folder(home)
    backup = os.path.join(folder, 'long.rapport-backup')
    before = home.baseline
    result = home.rapport('--backup=' + backup, '--passphrase-file=' + path)
    if result.returncode != 0:
        problems = refusal_problems(result)
        if listing(folder) != []:
            problems.append('files left behind: %r' % listing(folder))
        problems += home.unchanged_problems(before)
        check(not problems, '\n'.join(problems + [result.describe()]))
        detail = 'backup refused: ' + short(result.stderr)
    else:
        # Accepted: then the same file must open the backup again.
        check(result.stderr == b'' and os.path.isfile(backup), result.describe())
        restored = home.rapport('--restore=' + backup, '--passphrase-file=' + path)
        check(restored.returncode == 0, 'a backup made with it does not restore with it: '
              + restored.describe())
        after = home.state()
        check(after['lists'] == before['lists'], 'the restored journal differs')
        home.baseline = after
        os.unlink(backup)
        detail = ('accepted (no upper limit), backup %.1f s, restore with the same file %.1f s'
                  % (result.seconds, restored.seconds))
    return detail + '; restore of another backup: ' + restore_refused(home, path)


def case_passphrase_missing(home):
    path = os.path.join(home.root, 'input', 'no-such-passphrase')
    return 'backup: %s; restore: %s' % (backup_refused(home, path), restore_refused(home, path))


# --export-vcard, --export-ics, --export-guide ---------------------------------------------------

def export_args(home, option, path):
    args = ['--%s=%s' % (option, path)]
    if option == 'export-guide':
        assignments = json_lines(home.baseline['lists']['assignments'])
        check(assignments, 'the seeded journal has no assignment')
        args.append('--assignment=%d' % assignments[0]['id'])
    return args


def export_to_directory(home, option):
    folder = os.path.join(home.root, 'exports', option + '.out')
    os.makedirs(folder, exist_ok=True)
    return refused(home, *export_args(home, option, folder),
                   folders=[folder, os.path.dirname(folder)])


def export_to_missing_folder(home, option):
    parent = os.path.join(home.root, 'exports')
    os.makedirs(parent, exist_ok=True)
    missing = os.path.join(parent, 'missing-' + option)
    detail = refused(home, *export_args(home, option, os.path.join(missing, 'out.file')),
                     folders=[parent])
    check(not os.path.exists(missing), 'the missing folder was created')
    return detail


def export_to_proc(home, option):
    path = '/proc/rapport-hostile-%s.out' % option
    detail = refused(home, *export_args(home, option, path))
    check(not os.path.exists(path), 'a file appeared at ' + path)
    return detail


# ------------------------------------------------------------------------------------------------

CASES = [
    ('--remind with a 100 KB title is refused: too long', case_title_100k),
    ('--remind with a 1 MB title cannot even be passed (MAX_ARG_STRLEN)', case_title_1m),
    ('--remind with exactly 1000 bytes is accepted; 1001 bytes are refused',
     case_title_exactly_1000),
    ('--remind with invalid UTF-8 is refused clearly', case_title_invalid_utf8),
    ('--remind with a tab is refused', case_title_tab),
    ('--remind with a newline is refused', case_title_newline),
    ('--remind with U+202E is refused: text-direction character', case_title_rlo),
    ('--remind with U+2067 is refused: text-direction character', case_title_rli),
    ('--remind with an empty or blank title is refused', case_title_empty),
    ('--at with garbage is refused', case_at_garbage),
    ('--at with 30 February is refused', case_at_30_february),
    ('--at with the year 99999 is refused', case_at_year_99999),
    ('--at with a 100,000-digit number is refused without quoting it', case_at_huge_number),
    ('--at with invalid UTF-8 is refused clearly', case_at_invalid_utf8),
    ('--colleague with a non-number is refused clearly', case_colleague_not_a_number),
    ('--colleague with a negative id is refused', case_colleague_negative),
    ('--colleague with an unknown id is refused', case_colleague_unknown),
    ('--colleague with 2^63 is refused clearly', case_colleague_2_63),
    ('--import of a 10 MB NOTE: skipped with a reason, or kept cut with a warning',
     case_import_note_10mb),
    ('--import of an 11 MiB NOTE line: skipped with a reason, or kept cut with a warning',
     case_import_note_over_line_limit),
    ('--import of a 1 MB FN line skips the card with a reason', case_import_fn_1mb),
    ('--import with invalid UTF-8 in FN and NOTE imports valid text', case_import_invalid_utf8),
    ('--import with NUL bytes in values and between cards imports both cards', case_import_nul),
    ('--import cleans FN with U+202E, U+2067, a tab, an escaped newline',
     case_import_cleaned_names),
    ('--import of a card with 10,000 EMAIL lines ends clearly', case_import_10000_emails),
    ('--import of a 0-byte file is refused clearly', case_import_empty_file),
    ('--import of a binary file (/bin/ls) is refused clearly', case_import_binary),
    ('--import of a directory is refused clearly', case_import_directory),
    ('--import of a missing file is refused clearly', case_import_missing),
    ('--import of a file it may not read is refused clearly', case_import_unreadable),
    ('--passphrase-file empty: --backup and --restore refused', case_passphrase_empty),
    ('--passphrase-file with a NUL byte: --backup refused, not a shorter passphrase',
     case_passphrase_nul),
    ('--passphrase-file with the passphrase, a NUL and more: --restore refused',
     case_restore_passphrase_nul),
    ('--passphrase-file with invalid UTF-8: --backup and --restore refused clearly',
     case_passphrase_invalid_utf8),
    ('--passphrase-file with a 10 MB line: refused, or a backup that restores with it',
     case_passphrase_10mb),
    ('--passphrase-file missing: --backup and --restore refused clearly',
     case_passphrase_missing),
]
for _option in ('export-vcard', 'export-ics', 'export-guide'):
    CASES += [
        ('--%s to a directory is refused clearly, nothing left' % _option,
         lambda home, option=_option: export_to_directory(home, option)),
        ('--%s into a missing folder is refused clearly, nothing created' % _option,
         lambda home, option=_option: export_to_missing_folder(home, option)),
        ('--%s under /proc is refused clearly' % _option,
         lambda home, option=_option: export_to_proc(home, option)),
    ]


def case_every_kind_at_the_end(home):
    problems = differences(home.baseline, home.state())
    check(not problems, '\n'.join(problems))
    return ', '.join('%d %s' % (len(json_lines(home.baseline['lists'][kind])), kind)
                     for kind in LIST_KINDS)


CASES.append(('every --list kind is what the accepted changes left', case_every_kind_at_the_end))
# Last: it makes every --list after it long.
CASES.append(('--import of 10,000 cards in one file imports them all', case_import_10000_cards))


def main():
    print('1..%d' % len(CASES), flush=True)
    if not BINARY or not SEED:
        for number, (title, _) in enumerate(CASES, 1):
            print('not ok %d - %s' % (number, title))
        print('# RAPPORT_BINARY and RAPPORT_SEED must be set (run through meson test)')
        return 1

    home = Home()
    failures = 0
    started = time.monotonic()
    try:
        seeded = home.run(SEED, '--data-dir=' + home.data_dir, '--sample')
        check(seeded.returncode == 0, 'rapport-seed --sample failed: ' + seeded.describe())
        good_backup(home)
        home.baseline = home.state()

        for number, (title, case) in enumerate(CASES, 1):
            try:
                detail = case(home)
                print('ok %d - %s (%s)' % (number, title, detail), flush=True)
            except Skip as reason:
                print('ok %d - %s # SKIP %s' % (number, title, reason), flush=True)
            except Exception as error:
                failures += 1
                print('not ok %d - %s' % (number, title))
                text = str(error) if isinstance(error, CaseFailed) else traceback.format_exc()
                for line in text.splitlines():
                    print('# ' + line)
                sys.stdout.flush()
                # The next case starts from what is there now.
                if home.unchanged_problems(home.baseline):
                    home.baseline = home.state()
    except Exception:
        failures += 1
        for line in traceback.format_exc().splitlines():
            print('# ' + line)
    finally:
        timings = sorted(home.timings)
        if timings:
            print('# %d rapport runs, median %.2f s, slowest %.2f s; %.0f s in all'
                  % (len(timings), timings[len(timings) // 2], timings[-1],
                     time.monotonic() - started))
        home.close()
    return 1 if failures else 0


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
