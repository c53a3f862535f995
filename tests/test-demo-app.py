#!/usr/bin/python3
# test-demo-app.py — `rapport --demo` in the real binary (TAP, AT-SPI): a throwaway journal full
# of demo data that never touches the person's own.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring, the accessibility bus. Three cases, each in a throwaway home with a runtime
# folder of its own (where the demo journal goes):
#   alone       the demo shows demo colleagues, says it is a demo, owns no bus name, makes no
#               $XDG_DATA_HOME/rapport and no keyring item; Quit Demo removes its folder;
#   banner      the banner's close button has a name and hides the banner for the run;
#   signals     SIGTERM and SIGINT end it the same way;
#   beside      a normal Rapport started first keeps its window and journal: the demo is not
#               forwarded to it, and what the normal one lists is its own.

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import traceback

from rapport_atspi import (APPLICATION_ID, BUTTON_ROLES, Session, StepFailed, check,
                           effective_name, find_showing, is_showing, listed, name_of, press,
                           role_of, safe, screenshot, wait_for, wait_gone, wait_listed, walk)

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')

SLOWER = float(os.environ.get('RAPPORT_TEST_TIMEOUT_MULTIPLIER', '') or 1)
TIMEOUT = 30 * SLOWER
QUIT_WAIT = 20 * SLOWER
DEMO_ID = APPLICATION_ID + '.Demo'

BANNER = 'Demo journal — changes are thrown away when you quit'
# The banner's own accessible name, and what its close button is called.
BANNER_NAME = 'Demo Journal'
HIDE_BANNER = 'Hide Banner'
# GTK 4.8 names an unnamed control after its type or its icon: no name for a screen reader.
NO_NAME = ('', 'GtkButton', 'GtkImage', 'window-close-symbolic')
# At the top of the demo's colleague list (alphabetical), and named nowhere on Today.
DEMO_NAMES = ['Amara Okafor', 'Beau Landry', 'Chidi Eze', 'Farah Haddad']
# rapport-seed --colleagues=3
OWN_NAMES = ['Avery Abbott', 'Blake Abbott', 'Casey Abbott']

# Every item of every collection, by object path: runs in a child, so libsecret talks to the bus
# of the test's environment.
KEYRING_ITEMS = r'''
import json

import gi
gi.require_version('Secret', '1')
from gi.repository import Secret

service = Secret.Service.get_sync(Secret.ServiceFlags.OPEN_SESSION |
                                  Secret.ServiceFlags.LOAD_COLLECTIONS, None)
paths = []
for collection in service.get_collections() or []:
    collection.load_items_sync(None)
    for item in collection.get_items() or []:
        paths.append(item.get_object_path())
print(json.dumps(sorted(paths)))
'''


def describe(result):
    return 'exit %s, stdout %r, stderr %r' % (result.returncode, result.stdout[:400],
                                              result.stderr[:400])


def run(env, *args, timeout=TIMEOUT):
    return subprocess.run(list(args), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)


def keyring_items(env):
    result = run(env, sys.executable, '-c', KEYRING_ITEMS)
    check(result.returncode == 0, 'listing the keyring: ' + describe(result))
    return json.loads(result.stdout.decode())


def name_has_owner(env, name):
    result = run(env, 'gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                 '--object-path', '/org/freedesktop/DBus',
                 '--method', 'org.freedesktop.DBus.NameHasOwner', name)
    check(result.returncode == 0, 'NameHasOwner: ' + describe(result))
    return 'true' in result.stdout.decode()


def sha256(path):
    with open(path, 'rb') as data:
        return hashlib.sha256(data.read()).hexdigest()


def new_session(env=None):
    """A throwaway home, with a runtime folder of its own for the demo's journal."""
    session = Session()
    if env is not None:
        session.env = dict(env)
        session.data_dir = os.path.join(env['XDG_DATA_HOME'], 'rapport')
        session.database = os.path.join(session.data_dir, 'rapport.db')
    else:
        runtime = os.path.join(session.root, 'runtime')
        os.makedirs(runtime, mode=0o700)
        session.env['XDG_RUNTIME_DIR'] = runtime
    return session


def demo_folders(s):
    """The demo folders in the runtime folder and the temporary folder."""
    found = []
    for parent in (s.env['XDG_RUNTIME_DIR'], s.env.get('TMPDIR') or '/tmp'):
        try:
            found += [os.path.join(parent, name) for name in os.listdir(parent)
                      if name.startswith('rapport-demo-')]
        except OSError:
            pass
    return sorted(found)


def window_of(s):
    window = s.find_window()
    check(window is not None, 'the app has no showing window')
    return window


def toplevel_count(s):
    return sum(1 for index in range(safe(lambda: s.app.childCount, 0) or 0)
               if role_of(safe(lambda: s.app.getChildAtIndex(index))) in ('frame', 'window'))


def show_colleagues(s, demo=True):
    window = window_of(s)
    if demo:
        # The banner is on the journal's views: the journal is open.
        wait_for(window, ('label',), BANNER)
    press(wait_for(window, BUTTON_ROLES, 'Colleagues'))
    return window


def wait_exit(s, what):
    try:
        status = s.process.wait(timeout=QUIT_WAIT)
    except subprocess.TimeoutExpired:
        s.kill()
        raise StepFailed('the demo was still running %d s after %s' % (QUIT_WAIT, what))
    check(status == 0, 'the demo ended with status %s after %s: %s' % (status, what,
                                                                      s.log_tail()))


def wait_folders_gone(s, what):
    deadline = time.monotonic() + 5
    while demo_folders(s):
        if time.monotonic() > deadline:
            raise StepFailed('after %s the demo left %s behind' % (what, demo_folders(s)))
        time.sleep(0.1)


# Alone -------------------------------------------------------------------------------------

def step_alone_shows_demo(c):
    s = c['alone'] = new_session()
    c['keyring_before'] = keyring_items(s.env)
    s.start('--demo')
    window = show_colleagues(s)
    for name in DEMO_NAMES:
        wait_listed(window, name)
    wait_for(window, ('label',), BANNER)
    wait_for(window, BUTTON_ROLES, 'Quit Demo')
    check(name_of(window) == 'Rapport Demo',
          'the window is called %r, not "Rapport Demo"' % name_of(window))


def step_alone_no_name(c):
    s = c['alone']
    check(s.process.poll() is None, 'the demo is not running')
    for name in (APPLICATION_ID, DEMO_ID):
        check(not name_has_owner(s.env, name), 'the demo owns %s on the session bus' % name)


def step_alone_own_journal_untouched(c):
    s = c['alone']
    folders = demo_folders(s)
    check(len(folders) == 1, 'demo folders: %r' % folders)
    check(folders[0].startswith(s.env['XDG_RUNTIME_DIR'] + os.sep),
          'the demo folder %s is not in the runtime folder' % folders[0])
    check(os.path.exists(os.path.join(folders[0], 'rapport.db')), 'the demo has no journal file')
    check(os.stat(folders[0]).st_mode & 0o077 == 0, 'the demo folder is readable by others')
    check(not os.path.exists(s.data_dir), '%s was made' % s.data_dir)
    after = keyring_items(s.env)
    check(after == c['keyring_before'],
          'the keyring went from %r to %r' % (c['keyring_before'], after))


def step_alone_quit(c):
    s = c['alone']
    press(wait_for(window_of(s), BUTTON_ROLES, 'Quit Demo'))
    wait_exit(s, 'Quit Demo')
    wait_folders_gone(s, 'Quit Demo')
    check(not os.path.exists(s.data_dir), '%s was made' % s.data_dir)
    after = keyring_items(s.env)
    check(after == c['keyring_before'],
          'the keyring went from %r to %r' % (c['keyring_before'], after))


def step_alone_refuses_other_options(c):
    s = c['alone']
    result = run(s.env, BINARY, '--demo', '--list=colleagues')
    check(result.returncode == 2, '--demo --list: ' + describe(result))
    check(b'--demo' in result.stderr, 'the message does not name --demo: ' + describe(result))
    check(result.stdout == b'', '--demo --list printed ' + describe(result))
    check(not os.path.exists(s.data_dir), '%s was made' % s.data_dir)
    check(not demo_folders(s), 'a refused --demo left %r' % demo_folders(s))


# The banner ---------------------------------------------------------------------------------

def banner_buttons(window):
    """The showing buttons of the banner, other than Quit Demo."""
    banner = wait_for(window, None, BANNER_NAME)
    return [node for node in walk(banner) if role_of(node) in BUTTON_ROLES and
            is_showing(node) and effective_name(node) != 'Quit Demo']


def step_banner_close_named(c):
    s = c['banner'] = new_session()
    s.start('--demo')
    window = window_of(s)
    wait_for(window, ('label',), BANNER)
    buttons = banner_buttons(window)
    names = [effective_name(node) for node in buttons]
    check(len(buttons) == 1, 'the banner has %d buttons besides Quit Demo (%r), not one close '
          'button' % (len(buttons), names))
    check(names[0] not in NO_NAME, 'the banner\'s close button has no name (%r)' % names[0])
    check(names[0] == HIDE_BANNER, 'the banner\'s close button is called %r, not %r'
          % (names[0], HIDE_BANNER))


def step_banner_close_hides(c):
    s = c['banner']
    window = window_of(s)
    press(wait_for(window, BUTTON_ROLES, HIDE_BANNER))
    wait_gone(window, ('label',), BANNER)
    check(find_showing(window, BUTTON_ROLES, 'Quit Demo') is None,
          'Quit Demo still shows after the banner was closed')
    # Still the demo, and still running.
    check(s.process.poll() is None, 'closing the banner ended the demo')
    check(name_of(window) == 'Rapport Demo',
          'the window is called %r, not "Rapport Demo"' % name_of(window))
    press(wait_for(window, BUTTON_ROLES, 'Colleagues'))
    wait_listed(window, DEMO_NAMES[0])
    check(find_showing(window, ('label',), BANNER) is None, 'the banner came back')
    s.process.send_signal(signal.SIGTERM)
    wait_exit(s, 'SIGTERM')
    wait_folders_gone(s, 'SIGTERM')
    s.close()


# Signals -----------------------------------------------------------------------------------

def end_with_signal(c, number):
    s = c['signals'] = new_session()
    s.start('--demo')
    wait_listed(show_colleagues(s), DEMO_NAMES[0])
    check(len(demo_folders(s)) == 1, 'demo folders: %r' % demo_folders(s))
    s.process.send_signal(number)
    wait_exit(s, signal.Signals(number).name)
    wait_folders_gone(s, signal.Signals(number).name)
    check(not os.path.exists(s.data_dir), '%s was made' % s.data_dir)
    s.close()


def step_sigterm(c):
    end_with_signal(c, signal.SIGTERM)


def step_sigint(c):
    end_with_signal(c, signal.SIGINT)


# Beside a running Rapport ------------------------------------------------------------------

def step_beside_normal_first(c):
    normal = c['normal'] = new_session()
    result = run(normal.env, SEED, '--data-dir=' + normal.data_dir, '--colleagues=3')
    check(result.returncode == 0, 'rapport-seed: ' + describe(result))
    normal.start()
    window = show_colleagues(normal, demo=False)
    for name in OWN_NAMES:
        wait_listed(window, name)
    c['normal_windows'] = toplevel_count(normal)
    c['normal_hash'] = sha256(normal.database)
    c['keyring_beside'] = keyring_items(normal.env)


def step_beside_demo_runs_apart(c):
    normal = c['normal']
    demo = c['demo'] = new_session(normal.env)
    demo.start('--demo')
    check(demo.process.pid != normal.process.pid, 'the same process')
    check(demo.process.poll() is None, 'the demo ended (forwarded?): ' + demo.log_tail())
    window = show_colleagues(demo)
    for name in DEMO_NAMES:
        wait_listed(window, name)
    for name in OWN_NAMES:
        check(listed(window, name) is None, 'the demo lists %r of the own journal' % name)


def step_beside_normal_keeps_its_own(c):
    normal = c['normal']
    check(normal.process.poll() is None, 'the normal Rapport ended')
    check(toplevel_count(normal) == c['normal_windows'],
          'the normal Rapport has %d windows, not %d' % (toplevel_count(normal),
                                                        c['normal_windows']))
    window = window_of(normal)
    for name in OWN_NAMES:
        wait_listed(window, name)
    for name in DEMO_NAMES:
        check(listed(window, name) is None, 'the normal Rapport lists %r' % name)
    # Forwarded to the normal process: the person's own journal.
    result = run(normal.env, BINARY, '--list=colleagues')
    check(result.returncode == 0, 'rapport --list=colleagues: ' + describe(result))
    names = sorted(json.loads(line)['name'] for line in result.stdout.decode().splitlines())
    check(names == OWN_NAMES, '--list=colleagues lists %r' % names)
    check(name_has_owner(normal.env, APPLICATION_ID), 'the normal Rapport lost its bus name')
    check(not name_has_owner(normal.env, DEMO_ID), 'the demo owns %s' % DEMO_ID)


def step_beside_demo_quits_alone(c):
    normal, demo = c['normal'], c['demo']
    press(wait_for(window_of(demo), BUTTON_ROLES, 'Quit Demo'))
    wait_exit(demo, 'Quit Demo')
    wait_folders_gone(demo, 'Quit Demo')
    check(normal.process.poll() is None, 'quitting the demo ended the normal Rapport')
    wait_listed(window_of(normal), OWN_NAMES[0])
    check(sha256(normal.database) == c['normal_hash'], 'the own journal file changed')
    after = keyring_items(normal.env)
    check(after == c['keyring_beside'],
          'the keyring went from %r to %r' % (c['keyring_beside'], after))


STEPS = [
    ('alone: rapport --demo shows demo colleagues and says it is a demo', step_alone_shows_demo),
    ('alone: the demo owns no bus name', step_alone_no_name),
    ('alone: no $XDG_DATA_HOME/rapport, no keyring item, a private folder',
     step_alone_own_journal_untouched),
    ('alone: Quit Demo ends it and removes its folder', step_alone_quit),
    ('alone: --demo with another option is refused', step_alone_refuses_other_options),
    ('banner: the banner\'s close button is named "%s"' % HIDE_BANNER, step_banner_close_named),
    ('banner: pressing it hides the banner for the rest of the run', step_banner_close_hides),
    ('signals: SIGTERM removes the demo folder', step_sigterm),
    ('signals: SIGINT removes the demo folder', step_sigint),
    ('beside: a normal Rapport opens its own journal first', step_beside_normal_first),
    ('beside: the demo runs as a process of its own, on its own data',
     step_beside_demo_runs_apart),
    ('beside: the normal Rapport keeps its window and journal', step_beside_normal_keeps_its_own),
    ('beside: quitting the demo leaves the normal Rapport and its journal as they were',
     step_beside_demo_quits_alone),
]


def main():
    print('1..%d' % len(STEPS), flush=True)
    missing = [name for name in ('RAPPORT_BINARY', 'RAPPORT_SEED') if not os.environ.get(name)]
    if missing:
        for number, (title, _) in enumerate(STEPS, 1):
            print('not ok %d - %s' % (number, title))
        print('# %s must be set (run through meson test)' % ', '.join(missing))
        return 1

    context = {}
    failures = 0
    try:
        for number, (title, function) in enumerate(STEPS, 1):
            try:
                function(context)
                print('ok %d - %s' % (number, title), flush=True)
            except Exception as error:
                failures += 1
                print('not ok %d - %s' % (number, title))
                detail = str(error) if isinstance(error, StepFailed) else traceback.format_exc()
                for line in detail.splitlines():
                    print('# ' + line)
                shot = screenshot('test-demo-app', number)
                if shot:
                    print('# screenshot: ' + shot)
                for key in ('alone', 'banner', 'signals', 'demo', 'normal'):
                    tail = context[key].log_tail() if key in context else ''
                    if tail:
                        print('# %s output (end):' % key)
                        for line in tail.splitlines():
                            print('#   ' + line)
            sys.stdout.flush()
    finally:
        for key in ('alone', 'banner', 'signals', 'demo', 'normal'):
            if key in context:
                context[key].close()
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
