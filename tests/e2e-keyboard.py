#!/usr/bin/python3
# e2e-keyboard.py — a person who does not use a mouse keeps their journal in the real app (TAP,
# AT-SPI): key events only, no accessibility actions, no pointer.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring, the accessibility bus. Keys go through the accessibility bus's device
# controller (XTest), as a keyboard's would; AT-SPI only reads: what has the focus, what shows.
# What the app stored is read with `rapport --list` (forwarded to the running app).
#
# On an empty journal: Ctrl+N adds a colleague (typed, Tab to the next field, Enter saves),
# Shift+Ctrl+N an assignment, Ctrl+L logs an entry with the colleague (chosen in the chooser by
# keyboard, the note saved with Ctrl+Enter), Ctrl+R plans a reminder, Ctrl+F finds it, Down and
# Enter open it; in the Journal, Delete removes the entry and Ctrl+Z (the toast's Undo) brings
# it back. Where a task would need the mouse, the step that meets it fails; so does a dialog
# or a deletion that leaves no control of the window with the focus.

import json
import os
import subprocess
import sys
import time

import pyatspi

from rapport_atspi import (SEED, TEXT_ROLES, StepFailed, check, describe_showing,
                           find_showing, focused_in, has_state, name_of,
                           press_keys, role_of, run_steps, safe, tab_until, text_of, toplevels,
                           type_text, wait_for, wait_new_toplevel, wait_toplevel_count, walk,
                           window_names)

SLOWER = float(os.environ.get('RAPPORT_TEST_TIMEOUT_MULTIPLIER', '') or 1)
SETTLE = 0.8 * SLOWER

COLLEAGUE = 'Ada Keyboard'
ROLE = 'Charge Nurse'
FACILITY = 'Keyboard Valley Hospital'
REMINDER = 'Call Ada about the schedule'
NOTE = 'coffee by keyboard'


def settle():
    time.sleep(SETTLE)


def describe(result):
    return 'exit %d, stdout %r, stderr %r' % (result.returncode, result.stdout[:300],
                                              result.stderr[:300])


def listed(s, what):
    result = s.rapport('--list=' + what)
    check(result.returncode == 0, 'rapport --list=%s: %s' % (what, describe(result)))
    return [json.loads(line) for line in result.stdout.decode('utf-8').splitlines()]


def main_window(s):
    for node in toplevels(s.app):
        if name_of(node) == 'Rapport':
            return node
    raise StepFailed('no "Rapport" window; the app\'s windows: %r' % window_names(s.app))


def focus_of(root, timeout=5):
    """The focused control under root, waiting a little for it to settle."""
    deadline = time.monotonic() + timeout
    while True:
        node = focused_in(root)
        if node is not None or time.monotonic() > deadline:
            return node
        time.sleep(0.2)


def say_focus(node):
    if node is None:
        return 'nothing'
    return '%s %r' % (role_of(node), name_of(node)[:60])


def expect_focus(root, roles, name, where):
    """The focus is on the control (role in roles, named name) in root, or inside it."""
    deadline = time.monotonic() + 5
    while True:
        node = focused_in(root)
        if node is not None:
            if (roles is None or role_of(node) in roles) and name_of(node) == name:
                return node
            parent = safe(lambda: node.parent)
            for _ in range(6):
                if parent is None:
                    break
                if (roles is None or role_of(parent) in roles) and name_of(parent) == name:
                    return node
                parent = safe(lambda: parent.parent)
        if time.monotonic() > deadline:
            raise StepFailed('%s: the focus is on %s, not on %s %r'
                             % (where, say_focus(node), '/'.join(roles) if roles else 'a control',
                                name))
        time.sleep(0.2)


def new_window(s, key, title, **modifiers):
    before = toplevels(s.app)
    press_keys(key, **modifiers)
    try:
        window = wait_new_toplevel(s.app, before, timeout=10)
    except StepFailed:
        raise StepFailed('%s opened no window; showing: %s'
                         % (key_name(key, **modifiers), describe_showing(main_window(s))))
    check(name_of(window) == title, '%s opened %r, not %r'
          % (key_name(key, **modifiers), name_of(window), title))
    settle()
    return window


def key_name(key, control=False, shift=False, alt=False):
    return ''.join(['Shift+' if shift else '', 'Ctrl+' if control else '',
                    'Alt+' if alt else '', key.upper() if len(key) == 1 else key])


def closes(s, window, count, what):
    check(wait_toplevel_count(s.app, count, timeout=10),
          '%s did not close %r; the app\'s windows: %r' % (what, name_of(window),
                                                          window_names(s.app)))
    settle()


def focus_back_in_main(s, what):
    """After a dialog closes, the focus is back on a control of the main window; where it is
    not, the last step reports it (the story goes on: Tab still gets a keyboard user going)."""
    window = main_window(s)
    node = focus_of(window)
    if node is None:
        s.focus_lost.append('after %s no control of the main window has the focus' % what)
    return node


def type_into(window, roles, name, text, where):
    """Types text where the focus is; it must land in the field named name."""
    type_text(text)
    deadline = time.monotonic() + 5
    while where_typed(window, text) != name:
        check(time.monotonic() < deadline, '%s: the focus is not in %r: typing %r went to %s'
              % (where, name, text, repr(where_typed(window, text)) if where_typed(window, text)
                 else 'no text field'))
        time.sleep(0.1)
    return wait_for(window, roles, name)


def fields(window):
    return [node for node in walk(window) if role_of(node) in TEXT_ROLES
            and has_state(node, pyatspi.STATE_EDITABLE)]


def where_typed(window, text):
    """The name of the text field holding text: where the keyboard focus was when it was
    typed. GTK 4.8 reports no focused state inside an editor window in this session, so the
    typed text is the evidence."""
    for node in fields(window):
        if text in (text_of(node) or ''):
            return name_of(node)
    return None


def tab_typing(window, name, text, backwards=False, limit=25):
    """Tab (or Shift+Tab) until typing lands in the field named name; what lands elsewhere is
    taken back. Returns the names the focus went through."""
    went = []
    for _ in range(limit):
        press_keys('Tab', shift=backwards)
        time.sleep(0.15)
        # Tab selects a field's text: End keeps it from being typed over.
        press_keys('End')
        press_keys('x')
        time.sleep(0.2)
        got = None
        for node in fields(window):
            if (text_of(node) or '').endswith('x'):
                got = node
                break
        press_keys('BackSpace')
        time.sleep(0.15)
        if got is not None and name_of(got) == name:
            type_text(text)
            deadline = time.monotonic() + 5
            while text not in (text_of(got) or ''):
                check(time.monotonic() < deadline, '%r holds %r after typing %r'
                      % (name, text_of(got), text))
                time.sleep(0.1)
            return went
        went.append(name_of(got) if got is not None else '(not a text field)')
    raise StepFailed('%s never reached the %r field; it went through: %s'
                     % ('Shift+Tab' if backwards else 'Tab', name, ', '.join(went)))


def start_window_manager(s):
    """A real desktop has a window manager, which gives the focus back to the main window when
    a dialog closes; bare Xvfb has none. matchbox-window-manager, when installed, stands in."""
    s.wm = None
    for binary in ('matchbox-window-manager',):
        for folder in os.environ.get('PATH', '/usr/bin').split(os.pathsep):
            path = os.path.join(folder, binary)
            if os.access(path, os.X_OK):
                s.wm = subprocess.Popen([path, '-use_titlebar', 'no'], env=s.env,
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
                time.sleep(0.5)
                return True
    return False


# The steps ---------------------------------------------------------------------------------

def step_start(s):
    result = subprocess.run([SEED, '--data-dir=' + s.data_dir, '--colleagues=0'], env=s.env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=60)
    check(result.returncode == 0, 'rapport-seed --colleagues=0: ' + describe(result))
    if not start_window_manager(s):
        print('# no window manager: the focus in the main window after a dialog is not known')
    s.start()
    window = main_window(s)
    wait_for(window, ('page tab',), 'Today', timeout=30)
    settle()
    check(listed(s, 'colleagues') == [], 'the journal is not empty')
    s.focus_notes = []
    s.focus_lost = []
    node = focus_of(window)
    s.focus_notes.append('on start the focus is on %s' % say_focus(node))
    if node is None:
        s.focus_lost.append('on start no control of the main window has the focus')


def step_add_colleague(s):
    window = new_window(s, 'n', 'New Colleague', control=True)
    type_into(window, TEXT_ROLES, 'Name', COLLEAGUE, 'Ctrl+N')
    went = tab_typing(window, 'Role', ROLE)
    check(not went, 'Tab from Name did not go to Role but through %s' % ', '.join(went))
    press_keys('Return')
    closes(s, window, 1, 'Enter in the Role field')
    colleagues = listed(s, 'colleagues')
    check([(item.get('name'), item.get('role')) for item in colleagues] == [(COLLEAGUE, ROLE)],
          '--list=colleagues: %r' % colleagues)
    s.colleague_id = colleagues[0]['id']
    s.focus_notes.append('after saving the colleague the focus is on %s'
                         % say_focus(focus_back_in_main(s, 'saving the colleague')))


def step_add_assignment(s):
    window = new_window(s, 'n', 'New Assignment', control=True, shift=True)
    type_into(window, TEXT_ROLES, 'Facility', FACILITY, 'Shift+Ctrl+N')
    press_keys('Return')
    closes(s, window, 1, 'Enter in the Facility field')
    assignments = listed(s, 'assignments')
    check([item.get('facility') for item in assignments] == [FACILITY],
          '--list=assignments: %r' % assignments)
    s.focus_notes.append('after saving the assignment the focus is on %s'
                         % say_focus(focus_back_in_main(s, 'saving the assignment')))


def step_log_entry(s):
    window = new_window(s, 'l', 'Log Interaction', control=True)
    went = tab_typing(window, 'Search Colleagues to Choose', 'Ada')
    s.focus_notes.append('Ctrl+L, then Tab to the colleague search through: %s'
                         % (', '.join(went) or 'nothing'))
    settle()
    # From the search field into the list, then Space ticks the colleague.
    press_keys('Down')
    time.sleep(0.3)
    press_keys('space')
    time.sleep(0.5)
    box = find_showing(window, ('check box', 'check button'), COLLEAGUE)
    if box is None or not has_state(box, pyatspi.STATE_CHECKED):
        press_keys('Return')
        time.sleep(0.5)
        box = find_showing(window, ('check box', 'check button'), COLLEAGUE)
        check(box is not None and has_state(box, pyatspi.STATE_CHECKED),
              'in the chooser, Down then Space (or Enter) from the search field does not tick '
              '%r' % COLLEAGUE)
        s.focus_notes.append('in the chooser Space did not tick the colleague; Enter did')
    went = tab_typing(window, 'Note', NOTE, limit=40)
    s.focus_notes.append('from the chooser, Tab to Note went through: %s'
                         % (', '.join(went) or 'nothing'))
    # Enter in the note starts a new line; Ctrl+Enter saves from any field.
    press_keys('Return', control=True)
    closes(s, window, 1, 'Ctrl+Enter in the Note field')
    entries = listed(s, 'interactions')
    check(len(entries) == 1, '--list=interactions lists %d entries: %r' % (len(entries), entries))
    text = json.dumps(entries[0])
    check(str(s.colleague_id) in text and NOTE in text,
          'the entry is not with the colleague or lacks the note: %r' % entries[0])
    s.focus_notes.append('after logging the entry the focus is on %s'
                         % say_focus(focus_back_in_main(s, 'logging the entry')))


def step_plan_reminder(s):
    window = new_window(s, 'r', 'New Reminder', control=True)
    type_into(window, TEXT_ROLES, 'Title', REMINDER, 'Ctrl+R')
    press_keys('Return')
    closes(s, window, 1, 'Enter in the Title field')
    reminders = listed(s, 'reminders')
    check([item.get('title') for item in reminders] == [REMINDER],
          '--list=reminders: %r' % reminders)
    s.focus_notes.append('after planning the reminder the focus is on %s'
                         % say_focus(focus_back_in_main(s, 'planning the reminder')))


def step_find_reminder(s):
    window = main_window(s)
    press_keys('f', control=True)
    expect_focus(window, TEXT_ROLES, 'Search Everything', 'Ctrl+F')
    type_text('schedule')
    deadline = time.monotonic() + 20
    while find_showing(window, None, REMINDER) is None:
        check(time.monotonic() < deadline, 'searching "schedule" does not show %r; showing: %s'
              % (REMINDER, describe_showing(window)))
        time.sleep(0.3)
    settle()
    press_keys('Down')
    time.sleep(0.3)
    node = focus_of(window)
    check(node is not None and (REMINDER in name_of(node) or any(
        REMINDER in name_of(child) for child in walk(node, 60))),
        'Down from the search field put the focus on %s, not on the reminder' % say_focus(node))
    before = toplevels(s.app)
    press_keys('Return')
    window = wait_new_toplevel(s.app, before, timeout=10)
    check(name_of(window) == 'Edit Reminder', 'Enter on the result opened %r, not "Edit '
          'Reminder"' % name_of(window))
    settle()
    field = wait_for(window, TEXT_ROLES, 'Title')
    check(text_of(field) == REMINDER, 'the reminder opened holds %r' % text_of(field))
    press_keys('Escape')
    closes(s, window, 1, 'Escape')
    s.focus_notes.append('after closing the reminder the focus is on %s'
                         % say_focus(focus_back_in_main(s, 'closing the reminder')))
    press_keys('Escape')
    settle()


def step_delete_and_undo(s):
    window = main_window(s)
    press_keys('4', alt=True)
    journal = wait_for(window, ('list',), 'Journal', timeout=20)
    settle()
    tab_until(window, journal, limit=60)
    # The first row is the day's heading; Down reaches the entry.
    entry = None
    for _ in range(6):
        node = focus_of(window)
        if node is not None and any(NOTE in name_of(child) for child in walk(node, 80)):
            entry = node
            break
        press_keys('Down')
        time.sleep(0.2)
    check(entry is not None, 'Down in the Journal list never reached the entry; the focus is on '
          '%s' % say_focus(focus_of(window)))
    press_keys('Delete')
    deadline = time.monotonic() + 10
    while listed(s, 'interactions'):
        check(time.monotonic() < deadline, 'Delete on the focused entry did not delete it')
        time.sleep(0.3)
    node = focus_of(window)
    s.focus_notes.append('after Delete the focus is on %s' % say_focus(node))
    if node is None:
        s.focus_lost.append('after Delete on a Journal entry no control has the focus')
    wait_for(window, ('push button',), 'Undo', timeout=5)
    # The toast's Undo: Ctrl+Z while it shows (the shortcuts window lists it).
    press_keys('z', control=True)
    deadline = time.monotonic() + 10
    while len(listed(s, 'interactions')) != 1:
        check(time.monotonic() < deadline, 'Ctrl+Z did not bring the entry back')
        time.sleep(0.3)


def step_focus_report(s):
    for note in getattr(s, 'focus_notes', []):
        print('# ' + note)
    if getattr(s, 'wm', None) is not None:
        s.wm.kill()
        s.wm.wait(timeout=10)
    lost = getattr(s, 'focus_lost', [])
    check(not lost, 'the focus is lost %d times: %s' % (len(lost), '; '.join(lost)))


STEPS = [
    ('an empty journal opens', step_start, True),
    ('Ctrl+N, the name typed, Tab, the role typed, Enter adds the colleague',
     step_add_colleague, True),
    ('Shift+Ctrl+N, the facility typed, Enter adds the assignment', step_add_assignment, True),
    ('Ctrl+L, the colleague chosen by keyboard, a note, Ctrl+Enter logs the entry',
     step_log_entry,
     False),
    ('Ctrl+R, the title typed, Enter plans the reminder', step_plan_reminder, False),
    ('Ctrl+F finds the reminder; Down and Enter open it; Escape closes it', step_find_reminder,
     False),
    ('Alt+4, Delete on the entry; Ctrl+Z, the toast\'s Undo, brings it back',
     step_delete_and_undo, False),
    ('the focus is on a control after each dialog and deletion (where it went is reported)',
     step_focus_report, False),
]


if __name__ == '__main__':
    sys.exit(run_steps(STEPS, 'e2e-keyboard'))
