#!/usr/bin/python3
# test-cli.py — the command line of the real rapport binary, as scripts use it (TAP).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring. Each case has its own throwaway home; keyring items are keyed by database path,
# so cases never see each other's keys.

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import traceback

import rapport_home

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')
SOURCE_ROOT = os.environ.get('RAPPORT_SOURCE_ROOT', '')
BUILD_ROOT = os.environ.get('RAPPORT_BUILD_ROOT', '')

TIMEOUT = 30          # seconds for one command
START_TIMEOUT = 30    # seconds for the app to own its name on the bus

# Must match the --sample set in tests/rapport-seed.c.
SAMPLE_NAMES = [
    'José Peña',
    'Zoë Müller',
    'Priya Raman',
    "Marcus O'Neil",
    'Dana Whitfield',
    'Søren Åkesson',
]


class CaseFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


def read_application_id():
    try:
        with open(os.path.join(BUILD_ROOT, 'config.h'), encoding='utf-8') as config:
            match = re.search(r'#define APPLICATION_ID "([^"]+)"', config.read())
            if match:
                return match.group(1)
    except OSError:
        pass
    return 'io.github.rapportjournal.Rapport'


def read_version():
    with open(os.path.join(SOURCE_ROOT, 'meson.build'), encoding='utf-8') as build:
        match = re.search(r"version:\s*'([^']+)'", build.read())
    return match.group(1) if match else None


APPLICATION_ID = read_application_id()
OBJECT_PATH = '/' + APPLICATION_ID.replace('.', '/')


class Home(rapport_home.Home):
    """A throwaway home for one case: every XDG folder inside it."""

    def __init__(self):
        super().__init__(prefix='rapport-cli-')

    def run(self, *args, timeout=TIMEOUT):
        return subprocess.run(list(args), env=self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)

    def rapport(self, *args):
        return self.run(BINARY, *args)

    def seed(self, *args):
        result = self.run(SEED, '--data-dir=' + self.data_dir, *args)
        check(result.returncode == 0,
              'rapport-seed %s failed (%d): %s'
              % (' '.join(args), result.returncode, result.stderr.decode(errors='replace')))
        return result



def describe(result):
    return 'exit %d, stdout %r, stderr %r' % (result.returncode, result.stdout[:400],
                                              result.stderr[:400])


def stderr_lines(result):
    return result.stderr.decode('utf-8', errors='replace').splitlines()


def check_one_error_line(result):
    check(result.returncode != 0, 'expected a failure: ' + describe(result))
    lines = stderr_lines(result)
    check(len(lines) == 1 and lines[0].strip(),
          'expected exactly one line on stderr, got %d: %r' % (len(lines), lines))


def sha256(path):
    with open(path, 'rb') as data:
        return hashlib.sha256(data.read()).hexdigest()


def parse_json_lines(stdout):
    text = stdout.decode('utf-8')   # strict: broken UTF-8 fails the case
    objects = []
    for line in text.splitlines():
        value = json.loads(line)
        check(isinstance(value, dict), 'not a JSON object: %r' % line)
        objects.append(value)
    return objects


def gdbus(home, *args):
    return home.run('gdbus', 'call', '--session', *args, timeout=10)


def name_has_owner(home):
    result = gdbus(home, '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
                   '--method', 'org.freedesktop.DBus.NameHasOwner', APPLICATION_ID)
    return result.returncode == 0 and result.stdout.strip() == b'(true,)'


def quit_app(home, process, timeout=15):
    gdbus(home, '--dest', APPLICATION_ID, '--object-path', OBJECT_PATH,
          '--method', 'org.freedesktop.Application.ActivateAction', 'quit', '[]', '{}')
    try:
        process.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
        return False


# The cases ---------------------------------------------------------------------------------

def test_version(home):
    result = home.rapport('--version')
    check(result.returncode == 0, describe(result))
    version = read_version()
    out = result.stdout.decode().strip()
    check(out == 'rapport %s' % version, 'expected "rapport %s", got %r' % (version, out))


def test_help(home):
    result = home.rapport('--help')
    check(result.returncode == 0, describe(result))
    check(b'--list' in result.stdout, '--help does not mention --list: %r' % result.stdout[:2000])


def test_list_without_journal(home):
    result = home.rapport('--list=colleagues')
    check(result.returncode == 0, describe(result))
    check(result.stdout == b'', 'expected no output, got %r' % result.stdout)
    check(not os.path.exists(home.database), 'listing created a journal at ' + home.database)


def test_list_sample(home):
    home.seed('--sample')
    result = home.rapport('--list=colleagues')
    check(result.returncode == 0, describe(result))
    colleagues = parse_json_lines(result.stdout)
    names = [colleague.get('name') for colleague in colleagues]
    check(sorted(names) == sorted(SAMPLE_NAMES), 'names differ: %r' % names)
    for colleague in colleagues:
        check(isinstance(colleague.get('id'), int) and colleague['id'] > 0,
              'no positive integer "id": %r' % colleague)
    roles = {colleague.get('name'): colleague.get('role') for colleague in colleagues}
    check(roles.get('José Peña') == 'RN' and roles.get('Søren Åkesson') == 'Charge Nurse',
          'roles differ: %r' % roles)


def test_list_bogus(home):
    result = home.rapport('--list=bogus')
    check_one_error_line(result)
    check(result.returncode == 2, 'expected exit status 2: ' + describe(result))
    message = result.stderr.decode()
    for name in ('colleagues', 'assignments', 'tips', 'interactions'):
        check(name in message, 'the error does not name %r: %r' % (name, message))


def check_ids(objects, what):
    ids = [item.get('id') for item in objects]
    for item in objects:
        check(isinstance(item.get('id'), int) and item['id'] > 0,
              '%s: no positive integer "id": %r' % (what, item))
    check(len(set(ids)) == len(ids), '%s: repeated ids: %r' % (what, ids))
    return set(ids)


def list_sample(home):
    """The --sample journal, every list of it; it must hold some of each kind."""
    lists = {}
    for name in ('colleagues', 'assignments', 'tips', 'interactions'):
        result = home.rapport('--list=' + name)
        check(result.returncode == 0, '--list=%s: %s' % (name, describe(result)))
        check(result.stderr == b'', '--list=%s wrote to stderr: %r' % (name, result.stderr))
        lists[name] = parse_json_lines(result.stdout)
        check(lists[name], '--list=%s printed nothing for the --sample journal (does '
              'rapport-seed --sample add %s?)' % (name, name))
    return lists


def test_list_journal_kinds(home):
    home.seed('--sample')
    lists = list_sample(home)
    colleague_ids = check_ids(lists['colleagues'], 'colleagues')
    assignment_ids = check_ids(lists['assignments'], 'assignments')
    check_ids(lists['tips'], 'tips')
    check_ids(lists['interactions'], 'interactions')

    for assignment in lists['assignments']:
        check(isinstance(assignment.get('facility'), str) and assignment['facility'],
              'an assignment without a "facility": %r' % assignment)
        for key in ('starts_on', 'ends_on', 'tz'):
            check(isinstance(assignment.get(key), str), 'no string %r: %r' % (key, assignment))
    for tip in lists['tips']:
        check(tip.get('assignment_id') in assignment_ids,
              'a tip of no listed assignment: %r' % tip)
        check(isinstance(tip.get('title'), str) and tip['title'], 'a tip without a title: %r' % tip)
        check(isinstance(tip.get('category'), str), 'a tip without a category: %r' % tip)
    for interaction in lists['interactions']:
        ids = interaction.get('colleague_ids')
        check(isinstance(ids, list) and ids and all(isinstance(i, int) for i in ids),
              '"colleague_ids" is not a list of ids: %r' % interaction)
        check(set(ids) <= colleague_ids,
              'an interaction names unknown colleagues: %r' % interaction)
        check(isinstance(interaction.get('kind'), str) and interaction['kind'],
              'an interaction without a kind: %r' % interaction)

    # Unicode stays intact, not escaped into something else.
    everything = ''.join(json.dumps(item, ensure_ascii=False)
                         for name in lists for item in lists[name])
    check('José Peña' in everything, 'the sample names lost their accents')


def test_list_kinds_without_journal(home):
    for name in ('assignments', 'tips', 'interactions'):
        result = home.rapport('--list=' + name)
        check(result.returncode == 0, '--list=%s: %s' % (name, describe(result)))
        check(result.stdout == b'', '--list=%s printed %r' % (name, result.stdout))
    check(not os.path.exists(home.database), 'listing created a journal at ' + home.database)


def sample_guide_assignment(home):
    """(assignment id, its tips' titles, every colleague's name) of the --sample journal."""
    lists = list_sample(home)
    by_assignment = {}
    for tip in lists['tips']:
        by_assignment.setdefault(tip['assignment_id'], []).append(tip['title'])
    assignment_id = max(by_assignment, key=lambda key: len(by_assignment[key]))
    names = [colleague['name'] for colleague in lists['colleagues']]
    return assignment_id, by_assignment[assignment_id], names


def check_guide(path, titles, names):
    check(os.path.isfile(path), 'no guide at ' + path)
    with open(path, encoding='utf-8') as guide:
        text = guide.read()
    for title in titles:
        check(title in text, 'the guide lacks the tip %r' % title)
    for name in names:
        check(name not in text, 'the guide names the colleague %r' % name)
    mode = os.stat(path).st_mode & 0o777
    check(mode & 0o077 == 0, 'the guide is readable by others (mode %o)' % mode)


def test_export_guide_relative(home):
    home.seed('--sample')
    assignment_id, titles, names = sample_guide_assignment(home)
    elsewhere = os.path.join(home.root, 'elsewhere')
    os.makedirs(elsewhere)
    result = subprocess.run([BINARY, '--export-guide=guide.md',
                             '--assignment=%d' % assignment_id],
                            env=home.env, cwd=elsewhere, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    check(result.returncode == 0, describe(result))
    check(result.stdout == b'' and result.stderr == b'', 'printed something: ' + describe(result))
    check_guide(os.path.join(elsewhere, 'guide.md'), titles, names)
    check(not os.path.exists(os.path.join(home.env['HOME'], 'guide.md')),
          'the guide was written relative to another folder')

    # HTML when the name asks for it.
    result = home.rapport('--export-guide=' + os.path.join(elsewhere, 'guide.html'),
                          '--assignment=%d' % assignment_id)
    check(result.returncode == 0, describe(result))
    check_guide(os.path.join(elsewhere, 'guide.html'), [], names)
    with open(os.path.join(elsewhere, 'guide.html'), encoding='utf-8') as guide:
        check('<html' in guide.read().lower(), 'guide.html is not HTML')


def test_export_guide_missing_assignment(home):
    home.seed('--sample')
    result = home.rapport('--export-guide=' + os.path.join(home.root, 'guide.md'))
    check_one_error_line(result)
    check(result.returncode == 2, 'expected exit status 2: ' + describe(result))
    check(b'--assignment' in result.stderr, 'the error does not say what is missing: %r'
          % result.stderr)
    check(not os.path.exists(os.path.join(home.root, 'guide.md')), 'a guide was written anyway')


def test_export_guide_unknown_assignment(home):
    home.seed('--sample')
    path = os.path.join(home.root, 'guide.md')
    result = home.rapport('--export-guide=' + path, '--assignment=987654')
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
    check(stderr_lines(result)[0]
          == 'rapport: No assignment with id 987654; --list=assignments prints the ids.',
          'unexpected message: %r' % stderr_lines(result))
    check(not os.path.exists(path), 'a guide was written anyway')


def test_export_guide_without_journal(home):
    path = os.path.join(home.root, 'guide.md')
    result = home.rapport('--export-guide=' + path, '--assignment=1')
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
    check(not os.path.exists(home.database), 'exporting created a journal at ' + home.database)
    check(not os.path.exists(path), 'a guide was written anyway')


def test_export_guide_unwritable(home):
    home.seed('--sample')
    assignment_id, _, _ = sample_guide_assignment(home)
    path = os.path.join(home.root, 'no-such-folder', 'guide.md')
    result = home.rapport('--export-guide=' + path, '--assignment=%d' % assignment_id)
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))


def test_list_key_forgotten(home):
    home.seed('--sample')
    home.seed('--forget-key')
    before = sha256(home.database)
    files = sorted(os.listdir(home.data_dir))
    result = home.rapport('--list=colleagues')
    check_one_error_line(result)
    check(result.stdout == b'', 'printed something anyway: %r' % result.stdout)
    check(sha256(home.database) == before, 'the database file changed')
    check(sorted(os.listdir(home.data_dir)) == files,
          'files in the data dir changed: %r -> %r' % (files, sorted(os.listdir(home.data_dir))))


def test_list_corrupt(home):
    home.seed('--colleagues=200', '--sample')
    size = os.path.getsize(home.database)
    check(size > 8192, 'the seeded database is unexpectedly small (%d bytes)' % size)
    with open(home.database, 'r+b') as database:
        database.truncate(size // 2)
    before = sha256(home.database)
    files = sorted(os.listdir(home.data_dir))
    result = home.rapport('--list=colleagues')
    check_one_error_line(result)
    check(sha256(home.database) == before, 'the database file changed')
    check(sorted(os.listdir(home.data_dir)) == files,
          'files in the data dir changed: %r -> %r' % (files, sorted(os.listdir(home.data_dir))))


def test_forwarding(home):
    if not os.environ.get('DISPLAY'):
        return 'SKIP no display'

    home.seed('--sample')
    alone = home.rapport('--list=colleagues')
    check(alone.returncode == 0, 'without a running instance: ' + describe(alone))
    check(not name_has_owner(home), APPLICATION_ID + ' is already owned on the bus')

    log_path = os.path.join(home.root, 'app.log')
    with open(log_path, 'wb') as log:
        app = subprocess.Popen([BINARY], env=home.env, stdin=subprocess.DEVNULL,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not name_has_owner(home):
            check(app.poll() is None, 'the app exited early (%s)' % app.returncode)
            check(time.monotonic() < deadline,
                  'the app did not own %s within %d s' % (APPLICATION_ID, START_TIMEOUT))
            time.sleep(0.1)

        forwarded = home.rapport('--list=colleagues')
        check(forwarded.returncode == 0, 'forwarded: ' + describe(forwarded))
        check(forwarded.stdout.decode().splitlines() == alone.stdout.decode().splitlines(),
              'forwarded output differs:\n%r\n%r' % (forwarded.stdout, alone.stdout))
        check(app.poll() is None, 'the running instance exited (%s)' % app.returncode)

        # The lines reached the client's stdout from the instance, not the instance's own.
        time.sleep(0.2)
        with open(log_path, 'rb') as log:
            own_output = log.read()
        check('José Peña'.encode() not in own_output,
              'the running instance printed the list itself: %r' % own_output[:400])

        # A forwarded export writes where the caller is, not where the instance runs.
        assignment_id, titles, names = sample_guide_assignment(home)
        elsewhere = os.path.join(home.root, 'elsewhere')
        os.makedirs(elsewhere)
        exported = subprocess.run([BINARY, '--export-guide=guide.md',
                                   '--assignment=%d' % assignment_id],
                                  env=home.env, cwd=elsewhere, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        check(exported.returncode == 0, 'forwarded export: ' + describe(exported))
        check_guide(os.path.join(elsewhere, 'guide.md'), titles, names)
        check(app.poll() is None, 'the running instance exited (%s)' % app.returncode)
    finally:
        quit_cleanly = quit_app(home, app)
    check(quit_cleanly, 'the app did not quit on the "quit" action; killed it')


def local_iso(timestamp):
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.localtime(timestamp))


def remind(home, *args):
    result = home.rapport(*args)
    check(result.returncode == 0, describe(result))
    check(result.stderr == b'', 'wrote to stderr: %r' % result.stderr)
    lines = parse_json_lines(result.stdout)
    check(len(lines) == 1, 'expected one JSON line, got %r' % result.stdout)
    return lines[0]


def test_remind(home):
    home.seed('--colleagues=2')
    colleague = parse_json_lines(home.rapport('--list=colleagues').stdout)[0]
    due = int(time.time()) + 7 * 86400
    reminder = remind(home, '--remind=Send Zoë the sepsis article', '--at=' + local_iso(due),
                      '--colleague=%d' % colleague['id'])
    check(isinstance(reminder.get('id'), int) and reminder['id'] > 0, 'no id: %r' % reminder)
    check(reminder.get('title') == 'Send Zoë the sepsis article', 'title: %r' % reminder)
    check(reminder.get('colleague_id') == colleague['id'], 'colleague_id: %r' % reminder)
    check(reminder.get('state') == 'upcoming', 'state: %r' % reminder)
    check(reminder.get('tz') == os.environ.get('TZ', reminder.get('tz')), 'tz: %r' % reminder)
    check(isinstance(reminder.get('due'), str)
          and reminder['due'].startswith(local_iso(due)), 'due: %r' % reminder)

    # Minutes only, and no colleague.
    minutes = local_iso(due)[:16]
    other = remind(home, '--remind=Badge office', '--at=' + minutes)
    check(other['id'] != reminder['id'], 'the same id twice: %r %r' % (reminder, other))
    check(other['due'].startswith(minutes + ':00'), 'due: %r' % other)
    check(not other.get('colleague_id'), 'a colleague appeared: %r' % other)

    listed = parse_json_lines(home.rapport('--list=reminders').stdout)
    by_id = {item['id']: item for item in listed}
    check(set(by_id) == {reminder['id'], other['id']}, 'listed: %r' % listed)
    check(by_id[reminder['id']] == reminder, 'the listed reminder differs from the printed one:'
          '\n%r\n%r' % (by_id[reminder['id']], reminder))


def test_remind_bad_date(home):
    home.seed()
    for at in ('2026-13-01T10:00', '2026-02-30T10:00', 'tomorrow', '2026-03-01 10:00',
               '2026-03-01T25:00', '2026-03-01T10:00:61', '2026-03-01T10:00Z'):
        result = home.rapport('--remind=Call back', '--at=' + at)
        check_one_error_line(result)
        check(result.returncode == 2, '--at=%s: expected exit status 2: %s' % (at, describe(result)))
    result = home.rapport('--remind=Call back')
    check_one_error_line(result)
    check(result.returncode == 2, 'without --at: expected exit status 2: ' + describe(result))
    check(parse_json_lines(home.rapport('--list=reminders').stdout) == [],
          'a reminder was added anyway')


def test_remind_unknown_colleague(home):
    home.seed('--colleagues=1')
    result = home.rapport('--remind=Call back', '--at=' + local_iso(time.time() + 3600),
                          '--colleague=987654')
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
    check(b'987654' in result.stderr, 'the error does not name the id: %r' % result.stderr)
    check(parse_json_lines(home.rapport('--list=reminders').stdout) == [],
          'a reminder was added anyway')


def test_remind_without_journal(home):
    result = home.rapport('--remind=Call back', '--at=' + local_iso(time.time() + 3600))
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
    check(b'no journal yet' in result.stderr and b'start Rapport once' in result.stderr,
          'unexpected message: %r' % result.stderr)
    check(not os.path.exists(home.database), 'a journal was created at ' + home.database)


def test_list_reminders_and_due(home):
    home.seed('--colleagues=1')
    now = int(time.time())
    overdue = remind(home, '--remind=Overdue follow-up', '--at=' + local_iso(now - 3600))
    later = remind(home, '--remind=Next month', '--at=' + local_iso(now + 30 * 86400))

    reminders = parse_json_lines(home.rapport('--list=reminders').stdout)
    states = {item['id']: item.get('state') for item in reminders}
    check(states == {overdue['id']: 'overdue', later['id']: 'upcoming'}, 'states: %r' % states)
    for item in reminders:
        for key in ('id', 'title', 'due', 'tz', 'rrule', 'state', 'colleague_id',
                    'assignment_id', 'snoozed_until', 'notes'):
            check(key in item, 'no %r in %r' % (key, item))

    result = home.rapport('--list=due')
    check(result.returncode == 0, describe(result))
    due = parse_json_lines(result.stdout)
    due_reminders = [item for item in due if item.get('kind') == 'reminder']
    check([item['id'] for item in due_reminders] == [overdue['id']],
          '--list=due lists %r' % due)
    for item in due:
        check(item.get('kind') in ('reminder', 'reconnect'), 'kind: %r' % item)

    bogus = home.rapport('--list=bogus')
    for name in ('reminders', 'due'):
        check(name.encode() in bogus.stderr, 'the --list=bogus error does not name %r' % name)


def test_lists_of_reminders_without_journal(home):
    for name in ('reminders', 'due'):
        result = home.rapport('--list=' + name)
        check(result.returncode == 0, '--list=%s: %s' % (name, describe(result)))
        check(result.stdout == b'', '--list=%s printed %r' % (name, result.stdout))
    check(not os.path.exists(home.database), 'listing created a journal at ' + home.database)


def test_export_ics_relative(home):
    home.seed('--colleagues=1')
    due = int(time.time()) + 2 * 86400
    reminder = remind(home, '--remind=Peer-support group', '--at=' + local_iso(due))
    elsewhere = os.path.join(home.root, 'elsewhere')
    os.makedirs(elsewhere)
    result = subprocess.run([BINARY, '--export-ics=reminders.ics'], env=home.env, cwd=elsewhere,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=TIMEOUT)
    check(result.returncode == 0, describe(result))
    path = os.path.join(elsewhere, 'reminders.ics')
    check(os.path.isfile(path), 'no file at ' + path)
    check(not os.path.exists(os.path.join(home.env['HOME'], 'reminders.ics')),
          'written relative to another folder')
    with open(path, 'rb') as ics:
        data = ics.read()
    check(data.startswith(b'BEGIN:VCALENDAR\r\n'), 'not iCalendar: %r' % data[:80])
    mode = os.stat(path).st_mode & 0o777
    check(mode & 0o077 == 0, 'the file is readable by others (mode %o)' % mode)
    try:
        import icalendar
    except ImportError:
        return 'SKIP python3-icalendar is not installed; only the first line was checked'
    calendar = icalendar.Calendar.from_ical(data)
    summaries = [str(event.get('SUMMARY')) for event in calendar.walk('VEVENT')]
    check(reminder['title'] in summaries, 'the reminder is not an event: %r' % summaries)


def test_export_ics_without_journal(home):
    path = os.path.join(home.root, 'reminders.ics')
    result = home.rapport('--export-ics=' + path)
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
    check(not os.path.exists(path), 'a file was written anyway')
    check(not os.path.exists(home.database), 'exporting created a journal at ' + home.database)


def sample_colleague_with_email(home):
    result = home.rapport('--list=colleagues')
    check(result.returncode == 0, describe(result))
    for colleague in parse_json_lines(result.stdout):
        if colleague.get('email'):
            return colleague
    raise CaseFailed('the --sample journal has no colleague with an email')


def test_import(home):
    home.seed('--sample')
    known = sample_colleague_with_email(home)
    elsewhere = os.path.join(home.root, 'elsewhere')
    os.makedirs(elsewhere)
    cards = ('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nadia Brandt\r\nN:Brandt;Nadia;;;\r\n'
             'EMAIL:nadia@example.org\r\nTITLE:Pharmacist\r\nEND:VCARD\r\n'
             'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone Else\r\nEMAIL:%s\r\n'
             'TITLE:Imported title\r\nEND:VCARD\r\n'
             'BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:555-0100\r\nEND:VCARD\r\n'
             % known['email'].upper())
    with open(os.path.join(elsewhere, 'cards.vcf'), 'w', encoding='utf-8') as vcf:
        vcf.write(cards)

    result = subprocess.run([BINARY, '--import=cards.vcf'], env=home.env, cwd=elsewhere,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=TIMEOUT)
    check(result.returncode == 2, 'expected exit status 2: ' + describe(result))
    check(result.stdout == b'Imported 1, merged 1, skipped 1\n', describe(result))
    lines = stderr_lines(result)
    check(len(lines) == 1 and lines[0].startswith('Card 3 ') and lines[0].count('3') == 1,
          'expected one line naming card 3 once: %r' % lines)

    listed = parse_json_lines(home.rapport('--list=colleagues').stdout)
    names = [colleague.get('name') for colleague in listed]
    check(sorted(names) == sorted(SAMPLE_NAMES + ['Nadia Brandt']), 'names differ: %r' % names)
    merged = [colleague for colleague in listed if colleague.get('id') == known['id']]
    check(len(merged) == 1 and merged[0].get('name') == known['name']
          and merged[0].get('email') == known['email'],
          'the merge overwrote what was there: %r' % merged)
    if not known.get('role'):
        check(merged[0].get('role') == 'Imported title', 'the empty role was not filled')
    else:
        check(merged[0].get('role') == known['role'], 'the role was overwritten')

    # Importing again only merges.
    result = home.rapport('--import=' + os.path.join(elsewhere, 'cards.vcf'))
    check(result.stdout == b'Imported 0, merged 2, skipped 1\n', describe(result))


def test_import_unreadable(home):
    home.seed('--sample')
    result = home.rapport('--import=' + os.path.join(home.root, 'missing.vcf'))
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))


def test_import_without_journal(home):
    path = os.path.join(home.root, 'cards.vcf')
    with open(path, 'w', encoding='utf-8') as vcf:
        vcf.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nadia Brandt\r\nEND:VCARD\r\n')
    result = home.rapport('--import=' + path)
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
    check(not os.path.exists(home.database), 'importing created a journal at ' + home.database)


PARSE_VCARDS = '''
import sys, vobject
with open(sys.argv[1], encoding='utf-8') as data:
    for card in vobject.readComponents(data.read()):
        print(card.fn.value)
'''


def test_export_vcard(home):
    home.seed('--sample')
    elsewhere = os.path.join(home.root, 'elsewhere')
    os.makedirs(elsewhere)
    for version in ('4.0', '3.0'):
        result = subprocess.run([BINARY, '--export-vcard=people.vcf',
                                 '--vcard-version=' + version],
                                env=home.env, cwd=elsewhere, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        check(result.returncode == 0, describe(result))
        path = os.path.join(elsewhere, 'people.vcf')
        check(os.stat(path).st_mode & 0o777 == 0o600, 'the file is readable by others')
        with open(path, 'rb') as vcf:
            check(b'VERSION:' + version.encode() in vcf.read(), 'not a %s file' % version)
        parsed = subprocess.run(['/usr/bin/python3', '-c', PARSE_VCARDS, path],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        check(parsed.returncode == 0, 'vobject could not read it: %r' % parsed.stderr[-400:])
        names = parsed.stdout.decode('utf-8').splitlines()
        check(sorted(names) == sorted(SAMPLE_NAMES), 'names differ: %r' % names)

    result = home.rapport('--export-vcard=' + os.path.join(elsewhere, 'bad.vcf'),
                          '--vcard-version=5.0')
    check_one_error_line(result)
    check(result.returncode == 2, 'expected exit status 2: ' + describe(result))
    check(not os.path.exists(os.path.join(elsewhere, 'bad.vcf')), 'a file was written anyway')


PASSPHRASE = 'Correct horse, 42 “quoted”'


def write_passphrase(folder, text, name='passphrase.txt'):
    path = os.path.join(folder, name)
    with open(path, 'w', encoding='utf-8') as passphrase:
        passphrase.write(text)
    return path


def listed_names(home):
    result = home.rapport('--list=colleagues')
    check(result.returncode == 0, '--list=colleagues: ' + describe(result))
    return sorted(colleague.get('name') for colleague in parse_json_lines(result.stdout))


def add_nadia(home):
    path = os.path.join(home.root, 'nadia.vcf')
    with open(path, 'w', encoding='utf-8') as vcf:
        vcf.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nadia Brandt\r\nEND:VCARD\r\n')
    result = home.rapport('--import=' + path)
    check(result.returncode == 0, '--import: ' + describe(result))


def run_in(home, folder, *args):
    return subprocess.run([BINARY] + list(args), env=home.env, cwd=folder,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=TIMEOUT)


def back_up(home, folder, name='journal.rapport-backup'):
    write_passphrase(folder, PASSPHRASE + '\n')
    result = run_in(home, folder, '--backup=' + name, '--passphrase-file=passphrase.txt')
    check(result.returncode == 0, '--backup: ' + describe(result))
    check(result.stdout == b'' and result.stderr == b'', '--backup printed: ' + describe(result))
    path = os.path.join(folder, name)
    check(os.path.isfile(path), 'no backup at ' + path)
    return path


def test_backup_restore(home):
    home.seed('--sample')
    elsewhere = os.path.join(home.root, 'elsewhere')
    os.makedirs(elsewhere)
    backup = back_up(home, elsewhere)
    check(os.stat(backup).st_mode & 0o777 == 0o600, 'the backup is readable by others')
    check(sorted(os.listdir(elsewhere)) == ['journal.rapport-backup', 'passphrase.txt'],
          'files left beside the backup: %r' % sorted(os.listdir(elsewhere)))
    with open(backup, 'rb') as data:
        contents = data.read()
    for name in SAMPLE_NAMES:
        check(name.encode() not in contents, 'the backup holds %r in plain text' % name)
    check(not os.path.exists(os.path.join(home.env['HOME'], 'journal.rapport-backup')),
          'written relative to another folder')

    add_nadia(home)
    check(listed_names(home) == sorted(SAMPLE_NAMES + ['Nadia Brandt']), 'the import did not land')

    # A passphrase file written on Windows works too.
    write_passphrase(elsewhere, PASSPHRASE + '\r\nsecond line\r\n', 'crlf.txt')
    result = run_in(home, elsewhere, '--restore=journal.rapport-backup',
                    '--passphrase-file=crlf.txt')
    check(result.returncode == 0, '--restore: ' + describe(result))
    check(result.stdout == b'restored 6 colleagues\n' and result.stderr == b'',
          '--restore printed: ' + describe(result))
    check(listed_names(home) == sorted(SAMPLE_NAMES), 'not the backup\'s colleagues: %r'
          % listed_names(home))
    # Beside the journal, only the snapshot of the one the backup replaced.
    check(sorted(os.listdir(home.data_dir)) == ['rapport.db', 'snapshots'],
          'files left in the data folder: %r' % sorted(os.listdir(home.data_dir)))
    snapshots = os.listdir(os.path.join(home.data_dir, 'snapshots'))
    check(len(snapshots) == 1 and 'before-restore' in snapshots[0],
          'not one snapshot of the replaced journal: %r' % snapshots)


def test_restore_wrong_passphrase(home):
    home.seed('--sample')
    backup = back_up(home, home.root)
    add_nadia(home)
    before = sha256(home.database)
    files = sorted(os.listdir(home.data_dir))

    for wrong in (PASSPHRASE.upper(), PASSPHRASE + ' '):
        write_passphrase(home.root, wrong, 'wrong.txt')
        result = home.rapport('--restore=' + backup,
                              '--passphrase-file=' + os.path.join(home.root, 'wrong.txt'))
        check_one_error_line(result)
        check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
        check(b'passphrase' in result.stderr and b'case-sensitive' in result.stderr,
              'the error does not say what to check: %r' % result.stderr)
        check(result.stdout == b'', 'printed something: ' + describe(result))
        check(sha256(home.database) == before, 'the journal changed')
        check(sorted(os.listdir(home.data_dir)) == files,
              'files in the data dir changed: %r' % sorted(os.listdir(home.data_dir)))

    check(listed_names(home) == sorted(SAMPLE_NAMES + ['Nadia Brandt']),
          'the journal no longer opens as it was')


def test_backup_usage(home):
    home.seed('--sample')
    good = write_passphrase(home.root, PASSPHRASE)
    backup = os.path.join(home.root, 'journal.rapport-backup')
    before = sha256(home.database)
    for args in (['--passphrase-file=' + good],
                 ['--backup=' + backup],
                 ['--restore=' + backup],
                 ['--backup=' + backup, '--restore=' + backup, '--passphrase-file=' + good]):
        result = home.rapport(*args)
        check_one_error_line(result)
        check(result.returncode == 2, '%r: expected exit status 2: %s' % (args, describe(result)))

    short = write_passphrase(home.root, 'short\n', 'short.txt')
    empty = write_passphrase(home.root, '\nsecond line is not the passphrase\n', 'empty.txt')
    missing = os.path.join(home.root, 'missing.txt')
    for passphrase_file in (short, empty, missing):
        result = home.rapport('--backup=' + backup, '--passphrase-file=' + passphrase_file)
        check_one_error_line(result)
        check(result.returncode == 1, '%s: expected exit status 1: %s'
              % (os.path.basename(passphrase_file), describe(result)))
    check(b'8' in home.rapport('--backup=' + backup, '--passphrase-file=' + short).stderr,
          'the error does not say how long a passphrase must be')

    # A restore with an unreadable passphrase file or backup changes nothing.
    for args in (['--restore=' + backup, '--passphrase-file=' + missing],
                 ['--restore=' + backup, '--passphrase-file=' + good]):
        result = home.rapport(*args)
        check_one_error_line(result)
        check(result.returncode == 1, '%r: expected exit status 1: %s' % (args, describe(result)))

    check(not os.path.exists(backup), 'a backup was written anyway')
    check(sha256(home.database) == before, 'the journal changed')
    check(sorted(os.listdir(home.data_dir)) == ['rapport.db'],
          'files in the data dir: %r' % sorted(os.listdir(home.data_dir)))


def test_backup_without_journal(home):
    good = write_passphrase(home.root, PASSPHRASE)
    result = home.rapport('--backup=' + os.path.join(home.root, 'b.rapport-backup'),
                          '--passphrase-file=' + good)
    check_one_error_line(result)
    check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
    check(not os.path.exists(home.database), 'a journal was created at ' + home.database)


def test_restore_new_machine(home):
    home.seed('--sample')
    backup = back_up(home, home.root)

    other = Home()
    try:
        check(not os.path.exists(other.database), 'the new home has a journal')
        result = other.rapport('--restore=' + backup,
                               '--passphrase-file=' + os.path.join(home.root, 'passphrase.txt'))
        check(result.returncode == 0, '--restore on a new machine: ' + describe(result))
        check(result.stdout == b'restored 6 colleagues\n', describe(result))
        check(listed_names(other) == sorted(SAMPLE_NAMES), 'not the backup\'s colleagues')
        check(os.stat(other.database).st_mode & 0o777 == 0o600, 'the journal is readable by others')
    finally:
        other.close()


def test_backup_restore_forwarded(home):
    if not os.environ.get('DISPLAY'):
        return 'SKIP no display'

    home.seed('--sample')
    log_path = os.path.join(home.root, 'app.log')
    with open(log_path, 'wb') as log:
        app = subprocess.Popen([BINARY], env=home.env, stdin=subprocess.DEVNULL,
                               stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not name_has_owner(home):
            check(app.poll() is None, 'the app exited early (%s)' % app.returncode)
            check(time.monotonic() < deadline,
                  'the app did not own %s within %d s' % (APPLICATION_ID, START_TIMEOUT))
            time.sleep(0.1)

        elsewhere = os.path.join(home.root, 'elsewhere')
        os.makedirs(elsewhere)
        back_up(home, elsewhere)
        add_nadia(home)

        write_passphrase(elsewhere, 'not the passphrase', 'wrong.txt')
        result = run_in(home, elsewhere, '--restore=journal.rapport-backup',
                        '--passphrase-file=wrong.txt')
        check_one_error_line(result)
        check(result.returncode == 1, 'expected exit status 1: ' + describe(result))
        check(listed_names(home) == sorted(SAMPLE_NAMES + ['Nadia Brandt']),
              'the running instance lost its journal after a wrong passphrase')

        result = run_in(home, elsewhere, '--restore=journal.rapport-backup',
                        '--passphrase-file=passphrase.txt')
        check(result.returncode == 0, 'forwarded --restore: ' + describe(result))
        check(result.stdout == b'restored 6 colleagues\n', describe(result))
        check(listed_names(home) == sorted(SAMPLE_NAMES), 'the running instance still lists %r'
              % listed_names(home))
        check(app.poll() is None, 'the running instance exited (%s)' % app.returncode)
    finally:
        quit_cleanly = quit_app(home, app)
    check(quit_cleanly, 'the app did not quit on the "quit" action; killed it')


CASES = [
    ('--version prints "rapport <version>"', test_version),
    ('--help mentions --list', test_help),
    ('--list=colleagues without a journal prints nothing and creates nothing',
     test_list_without_journal),
    ('--list=colleagues prints one JSON object per colleague, unicode intact', test_list_sample),
    ('--list=bogus fails with one line on stderr naming every list', test_list_bogus),
    ('--list=assignments|tips|interactions print JSON lines that refer to each other',
     test_list_journal_kinds),
    ('--list of the new kinds without a journal prints nothing and creates nothing',
     test_list_kinds_without_journal),
    ('--export-guide writes a relative FILE in the caller\'s folder, tips in, names out',
     test_export_guide_relative),
    ('--export-guide without --assignment exits 2 with one line',
     test_export_guide_missing_assignment),
    ('--export-guide of an unknown assignment exits 1 with one line',
     test_export_guide_unknown_assignment),
    ('--export-guide without a journal exits 1 and creates nothing',
     test_export_guide_without_journal),
    ('--export-guide into a missing folder exits 1 with one line', test_export_guide_unwritable),
    ('a forgotten key fails with one line and leaves the journal alone', test_list_key_forgotten),
    ('a truncated journal fails with one line and is left alone', test_list_corrupt),
    ('a second instance forwards --list and --export-guide to the running one', test_forwarding),
    ('--remind adds a reminder and prints it as the one JSON line --list=reminders has',
     test_remind),
    ('--remind with a bad or missing --at exits 2 with one line and adds nothing',
     test_remind_bad_date),
    ('--remind for an unknown colleague exits 1 with one line', test_remind_unknown_colleague),
    ('--remind without a journal exits 1: "no journal yet", and creates none',
     test_remind_without_journal),
    ('--list=reminders and --list=due show states, and due only what needs attention',
     test_list_reminders_and_due),
    ('--list=reminders|due without a journal print nothing and create nothing',
     test_lists_of_reminders_without_journal),
    ('--export-ics writes a relative FILE in the caller\'s folder, a calendar with the reminder',
     test_export_ics_relative),
    ('--export-ics without a journal exits 1 and creates nothing', test_export_ics_without_journal),
    ('--import adds new cards, merges a duplicate, reports a broken card by number and exits 2',
     test_import),
    ('--import of a missing file exits 1 with one line', test_import_unreadable),
    ('--import without a journal exits 1 and creates none', test_import_without_journal),
    ('--export-vcard writes 4.0 and 3.0 files vobject reads; --vcard-version=5.0 exits 2',
     test_export_vcard),
    ('--backup writes a private encrypted FILE; --restore brings the journal back from it',
     test_backup_restore),
    ('--restore with a wrong passphrase exits 1 with one line and leaves the journal alone',
     test_restore_wrong_passphrase),
    ('--backup/--restore usage errors exit 2, bad passphrase files exit 1; nothing changes',
     test_backup_usage),
    ('--backup without a journal exits 1 and creates none', test_backup_without_journal),
    ('--restore on a new machine (no journal, no key) creates the journal from the backup',
     test_restore_new_machine),
    ('--backup and --restore forwarded to the running window replace its journal',
     test_backup_restore_forwarded),
]


def main():
    missing = [name for name, value in (('RAPPORT_BINARY', BINARY), ('RAPPORT_SEED', SEED),
                                        ('RAPPORT_SOURCE_ROOT', SOURCE_ROOT))
               if not value]
    print('1..%d' % len(CASES), flush=True)
    if missing:
        for number, (title, _) in enumerate(CASES, 1):
            print('not ok %d - %s' % (number, title))
        print('# not set: %s (run through meson test)' % ', '.join(missing))
        return 1

    failures = 0
    for number, (title, function) in enumerate(CASES, 1):
        home = Home()
        try:
            outcome = function(home)
            if outcome and outcome.startswith('SKIP'):
                print('ok %d - %s # %s' % (number, title, outcome), flush=True)
            else:
                print('ok %d - %s' % (number, title), flush=True)
        except CaseFailed as error:
            failures += 1
            print('not ok %d - %s' % (number, title))
            for line in str(error).splitlines():
                print('# ' + line)
        except Exception:
            failures += 1
            print('not ok %d - %s' % (number, title))
            for line in traceback.format_exc().splitlines():
                print('# ' + line)
        finally:
            home.close()
        sys.stdout.flush()
    return 1 if failures else 0


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
