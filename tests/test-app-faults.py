#!/usr/bin/python3
# test-app-faults.py — keyring faults and one process per journal, in the real rapport binary
# (TAP, AT-SPI).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring, the accessibility bus. What a person would see is read through AT-SPI by
# accessible name (rapport_atspi.py); what is on disk by the bytes of every file in the data
# folder.
#
# Keyring faults, each in a throwaway home with a seeded journal:
#   no Secret Service   the app runs on a bus of its own where nothing owns or can activate
#                       org.freedesktop.secrets (no service directories at all);
#   a locked keyring    a gnome-keyring of the case's own on such a bus, locked with
#                       Service.Lock after the journal was made;
#   the key deleted     the item cleared from the session keyring through libsecret;
#   a wrong key         another 64 hex digits stored under the journal's attributes.
# Each must show the unlock page on every launch, leave every file of the data folder
# byte-identical and make no new journal; the recovery code then still opens it.
#
# One process per journal: a second launch, a command-line call and notification buttons
# (tests/fake-notifyd.py) while the window, or a modal dialog in it, is open are handled by the
# running process. Nobody else opens the database: every other process's /proc/PID/fd is
# sampled while it runs, and inotify on the data folder reports any open of rapport.db while
# only the caller could be opening it (the running process, which holds its connection
# already, is left to settle first).

import ctypes
import ctypes.util
import datetime
import hashlib
import json
import os
import re
import select
import signal
import struct
import subprocess
import sys
import time
import traceback

import pyatspi

from rapport_atspi import (APPLICATION_ID, BUTTON_ROLES, OBJECT_PATH, TEXT_ROLES, Session,
                           StepFailed, check, find_showing, has_state, name_of, press, role_of,
                           safe, screenshot, set_text, text_of, wait_for, wait_gone, wait_listed,
                           walk)

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')
FAKE_NOTIFYD = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fake-notifyd.py')

# A sanitizer build runs everything two to three times slower.
SLOWER = float(os.environ.get('RAPPORT_TEST_TIMEOUT_MULTIPLIER', '') or 1)
TIMEOUT = 30 * SLOWER       # seconds for one command
PROMPT_EXIT = 10 * SLOWER   # seconds a forwarding second process may take
SETTLE = 1.0                # seconds without file events before the running process counts as idle
SNOOZE = 3600
DUE_WAIT = 15 * SLOWER      # seconds for a reminder's notification to arrive after its due time

SAMPLE_NAMES = ['Dana Whitfield', 'José Peña', "Marcus O'Neil", 'Priya Raman', 'Søren Åkesson',
                'Zoë Müller']

# A session bus with no service directories: nothing on it can be activated.
BUS_CONFIG = '''<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
'''

# Runs in a child, so that libsecret talks to the bus of that child's environment.
KEYRING_HELPER = r'''
import json
import sys

import gi
gi.require_version('Secret', '1')
from gi.repository import Secret

schema = Secret.Schema.new('io.github.rapportjournal.Rapport.DatabaseKey',
                           Secret.SchemaFlags.NONE, {'journal': Secret.SchemaAttributeType.STRING})
command = sys.argv[1]
if command == 'journals':
    service = Secret.Service.get_sync(Secret.ServiceFlags.NONE, None)
    items = service.search_sync(schema, {}, Secret.SearchFlags.ALL, None)
    print(json.dumps(sorted(item.get_attributes().get('journal', '') for item in items)))
elif command == 'lookup':
    print(json.dumps(Secret.password_lookup_sync(schema, {'journal': sys.argv[2]}, None)))
elif command == 'clear':
    print(json.dumps(Secret.password_clear_sync(schema, {'journal': sys.argv[2]}, None)))
elif command == 'store':
    print(json.dumps(Secret.password_store_sync(schema, {'journal': sys.argv[2]},
                                                Secret.COLLECTION_DEFAULT, 'Rapport journal key',
                                                sys.argv[3], None)))
'''


def describe(result):
    return 'exit %s, stdout %r, stderr %r' % (result.returncode, result.stdout[:400],
                                              result.stderr[:400])


def poll_until(predicate, timeout, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def local_iso(timestamp):
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.localtime(timestamp))


def to_unix(value):
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and value:
        parsed = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
        if parsed.tzinfo is None:
            return time.mktime(parsed.timetuple())
        return parsed.timestamp()
    return None


# Commands in a case's environment ----------------------------------------------------------

def run(s, *args, env=None, timeout=TIMEOUT, input=None):
    return subprocess.run(list(args), env=env if env is not None else s.env, input=input,
                          stdin=None if input is not None else subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)


def seed(s, *args, env=None):
    result = run(s, SEED, '--data-dir=' + s.data_dir, *args, env=env)
    check(result.returncode == 0, 'rapport-seed %s: %s' % (' '.join(args), describe(result)))
    return result.stdout.decode()


def gdbus(s, *args, env=None):
    return run(s, 'gdbus', 'call', '--session', *args, env=env)


def keyring(s, *args, env=None):
    result = run(s, sys.executable, '-c', KEYRING_HELPER, *args, env=env)
    check(result.returncode == 0, 'libsecret %s: %s' % (args[0], describe(result)))
    return json.loads(result.stdout.decode())


def listed_names(s, env=None):
    result = run(s, BINARY, '--list=colleagues', env=env)
    check(result.returncode == 0, 'rapport --list=colleagues: ' + describe(result))
    return sorted(json.loads(line)['name'] for line in result.stdout.decode().splitlines())


# Files -------------------------------------------------------------------------------------

def sha256(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as data:
        for block in iter(lambda: data.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()


def data_state(s):
    """{path relative to the data folder: sha256} of every file in it, snapshots included."""
    state = {}
    for folder, _, files in os.walk(s.data_dir):
        for name in files:
            path = os.path.join(folder, name)
            state[os.path.relpath(path, s.data_dir)] = sha256(path)
    return state


JOURNAL_NAME = re.compile(r'(\.db|\.db-journal|\.db-wal|\.db-shm|\.sqlite[0-9]*)$')


def journals_in_home(s):
    """Every file under the home that looks like a journal, wherever it is."""
    found = set()
    for folder, _, files in os.walk(s.home):
        for name in files:
            if JOURNAL_NAME.search(name):
                found.add(os.path.relpath(os.path.join(folder, name), s.home))
    return found


def check_untouched(s, when):
    state = data_state(s)
    check(state == s.pristine,
          '%s the data folder changed: %s' % (when, describe_change(s.pristine, state)))
    journals = journals_in_home(s)
    check(journals == s.pristine_journals,
          '%s journal files under the home changed: %r -> %r'
          % (when, sorted(s.pristine_journals), sorted(journals)))


def describe_change(before, after):
    parts = []
    for name in sorted(set(before) | set(after)):
        if name not in after:
            parts.append('%s removed' % name)
        elif name not in before:
            parts.append('%s added' % name)
        elif before[name] != after[name]:
            parts.append('%s rewritten (sha256 %s… -> %s…)' % (name, before[name][:12],
                                                                after[name][:12]))
    return ', '.join(parts) or 'nothing'


def remember_files(s):
    s.pristine = data_state(s)
    s.pristine_journals = journals_in_home(s)
    check('rapport.db' in s.pristine, 'no rapport.db in %s: %r' % (s.data_dir, s.pristine))
    print('# rapport.db sha256 %s' % s.pristine['rapport.db'], flush=True)


# Who has the database open -----------------------------------------------------------------

def open_journal_files(pid, database):
    """The links in /proc/PID/fd that are the journal or its side files."""
    links = []
    try:
        names = os.listdir('/proc/%d/fd' % pid)
    except OSError:
        return links
    for name in names:
        try:
            target = os.readlink('/proc/%d/fd/%s' % (pid, name))
        except OSError:
            continue
        if target == database or target.startswith(database + '-'):
            links.append(target)
    return links


def journal_holders(s):
    """{pid: [links]} of every process with the journal open."""
    database = os.path.realpath(s.database)
    holders = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            links = open_journal_files(int(entry), database)
            if links:
                holders[int(entry)] = links
    return holders


def rapport_processes(s):
    """The rapport processes of this case's home (others may run the same binary)."""
    binary = os.path.realpath(BINARY)
    marker = os.fsencode('XDG_DATA_HOME=' + s.env['XDG_DATA_HOME'])
    pids = []
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                if os.readlink('/proc/%s/exe' % entry) != binary:
                    continue
                with open('/proc/%s/environ' % entry, 'rb') as environ:
                    if marker in environ.read().split(b'\0'):
                        pids.append(int(entry))
            except OSError:
                pass
    return sorted(pids)


def check_sole_holder(s):
    holders = journal_holders(s)
    check(list(holders) == [s.process.pid],
          'the journal is open in %r; only the window\'s process %d may hold it'
          % (holders, s.process.pid))
    check(os.path.realpath(s.database) in holders[s.process.pid],
          'the window\'s process holds only %r' % holders[s.process.pid])


class DirectoryWatch:
    """inotify on one folder: which of its files were opened, created or written, by anyone."""

    IN_MODIFY = 0x002
    IN_CLOSE_WRITE = 0x008
    IN_OPEN = 0x020
    IN_MOVED_TO = 0x080
    IN_CREATE = 0x100
    IN_DELETE = 0x200
    IN_NONBLOCK = 0o4000
    IN_CLOEXEC = 0o2000000
    NAMES = ((IN_OPEN, 'open'), (IN_CREATE, 'create'), (IN_MODIFY, 'write'),
             (IN_CLOSE_WRITE, 'close-write'), (IN_MOVED_TO, 'moved-in'), (IN_DELETE, 'delete'))

    def __init__(self, path):
        libc = ctypes.CDLL(ctypes.util.find_library('c'), use_errno=True)
        self.fd = libc.inotify_init1(self.IN_NONBLOCK | self.IN_CLOEXEC)
        check(self.fd >= 0, 'inotify_init1: %s' % os.strerror(ctypes.get_errno()))
        mask = 0
        for bit, _ in self.NAMES:
            mask |= bit
        if libc.inotify_add_watch(self.fd, os.fsencode(path), mask) < 0:
            error = ctypes.get_errno()
            os.close(self.fd)
            raise StepFailed('inotify_add_watch %s: %s' % (path, os.strerror(error)))

    def read(self):
        """[(event, file name)] since the last read."""
        events = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return events
            offset = 0
            while offset < len(data):
                _, mask, _, length = struct.unpack_from('iIII', data, offset)
                name = data[offset + 16:offset + 16 + length].rstrip(b'\0').decode(
                    errors='replace')
                offset += 16 + length
                for bit, label in self.NAMES:
                    if mask & bit:
                        events.append((label, name))

    def settle(self, quiet=SETTLE, timeout=20 * SLOWER):
        """Waits until nothing happened in the folder for quiet seconds."""
        deadline = time.monotonic() + timeout
        last = time.monotonic()
        while time.monotonic() - last < quiet:
            if self.read():
                last = time.monotonic()
            check(time.monotonic() < deadline,
                  'the data folder was never quiet for %.1f s within %.0f s' % (quiet, timeout))
            time.sleep(0.05)

    def close(self):
        os.close(self.fd)


def journal_opens(events):
    """Opens of the journal itself. The running process keeps its connection, so it does not
    open the file again for a call; its writes show on the file and its rollback journal."""
    return [(event, name) for event, name in events if event == 'open' and name == 'rapport.db']


class Caller:
    """A rapport process started beside the running one, watched from /proc while it runs."""

    def __init__(self, s, *args):
        self.database = os.path.realpath(s.database)
        self.seen = set()
        self.samples = 0
        self.started = time.monotonic()
        self.process = subprocess.Popen([BINARY] + list(args), env=s.env,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        # The output is small enough for the pipes' buffers: read once the process has ended.
        deadline = self.started + PROMPT_EXIT
        while self.process.poll() is None and time.monotonic() < deadline:
            self.seen.update(open_journal_files(self.process.pid, self.database))
            self.samples += 1
            time.sleep(0.002)
        self.elapsed = time.monotonic() - self.started
        if self.process.poll() is None:
            self.process.kill()
        self.stdout, self.stderr = self.process.communicate(timeout=TIMEOUT)
        self.returncode = self.process.returncode

    def check_forwarded(self, what):
        check(self.elapsed < PROMPT_EXIT and self.returncode is not None,
              '%s was still running after %.0f s' % (what, PROMPT_EXIT))
        check(self.returncode == 0, '%s: exit %s, stdout %r, stderr %r'
              % (what, self.returncode, self.stdout[:400], self.stderr[:400]))
        check(not self.seen, '%s had the journal open: %r' % (what, sorted(self.seen)))
        print('# %s ended after %.0f ms (exit 0); /proc/%d/fd sampled %d times, never the journal'
              % (what, self.elapsed * 1000, self.process.pid, self.samples), flush=True)


# Buses and keyrings of a case's own --------------------------------------------------------

def accessibility_bus_address(s):
    """The accessibility bus of the outer session, for an app on another session bus (GTK would
    otherwise ask that other bus for it, and its window would not be on the one pyatspi reads)."""
    result = gdbus(s, '--dest', 'org.a11y.Bus', '--object-path', '/org/a11y/bus',
                   '--method', 'org.a11y.Bus.GetAddress', env=dict(os.environ))
    match = re.search(r"'([^']+)'", result.stdout.decode())
    check(result.returncode == 0 and match, 'org.a11y.Bus.GetAddress: ' + describe(result))
    return match.group(1)


def start_private_bus(s):
    """A session bus of the case's own, with its own runtime folder, becomes the case's bus."""
    runtime = os.path.join(s.root, 'runtime')
    os.makedirs(runtime, mode=0o700)
    config = os.path.join(s.root, 'bus.conf')
    with open(config, 'w') as conf:
        conf.write(BUS_CONFIG.format(socket=os.path.join(runtime, 'bus')))
    a11y = accessibility_bus_address(s)
    with open(os.path.join(s.root, 'bus.log'), 'wb') as log:
        bus = subprocess.Popen(['dbus-daemon', '--config-file=' + config, '--nofork',
                                '--print-address=1'],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log)
    s.helpers.append(bus)
    ready, _, _ = select.select([bus.stdout], [], [], TIMEOUT)
    address = bus.stdout.readline().decode().strip() if ready else ''
    check(address, 'the private dbus-daemon did not start')
    s.env.update({
        'DBUS_SESSION_BUS_ADDRESS': address,
        'XDG_RUNTIME_DIR': runtime,
        'AT_SPI_BUS_ADDRESS': a11y,
    })
    return address


def bus_names(s, method):
    result = gdbus(s, '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
                   '--method', 'org.freedesktop.DBus.' + method)
    check(result.returncode == 0, method + ': ' + describe(result))
    return re.findall(r"'([^']+)'", result.stdout.decode())


def collection_locked(s):
    result = gdbus(s, '--dest', 'org.freedesktop.secrets',
                   '--object-path', '/org/freedesktop/secrets/collection/login',
                   '--method', 'org.freedesktop.DBus.Properties.Get',
                   'org.freedesktop.Secret.Collection', 'Locked')
    return result.stdout.strip().decode()


def start_private_keyring(s):
    """gnome-keyring-daemon on the case's bus, its login keyring in the case's home, unlocked
    the way build-aux/test unlocks the session's."""
    result = run(s, 'gnome-keyring-daemon', '--unlock', '--components=secrets', input=b'test')
    check(result.returncode == 0, 'gnome-keyring-daemon: ' + describe(result))
    check(poll_until(lambda: collection_locked(s) == '(<false>,)', 10),
          'the private login keyring is not unlocked: %s' % collection_locked(s))
    result = gdbus(s, '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
                   '--method', 'org.freedesktop.DBus.GetConnectionUnixProcessID',
                   'org.freedesktop.secrets')
    digits = re.findall(r'\d+', result.stdout.decode())
    check(digits, 'who owns org.freedesktop.secrets: ' + describe(result))
    s.keyring_pid = int(digits[-1])


# The app -----------------------------------------------------------------------------------

def launch(s):
    s.start()
    print('# launch %d: pid %d' % (s.runs, s.process.pid), flush=True)


def quit_app(s):
    check(s.quit(), 'the app did not exit after the quit action; killed it')
    check(s.process.returncode == 0, 'the app exited with %s: %s'
          % (s.process.returncode, s.log_tail()))


def journal_shows(s):
    return find_showing(s.app, BUTTON_ROLES, 'Colleagues') is not None


def wait_journal(s):
    """The journal shows: its colleagues are listed. (GTK 4.8 leaves the unlock page's labels
    marked showing once its stack page is hidden, so only what shows instead can tell.)"""
    if find_showing(s.app, BUTTON_ROLES, 'Add Colleague') is None:
        press(wait_for(s.app, BUTTON_ROLES, 'Colleagues'))
    wait_listed(s.app, 'José Peña')


def reason_text(s):
    for node in walk(s.app):
        name = name_of(node)
        if 'untouched' in name and role_of(node) == 'label':
            return name
    return ''


def check_unlock_page(s, reason):
    wait_for(s.app, None, 'Your Journal Is Locked')
    wait_for(s.app, BUTTON_ROLES, 'Retry')
    wait_for(s.app, BUTTON_ROLES, 'Use Recovery Code')
    check(not journal_shows(s), 'the journal\'s views show beside the unlock page')
    text = reason_text(s)
    print('# the unlock page says: %s' % ' '.join(text.split()), flush=True)
    check(re.search(reason, text, re.IGNORECASE),
          'the unlock page does not say why (%r): %r' % (reason, text))


def press_retry(s):
    retry = wait_for(s.app, BUTTON_ROLES, 'Retry')
    press(retry)
    # Insensitive while it tries; the same page once it has failed again.
    time.sleep(0.3)
    check(poll_until(lambda: has_state(retry, pyatspi.STATE_SENSITIVE), 20, 0.2),
          '"Retry" stayed busy')
    time.sleep(0.5)
    wait_for(s.app, None, 'Your Journal Is Locked')
    check(not journal_shows(s), 'the journal shows after "Retry" although the fault is still there')


# Keyring faults ----------------------------------------------------------------------------

def fault_no_service(s):
    # The key is in the outer session's keyring; the app will not reach it.
    seed(s, '--sample')
    s.recovery_code = seed(s, '--print-code').strip()
    start_private_bus(s)
    names = bus_names(s, 'ListNames')
    activatable = bus_names(s, 'ListActivatableNames')
    check('org.freedesktop.secrets' not in names + activatable,
          'the private bus has a Secret Service: %r %r' % (names, activatable))
    print('# private bus: activatable %r' % activatable, flush=True)


def fault_locked(s):
    start_private_bus(s)
    start_private_keyring(s)
    seed(s, '--sample')
    s.recovery_code = seed(s, '--print-code').strip()
    journals = keyring(s, 'journals')
    check(journals == [s.database], 'the private keyring holds keys for %r, not %r'
          % (journals, s.database))
    result = gdbus(s, '--dest', 'org.freedesktop.secrets', '--object-path',
                   '/org/freedesktop/secrets', '--method', 'org.freedesktop.Secret.Service.Lock',
                   "['/org/freedesktop/secrets/collection/login']")
    check(result.returncode == 0, 'Service.Lock: ' + describe(result))
    check(collection_locked(s) == '(<true>,)', 'the login collection is not locked: %s'
          % collection_locked(s))


def fault_deleted(s):
    seed(s, '--sample')
    s.recovery_code = seed(s, '--print-code').strip()
    check(keyring(s, 'lookup', s.database) is not None, 'no key stored for %s' % s.database)
    check(keyring(s, 'clear', s.database) is True, 'the key was not cleared')
    check(keyring(s, 'lookup', s.database) is None, 'the key is still there')


def fault_wrong_key(s):
    seed(s, '--sample')
    s.recovery_code = seed(s, '--print-code').strip()
    right = keyring(s, 'lookup', s.database)
    check(right is not None and re.fullmatch(r'[0-9a-f]{64}', right),
          'the stored key is not 64 hex digits: %r' % right)
    wrong = os.urandom(32).hex()
    check(keyring(s, 'store', s.database, wrong) is True, 'storing another key failed')
    check(keyring(s, 'lookup', s.database) == wrong, 'the keyring does not hold the wrong key')


FAULTS = [
    # (short name, how it is made, what the unlock page must say, the key is back afterwards)
    ('no Secret Service on the bus', fault_no_service, r'Secret Service|not available', False),
    ('a locked keyring', fault_locked, r'locked', False),
    ('the key item deleted', fault_deleted, r'not in your keyring', True),
    ('a wrong key stored', fault_wrong_key, r'does not open', True),
]


def step_fault_first(s, fault):
    fault(s)
    check(re.fullmatch(r'([0-9A-Z]{4}-){16}[0-9A-Z]{4}', s.recovery_code),
          'rapport-seed printed no recovery code: %r' % s.recovery_code)
    remember_files(s)
    launch(s)
    check_unlock_page(s, s.reason)
    check_untouched(s, 'with the unlock page showing,')
    press_retry(s)
    check_untouched(s, 'after "Retry",')
    quit_app(s)
    check_untouched(s, 'after quitting,')


def step_fault_again(s):
    launch(s)
    check_unlock_page(s, s.reason)
    quit_app(s)
    check_untouched(s, 'after a second launch,')


def step_fault_recovery(s):
    launch(s)
    check_unlock_page(s, s.reason)
    press(wait_for(s.app, BUTTON_ROLES, 'Use Recovery Code'))
    set_text(wait_for(s.app, TEXT_ROLES, 'Recovery Code'), s.recovery_code.lower())
    press(wait_for(s.app, BUTTON_ROLES, 'Unlock'))
    wait_journal(s)
    quit_app(s)
    if s.key_restored:
        # The code put the right key back: a plain call opens the journal again.
        names = listed_names(s)
        check(names == SAMPLE_NAMES, 'after unlocking with the code, the journal lists %r' % names)


# One process per journal -------------------------------------------------------------------

def start_window(s):
    seed(s, '--sample')
    s.expected_list = run(s, BINARY, '--list=colleagues')
    check(s.expected_list.returncode == 0, 'alone: ' + describe(s.expected_list))
    check(not rapport_processes(s), 'rapport is already running: %r' % rapport_processes(s))
    launch(s)
    wait_journal(s)
    check_sole_holder(s)
    s.watch = DirectoryWatch(s.data_dir)
    s.cleanups.append(s.watch.close)


def showing_frames(s):
    frames = []
    for index in range(safe(lambda: s.app.childCount, 0) or 0):
        child = safe(lambda: s.app.getChildAtIndex(index))
        if child is not None and role_of(child) == 'frame' and has_state(
                child, pyatspi.STATE_SHOWING):
            frames.append(child)
    return frames


def mapped_windows():
    result = subprocess.run(['xwininfo', '-root', '-tree'], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    check(result.returncode == 0, 'xwininfo: ' + describe(result))
    # GDK's own 1×1 leader window is called "rapport"; a real window carries the title.
    return [line.strip() for line in result.stdout.decode(errors='replace').splitlines()
            if '"Rapport' in line]


def rapport_apps_on_bus():
    desktop = pyatspi.Registry.getDesktop(0)
    pids = []
    for index in range(safe(lambda: desktop.childCount, 0) or 0):
        app = safe(lambda: desktop.getChildAtIndex(index))
        if app is not None and name_of(app).lower() == 'rapport':
            pids.append(safe(app.get_process_id))
    return pids


def check_one_window(s):
    check(s.process.poll() is None, 'the running process exited (%s): %s'
          % (s.process.returncode, s.log_tail()))
    frames = showing_frames(s)
    check(len(frames) == 1, 'the running process shows %d windows: %r'
          % (len(frames), [name_of(frame) for frame in frames]))
    windows = mapped_windows()
    check(len(windows) == 1, 'the X server has %d Rapport windows: %r' % (len(windows), windows))
    apps = rapport_apps_on_bus()
    check(apps == [s.process.pid], 'rapport processes on the accessibility bus: %r (the running '
          'one is %d)' % (apps, s.process.pid))


def call_beside(s, what, *args):
    """Runs rapport beside the window: it must be forwarded, and nobody may open the journal
    while it runs."""
    s.watch.settle()
    caller = Caller(s, *args)
    time.sleep(0.2)
    events = s.watch.read()
    caller.check_forwarded(what)
    opened = journal_opens(events)
    check(not opened, 'while %s ran, rapport.db was opened: %r (all events: %r)'
          % (what, opened, events[:40]))
    check_sole_holder(s)
    return caller


def step_second_launch(s):
    start_window(s)
    caller = call_beside(s, 'a second "rapport"')
    check(caller.stdout == b'' and caller.stderr == b'',
          'the second process printed: %r %r' % (caller.stdout[:400], caller.stderr[:400]))
    time.sleep(0.5)
    check_one_window(s)
    wait_journal(s)


def step_launch_presents(s):
    frame = showing_frames(s)
    check(len(frame) == 1, 'no single window to close: %d' % len(frame))
    close = None
    for node in walk(frame[0]):
        if role_of(node) == 'push button' and name_of(node) == 'Close':
            close = node
            break
    check(close is not None, 'no "Close" button in the window')
    press(close)
    check(poll_until(lambda: not mapped_windows(), 10, 0.2),
          'the window did not close: %r' % mapped_windows())
    time.sleep(1)
    check(s.process.poll() is None, 'the app exited with its window (run-in-background is on by '
          'default): ' + s.log_tail())
    check_sole_holder(s)

    call_beside(s, 'a launch with the window closed')
    check(poll_until(lambda: len(mapped_windows()) == 1 and len(showing_frames(s)) == 1, 20, 0.2),
          'the running process did not show its window again: %r' % mapped_windows())
    check_one_window(s)
    wait_journal(s)


def step_list_beside(s):
    caller = call_beside(s, '"rapport --list=colleagues"', '--list=colleagues')
    check(caller.stdout.decode().splitlines() == s.expected_list.stdout.decode().splitlines(),
          'forwarded output differs:\n%r\n%r' % (caller.stdout[:400],
                                                 s.expected_list.stdout[:400]))
    names = sorted(json.loads(line)['name'] for line in caller.stdout.decode().splitlines())
    check(names == SAMPLE_NAMES, 'listed %r' % names)
    check_one_window(s)


class Notifyd:
    """tests/fake-notifyd.py on the session bus, and what it recorded."""

    def __init__(self, s):
        self.s = s
        self.log = os.path.join(s.root, 'notifications.jsonl')
        with open(os.path.join(s.root, 'notifyd.log'), 'wb') as log:
            self.process = subprocess.Popen([sys.executable, FAKE_NOTIFYD, self.log],
                                            env=s.env, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.PIPE, stderr=log)
        s.helpers.append(self.process)
        ready, _, _ = select.select([self.process.stdout], [], [], TIMEOUT)
        line = self.process.stdout.readline() if ready else b''
        check(line.strip() == b'READY', 'fake-notifyd did not start: %r' % line)

    def records(self, method=None):
        try:
            with open(self.log, encoding='utf-8') as log:
                entries = [json.loads(line) for line in log if line.strip()]
        except FileNotFoundError:
            entries = []
        return [entry for entry in entries if method is None or entry['method'] == method]

    def wait_notify(self, summary, timeout):
        found = poll_until(lambda: [entry for entry in self.records('Notify')
                                    if entry['summary'] == summary], timeout)
        check(found, 'no notification %r; recorded: %r; app: %s'
              % (summary, self.records(), self.s.log_tail()))
        return found[0]

    def press(self, notification, label):
        actions = notification['actions']
        keys = [key for key, text in zip(actions[0::2], actions[1::2]) if text == label]
        check(keys, 'no %r button in %r' % (label, actions))
        result = gdbus(self.s, '--dest', 'org.freedesktop.Notifications',
                       '--object-path', '/org/freedesktop/Notifications',
                       '--method', 'io.github.rapportjournal.FakeNotifications.InvokeAction',
                       str(notification['id']), keys[0])
        check(result.returncode == 0, 'InvokeAction: ' + describe(result))

    def wait_closed(self, notification):
        check(poll_until(lambda: [entry for entry in self.records('CloseNotification')
                                  if entry['id'] == notification['id']], 5),
              'the notification was not withdrawn: %r' % self.records())


def reminders(s):
    caller = call_beside(s, '"rapport --list=reminders"', '--list=reminders')
    return {item['id']: item for item in
            (json.loads(line) for line in caller.stdout.decode().splitlines())}


def remind_soon(s, title):
    colleague = json.loads(s.expected_list.stdout.decode().splitlines()[0])
    due = int(time.time()) + 3
    caller = call_beside(s, '"rapport --remind"', '--remind=' + title, '--at=' + local_iso(due),
                         '--colleague=%d' % colleague['id'])
    lines = caller.stdout.decode().splitlines()
    check(len(lines) == 1, '--remind printed %r' % lines)
    return json.loads(lines[0]), due


def step_snooze_with_preferences(s):
    s.env['GNOTIFICATION_BACKEND'] = 'freedesktop'
    s.notifyd = Notifyd(s)
    start_window(s)

    # The dialog a person opens from the main menu.
    press_menu_button(wait_for(s.app, BUTTON_ROLES, 'Main Menu'))
    press(wait_for(s.app, None, 'Preferences'))
    setting = wait_for(s.app, None, 'Run in Background')
    check(toplevel_name(setting) == 'Preferences',
          'the setting shows in %r, not in the Preferences window' % toplevel_name(setting))

    reminder, due = remind_soon(s, 'Send Priya the sepsis article')
    notification = s.notifyd.wait_notify(reminder['title'], due - time.time() + DUE_WAIT)
    check_sole_holder(s)
    pressed = time.time()
    s.notifyd.press(notification, 'Snooze 1 Hour')

    def snoozed():
        item = reminders(s).get(reminder['id'])
        return item if item and item['state'] == 'snoozed' else None

    item = poll_until(snoozed, 10, 0.3)
    check(item, 'the reminder is not snoozed: %r' % reminders(s).get(reminder['id']))
    until = to_unix(item.get('snoozed_until'))
    check(until is not None and abs(until - (pressed + SNOOZE)) < 120,
          'snoozed until %r, not an hour after %s' % (item.get('snoozed_until'),
                                                      local_iso(pressed)))
    s.notifyd.wait_closed(notification)

    check(toplevel_name(wait_for(s.app, None, 'Run in Background')) == 'Preferences',
          'the Preferences window closed')
    check_one_process(s)

    # Closed again by its own button, as a person would.
    close = [node for node in walk(toplevel_of_name(s, 'Preferences'))
             if role_of(node) == 'push button' and name_of(node) == 'Close']
    check(close, 'no "Close" button in Preferences')
    press(close[0])
    wait_gone(s.app, None, 'Run in Background')


def press_menu_button(button):
    """A GtkMenuButton is pressed through the toggle button inside it."""
    for node in walk(button):
        action = safe(node.queryAction)
        if action is not None and action.nActions > 0:
            press(node)
            return
    raise StepFailed('nothing to press in %s %r' % (role_of(button), name_of(button)))


def toplevel_name(node):
    parent = safe(lambda: node.parent)
    while parent is not None and role_of(parent) != 'application':
        node, parent = parent, safe(lambda: parent.parent)
    return name_of(node)


def toplevel_of_name(s, name):
    for index in range(safe(lambda: s.app.childCount, 0) or 0):
        child = safe(lambda: s.app.getChildAtIndex(index))
        if child is not None and name_of(child) == name:
            return child
    raise StepFailed('no window named %r' % name)


def step_done_with_editor(s):
    if find_showing(s.app, BUTTON_ROLES, 'Add Colleague') is None:
        press(wait_for(s.app, BUTTON_ROLES, 'Colleagues'))
    press(wait_for(s.app, BUTTON_ROLES, 'Add Colleague'))
    draft = 'Half-typed Name %d' % os.getpid()
    set_text(wait_for(s.app, TEXT_ROLES, 'Name'), draft)

    reminder, due = remind_soon(s, 'Ask Dana about the parking permit')
    notification = s.notifyd.wait_notify(reminder['title'], due - time.time() + DUE_WAIT)
    s.notifyd.press(notification, 'Done')
    item = poll_until(lambda: reminders(s).get(reminder['id'], {}).get('state') == 'done', 10, 0.3)
    check(item, 'the reminder is not done: %r' % reminders(s).get(reminder['id']))
    s.notifyd.wait_closed(notification)

    # The same button through GNOME Shell's path (org.freedesktop.Application.ActivateAction
    # on the app's name), which reaches the running process too.
    other, _ = remind_soon(s, 'Return the badge to security')
    s.watch.settle()
    result = gdbus(s, '--dest', APPLICATION_ID, '--object-path', OBJECT_PATH,
                   '--method', 'org.freedesktop.Application.ActivateAction', 'reminder-done',
                   '[<int64 %d>]' % other['id'], '{}')
    check(result.returncode == 0, 'ActivateAction reminder-done: ' + describe(result))
    item = poll_until(lambda: reminders(s).get(other['id'], {}).get('state') == 'done', 10, 0.3)
    check(item, 'the second reminder is not done: %r' % reminders(s).get(other['id']))

    value = text_of(wait_for(s.app, TEXT_ROLES, 'Name'))
    check(value == draft, 'the editor\'s Name holds %r, not the draft %r' % (value, draft))
    check_one_process(s)


def check_one_process(s):
    check(s.process.poll() is None, 'the running process exited: ' + s.log_tail())
    check(rapport_processes(s) == [s.process.pid],
          'rapport processes: %r (the window\'s is %d)' % (rapport_processes(s), s.process.pid))
    apps = rapport_apps_on_bus()
    check(apps == [s.process.pid], 'rapport processes on the accessibility bus: %r' % apps)
    check_sole_holder(s)


def step_quit(s):
    quit_app(s)
    check(not journal_holders(s), 'the journal is still open in %r' % journal_holders(s))


# Running -----------------------------------------------------------------------------------

def fault_group(name, fault, reason, key_restored):
    def prepare(s):
        s.reason = reason
        s.key_restored = key_restored
    return (prepare, [
        ('%s: the window shows the unlock page, also after "Retry"; every file in the data '
         'folder stays byte-identical and no journal is made' % name,
         lambda s: step_fault_first(s, fault)),
        ('%s: a second launch shows the unlock page again; the files are still untouched' % name,
         step_fault_again),
        ('%s: the recovery code still opens the journal' % name, step_fault_recovery),
    ])


GROUPS = [fault_group(*fault) for fault in FAULTS] + [
    (None, [
        ('a second "rapport" while the window is open exits at once (0), opens no journal; the '
         'running process keeps its one window and is the only one with the journal open',
         step_second_launch),
        ('with the window closed (still running for reminders), a launch shows the window of '
         'the running process again', step_launch_presents),
        ('"rapport --list=colleagues" beside the window is answered by the running process; '
         'the caller never opens the journal', step_list_beside),
        ('the quit action ends it and closes the journal', step_quit),
    ]),
    (None, [
        ('"Snooze 1 Hour" on a notification while Preferences is open: the running process '
         'snoozes it, Preferences stays open, nobody else opens the journal',
         step_snooze_with_preferences),
        ('"Done" on a notification (and through ActivateAction) while the colleague editor is '
         'open: done in the running process, the half-typed name is kept', step_done_with_editor),
        ('the quit action ends it and closes the journal', step_quit),
    ]),
]


def close_session(s):
    for cleanup in reversed(s.cleanups):
        try:
            cleanup()
        except Exception:
            pass
    s.kill()
    if s.env.get('DBUS_SESSION_BUS_ADDRESS') == os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        # The session keyring outlives the case: leave no key of a removed journal in it.
        try:
            keyring(s, 'clear', s.database)
        except Exception:
            pass
    if getattr(s, 'keyring_pid', None):
        try:
            os.kill(s.keyring_pid, signal.SIGTERM)
        except OSError:
            pass
    for helper in s.helpers:
        if helper.poll() is None:
            helper.terminate()
            try:
                helper.wait(timeout=5)
            except subprocess.TimeoutExpired:
                helper.kill()
                helper.wait(timeout=5)
    s.close()


def main():
    steps = sum(len(group[1]) for group in GROUPS)
    print('1..%d' % steps, flush=True)
    missing = [name for name, value in (('RAPPORT_BINARY', BINARY), ('RAPPORT_SEED', SEED))
               if not value]
    if missing or not os.environ.get('DBUS_SESSION_BUS_ADDRESS') or not os.environ.get('DISPLAY'):
        for number in range(1, steps + 1):
            print('not ok %d - needs %s' % (number, ', '.join(missing) or
                                          'a display and a session bus (build-aux/test)'))
        return 1

    # Arguments: numbers (from 1) of the groups to run, to repeat one while looking into it.
    chosen = [int(arg) for arg in sys.argv[1:]] or range(1, len(GROUPS) + 1)
    number = 0
    failures = 0
    started = time.monotonic()
    for index, (prepare, steps_of_group) in enumerate(GROUPS, 1):
        if index not in chosen:
            for title, _ in steps_of_group:
                number += 1
                print('ok %d - %s # SKIP not chosen' % (number, title))
            continue
        s = Session()
        s.helpers = []
        s.cleanups = []
        blocked_by = None
        try:
            if prepare is not None:
                prepare(s)
            for title, function in steps_of_group:
                number += 1
                if blocked_by is not None:
                    failures += 1
                    print('not ok %d - %s # not reached: step %d failed'
                          % (number, title, blocked_by))
                    continue
                step_started = time.monotonic()
                try:
                    function(s)
                    print('ok %d - %s' % (number, title), flush=True)
                    print('# %.1f s' % (time.monotonic() - step_started), flush=True)
                except Exception as error:
                    failures += 1
                    blocked_by = number
                    print('not ok %d - %s' % (number, title))
                    detail = (str(error) if isinstance(error, StepFailed)
                              else traceback.format_exc())
                    for line in detail.splitlines():
                        print('# ' + line)
                    shot = screenshot('app-faults', number)
                    if shot:
                        print('# screenshot: ' + shot)
                    tail = s.log_tail()
                    if tail:
                        print('# app output (end):')
                        for line in tail.splitlines():
                            print('#   ' + line)
                sys.stdout.flush()
        finally:
            close_session(s)
    print('# all cases: %.1f s' % (time.monotonic() - started), flush=True)
    return 1 if failures else 0


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
