#!/usr/bin/python3
# e2e-assignment.py — a person keeps a whole assignment (a colleague, a tip they recommended, a
# coffee with them) and finds all of it again with one search, in the real app (TAP, AT-SPI).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring; GTK starts the accessibility bus by itself. Controls are found by role and
# accessible name, and only when they are showing (rapport_atspi.py). Shortcuts are pressed as
# key events, so they are proven to work, not just registered.

import datetime
import json
import os
import random
import signal
import string
import sys
import time

import pyatspi

from rapport_atspi import (BUTTON_ROLES, LIST_ROLES, QUIT_WAIT, TEXT_ROLES, StepFailed, check,
                           choose_in_combo, describe_showing, find_showing, focused_in,
                           has_state, is_showing, name_of, press, press_keys, role_of,
                           run_steps, safe, set_text, tab_until, texts_in, wait_for, wait_gone,
                           wait_listed, walk)


def unique(prefix):
    return prefix + ''.join(random.choice(string.ascii_lowercase) for _ in range(8))


COLLEAGUE = 'Ada ' + unique('Canary')
FACILITY = unique('Facility')
CITY = 'Durango'
TIP = unique('Tacos')
NOTE = unique('coffeenote')
TODAY = datetime.date.today()
STARTS_ON = (TODAY - datetime.timedelta(days=3)).isoformat()
ENDS_ON = (TODAY + datetime.timedelta(days=60)).isoformat()

# What each search finds, under which heading.
FINDINGS = [
    ('colleague', COLLEAGUE.split()[1], COLLEAGUE, 'Colleagues'),
    ('assignment', FACILITY, FACILITY, 'Assignments'),
    ('tip', TIP, TIP, 'Tips'),
    ('interaction', NOTE, NOTE, 'Journal'),
]

HEADING_ROLES = ('label', 'heading')
CHECK_ROLES = ('check box', 'check button', 'toggle button', 'radio button')


# Helpers -----------------------------------------------------------------------------------

def switch_view(s, name):
    press(wait_for(s.app, BUTTON_ROLES, name))


def editor_field(s, name):
    return wait_for(s.app, TEXT_ROLES, name)


def result_under_heading(s, text, heading):
    """A showing search result holding text in the group whose heading is heading: from the
    heading up to the nearest ancestor that holds a list, and only in that list. (The views
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


def search_for(s, query, text, heading, timeout=20):
    entry = wait_for(s.app, TEXT_ROLES, 'Search Everything')
    set_text(entry, query)
    deadline = time.monotonic() + timeout
    while True:
        node = result_under_heading(s, text, heading)
        if node is not None:
            return node
        if time.monotonic() > deadline:
            raise StepFailed('searching %r shows no %r under the heading %r; showing now: %s'
                             % (query, text, heading, describe_showing(s.app)))
        time.sleep(0.2)


def open_search(s):
    press_keys('f', control=True)
    try:
        return wait_for(s.app, TEXT_ROLES, 'Search Everything', timeout=5)
    except StepFailed:
        raise StepFailed('Ctrl+F did not show the "Search Everything" entry; showing now: %s'
                         % describe_showing(s.app))


def rapport_json(s, *args):
    result = s.rapport(*args)
    check(result.returncode == 0, 'rapport %s: exit %d, %r' % (' '.join(args), result.returncode,
                                                               result.stderr[:400]))
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


# The steps ---------------------------------------------------------------------------------

def step_window_appears(s):
    s.start()


def step_recovery_code(s):
    press(wait_for(s.app, BUTTON_ROLES, 'Skip'))
    wait_gone(s.app, BUTTON_ROLES, 'Continue')


def step_add_colleague(s):
    press(wait_for(s.app, BUTTON_ROLES, 'Add Colleague'))
    set_text(editor_field(s, 'Name'), COLLEAGUE)
    set_text(editor_field(s, 'Role'), 'Charge Nurse')
    press(wait_for(s.app, BUTTON_ROLES, 'Add'))
    wait_gone(s.app, TEXT_ROLES, 'Role')
    wait_listed(s.app, COLLEAGUE)


def step_new_assignment(s):
    switch_view(s, 'Assignments')
    press(wait_for(s.app, BUTTON_ROLES, 'New Assignment'))
    set_text(editor_field(s, 'Facility'), FACILITY)
    set_text(editor_field(s, 'City'), CITY)
    set_text(editor_field(s, 'Starts On'), STARTS_ON)
    set_text(editor_field(s, 'Ends On'), ENDS_ON)
    press(wait_for(s.app, BUTTON_ROLES, 'Add'))
    wait_gone(s.app, TEXT_ROLES, 'Facility')


def step_assignment_current(s):
    row = wait_listed(s.app, FACILITY)
    # "Current" is a label in the assignment's own row.
    ancestor = row
    for _ in range(8):
        for node in walk(ancestor, limit=200):
            if name_of(node) == 'Current' and is_showing(node):
                return
        ancestor = safe(lambda: ancestor.parent)
        if ancestor is None:
            break
    raise StepFailed('the assignment %r is not marked "Current"; showing now: %s'
                     % (FACILITY, describe_showing(s.app)))


def step_add_tip(s):
    press(wait_for(s.app, BUTTON_ROLES, 'Add Tip'))
    set_text(editor_field(s, 'Title'), TIP)
    choose_in_combo(s.app, 'Category', 'Coffee')
    choose_in_combo(s.app, 'Recommended By', COLLEAGUE)
    press(wait_for(s.app, BUTTON_ROLES, 'Add'))
    wait_gone(s.app, TEXT_ROLES, 'Title')
    wait_listed(s.app, TIP)


def step_log_coffee(s):
    # The shortcut first, as a keyboard user would; the button is the fallback, and the
    # shortcut's failure is reported by its own step.
    # ("Log" itself stays insensitive until someone is chosen, so the editor is known by its
    # colleague chooser.)
    press_keys('l', control=True)
    try:
        wait_for(s.app, TEXT_ROLES, 'Search Colleagues to Choose', timeout=5)
        s.ctrl_l_problem = None
    except StepFailed:
        s.ctrl_l_problem = ('Ctrl+L did not open the interaction editor; showing then: '
                            + describe_showing(s.app))
        switch_view(s, 'Journal')
        press(wait_for(s.app, BUTTON_ROLES, 'Log Interaction'))
        wait_for(s.app, TEXT_ROLES, 'Search Colleagues to Choose')
    choose_in_combo(s.app, 'Kind', 'Coffee')
    # GTK 4.8 gives check buttons no accessible action: Tab there and press Space.
    box = wait_for(s.app, CHECK_ROLES, COLLEAGUE)
    tab_until(s.app, box)
    press_keys('space')
    deadline = time.monotonic() + 5
    while not has_state(box, pyatspi.STATE_CHECKED):
        check(time.monotonic() < deadline, 'Space did not check %r' % COLLEAGUE)
        time.sleep(0.1)
    set_text(editor_field(s, 'Note'), 'Coffee after rounds: %s.' % NOTE)
    press(wait_for(s.app, BUTTON_ROLES, 'Log'))
    wait_gone(s.app, BUTTON_ROLES, 'Log')


def step_in_journal(s):
    switch_view(s, 'Journal')
    wait_listed(s.app, NOTE)


def step_ctrl_l(s):
    problem = getattr(s, 'ctrl_l_problem', 'the story never got to pressing Ctrl+L')
    check(problem is None, problem)


def step_search_all(s):
    open_search(s)
    for kind, query, text, heading in FINDINGS:
        search_for(s, query, text, heading)


def step_search_nothing(s):
    entry = wait_for(s.app, TEXT_ROLES, 'Search Everything')
    set_text(entry, unique('zqxj'))
    wait_for(s.app, None, 'No Results')
    check(result_under_heading(s, TIP, 'Tips') is None,
          'the tip is still among the results of a nonsense query')


def step_open_tip(s):
    search_for(s, TIP, TIP, 'Tips')
    # GTK 4.8 gives list rows no accessible action: Down moves from the entry into the results,
    # Enter opens the one with the focus.
    press_keys('Down')
    deadline = time.monotonic() + 5
    while True:
        node = focused_in(s.app)
        if node is not None and any(TIP in text for text in texts_in(node)):
            break
        check(time.monotonic() < deadline, 'Down in "Search Everything" did not move to the tip '
              'result; the focus is on %s' % (texts_in(node) if node is not None else 'nothing'))
        time.sleep(0.1)
    press_keys('Return')
    wait_gone(s.app, TEXT_ROLES, 'Search Everything')
    wait_listed(s.app, TIP)
    # In its assignment: the assignment's page shows, facility and all.
    deadline = time.monotonic() + 10
    while not any(FACILITY in name_of(node) and is_showing(node) for node in walk(s.app)):
        check(time.monotonic() < deadline, 'the tip shows, but not with its assignment %r; '
              'showing now: %s' % (FACILITY, describe_showing(s.app)))
        time.sleep(0.2)


def step_escape(s):
    open_search(s)
    set_text(wait_for(s.app, TEXT_ROLES, 'Search Everything'), FACILITY)
    result_deadline = time.monotonic() + 20
    while result_under_heading(s, FACILITY, 'Assignments') is None:
        check(time.monotonic() < result_deadline, 'no result for %r' % FACILITY)
        time.sleep(0.2)
    press_keys('Escape')
    wait_gone(s.app, TEXT_ROLES, 'Search Everything', timeout=5)


def step_export_guide(s):
    assignments = [item for item in rapport_json(s, '--list=assignments')
                   if item.get('facility') == FACILITY]
    check(len(assignments) == 1, 'rapport --list=assignments (forwarded) does not list %r once'
          % FACILITY)
    folder = os.path.join(s.root, 'exports')
    os.makedirs(folder, exist_ok=True)
    result = s.rapport('--export-guide=site-guide.md',
                       '--assignment=%d' % assignments[0]['id'], cwd=folder)
    check(result.returncode == 0 and result.stdout == b'' and result.stderr == b'',
          'forwarded --export-guide: exit %d, stdout %r, stderr %r'
          % (result.returncode, result.stdout[:300], result.stderr[:300]))
    path = os.path.join(folder, 'site-guide.md')
    check(os.path.isfile(path), 'no guide at %s' % path)
    with open(path, encoding='utf-8') as guide:
        text = guide.read()
    check(TIP in text, 'the guide lacks the tip %r' % TIP)
    check(COLLEAGUE not in text and COLLEAGUE.split()[1] not in text,
          'the guide names the colleague who recommended the tip')
    check(NOTE not in text, 'the guide holds the journal')
    check(s.process.poll() is None, 'the app exited during the export')


def step_quit(s):
    check(s.quit(), 'the app did not exit within %d s of the quit action; killed it' % QUIT_WAIT)


def step_restart_search(s):
    s.start()
    wait_for(s.app, BUTTON_ROLES, 'Assignments')
    check(find_showing(s.app, BUTTON_ROLES, 'Continue') is None,
          'the welcome shows again on the second start')
    open_search(s)
    for kind, query, text, heading in FINDINGS:
        search_for(s, query, text, heading)


# (title, function, needs the steps before it to have passed)
STEPS = [
    ('the window appears on first run', step_window_appears, True),
    ('"Skip" closes the welcome', step_recovery_code, True),
    ('"Add Colleague" adds the colleague Ada', step_add_colleague, True),
    ('"New Assignment" with Facility, City, Starts On and Ends On, then "Add"',
     step_new_assignment, True),
    ('the new assignment is listed and marked "Current"', step_assignment_current, True),
    ('"Add Tip" with Title, Category and Recommended By Ada, then "Add"; the tip shows',
     step_add_tip, True),
    ('log a coffee with Ada (Kind, the colleague\'s check button, Note, "Log")',
     step_log_coffee, True),
    ('the coffee shows in the Journal', step_in_journal, True),
    ('Ctrl+L opened the interaction editor', step_ctrl_l, False),
    ('Ctrl+F, then "Search Everything" finds the colleague, assignment, tip and coffee under '
     'their headings', step_search_all, True),
    ('searching nonsense shows "No Results"', step_search_nothing, True),
    ('choosing the tip result shows it in its assignment', step_open_tip, True),
    ('Escape closes the search', step_escape, True),
    ('rapport --export-guide, forwarded to the running app, writes the guide where the caller '
     'is: the tip in, Ada and the journal out', step_export_guide, True),
    ('the quit action ends the app', step_quit, True),
    ('after a restart, the search still finds all four', step_restart_search, True),
    ('the quit action ends the app again', step_quit, True),
]


def main():
    return run_steps(STEPS, 'e2e-assignment')


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
