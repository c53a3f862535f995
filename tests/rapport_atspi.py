#!/usr/bin/python3
# rapport_atspi.py — what the end-to-end tests share: finding controls through AT-SPI by role and
# accessible name (only when they show, as a screen reader user would), driving the real app in
# a throwaway home, and running a story of steps as TAP.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring; GTK starts the accessibility bus by itself.

import os
import re
import shutil
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

    def start(self, *args):
        self.runs += 1
        log = open(os.path.join(self.root, 'app-%d.log' % self.runs), 'wb')
        self.process = subprocess.Popen([BINARY] + list(args), env=self.env,
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

    def rapport(self, *args, cwd=None, timeout=30):
        """Runs rapport as a script would, beside the running app (the call is forwarded)."""
        return subprocess.run([BINARY] + list(args), env=self.env, cwd=cwd,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=timeout)

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


def screenshot(prefix, number):
    log_dir = os.path.join(BUILD_ROOT, 'meson-logs') if BUILD_ROOT else tempfile.gettempdir()
    path = os.path.join(log_dir, '%s-step%d.png' % (prefix, number))
    try:
        subprocess.run(['import', '-window', 'root', path], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20)
        return path if os.path.exists(path) else None
    except (OSError, subprocess.TimeoutExpired):
        return None


# Keyboard ----------------------------------------------------------------------------------

# X keysyms of the keys the tests press.
KEYSYMS = {
    'Return': 0xff0d,
    'Escape': 0xff1b,
    'Tab': 0xff09,
    'Down': 0xff54,
    'Up': 0xff52,
    'Left': 0xff51,
    'Right': 0xff53,
    'Home': 0xff50,
    'End': 0xff57,
    'Delete': 0xffff,
    'BackSpace': 0xff08,
    'F10': 0xffc7,
    'space': 0x20,
}
CONTROL_MASK = 1 << 2
SHIFT_MASK = 1 << 0
ALT_MASK = 1 << 3


def press_keys(key, control=False, shift=False, alt=False):
    """Presses key (a character or a name in KEYSYMS) the way a keyboard would, through the
    accessibility bus's device controller (XTest), so the app's shortcuts see a real event."""
    keysym = KEYSYMS[key] if key in KEYSYMS else ord(key)
    mask = ((CONTROL_MASK if control else 0) | (SHIFT_MASK if shift else 0) |
            (ALT_MASK if alt else 0))
    if mask:
        pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    finally:
        if mask:
            pyatspi.Registry.generateKeyboardEvent(mask, None, pyatspi.KEY_UNLOCKMODIFIERS)


# Running a story ---------------------------------------------------------------------------

def run_steps(steps, prefix, needs=('RAPPORT_BINARY', 'RAPPORT_SEED')):
    """Runs (title, function, chained) steps on one Session and prints TAP. A chained step is
    not reached once a chained step before it failed; the others always run (on a killed app).
    Returns the exit status."""
    print('1..%d' % len(steps), flush=True)
    missing = [name for name in needs if not os.environ.get(name)]
    if missing:
        for number, (title, _, _) in enumerate(steps, 1):
            print('not ok %d - %s' % (number, title))
        print('# %s must be set (run through meson test)' % ', '.join(missing))
        return 1

    session = Session()
    failures = 0
    blocked_by = None
    try:
        for number, (title, function, chained) in enumerate(steps, 1):
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
                shot = screenshot(prefix, number)
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


# Editors and windows, for stories that fill in whole forms ---------------------------------

def focused_in(root):
    """The showing node under root that has the keyboard focus, or None."""
    for node in walk(root):
        if has_state(node, pyatspi.STATE_FOCUSED) and is_showing(node):
            return node
    return None


def texts_in(node):
    """The node's name and those of the labels inside it: what a screen reader reads."""
    names = [name_of(node)]
    names += [name_of(child) for child in walk(node, limit=50)
              if child != node and role_of(child) == 'label']
    return [name for name in names if name]


def tab_until(root, target, limit=40):
    """Moves the keyboard focus to target with Tab, as a keyboard user would."""
    node = None
    for _ in range(limit):
        node = focused_in(root)
        # Proxies of one object need not compare equal: compare what a person perceives.
        if node is not None and (is_ancestor(target, node) or
                                 (role_of(node), name_of(node)) == (role_of(target),
                                                                    name_of(target))):
            return
        press_keys('Tab')
        time.sleep(0.15)
    raise StepFailed('Tab never reached %s %r; the focus is on %s %r'
                     % (role_of(target), name_of(target), role_of(node) if node else 'nothing',
                        name_of(node) if node else ''))


def choose_in_combo(root, combo_name, option):
    """Picks option in a combo row by keyboard (GTK 4.8 gives combo rows no accessible action):
    Tab to it, Space opens its list, Down until the option has the focus, Enter chooses."""
    combo = wait_for(root, None, combo_name)
    tab_until(root, combo)
    press_keys('space')
    time.sleep(0.3)
    seen = []
    for _ in range(40):
        node = focused_in(root)
        texts = texts_in(node) if node is not None else []
        if option in texts:
            press_keys('Return')
            time.sleep(0.3)
            return
        seen.append('/'.join(texts) or '(unnamed %s)' % (role_of(node) if node else 'nothing'))
        if len(seen) > 3 and seen[-1] == seen[-2] == seen[-3]:
            break
        press_keys('Down')
        time.sleep(0.15)
    raise StepFailed('the %r list never offered %r to choose; the focus went through: %s'
                     % (combo_name, option, ', '.join(seen)))


def window_names(app):
    """The names of all the app's toplevels on the accessibility bus: the titles a window list
    or a session manager would keep."""
    names = []
    for index in range(safe(lambda: app.childCount, 0) or 0):
        child = safe(lambda: app.getChildAtIndex(index))
        if child is not None:
            names.append(name_of(child))
    return names


def x_window_names(env=None):
    """What xwininfo says of every window on the display (ids, names and classes), or '' when
    it cannot run."""
    try:
        result = subprocess.run(['xwininfo', '-root', '-tree'], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ''
    return result.stdout.decode('utf-8', errors='replace') if result.returncode == 0 else ''


def type_text(text, pause=0.03):
    """Types text key by key, as a person would (ASCII letters, digits, space and punctuation)."""
    for character in text:
        press_keys('space' if character == ' ' else character)
        time.sleep(pause)


def toplevels(app):
    """The app's visible toplevels, newest last (GTK 4.8 keeps closed ones out of the tree)."""
    found = []
    for index in range(safe(lambda: app.childCount, 0) or 0):
        child = safe(lambda: app.getChildAtIndex(index))
        if child is not None and has_state(child, pyatspi.STATE_VISIBLE):
            found.append(child)
    return found


def wait_new_toplevel(app, before, timeout=WAIT):
    """The visible toplevel that was not among before (a list of toplevels), once it shows."""
    known = [(role_of(node), name_of(node)) for node in before]
    deadline = time.monotonic() + timeout
    while True:
        for node in toplevels(app):
            key = (role_of(node), name_of(node))
            if key in known:
                known.remove(key)
            elif node not in before:
                return node
        if time.monotonic() > deadline:
            raise StepFailed('no new window after %d s; the app\'s windows: %r'
                             % (timeout, window_names(app)))
        time.sleep(0.2)
        known = [(role_of(node), name_of(node)) for node in before]


def wait_toplevel_count(app, count, timeout=WAIT):
    """Waits until the app has count visible toplevels; False when it never does."""
    deadline = time.monotonic() + timeout
    while len(toplevels(app)) != count:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True
