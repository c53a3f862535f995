#!/usr/bin/python3
# e2e-canary.py — nothing written about a colleague leaks: the real app, in a throwaway home, used
# feature by feature with a unique canary in every value a person types, then every file under
# HOME, the runtime directory and /tmp read byte by byte (TAP, AT-SPI).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring; GTK starts the accessibility bus by itself.
#
# A canary is "cnry", ten random digits drawn for this run, and a tag naming the field
# ("cnry4096173825Name"). The digits are a case-free anchor: every case-insensitive occurrence of
# a canary holds them exactly, in UTF-8 or UTF-16LE, so the scan looks for them with a plain byte
# search and reads the whole canary around a hit with the case folded. They are ASCII letters and
# digits, which percent-encoding leaves as they are, so a URI or an escaped path holds the same
# bytes. The phone number is digits only, drawn per run too: a fixed one would be found again in
# the leftovers of an earlier run that was killed before it cleaned up.
#
# What the test itself keeps (the vCard it imports, the backup passphrase, the app's output, the
# desktop's record of notifications) is written in a folder of the build tree, outside the folders
# it scans, and nothing it prints holds a canary (output is redacted), since a terminal log may
# land in /tmp.

import datetime
import json
import os
import random
import re
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import traceback

import pyatspi

from rapport_atspi import (APPLICATION_ID, BINARY, BUILD_ROOT, BUTTON_ROLES, LIST_ROLES, QUIT_WAIT,
                           START_WAIT, TEXT_ROLES, Session, StepFailed, check, choose_in_combo,
                           describe_showing, has_state, is_showing, name_of, press,
                           press_keys, role_of, safe, screenshot, set_text, tab_until, text_of,
                           wait_for, wait_gone, wait_listed, walk, window_names, x_window_names)

FAKE_NOTIFYD = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fake-notifyd.py')

_random = random.SystemRandom()
RUN = ''.join(_random.choice('0123456789') for _ in range(10))
PHONE = '555' + ''.join(_random.choice('0123456789') for _ in range(7))

TAGS = ['Name', 'Role', 'Org', 'Email', 'Interests', 'Notes',
        'Facility', 'Unit', 'City', 'AssignmentNotes',
        'TipTitle', 'TipBody', 'Entry', 'Reminder', 'CheckIn', 'Search', 'Passphrase',
        'Imported', 'ImportedEmail', 'ImportedNote']
C = {tag: 'cnry%s%s' % (RUN, tag) for tag in TAGS}
CANARIES = dict(C, Phone=PHONE)

NAME = C['Name']
EMAIL = C['Email'] + '@example.org'
FACILITY = C['Facility']
TODAY = datetime.date.today()
STARTS_ON = (TODAY - datetime.timedelta(days=3)).isoformat()
ENDS_ON = (TODAY + datetime.timedelta(days=60)).isoformat()

CHUNK = 4 << 20
OVERLAP = 512             # bytes kept between chunks: more than the longest canary in UTF-16
SETTLE = 1.5              # seconds for a closing window to leave GTK's accessibility tree
DUE_IN = 3                # seconds from --remind to the reminder's due time
NOTIFY_WAIT = 15          # seconds to wait for its notification after that
CHOOSER_ROLES = ('filler', 'dialog', 'frame', 'window', 'file chooser')
HEADING_ROLES = ('label', 'heading')
CHECK_ROLES = ('check box', 'check button', 'toggle button', 'radio button')


# What the test prints ----------------------------------------------------------------------

_CANARY_RE = re.compile(r'(?i)cnry[0-9]*([A-Za-z]*)')


def redact(text):
    """Text with every canary, whole or cut, replaced by its tag, so no log of this test holds
    one."""
    text = _CANARY_RE.sub(lambda match: '<%s>' % (match.group(1) or 'cnry'), text)
    return text.replace(RUN, '<run>').replace(PHONE, '<Phone>')


def say(line=''):
    print(redact(line), flush=True)


# The scan ----------------------------------------------------------------------------------

# Case-free anchors: the run's digits and the phone number, as UTF-8 (also what percent-encoding
# gives) and as UTF-16LE.
ANCHORS = [RUN.encode('ascii'), RUN.encode('utf-16-le'),
           PHONE.encode('ascii'), PHONE.encode('utf-16-le')]
FOLDED = [(tag, value.lower().encode('ascii'), value.lower().encode('utf-16-le'))
          for tag, value in CANARIES.items()]


def find_canaries(data):
    """The canaries in data, any case, as {'Tag (encoding)'}."""
    found = set()
    if not any(anchor in data for anchor in ANCHORS):
        return found
    folded = data.lower()
    for tag, utf8, utf16 in FOLDED:
        if utf8 in folded:
            found.add('%s (UTF-8)' % tag)
        if utf16 in folded:
            found.add('%s (UTF-16LE)' % tag)
    if not found:
        # The digits without a whole canary around them: a cut or changed one is a leak too.
        found.add('the run\'s digits without a whole canary')
    return found


def scan_file(path):
    """The canaries in the file at path, read in chunks that overlap, or None if unreadable."""
    found = set()
    try:
        with open(path, 'rb') as data:
            tail = b''
            while True:
                chunk = data.read(CHUNK)
                if not chunk:
                    break
                buffer = tail + chunk
                found |= find_canaries(buffer)
                tail = buffer[-OVERLAP:]
    except OSError:
        return None
    return found


def within(path, folder):
    return path == folder or path.startswith(folder.rstrip('/') + '/')


def scan_roots(roots, skip):
    """Every regular file under roots (symbolic links not followed), except under skip:
    ({path: canaries} for files that hold any, files read, bytes read)."""
    hits = {}
    files = 0
    size = 0
    for root in roots:
        for folder, folders, names in os.walk(root, onerror=lambda error: None):
            if any(within(folder, excluded) for excluded in skip):
                folders[:] = []
                continue
            for name in names:
                path = os.path.join(folder, name)
                try:
                    info = os.lstat(path)
                except OSError:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                found = scan_file(path)
                if found is None:
                    continue
                files += 1
                size += info.st_size
                if found:
                    hits[path] = found
    return hits, files, size


def scanned_roots(s):
    """HOME, XDG_RUNTIME_DIR, /tmp and $TMPDIR: the app's, and the session's around it; plus
    /var/tmp and /dev/shm. Real paths, none inside another."""
    candidates = [s.env.get('HOME'), s.env.get('XDG_RUNTIME_DIR'),
                  os.environ.get('HOME'), os.environ.get('XDG_RUNTIME_DIR'),
                  '/tmp', os.environ.get('TMPDIR'), tempfile.gettempdir(), '/var/tmp', '/dev/shm']
    roots = []
    for candidate in candidates:
        if candidate and os.path.isdir(candidate):
            path = os.path.realpath(candidate)
            if path not in roots:
                roots.append(path)
    return [root for root in roots
            if not any(other != root and within(root, other) for other in roots)]


# The app, its desktop and its files --------------------------------------------------------

class CanarySession(Session):
    """A Session whose own records (app output, notifications, the files the test feeds in) are
    kept in work, outside the scanned folders; settings in a key file under XDG_CONFIG_HOME;
    notifications through the freedesktop interface; debug messages off (the default)."""

    def __init__(self, work):
        super().__init__()
        self.work = work
        self.env['GSETTINGS_BACKEND'] = 'keyfile'
        self.env['GNOTIFICATION_BACKEND'] = 'freedesktop'
        self.env.pop('G_MESSAGES_DEBUG', None)
        self.env.pop('G_DEBUG_MESSAGES', None)
        self.documents = os.path.join(self.home, 'Documents')
        os.makedirs(self.documents)
        self.exports = {}         # what the person exported: the only files a canary may be in
        self.suggested = []       # file names the save choosers suggested
        self.cli = []             # (arguments, result) of every command line call
        self.titles = []          # (step, what) of the window names seen during every step
        self.step = 0
        self.notifyd = None
        self.notify_log = os.path.join(work, 'notifications.jsonl')
        self.backup = os.path.join(self.home, 'journal.rapport-backup')
        self.passphrase_file = os.path.join(work, 'passphrase.txt')
        self.import_file = os.path.join(work, 'from-the-old-phone.vcf')
        self.scan = None

    def log_path(self, run):
        return os.path.join(self.work, 'app-%d.log' % run)

    def start(self, *args):
        self.runs += 1
        log = open(self.log_path(self.runs), 'wb')
        # Started in ~/Documents: a save chooser with no folder of its own opens there.
        self.process = subprocess.Popen([BINARY] + list(args), env=self.env, cwd=self.documents,
                                        stdin=subprocess.DEVNULL, stdout=log,
                                        stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + START_WAIT
        while True:
            check(self.process.poll() is None,
                  'the app exited (%s): %s' % (self.process.returncode, self.log_tail()))
            self.app = self.find_app()
            if self.app is not None and self.find_window() is not None:
                return
            if time.monotonic() > deadline:
                raise StepFailed('no showing window of "rapport" on the accessibility bus after '
                                 '%d s' % START_WAIT)
            time.sleep(0.2)

    def log_tail(self):
        try:
            with open(self.log_path(self.runs), 'rb') as log:
                return log.read()[-1500:].decode(errors='replace')
        except OSError:
            return ''

    def rapport(self, *args, cwd=None, timeout=30):
        result = super().rapport(*args, cwd=cwd, timeout=timeout)
        self.cli.append((args, result))
        return result

    def start_notifyd(self):
        log = open(os.path.join(self.work, 'notifyd.log'), 'wb')
        self.notifyd = subprocess.Popen([sys.executable, FAKE_NOTIFYD, self.notify_log],
                                        env=self.env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=log)
        log.close()
        ready, _, _ = select.select([self.notifyd.stdout], [], [], 30)
        line = self.notifyd.stdout.readline() if ready else b''
        check(line.strip() == b'READY', 'fake-notifyd.py did not start (is another notification '
              'server on the bus?): %r' % line)

    def notifications(self):
        try:
            with open(self.notify_log, encoding='utf-8') as log:
                return [json.loads(line) for line in log if line.strip()]
        except FileNotFoundError:
            return []

    def stop_notifyd(self):
        if self.notifyd is not None and self.notifyd.poll() is None:
            self.notifyd.terminate()
            try:
                self.notifyd.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.notifyd.kill()
                self.notifyd.wait(timeout=5)

    def close(self):
        self.stop_notifyd()
        super().close()


def settle():
    time.sleep(SETTLE)


def describe(result):
    return 'exit %d, stdout %r, stderr %r' % (result.returncode, result.stdout[:300],
                                              result.stderr[:300])


def rapport_ok(s, *args):
    result = s.rapport(*args)
    check(result.returncode == 0, 'rapport %s: %s' % (' '.join(args), describe(result)))
    return result


def rapport_json(s, *args):
    result = rapport_ok(s, *args)
    return [json.loads(line) for line in result.stdout.decode('utf-8').splitlines()]


def toplevel(s, name, timeout=20):
    """The app's visible window titled name (GTK 4.8 gives GtkFileChooserDialog no role, so a
    chooser is a "filler")."""
    deadline = time.monotonic() + timeout
    while True:
        for index in range(safe(lambda: s.app.childCount, 0) or 0):
            child = safe(lambda: s.app.getChildAtIndex(index))
            if (child is not None and name_of(child) == name and role_of(child) in CHOOSER_ROLES
                    and has_state(child, pyatspi.STATE_VISIBLE)):
                # The window names while this one is open, too, not only after each step.
                s.titles.append((s.step, 'accessibility bus: %r' % window_names(s.app)))
                return child
        if time.monotonic() > deadline:
            raise StepFailed('no window %r after %d s; the app\'s windows: %r'
                             % (name, timeout, window_names(s.app)))
        time.sleep(0.2)


def toplevel_gone(s, name, timeout=20):
    deadline = time.monotonic() + timeout
    while name in window_names(s.app):
        check(time.monotonic() < deadline, 'the window %r is still open after %d s'
              % (name, timeout))
        time.sleep(0.5)


def field(root, name):
    return wait_for(root, TEXT_ROLES, name)


def result_under_heading(s, text, heading):
    """A showing search result holding text in the group whose heading is heading. (The views
    behind the search keep their nodes in GTK 4.8's tree, so a bare name is not enough.)"""
    for label in walk(s.app):
        if (role_of(label) not in HEADING_ROLES or name_of(label) != heading
                or not is_showing(label)):
            continue
        group = label
        for _ in range(4):
            group = safe(lambda: group.parent)
            if group is None:
                break
            lists = [node for node in walk(group, limit=500) if role_of(node) in LIST_ROLES]
            if not lists:
                continue
            for node in walk(lists[0], limit=500):
                if text in name_of(node) and is_showing(node):
                    return node
            break
    return None


def name_entry(chooser):
    """The save chooser's "Name" entry: the text that holds the suggested file name."""
    for node in walk(chooser):
        if (role_of(node) in TEXT_ROLES and (text_of(node) or '').endswith('.vcf')
                and is_showing(node)):
            return node
    return None


def wait_file(path, timeout=20):
    deadline = time.monotonic() + timeout
    while not os.path.isfile(path):
        check(time.monotonic() < deadline, 'no file at %s after %d s' % (path, timeout))
        time.sleep(0.2)


def holds(path, tag):
    found = scan_file(path) or set()
    return any(item.startswith(tag + ' ') for item in found)


# The story ---------------------------------------------------------------------------------

def step_setup(s):
    s.start_notifyd()
    with open(s.passphrase_file, 'w', encoding='utf-8') as passphrase:
        passphrase.write(C['Passphrase'] + '\n')
    with open(s.import_file, 'w', encoding='utf-8', newline='') as cards:
        cards.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nN:%s;;;;\r\nEMAIL:%s@example.org\r\n'
                    'NOTE:%s\r\nEND:VCARD\r\n'
                    % (C['Imported'], C['Imported'], C['ImportedEmail'], C['ImportedNote']))


def display_answers(s):
    return subprocess.run(['xwininfo', '-root'], env=s.env, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          timeout=10).returncode == 0


def step_window(s):
    try:
        s.start()
    except StepFailed as error:
        # A busy machine runs several Xvfb at once; one that loses the race for a display
        # number can take the display away. Say which it was, and try once more.
        check('cannot open display' in str(error), str(error))
        display = os.environ.get('DISPLAY')
        check(display_answers(s), 'the app could not open the display %s, and xwininfo cannot '
              'either (X socket present: %s)' % (display, os.path.exists(
                  '/tmp/.X11-unix/X' + (display or ':').lstrip(':').split('.')[0])))
        say('# the app could not open the display, which answers now: starting it again')
        time.sleep(1)
        s.start()
    press(wait_for(s.app, BUTTON_ROLES, 'Skip'))
    wait_gone(s.app, BUTTON_ROLES, 'Continue')


def editor(s, title):
    """The editor window titled title: asked alone, its tree is small and quick to search."""
    return toplevel(s, title)


def confirm(s, window, title, button):
    press(wait_for(window, BUTTON_ROLES, button))
    toplevel_gone(s, title)
    settle()


def step_add_colleague(s):
    press(wait_for(s.app, BUTTON_ROLES, 'Add Colleague'))
    window = editor(s, 'New Colleague')
    set_text(field(window, 'Name'), NAME)
    set_text(field(window, 'Role'), C['Role'])
    set_text(field(window, 'Organization'), C['Org'])
    set_text(field(window, 'Phone'), PHONE)
    set_text(field(window, 'Email'), EMAIL)
    set_text(field(window, 'Interests'), C['Interests'])
    set_text(field(window, 'Notes'), 'Met on nights; %s.' % C['Notes'])
    confirm(s, window, 'New Colleague', 'Add')
    wait_listed(s.app, NAME)


def step_add_assignment(s):
    press(wait_for(s.app, BUTTON_ROLES, 'Assignments'))
    press(wait_for(s.app, BUTTON_ROLES, 'New Assignment'))
    window = editor(s, 'New Assignment')
    set_text(field(window, 'Facility'), FACILITY)
    set_text(field(window, 'Unit or Department'), C['Unit'])
    set_text(field(window, 'City'), C['City'])
    set_text(field(window, 'Starts On'), STARTS_ON)
    set_text(field(window, 'Ends On'), ENDS_ON)
    set_text(field(window, 'Notes'), 'Badge office: %s.' % C['AssignmentNotes'])
    confirm(s, window, 'New Assignment', 'Add')
    wait_listed(s.app, FACILITY)


def step_add_tip(s):
    press(wait_for(s.app, BUTTON_ROLES, 'Add Tip'))
    window = editor(s, 'New Tip')
    set_text(field(window, 'Title'), C['TipTitle'])
    choose_in_combo(window, 'Category', 'Coffee')
    choose_in_combo(window, 'Recommended By', NAME)
    set_text(field(window, 'Note'), 'Ask for %s.' % C['TipBody'])
    confirm(s, window, 'New Tip', 'Add')
    wait_listed(s.app, C['TipTitle'])


def step_log_entry(s):
    press_keys('l', control=True)
    try:
        window = toplevel(s, 'Log Interaction', timeout=5)
    except StepFailed:
        press(wait_for(s.app, BUTTON_ROLES, 'Journal'))
        press(wait_for(s.app, BUTTON_ROLES, 'Log Interaction'))
        window = toplevel(s, 'Log Interaction')
    choose_in_combo(window, 'Kind', 'Coffee')
    # GTK 4.8 gives check buttons no accessible action: Tab there and press Space.
    box = wait_for(window, CHECK_ROLES, NAME)
    tab_until(window, box)
    press_keys('space')
    deadline = time.monotonic() + 5
    while not has_state(box, pyatspi.STATE_CHECKED):
        check(time.monotonic() < deadline, 'Space did not check the colleague')
        time.sleep(0.1)
    set_text(field(window, 'Note'), 'Coffee after rounds: %s.' % C['Entry'])
    confirm(s, window, 'Log Interaction', 'Log')
    press(wait_for(s.app, BUTTON_ROLES, 'Journal'))
    wait_listed(s.app, C['Entry'])


def step_search(s):
    press_keys('f', control=True)
    entry = wait_for(s.app, TEXT_ROLES, 'Search Everything')
    set_text(entry, C['Search'])
    wait_for(s.app, None, 'No Results')
    set_text(entry, C['Entry'])
    deadline = time.monotonic() + 20
    while result_under_heading(s, C['Entry'], 'Journal') is None:
        check(time.monotonic() < deadline, 'searching the journal entry shows no result under '
              '"Journal"; showing now: %s' % describe_showing(s.app))
        time.sleep(0.2)
    # Typed last, so the search box holds it when the window closes.
    set_text(entry, C['Search'])
    wait_for(s.app, None, 'No Results')
    press_keys('Escape')
    wait_gone(s.app, TEXT_ROLES, 'Search Everything', timeout=5)


def step_open_colleague(s):
    press_keys('2', alt=True)
    search = wait_for(s.app, TEXT_ROLES, 'Search Colleagues')
    set_text(search, NAME)
    time.sleep(0.5)
    wait_listed(s.app, NAME)
    tab_until(s.app, search)
    press_keys('Return')
    wait_for(s.app, BUTTON_ROLES, 'Share as QR Code')
    wait_for(s.app, BUTTON_ROLES, 'Plan Check-In')


def step_qr(s):
    press(wait_for(s.app, BUTTON_ROLES, 'Share as QR Code'))
    dialog = toplevel(s, 'Share Contact')
    deadline = time.monotonic() + 20
    while not any(role_of(node) in ('image', 'icon', 'animation') and
                  name_of(node).startswith('QR code') and is_showing(node)
                  for node in walk(dialog)):
        check(time.monotonic() < deadline, 'no QR code image after 20 s; showing: %s'
              % describe_showing(dialog))
        time.sleep(0.2)
    press_keys('Escape')
    settle()
    toplevel_gone(s, 'Share Contact')


def step_check_in(s):
    press(wait_for(s.app, BUTTON_ROLES, 'Plan Check-In'))
    window = editor(s, 'New Reminder')
    set_text(field(window, 'Title'), C['CheckIn'])
    confirm(s, window, 'New Reminder', 'Add')
    titles = [item.get('title') for item in rapport_json(s, '--list=reminders')]
    check(C['CheckIn'] in titles, 'the planned check-in is not among the reminders')


def step_preferences(s):
    press_keys(',', control=True)
    window = toplevel(s, 'Preferences')
    wait_for(window, None, 'Run in Background')
    press_keys('Escape')
    settle()
    toplevel_gone(s, 'Preferences')


def step_reminder_fires(s):
    colleagues = [item for item in rapport_json(s, '--list=colleagues')
                  if item.get('name') == NAME]
    check(len(colleagues) == 1, 'rapport --list=colleagues does not list the colleague once')
    due = int(time.time()) + DUE_IN
    at = time.strftime('%Y-%m-%dT%H:%M:%S', time.localtime(due))
    rapport_ok(s, '--remind=' + C['Reminder'], '--at=' + at,
               '--colleague=%d' % colleagues[0]['id'])
    deadline = due + NOTIFY_WAIT
    while not [item for item in s.notifications()
               if item.get('method') == 'Notify' and item.get('summary') == C['Reminder']]:
        check(time.time() < deadline, 'no notification for the reminder %d s after it was due; '
              'recorded: %r' % (NOTIFY_WAIT, [item.get('summary') for item in s.notifications()]))
        time.sleep(0.2)


def step_export_chooser(s):
    press_keys('1', alt=True)
    settle()
    press_keys('e', control=True, shift=True)
    dialog = toplevel(s, 'Export Contacts', timeout=10)
    button = wait_for(dialog, BUTTON_ROLES, 'Export…')
    deadline = time.monotonic() + 10
    while not has_state(button, pyatspi.STATE_SENSITIVE):
        check(time.monotonic() < deadline, '"Export…" stays insensitive')
        time.sleep(0.2)
    press(button)
    entry = None
    deadline = time.monotonic() + 20
    while entry is None:
        for index in range(safe(lambda: s.app.childCount, 0) or 0):
            child = safe(lambda: s.app.getChildAtIndex(index))
            if child is not None and name_of(child) == 'Export Contacts':
                entry = name_entry(child)
                if entry is not None:
                    break
        check(entry is not None or time.monotonic() < deadline,
              '"Export…" opened no save chooser with a name entry')
        time.sleep(0.2)
    s.titles.append((s.step, 'accessibility bus: %r' % window_names(s.app)))
    suggested = text_of(entry)
    s.suggested.append(suggested)
    # The suggested name, as it is: Enter in the name entry saves.
    time.sleep(0.5)
    press_keys('Return')
    deadline = time.monotonic() + 20
    path = None
    while path is None:
        for folder, _, names in os.walk(s.home):
            if suggested in names:
                path = os.path.join(folder, suggested)
        check(path is not None or time.monotonic() < deadline,
              'no file named as suggested (%r) under HOME 20 s after Enter' % suggested)
        time.sleep(0.2)
    s.exports['the vCard saved through the save chooser'] = path
    settle()
    toplevel_gone(s, 'Export Contacts')


def step_cli_exports(s):
    with_notes = os.path.join(s.documents, 'contacts-with-notes.vcf')
    rapport_ok(s, '--export-vcard=' + with_notes, '--with-notes')
    wait_file(with_notes)
    s.exports['--export-vcard --with-notes'] = with_notes

    calendar = os.path.join(s.documents, 'reminders.ics')
    rapport_ok(s, '--export-ics=' + calendar)
    wait_file(calendar)
    s.exports['--export-ics'] = calendar

    assignments = [item for item in rapport_json(s, '--list=assignments')
                   if item.get('facility') == FACILITY]
    check(len(assignments) == 1, 'rapport --list=assignments does not list the assignment once')
    guide = os.path.join(s.documents, 'site-guide.html')
    rapport_ok(s, '--export-guide=' + guide, '--assignment=%d' % assignments[0]['id'])
    wait_file(guide)
    s.exports['--export-guide'] = guide

    check(holds(with_notes, 'Notes') and holds(with_notes, 'Interests'),
          'the --with-notes vCard lacks the notes or interests')
    check(holds(calendar, 'CheckIn'), 'the iCalendar file lacks the planned check-in')
    check(holds(guide, 'TipTitle'), 'the site guide lacks the tip')


def step_cli_backup(s):
    rapport_ok(s, '--backup=' + s.backup, '--passphrase-file=' + s.passphrase_file)
    wait_file(s.backup)


def step_cli_import(s):
    rapport_ok(s, '--import=' + s.import_file)
    names = [item.get('name') for item in rapport_json(s, '--list=colleagues')]
    check(C['Imported'] in names, 'the imported colleague is not listed')


def step_cli_list(s):
    for what in ('colleagues', 'assignments', 'tips', 'interactions', 'reminders', 'due'):
        rapport_json(s, '--list=' + what)
    text = ''.join(result.stdout.decode('utf-8', errors='replace') for args, result in s.cli[-6:])
    for tag in ('Name', 'Facility', 'TipTitle', 'Entry', 'Reminder', 'CheckIn'):
        check(C[tag] in text, 'rapport --list does not show the %s canary' % tag)


def step_cli_restore(s):
    result = rapport_ok(s, '--restore=' + s.backup, '--passphrase-file=' + s.passphrase_file)
    check(result.stdout.startswith(b'restored '), '--restore printed: ' + describe(result))
    names = [item.get('name') for item in rapport_json(s, '--list=colleagues')]
    check(NAME in names and C['Imported'] not in names,
          'after the restore, the journal is not the backup\'s')


def snapshots(s):
    folder = os.path.join(s.data_dir, 'snapshots')
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def step_restore_snapshot(s):
    """The action Preferences' "Restore" runs: the journal as it is now, canaries and all, is
    kept as a snapshot first, so the snapshots folder holds journal data to scan."""
    before = snapshots(s)
    check(before, 'no snapshot was taken since the app started')
    path = os.path.join(s.data_dir, 'snapshots', before[0])
    object_path = '/' + APPLICATION_ID.replace('.', '/')
    result = subprocess.run(['gdbus', 'call', '--session', '--dest', APPLICATION_ID,
                             '--object-path', object_path,
                             '--method', 'org.freedesktop.Application.ActivateAction',
                             'restore-snapshot', "[<'%s'>]" % path, '{}'],
                            env=s.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=30)
    check(result.returncode == 0, 'ActivateAction restore-snapshot: ' + describe(result))
    deadline = time.monotonic() + 20
    while not [name for name in snapshots(s) if 'before-restore' in name and name not in before]:
        check(time.monotonic() < deadline, 'no "before-restore" snapshot 20 s after restoring '
              'one; the folder holds %r' % snapshots(s))
        time.sleep(0.2)
    settle()
    rapport_ok(s, '--list=colleagues')
    check(s.process.poll() is None, 'the app exited')


def step_quit(s):
    settle()
    check(s.quit(), 'the app did not exit within %d s of the quit action; killed it' % QUIT_WAIT)
    check(s.process.returncode == 0, 'the app exited with %d' % s.process.returncode)


# (title, function); each needs the ones before it to have passed.
STEPS = [
    ('a notification server, a vCard to import and a passphrase file, outside the scanned '
     'folders', step_setup),
    ('the window appears; "Skip" closes the welcome', step_window),
    ('"Add Colleague" with name, role, organization, phone, email, interests and notes',
     step_add_colleague),
    ('"New Assignment" with facility, unit, city, dates and notes', step_add_assignment),
    ('"Add Tip" with title, category, recommended by and note', step_add_tip),
    ('log a coffee with the colleague and a note; it shows in the Journal', step_log_entry),
    ('Ctrl+F, a canary typed in "Search Everything" ("No Results"), then the entry is found',
     step_search),
    ('Alt+2, "Search Colleagues" and Enter show the colleague', step_open_colleague),
    ('"Share as QR Code" shows the QR code; Escape closes it', step_qr),
    ('"Plan Check-In" with a title adds a reminder', step_check_in),
    ('Ctrl+, opens Preferences; Escape closes them', step_preferences),
    ('rapport --remind (forwarded) about the colleague notifies when due', step_reminder_fires),
    ('Shift+Ctrl+E, "Export…", and Enter on the suggested file name save the contacts',
     step_export_chooser),
    ('rapport --export-vcard --with-notes, --export-ics and --export-guide write their files',
     step_cli_exports),
    ('rapport --backup writes the encrypted backup', step_cli_backup),
    ('rapport --import adds the colleague of a vCard file', step_cli_import),
    ('rapport --list of everything', step_cli_list),
    ('rapport --restore puts the backup back', step_cli_restore),
    ('restoring the first snapshot (the action Preferences runs) keeps the journal as a '
     'snapshot first', step_restore_snapshot),
    ('the quit action ends the app', step_quit),
]


# The leak cases ----------------------------------------------------------------------------

def canaries_in_text(text):
    return sorted(find_canaries(text.encode('utf-8', errors='surrogateescape')))


def case_scanner_finds(s):
    # The matcher, on what a leak could look like.
    samples = {
        'UTF-8': NAME.encode('ascii'),
        'UTF-16LE': ('x' + NAME + 'x').encode('utf-16-le'),
        'percent-encoded': ('file:///home/%%20/%s.vcf' % C['Facility']).encode('ascii'),
        'upper case': C['City'].upper().encode('ascii'),
        'a phone number': ('TEL:%s' % PHONE).encode('utf-16-le'),
    }
    for what, data in samples.items():
        check(find_canaries(b'\0' * 9 + data + b'\xff' * 7), 'the scan misses a canary in %s'
              % what)
    check(not find_canaries(b'cnry' + RUN[:-1].encode() + b'x Name'), 'the scan finds a '
          'canary where there is none')
    # And on a real file: the contacts saved through the chooser name the colleague.
    path = s.exports.get('the vCard saved through the save chooser')
    check(path is not None, 'the contacts were never saved through the chooser')
    check(holds(path, 'Name'), 'the scan does not find the name in the exported vCard')
    check(holds(path, 'Phone') and holds(path, 'Email'),
          'the scan does not find the phone and email in the exported vCard')


def case_scan(s):
    started = time.monotonic()
    roots = scanned_roots(s)
    skip = [os.path.realpath(s.work)]
    hits, files, size = scan_roots(roots, skip)
    s.scan = hits
    say('# scanned %d files, %.1f MB, in %.1f s: %s' % (files, size / 1e6,
                                                          time.monotonic() - started,
                                                          ', '.join(roots)))
    allowed = {os.path.realpath(path) for path in s.exports.values()}
    for path in sorted(hits):
        if os.path.realpath(path) in allowed:
            say('#   exported, allowed: %s holds %s' % (os.path.relpath(path, s.home),
                                                        ', '.join(sorted(hits[path]))))
    leaks = {path: found for path, found in hits.items() if os.path.realpath(path) not in allowed}
    check(files > 0, 'the scan read no file')
    check(not leaks, 'canaries outside the exports:\n' + '\n'.join(
        '%s: %s' % (path, ', '.join(sorted(found))) for path, found in sorted(leaks.items())))


def case_private_files(s):
    check(os.path.isfile(s.database), 'there is no journal at %s' % s.database)
    with open(s.database, 'rb') as journal:
        check(not journal.read(16).startswith(b'SQLite format 3'), 'the journal is plain SQLite')
    snapshots = os.path.join(s.data_dir, 'snapshots')
    check(os.path.isdir(snapshots), 'there is no snapshots folder at %s' % snapshots)
    copies = [os.path.join(snapshots, name) for name in os.listdir(snapshots)]
    check(any(os.path.isfile(path) for path in copies), 'the snapshots folder is empty')
    check(os.path.isfile(s.backup), 'there is no backup at %s' % s.backup)
    for path in [s.database, s.backup] + copies:
        if os.path.isfile(path):
            found = scan_file(path)
            check(found == set(), '%s holds %s' % (path, ', '.join(sorted(found or ['?']))))
    say('# journal, %d snapshot(s) and the backup hold no canary' % len(copies))


def case_logs(s):
    check('G_MESSAGES_DEBUG' not in s.env, 'G_MESSAGES_DEBUG is set for the app')
    check(s.runs > 0, 'the app never ran')
    problems = []
    for run in range(1, s.runs + 1):
        path = s.log_path(run)
        check(os.path.isfile(path), 'no output was captured at %s' % path)
        found = scan_file(path)
        if found:
            problems.append('the app\'s output (run %d) holds %s' % (run, ', '.join(sorted(found))))
    for args, result in s.cli:
        found = canaries_in_text(result.stderr.decode('utf-8', errors='replace'))
        if found:
            problems.append('the stderr of rapport %s holds %s' % (args[0], ', '.join(found)))
        # --list prints what it was asked for, and --remind the reminder it added, as JSON for
        # scripts; nothing else prints journal data.
        if not args[0].startswith(('--list=', '--remind=')):
            found = canaries_in_text(result.stdout.decode('utf-8', errors='replace'))
            if found:
                problems.append('the stdout of rapport %s holds %s' % (args[0], ', '.join(found)))
    check(not problems, '\n'.join(problems))


def case_gsettings(s):
    keyfile = os.path.join(s.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
    check(os.path.isfile(keyfile), 'no settings were written to %s' % keyfile)
    found = scan_file(keyfile)
    check(not found, '%s holds %s' % (keyfile, ', '.join(sorted(found or []))))
    dumps = []
    for args in ([APPLICATION_ID], []):
        result = subprocess.run(['gsettings', 'list-recursively'] + args, env=s.env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=30)
        check(result.returncode == 0, 'gsettings list-recursively %s: %s'
              % (' '.join(args), describe(result)))
        dumps.append(result.stdout.decode('utf-8', errors='replace'))
    check('window-width' in dumps[0], 'the dump of %s has no window-width: %r'
          % (APPLICATION_ID, dumps[0][:200]))
    for args, dump in zip(('the app\'s schema', 'every schema'), dumps):
        found = canaries_in_text(dump)
        check(not found, 'gsettings list-recursively (%s) holds %s' % (args, ', '.join(found)))


def case_window_titles(s):
    check(s.titles, 'no window names were read')
    check(any('Rapport' in text for _, text in s.titles), 'the main window "Rapport" was never '
          'seen among the window names')
    problems = []
    for step, text in s.titles:
        for line in text.splitlines():
            found = canaries_in_text(line)
            if found:
                problems.append('after step %d: %s in %s' % (step, ', '.join(found),
                                                             line.strip()[:300]))
    prefix = 'accessibility bus: '
    seen = sorted({text[len(prefix):] for _, text in s.titles if text.startswith(prefix)})
    say('# window names read in %d steps; on the accessibility bus: %s'
        % (len({step for step, _ in s.titles}), '; '.join(seen)[:600]))
    check(not problems, '\n'.join(problems))


def case_recently_used(s):
    problems = ['the save chooser suggested %r' % name for name in s.suggested
                if canaries_in_text(name)]
    path = os.path.join(s.env['XDG_DATA_HOME'], 'recently-used.xbel')
    if os.path.isfile(path):
        found = scan_file(path)
        if found:
            problems.append('%s holds %s' % (path, ', '.join(sorted(found))))
        with open(path, 'rb') as recent:
            listed = recent.read()
        saved = [name for name in s.suggested if name.replace(' ', '%20').encode() in listed]
        say('# recently-used.xbel lists %d file(s), %d of them saved through a chooser here'
            % (listed.count(b'<bookmark '), len(saved)))
    else:
        say('# recently-used.xbel was not written')
    check(s.suggested, 'no save chooser suggested a name')
    check(not problems, '\n'.join(problems))


CASES = [
    ('the scan finds canaries: in UTF-8, UTF-16LE, percent-encoded, any case, and in the '
     'exported vCard', case_scanner_finds),
    ('no canary in any file under HOME, XDG_RUNTIME_DIR, /tmp, $TMPDIR, /var/tmp, /dev/shm '
     'except the files the person exported', case_scan),
    ('the journal, its snapshots and the backup exist and hold no canary', case_private_files),
    ('the app\'s stdout and stderr at the default log level, and the command line\'s stderr, '
     'hold no canary', case_logs),
    ('GSettings (key file and gsettings list-recursively) holds no canary', case_gsettings),
    ('no window name on the accessibility bus or the X display held a canary during or after '
     'any step', case_window_titles),
    ('the suggested export names and recently-used.xbel hold no canary', case_recently_used),
]


# Running -----------------------------------------------------------------------------------

def record_titles(s, number):
    if s.app is not None and s.process is not None and s.process.poll() is None:
        s.titles.append((number, 'accessibility bus: %r' % window_names(s.app)))
    names = x_window_names(s.env)
    if names:
        s.titles.append((number, 'X display: ' + names))


def report_failure(number, title, error):
    say('not ok %d - %s' % (number, title))
    detail = str(error) if isinstance(error, StepFailed) else traceback.format_exc()
    for line in detail.splitlines():
        say('# ' + line)


def main():
    total = len(STEPS) + len(CASES)
    print('1..%d' % total, flush=True)
    missing = [name for name in ('RAPPORT_BINARY', 'RAPPORT_BUILD_ROOT')
               if not os.environ.get(name)]
    if missing:
        for number in range(1, total + 1):
            print('not ok %d' % number)
        print('# %s must be set (run through meson test)' % ', '.join(missing))
        return 1

    started = time.monotonic()
    work = tempfile.mkdtemp(prefix='e2e-canary-', dir=BUILD_ROOT)
    session = CanarySession(work)
    failures = 0
    blocked_by = None
    try:
        for number, (title, function) in enumerate(STEPS, 1):
            if blocked_by is not None:
                failures += 1
                say('not ok %d - %s # not reached: step %d failed' % (number, title, blocked_by))
                continue
            session.step = number
            step_started = time.monotonic()
            try:
                function(session)
                say('ok %d - %s' % (number, title))
                say('# %.1f s' % (time.monotonic() - step_started))
            except Exception as error:
                failures += 1
                blocked_by = number
                report_failure(number, title, error)
                shot = screenshot('e2e-canary', number)
                if shot:
                    say('# screenshot: ' + shot)
                tail = session.log_tail()
                if tail:
                    say('# app output (end):')
                    for line in tail.splitlines():
                        say('#   ' + line)
            record_titles(session, number)
        if session.process is not None and session.process.poll() is None:
            session.quit()
        session.kill()
        say('# the story took %.0f s' % (time.monotonic() - started))
        for number, (title, function) in enumerate(CASES, len(STEPS) + 1):
            try:
                function(session)
                say('ok %d - %s' % (number, title))
            except Exception as error:
                failures += 1
                report_failure(number, title, error)
    finally:
        session.close()
        shutil.rmtree(work, ignore_errors=True)
    say('# e2e-canary took %.0f s' % (time.monotonic() - started))
    return 1 if failures else 0


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
