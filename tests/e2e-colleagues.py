#!/usr/bin/python3
# e2e-colleagues.py — a person adds, finds and keeps a colleague in the real app (TAP, AT-SPI).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring; GTK starts the accessibility bus by itself. Controls are found by role and
# accessible name, and only when they are showing, the way a screen reader user would find them.

import os
import random
import re
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
import traceback

import pyatspi

BINARY = os.environ.get('RAPPORT_BINARY', '')
SEED = os.environ.get('RAPPORT_SEED', '')
BUILD_ROOT = os.environ.get('RAPPORT_BUILD_ROOT', '')

WAIT = 20            # seconds to wait for something to show
START_WAIT = 40      # seconds for the app to appear on the accessibility bus
QUIT_WAIT = 20       # seconds for the app to exit after the quit action

BUTTON_ROLES = ('push button', 'toggle button', 'radio button', 'page tab')
TEXT_ROLES = ('text', 'entry', 'password text', 'editbar', 'paragraph')
LIST_ROLES = ('list', 'list box', 'table', 'tree table', 'tree')

CANARY = 'Ada Canary' + ''.join(random.choice(string.ascii_uppercase) for _ in range(10))
NONSENSE = 'zqxjkvw' + ''.join(random.choice(string.ascii_lowercase) for _ in range(6))


class StepFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise StepFailed(message)


def read_application_id():
    try:
        with open(os.path.join(BUILD_ROOT, 'config.h'), encoding='utf-8') as config:
            match = re.search(r'#define APPLICATION_ID "([^"]+)"', config.read())
            if match:
                return match.group(1)
    except OSError:
        pass
    return 'io.github.rapportjournal.Rapport'


APPLICATION_ID = read_application_id()
OBJECT_PATH = '/' + APPLICATION_ID.replace('.', '/')


# Accessibility tree ------------------------------------------------------------------------

def safe(function, default=None):
    try:
        return function()
    except Exception:
        return default


def role_of(node):
    return safe(node.getRoleName, '') or ''


def name_of(node):
    return safe(lambda: node.name, '') or ''


def has_state(node, state):
    states = safe(node.getState)
    return states is not None and states.contains(state)


def toplevel_of(node):
    parent = safe(lambda: node.parent)
    while parent is not None and role_of(parent) != 'application':
        node, parent = parent, safe(lambda: parent.parent)
    return node


def is_ancestor(ancestor, node, limit=60):
    while node is not None and limit > 0:
        if node == ancestor:
            return True
        node = safe(lambda: node.parent)
        limit -= 1
    return False


def is_showing(node):
    """Whether a person could see node now.

    STATE_SHOWING where the toolkit sets it. GTK 4.8 sets it on some windows only, and keeps the
    children of hidden stack pages in the tree (hidden widgets leave it), with their last
    allocation. There, a node shows when its window shows, it has a size, and the window's own
    hit test at its centre lands on it (or on an unexposed part of it, which reports nothing),
    not on the page that covers it."""
    if has_state(node, pyatspi.STATE_SHOWING):
        return True
    if not has_state(node, pyatspi.STATE_VISIBLE):
        return False
    toplevel = toplevel_of(node)
    if toplevel == node:
        # GTK 4.8 marks only role "window" toplevels showing (not dialogs, nor window subclasses
        # that lost their role), and drops hidden windows from the tree: a visible one shows.
        return True
    if not is_showing(toplevel):
        return False
    component = safe(node.queryComponent)
    extents = safe(lambda: component.getExtents(pyatspi.WINDOW_COORDS)) if component else None
    if extents is None or extents.width <= 0 or extents.height <= 0:
        return False
    window = safe(toplevel.queryComponent)
    if window is None:
        return False
    hit = safe(lambda: window.getAccessibleAtPoint(extents.x + extents.width // 2,
                                                   extents.y + extents.height // 2,
                                                   pyatspi.WINDOW_COORDS))
    return hit is None or is_ancestor(node, hit)


def walk(root, limit=20000):
    """Every node under root; cheap, no visibility test."""
    stack = [root]
    seen = 0
    while stack and seen < limit:
        node = stack.pop()
        seen += 1
        yield node
        count = safe(lambda: node.childCount, 0) or 0
        for index in reversed(range(count)):
            child = safe(lambda: node.getChildAtIndex(index))
            if child is not None:
                stack.append(child)


def strip_mnemonic(text):
    return re.sub(r'_(.)', r'\1', text)


def effective_name(node):
    """The name a person hears, undoing a GTK 4.8 quirk: a labelled button's name is its own
    label (mnemonic underscore included) followed by its label child's text, as in
    "_Done Done" or "Copy Recovery Code Copy"."""
    name = name_of(node)
    if role_of(node) not in BUTTON_ROLES or '_' not in name and ' ' not in name:
        return name
    texts = [name_of(child) for child in walk(node) if child != node and role_of(child) == 'label']
    tail = ' '.join(text for text in texts if text)
    if tail and name.endswith(' ' + tail):
        return strip_mnemonic(name[:-len(tail) - 1])
    return name


def find_showing(root, roles, name):
    for node in walk(root):
        if ((roles is None or role_of(node) in roles) and effective_name(node) == name
                and is_showing(node)):
            return node
    return None


def wait_for(root, roles, name, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while True:
        node = find_showing(root, roles, name)
        if node is not None:
            return node
        if time.monotonic() > deadline:
            raise StepFailed('no showing %s named %r after %d s; showing now: %s'
                             % ('/'.join(roles) if roles else 'control', name, timeout,
                                describe_showing(root)))
        time.sleep(0.2)


def wait_gone(root, roles, name, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while find_showing(root, roles, name) is not None:
        if time.monotonic() > deadline:
            raise StepFailed('%r still shows after %d s' % (name, timeout))
        time.sleep(0.2)


def describe_showing(root, limit=80):
    """The named showing controls, to say what was there instead."""
    items = []
    for node in walk(root):
        name = name_of(node)
        if name and role_of(node) not in ('filler', 'panel', 'image') and is_showing(node):
            items.append('%s %r' % (role_of(node), effective_name(node)[:40]))
        if len(items) >= limit:
            items.append('...')
            break
    return '; '.join(items) if items else '(nothing named)'


def in_list(node):
    parent = safe(lambda: node.parent)
    depth = 0
    while parent is not None and depth < 30:
        if role_of(parent) in LIST_ROLES:
            return True
        parent = safe(lambda: parent.parent)
        depth += 1
    return False


def listed(root, text):
    """A showing node inside a list whose name holds text (a row or its label)."""
    for node in walk(root):
        if text in name_of(node) and in_list(node) and is_showing(node):
            return node
    return None


def wait_listed(root, text, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while True:
        node = listed(root, text)
        if node is not None:
            return node
        if time.monotonic() > deadline:
            raise StepFailed('%r is not in a showing list after %d s; showing now: %s'
                             % (text, timeout, describe_showing(root)))
        time.sleep(0.2)


def press(node):
    action = safe(node.queryAction)
    check(action is not None and action.nActions > 0,
          '%s %r has no action to press' % (role_of(node), name_of(node)))
    names = [action.getName(i) for i in range(action.nActions)]
    index = names.index('click') if 'click' in names else 0
    check(action.doAction(index), 'the %r action of %r failed' % (names[index], name_of(node)))


def text_of(node):
    text = safe(node.queryText)
    if text is None:
        return None
    # GTK 4.8 answers an end offset of -1 with nothing: ask for the real length.
    return safe(lambda: text.getText(0, text.characterCount))


def set_text(node, value):
    editable = safe(node.queryEditableText)
    check(editable is not None, '%s %r is not editable text' % (role_of(node), name_of(node)))
    editable.setTextContents(value)
    deadline = time.monotonic() + 5
    while text_of(node) != value:
        if time.monotonic() > deadline:
            raise StepFailed('%r holds %r after setting %r' % (name_of(node), text_of(node), value))
        time.sleep(0.1)


# The app -----------------------------------------------------------------------------------

class Session:
    def __init__(self):
        self.root = tempfile.mkdtemp(prefix='rapport-e2e-')
        home = os.path.join(self.root, 'home')
        self.env = dict(os.environ)
        self.env.update({
            'HOME': home,
            'XDG_DATA_HOME': os.path.join(home, '.local', 'share'),
            'XDG_CONFIG_HOME': os.path.join(home, '.config'),
            'XDG_CACHE_HOME': os.path.join(home, '.cache'),
            'XDG_STATE_HOME': os.path.join(home, '.local', 'state'),
        })
        for key in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            os.makedirs(self.env[key])
        self.home = home
        self.data_dir = os.path.join(self.env['XDG_DATA_HOME'], 'rapport')
        self.database = os.path.join(self.data_dir, 'rapport.db')
        self.process = None
        self.app = None
        self.runs = 0
        self.recovery_code = None
        self.recovery_code_problem = 'the first run never showed its recovery code dialog'

    def start(self):
        self.runs += 1
        log = open(os.path.join(self.root, 'app-%d.log' % self.runs), 'wb')
        self.process = subprocess.Popen([BINARY], env=self.env, stdin=subprocess.DEVNULL,
                                        stdout=log, stderr=subprocess.STDOUT)
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

    def find_app(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(safe(lambda: desktop.childCount, 0) or 0):
            app = safe(lambda: desktop.getChildAtIndex(index))
            if app is None or name_of(app).lower() != 'rapport':
                continue
            if safe(app.get_process_id) == self.process.pid:
                return app
        return None

    def find_window(self):
        for index in range(safe(lambda: self.app.childCount, 0) or 0):
            child = safe(lambda: self.app.getChildAtIndex(index))
            if child is not None and is_showing(child) and role_of(child) in ('frame', 'window',
                                                                               'dialog'):
                return child
        return None

    def quit(self):
        if self.process is None or self.process.poll() is not None:
            return True
        subprocess.run(['gdbus', 'call', '--session', '--dest', APPLICATION_ID,
                        '--object-path', OBJECT_PATH,
                        '--method', 'org.freedesktop.Application.ActivateAction',
                        'quit', '[]', '{}'],
                       env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=10)
        try:
            self.process.wait(timeout=QUIT_WAIT)
            return True
        except subprocess.TimeoutExpired:
            self.kill()
            return False

    def kill(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def log_tail(self):
        try:
            with open(os.path.join(self.root, 'app-%d.log' % self.runs), 'rb') as log:
                return log.read()[-1500:].decode(errors='replace')
        except OSError:
            return ''

    def close(self):
        self.kill()
        shutil.rmtree(self.root, ignore_errors=True)


def screenshot(number):
    log_dir = os.path.join(BUILD_ROOT, 'meson-logs') if BUILD_ROOT else tempfile.gettempdir()
    path = os.path.join(log_dir, 'e2e-colleagues-step%d.png' % number)
    try:
        subprocess.run(['import', '-window', 'root', path], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20)
        return path if os.path.exists(path) else None
    except (OSError, subprocess.TimeoutExpired):
        return None


# The steps ---------------------------------------------------------------------------------

def step_window_appears(s):
    s.start()


def step_recovery_code(s):
    done = wait_for(s.app, BUTTON_ROLES, 'Done')
    # Read now, judged in a later step: a missing name here should not stop the whole story.
    label = find_showing(s.app, None, 'Recovery Code')
    if label is None:
        s.recovery_code_problem = ('no showing control named "Recovery Code" beside "Done" on '
                                   'the first run; showing: ' + describe_showing(s.app))
    else:
        code = (text_of(label) or '').strip()
        if re.fullmatch(r'([0-9A-Z]{4}-){16}[0-9A-Z]{4}', code):
            s.recovery_code = code
        else:
            s.recovery_code_problem = 'the "Recovery Code" control holds %r, not a code' % code
    press(done)
    wait_gone(s.app, BUTTON_ROLES, 'Done')


def step_add_colleague(s):
    button = find_showing(s.app, BUTTON_ROLES, 'Add Colleague')
    if button is None:
        # Not on the first view: go where colleagues are, as a person would.
        press(wait_for(s.app, BUTTON_ROLES, 'Colleagues'))
        button = wait_for(s.app, BUTTON_ROLES, 'Add Colleague')
    press(button)
    wait_for(s.app, TEXT_ROLES, 'Name')


def step_fill_editor(s):
    set_text(wait_for(s.app, TEXT_ROLES, 'Name'), CANARY)
    set_text(wait_for(s.app, TEXT_ROLES, 'Role'), 'Charge Nurse')
    set_text(wait_for(s.app, TEXT_ROLES, 'Email'), 'ada.canary@example.org')
    set_text(wait_for(s.app, TEXT_ROLES, 'Notes'), 'Met at orientation; %s likes chess.' % CANARY)
    press(wait_for(s.app, BUTTON_ROLES, 'Add'))
    wait_gone(s.app, TEXT_ROLES, 'Email')


def step_listed(s):
    wait_listed(s.app, CANARY)


def step_search_prefix(s):
    search = wait_for(s.app, TEXT_ROLES, 'Search Colleagues')
    set_text(search, CANARY[:len('Ada Canary') + 3])
    time.sleep(0.5)   # let a debounced search settle before judging
    wait_listed(s.app, CANARY)


def step_search_nonsense(s):
    search = wait_for(s.app, TEXT_ROLES, 'Search Colleagues')
    set_text(search, NONSENSE)
    wait_for(s.app, None, 'No Results')
    check(listed(s.app, CANARY) is None, 'the colleague is still listed for %r' % NONSENSE)


def step_search_clear(s):
    search = wait_for(s.app, TEXT_ROLES, 'Search Colleagues')
    set_text(search, '')
    wait_listed(s.app, CANARY)
    wait_gone(s.app, None, 'No Results')


def step_quit(s):
    check(s.quit(), 'the app did not exit within %d s of the quit action; killed it' % QUIT_WAIT)


def step_restart(s):
    s.start()
    switcher = wait_for(s.app, BUTTON_ROLES, 'Colleagues')
    check(find_showing(s.app, BUTTON_ROLES, 'Done') is None and
          find_showing(s.app, None, 'Recovery Code') is None,
          'the recovery code shows again on the second start')
    press(switcher)
    wait_listed(s.app, CANARY)


def step_quit_again(s):
    step_quit(s)


def step_database_private(s):
    check(os.path.isfile(s.database), 'no journal at %s' % s.database)
    needle = CANARY.encode()
    for name in os.listdir(s.data_dir):
        with open(os.path.join(s.data_dir, name), 'rb') as data:
            check(needle not in data.read(), 'the canary is readable in %s' % name)


def step_home_private(s):
    needle = CANARY.encode()
    leaks = []
    for folder, _, files in os.walk(s.home):
        for name in files:
            path = os.path.join(folder, name)
            try:
                with open(path, 'rb') as data:
                    if needle in data.read():
                        leaks.append(os.path.relpath(path, s.home))
            except OSError:
                pass
    check(not leaks, 'the canary is readable in: %s' % ', '.join(leaks))


def step_code_matches(s):
    check(s.recovery_code is not None, s.recovery_code_problem)
    result = subprocess.run([SEED, '--data-dir=' + s.data_dir, '--print-code'], env=s.env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=30)
    check(result.returncode == 0, 'rapport-seed --print-code: %r' % result.stderr)
    check(result.stdout.decode().strip() == s.recovery_code,
          'the dialog showed %r, the journal\'s code is %r'
          % (s.recovery_code, result.stdout.decode().strip()))


# (title, function, needs the steps before it to have passed)
STEPS = [
    ('the window appears on first run', step_window_appears, True),
    ('the first run shows the recovery code; "Done" closes it', step_recovery_code, True),
    ('"Add Colleague" opens the editor', step_add_colleague, True),
    ('fill in Name, Role, Email and Notes, then "Add"', step_fill_editor, True),
    ('the new colleague is listed', step_listed, True),
    ('searching a prefix of the name still lists them', step_search_prefix, True),
    ('searching nonsense shows "No Results"', step_search_nonsense, True),
    ('clearing the search lists them again', step_search_clear, True),
    ('the quit action ends the app', step_quit, True),
    ('after a restart, the Colleagues view lists them again', step_restart, True),
    ('the quit action ends the app again', step_quit_again, True),
    ('the journal files do not hold the name in the clear', step_database_private, False),
    ('no file in the home holds the name in the clear', step_home_private, False),
    ('the recovery code shown is the journal\'s', step_code_matches, False),
]


def main():
    print('1..%d' % len(STEPS), flush=True)
    if not BINARY or not SEED:
        for number, (title, _, _) in enumerate(STEPS, 1):
            print('not ok %d - %s' % (number, title))
        print('# RAPPORT_BINARY and RAPPORT_SEED must be set (run through meson test)')
        return 1

    session = Session()
    failures = 0
    blocked_by = None
    try:
        for number, (title, function, chained) in enumerate(STEPS, 1):
            if chained and blocked_by is not None:
                failures += 1
                print('not ok %d - %s # not reached: step %d failed' % (number, title, blocked_by))
                continue
            if not chained and blocked_by is not None:
                session.kill()
            try:
                function(session)
                print('ok %d - %s' % (number, title), flush=True)
            except Exception as error:
                failures += 1
                if chained and blocked_by is None:
                    blocked_by = number
                print('not ok %d - %s' % (number, title))
                detail = str(error) if isinstance(error, StepFailed) else traceback.format_exc()
                for line in detail.splitlines():
                    print('# ' + line)
                shot = screenshot(number)
                if shot:
                    print('# screenshot: ' + shot)
                tail = session.log_tail()
                if tail:
                    print('# app output (end):')
                    for line in tail.splitlines():
                        print('#   ' + line)
            sys.stdout.flush()
    finally:
        session.close()
    return 1 if failures else 0


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
