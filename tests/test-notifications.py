#!/usr/bin/python3
# test-notifications.py — reminders as desktop notifications from the real rapport binary (TAP).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring. Each case has its own throwaway home and its own fake notification server
# (tests/fake-notifyd.py), and runs Rapport as the D-Bus service (--gapplication-service) with
# GNOTIFICATION_BACKEND=freedesktop. The D-Bus activation case brings a bus of its own.

import calendar
import datetime
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')
SOURCE_ROOT = os.environ.get('RAPPORT_SOURCE_ROOT', '')
BUILD_ROOT = os.environ.get('RAPPORT_BUILD_ROOT', '')
FAKE_NOTIFYD = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fake-notifyd.py')

TIMEOUT = 30          # seconds for one command
START_TIMEOUT = 30    # seconds for a process to own its name on the bus
DUE_LATENESS = 3.0    # a notification may arrive at most this long after its due time
SNOOZE = 3600


class CaseFailed(Exception):
    pass


class Skip(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailed(message)


def read_application_id():
    try:
        with open(os.path.join(BUILD_ROOT, 'config.h'), encoding='utf-8') as config:
            for line in config:
                if line.startswith('#define APPLICATION_ID '):
                    return line.split('"')[1]
    except OSError:
        pass
    return 'io.github.rapportjournal.Rapport'


APPLICATION_ID = read_application_id()
OBJECT_PATH = '/' + APPLICATION_ID.replace('.', '/')


def describe(result):
    return 'exit %d, stdout %r, stderr %r' % (result.returncode, result.stdout[:400],
                                              result.stderr[:400])


def local_iso(timestamp):
    """The --at text for a Unix time, in the local zone (TZ) the app uses too."""
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.localtime(timestamp))


def to_unix(value):
    """A JSON time: Unix seconds, or ISO 8601 with an offset."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and value:
        parsed = datetime.datetime.fromisoformat(value.replace('Z', '+00:00'))
        if parsed.tzinfo is None:
            return time.mktime(parsed.timetuple())
        return calendar.timegm(parsed.utctimetuple())
    return None


def wait_for(predicate, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            return value
        time.sleep(interval)


class Home:
    """A throwaway home for one case: every XDG folder inside it."""

    def __init__(self):
        self.root = tempfile.mkdtemp(prefix='rapport-notify-')
        home = os.path.join(self.root, 'home')
        self.env = dict(os.environ)
        self.env.update({
            'HOME': home,
            'XDG_DATA_HOME': os.path.join(home, '.local', 'share'),
            'XDG_CONFIG_HOME': os.path.join(home, '.config'),
            'XDG_CACHE_HOME': os.path.join(home, '.cache'),
            'XDG_STATE_HOME': os.path.join(home, '.local', 'state'),
            'XDG_RUNTIME_DIR': os.path.join(self.root, 'runtime'),
            'GNOTIFICATION_BACKEND': 'freedesktop',
            'GTK_A11Y': 'none',
        })
        for key in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            os.makedirs(self.env[key])
        os.makedirs(self.env['XDG_RUNTIME_DIR'], mode=0o700)
        self.data_dir = os.path.join(self.env['XDG_DATA_HOME'], 'rapport')
        self.processes = []
        self.cleanups = []

    def run(self, *args, timeout=TIMEOUT, input=None):
        return subprocess.run(list(args), env=self.env, input=input,
                              stdin=None if input is not None else subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)

    def rapport(self, *args):
        return self.run(BINARY, *args)

    def seed(self, *args):
        result = self.run(SEED, '--data-dir=' + self.data_dir, *args)
        check(result.returncode == 0, 'rapport-seed failed: ' + describe(result))

    def spawn(self, args, log_name, stdout=None):
        log = open(os.path.join(self.root, log_name), 'wb')
        process = subprocess.Popen(args, env=self.env, stdin=subprocess.DEVNULL,
                                   stdout=stdout if stdout is not None else log,
                                   stderr=log)
        log.close()
        self.processes.append(process)
        return process

    def log_tail(self, log_name, size=1500):
        try:
            with open(os.path.join(self.root, log_name), 'rb') as log:
                return log.read()[-size:].decode('utf-8', errors='replace')
        except OSError:
            return ''

    def close(self):
        for cleanup in reversed(self.cleanups):
            try:
                cleanup()
            except Exception:
                pass
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
        shutil.rmtree(self.root, ignore_errors=True)


def gdbus(home, *args):
    return home.run('gdbus', 'call', '--session', *args, timeout=TIMEOUT)


def name_has_owner(home, name):
    result = gdbus(home, '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
                   '--method', 'org.freedesktop.DBus.NameHasOwner', name)
    return result.returncode == 0 and result.stdout.strip() == b'(true,)'


def name_owner_pid(home, name):
    result = gdbus(home, '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
                   '--method', 'org.freedesktop.DBus.GetConnectionUnixProcessID', name)
    if result.returncode != 0:
        return None
    text = result.stdout.decode().strip()   # "(uint32 1234,)"
    digits = ''.join(ch for ch in text if ch.isdigit() or ch == ' ').split()
    return int(digits[-1]) if digits else None


class Notifyd:
    """tests/fake-notifyd.py on the home's session bus, and what it recorded."""

    def __init__(self, home):
        self.home = home
        self.log = os.path.join(home.root, 'notifications.jsonl')
        self.process = home.spawn([sys.executable, FAKE_NOTIFYD, self.log], 'notifyd.log',
                                  stdout=subprocess.PIPE)
        ready, _, _ = select.select([self.process.stdout], [], [], START_TIMEOUT)
        line = self.process.stdout.readline() if ready else b''
        check(line.strip() == b'READY',
              'fake-notifyd did not start: %r %s' % (line, home.log_tail('notifyd.log')))

    def records(self, method=None):
        try:
            with open(self.log, encoding='utf-8') as log:
                entries = [json.loads(line) for line in log if line.strip()]
        except FileNotFoundError:
            entries = []
        return [entry for entry in entries if method is None or entry['method'] == method]

    def notifications(self):
        return self.records('Notify')

    def wait_notify(self, summary, timeout):
        def find():
            return [entry for entry in self.notifications() if entry['summary'] == summary]
        found = wait_for(find, timeout)
        return found[0] if found else None

    def invoke(self, notification_id, action_key):
        result = gdbus(self.home, '--dest', 'org.freedesktop.Notifications',
                       '--object-path', '/org/freedesktop/Notifications',
                       '--method', 'io.github.rapportjournal.FakeNotifications.InvokeAction',
                       str(notification_id), action_key)
        check(result.returncode == 0, 'InvokeAction failed: ' + describe(result))


def action_key(notification, label):
    actions = notification['actions']
    for key, text in zip(actions[0::2], actions[1::2]):
        if text == label:
            return key
    raise CaseFailed('no %r button in %r' % (label, actions))


class Service:
    """rapport --gapplication-service: reminders only, no window."""

    def __init__(self, home, log_name='service.log'):
        self.home = home
        self.log_name = log_name
        self.process = home.spawn([BINARY, '--gapplication-service'], log_name)
        owned = wait_for(lambda: self.process.poll() is not None or
                         name_has_owner(home, APPLICATION_ID), START_TIMEOUT, 0.1)
        check(owned and self.process.poll() is None,
              'the service did not start (exit %s): %s' % (self.process.poll(), self.log()))

    def log(self):
        return self.home.log_tail(self.log_name)

    def quit(self):
        if self.process.poll() is not None:
            return True
        gdbus(self.home, '--dest', APPLICATION_ID, '--object-path', OBJECT_PATH,
              '--method', 'org.freedesktop.Application.ActivateAction', 'quit', '[]', '{}')
        try:
            self.process.wait(timeout=15)
            return True
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            return False


def remind(home, title, due, *extra):
    result = home.rapport('--remind=' + title, '--at=' + local_iso(due), *extra)
    check(result.returncode == 0, '--remind: ' + describe(result))
    lines = result.stdout.decode('utf-8').splitlines()
    check(len(lines) == 1, '--remind printed %d lines: %r' % (len(lines), lines))
    reminder = json.loads(lines[0])
    check(isinstance(reminder.get('id'), int), 'no id in %r' % reminder)
    return reminder


def list_reminders(home):
    result = home.rapport('--list=reminders')
    check(result.returncode == 0, '--list=reminders: ' + describe(result))
    return {item['id']: item for item in
            (json.loads(line) for line in result.stdout.decode('utf-8').splitlines())}


def first_colleague(home):
    result = home.rapport('--list=colleagues')
    check(result.returncode == 0, '--list=colleagues: ' + describe(result))
    colleagues = [json.loads(line) for line in result.stdout.decode('utf-8').splitlines()]
    check(colleagues, 'the seeded journal has no colleagues')
    return colleagues[0]


def check_no_window(home):
    if not home.env.get('DISPLAY'):
        return
    result = home.run('xwininfo', '-root', '-tree')
    check(result.returncode == 0, 'xwininfo: ' + describe(result))
    # GDK's own 1×1 leader window is called "rapport"; a real window carries the title.
    check(b'"Rapport' not in result.stdout,
          'a Rapport window is mapped: %r' % [line for line in result.stdout.splitlines()
                                              if b'Rapport' in line])


def notified_reminder(home):
    """A journal with one colleague, the service and a reminder that fell due 2 s after it was
    added: (notifyd, service, reminder, its Notify record, seconds late)."""
    home.seed('--colleagues=1')
    colleague = first_colleague(home)
    notifyd = Notifyd(home)
    service = Service(home)
    home.cleanups.append(service.quit)

    title = 'Send Priya the sepsis article'
    due = int(time.time()) + 3     # whole seconds, like --at: 2–3 s from now
    reminder = remind(home, title, due, '--colleague=%d' % colleague['id'])
    check(reminder['title'] == title and reminder['colleague_id'] == colleague['id'],
          'the printed reminder differs: %r' % reminder)

    notification = notifyd.wait_notify(title, due - time.time() + DUE_LATENESS + 2)
    check(notification is not None,
          'no notification for the reminder; recorded: %r; service log: %s'
          % (notifyd.records(), service.log()))
    late = notification['timestamp'] - due
    notification['colleague'] = colleague['name']
    return notifyd, service, reminder, notification, late


# The cases ---------------------------------------------------------------------------------

def test_due_notification(home):
    notifyd, service, reminder, notification, late = notified_reminder(home)
    print('# Notify arrived %.3f s after the due time' % late, flush=True)
    check(late >= -0.2, 'the notification came %.3f s early' % -late)
    check(late <= DUE_LATENESS, 'the notification came %.3f s late' % late)
    check(notification['summary'] == reminder['title'], 'summary %r' % notification['summary'])
    check(notification['colleague'] in notification['body'],
          'the body does not name the colleague: %r' % notification['body'])
    actions = notification['actions']
    check('default' in actions[0::2], 'no default action: %r' % actions)
    labels = actions[1::2]
    check('Done' in labels and 'Snooze 1 Hour' in labels, 'buttons: %r' % labels)
    check(notification['hints'].get('desktop-entry') == APPLICATION_ID,
          'desktop-entry hint: %r' % notification['hints'])
    check(len(notifyd.notifications()) == 1, 'more than one Notify: %r' % notifyd.notifications())
    check_no_window(home)
    check(service.process.poll() is None, 'the service exited: ' + service.log())


def test_done_button(home):
    notifyd, service, reminder, notification, _ = notified_reminder(home)
    notifyd.invoke(notification['id'], action_key(notification, 'Done'))

    state = wait_for(lambda: list_reminders(home)[reminder['id']]['state'] == 'done', 5, 0.2)
    check(state, 'the reminder is not done: %r' % list_reminders(home).get(reminder['id']))
    closed = wait_for(lambda: [entry for entry in notifyd.records('CloseNotification')
                               if entry['id'] == notification['id']], 5)
    check(closed, 'the notification was not withdrawn: %r' % notifyd.records())
    check(service.process.poll() is None, 'the service exited: ' + service.log())


def test_snooze_button(home):
    notifyd, service, reminder, notification, _ = notified_reminder(home)
    pressed = time.time()
    notifyd.invoke(notification['id'], action_key(notification, 'Snooze 1 Hour'))

    def snoozed():
        item = list_reminders(home)[reminder['id']]
        return item if item['state'] == 'snoozed' else None

    item = wait_for(snoozed, 5, 0.2)
    check(item, 'the reminder is not snoozed: %r' % list_reminders(home).get(reminder['id']))
    until = to_unix(item.get('snoozed_until'))
    check(until is not None and abs(until - (pressed + SNOOZE)) < 120,
          'snoozed until %r, expected about an hour after %s' % (item.get('snoozed_until'),
                                                                 local_iso(pressed)))
    closed = wait_for(lambda: [entry for entry in notifyd.records('CloseNotification')
                               if entry['id'] == notification['id']], 5)
    check(closed, 'the notification was not withdrawn: %r' % notifyd.records())


NESTED_BUS_CONFIG = '''<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <servicedir>{servicedir}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
'''


def start_nested_bus(home):
    """A bus of the case's own whose only activatable service is the built rapport; it becomes
    the home's session bus (and, at $XDG_RUNTIME_DIR/bus, the one activated services find)."""
    servicedir = os.path.join(home.root, 'services')
    os.makedirs(servicedir)
    with open(os.path.join(servicedir, APPLICATION_ID + '.service'), 'w') as service:
        service.write('[D-BUS Service]\nName=%s\nExec=%s --gapplication-service\n'
                      % (APPLICATION_ID, BINARY))
    socket = os.path.join(home.env['XDG_RUNTIME_DIR'], 'bus')
    config = os.path.join(home.root, 'bus.conf')
    with open(config, 'w') as conf:
        conf.write(NESTED_BUS_CONFIG.format(socket=socket, servicedir=servicedir))

    # What the bus starts inherits its environment: the case's home, not the outer bus.
    home.env.pop('DBUS_SESSION_BUS_ADDRESS', None)
    bus = home.spawn(['dbus-daemon', '--config-file=' + config, '--nofork', '--print-address=1'],
                     'bus.log', stdout=subprocess.PIPE)
    ready, _, _ = select.select([bus.stdout], [], [], START_TIMEOUT)
    address = bus.stdout.readline().decode().strip() if ready else ''
    check(address, 'the nested dbus-daemon did not start: ' + home.log_tail('bus.log'))
    home.env['DBUS_SESSION_BUS_ADDRESS'] = address

    # The journal's key lives in a keyring on this bus, unlocked as build-aux/test does it.
    result = home.run('gnome-keyring-daemon', '--unlock', '--components=secrets', input=b'test')
    check(result.returncode == 0, 'gnome-keyring-daemon: ' + describe(result))

    def unlocked():
        result = gdbus(home, '--dest', 'org.freedesktop.secrets',
                       '--object-path', '/org/freedesktop/secrets/collection/login',
                       '--method', 'org.freedesktop.DBus.Properties.Get',
                       'org.freedesktop.Secret.Collection', 'Locked')
        return result.stdout.strip() == b'(<false>,)'

    check(wait_for(unlocked, 10, 0.1), 'the nested keyring is not unlocked')
    keyring_pid = name_owner_pid(home, 'org.freedesktop.secrets')

    def stop_keyring():
        if keyring_pid:
            os.kill(keyring_pid, signal.SIGTERM)

    home.cleanups.append(stop_keyring)
    return address


def test_dbus_activation(home):
    start_nested_bus(home)
    home.seed('--colleagues=1')
    notifyd = Notifyd(home)
    check(not name_has_owner(home, APPLICATION_ID), 'rapport is already running')

    # Added while nothing runs; due in an hour so nothing else notifies meanwhile.
    reminder = remind(home, 'Coffee with the night charge nurse', int(time.time()) + 3600)
    check(not name_has_owner(home, APPLICATION_ID), 'the command line left rapport running')

    result = gdbus(home, '--dest', APPLICATION_ID, '--object-path', OBJECT_PATH,
                   '--method', 'org.freedesktop.Application.ActivateAction',
                   'reminder-done', '[<int64 %d>]' % reminder['id'], '{}')
    check(result.returncode == 0, 'ActivateAction: ' + describe(result))

    pid = name_owner_pid(home, APPLICATION_ID)
    check(pid, 'nothing owns %s after the activation' % APPLICATION_ID)

    def quit_activated():
        gdbus(home, '--dest', APPLICATION_ID, '--object-path', OBJECT_PATH,
              '--method', 'org.freedesktop.Application.ActivateAction', 'quit', '[]', '{}')
        wait_for(lambda: not os.path.exists('/proc/%d' % pid), 10, 0.1)

    home.cleanups.append(quit_activated)
    with open('/proc/%d/cmdline' % pid, 'rb') as cmdline:
        argv = cmdline.read().split(b'\0')
    check(b'--gapplication-service' in argv, 'not started as the service: %r' % argv)

    item = list_reminders(home)[reminder['id']]
    check(item['state'] == 'done', 'the reminder is not done: %r' % item)
    check_no_window(home)
    check(not notifyd.notifications(), 'notified: %r' % notifyd.notifications())


def test_missed_digest(home):
    home.seed()
    past = int(time.time()) - 3 * 3600
    titles = ['Check in with float pool %d' % number for number in range(5)]
    for number, title in enumerate(titles):
        remind(home, title, past + number * 60)

    notifyd = Notifyd(home)
    service = Service(home)
    digest = notifyd.wait_notify('5 check-ins were due while Rapport was closed', 5)
    check(digest is not None, 'no digest; recorded: %r; log: %s' % (notifyd.records(),
                                                                   service.log()))
    check('default' in digest['actions'][0::2], 'the digest has no default action: %r' % digest)
    time.sleep(1.5)
    check(len(notifyd.notifications()) == 1,
          'expected exactly one Notify, got %r' % [entry['summary']
                                                   for entry in notifyd.notifications()])
    check(service.quit(), 'the service did not quit on the "quit" action')

    # Delivered once means never again, not even after a restart.
    service = Service(home, 'service-again.log')
    time.sleep(3)
    check(len(notifyd.notifications()) == 1,
          'notified again after a restart: %r' % [entry['summary']
                                                  for entry in notifyd.notifications()])
    check(service.quit(), 'the service did not quit on the "quit" action')


def schema_keys(home):
    result = home.run('gsettings', 'list-keys', 'io.github.rapportjournal.Rapport')
    return set(result.stdout.decode().split()) if result.returncode == 0 else set()


def write_quiet_hours(home, enabled, start, end):
    folder = os.path.join(home.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, 'keyfile')
    with open(path + '.tmp', 'w') as keyfile:
        keyfile.write('[io/github/rapportjournal/Rapport]\n'
                      'quiet-hours-enabled=%s\nquiet-hours-start=%d\nquiet-hours-end=%d\n'
                      % ('true' if enabled else 'false', start, end))
    os.rename(path + '.tmp', path)


def test_quiet_hours(home):
    wanted = {'quiet-hours-enabled', 'quiet-hours-start', 'quiet-hours-end'}
    if not wanted <= schema_keys(home):
        raise Skip('the schema has no quiet-hours keys (the scheduler tests cover the rule)')

    # The keyfile backend, unlike the memory one, can be set before the app starts and changed
    # while it runs. Quiet hours: from an hour ago to an hour from now.
    home.env['GSETTINGS_BACKEND'] = 'keyfile'
    now = time.localtime()
    minute = now.tm_hour * 60 + now.tm_min
    write_quiet_hours(home, True, (minute - 60) % 1440, (minute + 60) % 1440)

    home.seed()
    notifyd = Notifyd(home)
    service = Service(home)
    home.cleanups.append(service.quit)
    title = 'Sign the timesheet'
    due = int(time.time()) + 2
    remind(home, title, due)
    time.sleep(due - time.time() + DUE_LATENESS)
    check(not notifyd.notifications(),
          'notified within quiet hours: %r' % notifyd.notifications())

    # Turning quiet hours off (the setting changes while the service runs) delivers it.
    write_quiet_hours(home, False, (minute - 60) % 1440, (minute + 60) % 1440)
    notification = notifyd.wait_notify(title, 5)
    check(notification is not None, 'not delivered after quiet hours were turned off: %r; %s'
          % (notifyd.records(), service.log()))


def test_default_action_opens_window(home):
    if not home.env.get('DISPLAY'):
        raise Skip('no display')
    notifyd, service, reminder, notification, _ = notified_reminder(home)
    check(not rapport_windows(home), 'a window is open before the notification was clicked')
    notifyd.invoke(notification['id'], 'default')
    check(wait_for(lambda: rapport_windows(home), START_TIMEOUT, 0.2),
          'clicking the notification opened no window: ' + service.log())
    time.sleep(1)
    check(service.process.poll() is None, 'the app exited: ' + service.log())
    item = list_reminders(home)[reminder['id']]
    check(item['state'] != 'done', 'opening the reminder changed it: %r' % item)


def rapport_windows(home):
    result = home.run('xwininfo', '-root', '-tree')
    return [line for line in result.stdout.splitlines() if b'"Rapport' in line]


def test_window_closed_keeps_reminders(home):
    if not home.env.get('DISPLAY'):
        raise Skip('no display')
    try:
        import rapport_atspi
    except ImportError as error:
        raise Skip('no AT-SPI to close the window with (%s)' % error)

    home.seed('--colleagues=1')
    notifyd = Notifyd(home)
    home.env.pop('GTK_A11Y', None)
    app = home.spawn([BINARY], 'app.log')
    service = Service.__new__(Service)
    service.home, service.log_name, service.process = home, 'app.log', app
    home.cleanups.append(service.quit)
    check(wait_for(lambda: rapport_windows(home), START_TIMEOUT, 0.2),
          'no window appeared: ' + service.log())
    time.sleep(1)

    # Ctrl+W, as a person closes it (there is no window manager to ask).
    rapport_atspi.press_keys('w', control=True)
    check(wait_for(lambda: not rapport_windows(home), 10, 0.2),
          'the window did not close: %r' % rapport_windows(home))
    time.sleep(1.5)
    check(app.poll() is None, 'the app exited with its window (run-in-background is on by '
          'default): ' + service.log())

    title = 'Text the agency about housing'
    due = int(time.time()) + 2
    remind(home, title, due)
    check(notifyd.wait_notify(title, due - time.time() + DUE_LATENESS + 2) is not None,
          'no notification after the window closed: %r' % notifyd.records())


def gsettings_set(home, key, value):
    result = home.run('gsettings', 'set', 'io.github.rapportjournal.Rapport', key, value)
    check(result.returncode == 0, 'gsettings set %s: %s' % (key, describe(result)))


def test_start_at_login_and_background(home):
    wanted = {'start-at-login', 'run-in-background'}
    if not wanted <= schema_keys(home):
        raise Skip('the schema has no start-at-login/run-in-background keys')

    home.env['GSETTINGS_BACKEND'] = 'keyfile'
    home.seed('--sample')
    service = Service(home)
    home.cleanups.append(service.quit)
    entry = os.path.join(home.env['XDG_CONFIG_HOME'], 'autostart', APPLICATION_ID + '.desktop')
    check(not os.path.exists(entry), 'an autostart entry exists before anyone asked for one')

    gsettings_set(home, 'start-at-login', 'true')
    check(wait_for(lambda: os.path.exists(entry), 5), 'no autostart entry at ' + entry)
    with open(entry, encoding='utf-8') as desktop:
        text = desktop.read()
    lines = text.splitlines()
    check('[Desktop Entry]' in lines, 'not a desktop entry: %r' % text)
    check('Exec=rapport --gapplication-service' in lines, 'Exec: %r' % text)
    check('X-GNOME-Autostart-enabled=true' in lines, 'not enabled: %r' % text)
    for name in ('José', 'Zoë', 'Priya'):
        check(name not in text, 'the autostart entry names a colleague: %r' % text)
    if shutil.which('desktop-file-validate'):
        result = home.run('desktop-file-validate', entry)
        check(result.returncode == 0 and not result.stdout.strip(),
              'desktop-file-validate: ' + describe(result))

    gsettings_set(home, 'start-at-login', 'false')
    check(wait_for(lambda: not os.path.exists(entry), 5), 'the autostart entry is still there')

    # Without "Run in Background" nothing holds the windowless service: it ends on its own.
    gsettings_set(home, 'run-in-background', 'false')
    check(wait_for(lambda: service.process.poll() is not None, 20, 0.2),
          'the service kept running with run-in-background off')
    check(service.process.returncode == 0, 'the service exited with %d: %s'
          % (service.process.returncode, service.log()))


CASES = [
    ('the service notifies a reminder on time: title, colleague, Done, Snooze, default; '
     'no window', test_due_notification),
    ('"Done" on the notification completes the reminder and withdraws it', test_done_button),
    ('"Snooze 1 Hour" moves the reminder an hour on and withdraws it', test_snooze_button),
    ('a button pressed while Rapport is not running starts the service over D-Bus, which '
     'completes the reminder without a window', test_dbus_activation),
    ('five reminders missed while closed arrive as one digest, and never again',
     test_missed_digest),
    ('nothing is notified within quiet hours; turning them off delivers it', test_quiet_hours),
    ('clicking the notification opens the window', test_default_action_opens_window),
    ('closing the window leaves Rapport running, and reminders still arrive',
     test_window_closed_keeps_reminders),
    ('"Start at Login" writes and removes the autostart entry; without "Run in Background" '
     'the service ends', test_start_at_login_and_background),
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
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        for number, (title, _) in enumerate(CASES, 1):
            print('ok %d - %s # SKIP no session bus (run through build-aux/test)' % (number, title))
        return 0

    failures = 0
    for number, (title, function) in enumerate(CASES, 1):
        home = Home()
        try:
            function(home)
            print('ok %d - %s' % (number, title), flush=True)
        except Skip as reason:
            print('ok %d - %s # SKIP %s' % (number, title, reason), flush=True)
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
