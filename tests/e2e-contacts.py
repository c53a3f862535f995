#!/usr/bin/python3
# e2e-contacts.py — a person carries contacts into and out of the journal in the real app: imports
# a vCard file through the file chooser, exports everyone through the save chooser, and shows a
# colleague's QR code (TAP, AT-SPI).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring; GTK starts the accessibility bus by itself. Controls are found by role and
# accessible name, and only when they are showing (rapport_atspi.py). Shortcuts are pressed as
# key events, so they are proven to work, not just registered. There is no portal in the session,
# so the file choosers are GTK's own dialogs, inside the app.
#
# GTK 4.8 can crash the app when its accessibility tree is asked for a window that is closing (a
# reference to a window whose accessible object is already gone): after anything that closes a
# window, the story waits for the window to settle before it asks the tree again.

import json
import os
import signal
import stat
import subprocess
import sys
import time

import pyatspi

from rapport_atspi import (BUTTON_ROLES, QUIT_WAIT, SEED, TEXT_ROLES, StepFailed, check,
                           describe_showing, find_showing, focused_in, has_state, is_showing,
                           name_of, press, press_keys, role_of, run_steps, safe,
                           set_text, tab_until, text_of, wait_for, wait_listed, walk)

NEW_PEOPLE = [
    ('Łucja Nowak', 'Nowak;Łucja;;;', 'EMAIL;TYPE=work:lucja.nowak@example.org'),
    ('Tobias Brandt', 'Brandt;Tobias;;;', 'EMAIL;TYPE=work:tobias.brandt@example.org'),
    ('Amara Okoye', 'Okoye;Amara;;;', 'TEL;TYPE=work:+1 720 555 0123'),
]
# Same email as the sample colleague Priya Raman (tests/rapport-seed.c).
DUPLICATE = ('Priya Raman', 'Raman;Priya;;;', 'EMAIL:priya.raman@example.org')
LUCJA = NEW_PEOPLE[0][0]
# The sample colleagues' notes (tests/rapport-seed.c): the default export leaves notes out.
SAMPLE_NOTES = [
    'Showed me the badge office on day one.',
    'Also a traveler; we swap housing leads.',
    'Offered to review my case presentation before boards.',
    'Coffee after night shifts on Thursdays.',
    'Knows which parking lot fills up first.',
    'Runs the Thursday peer-support group at 12:30.',
]
QR_NAME = 'QR code with %s’s contact details' % LUCJA

SETTLE = 1.5         # seconds for a closing window to leave GTK's accessibility tree
CHOOSER_ROLES = ('filler', 'dialog', 'frame', 'window', 'file chooser')


# Helpers -----------------------------------------------------------------------------------

def settle():
    time.sleep(SETTLE)


def toplevel(s, name, timeout=20):
    """The app's showing window titled name (GTK 4.8 gives GtkFileChooserDialog no role, so a
    chooser is a "filler")."""
    deadline = time.monotonic() + timeout
    while True:
        for index in range(safe(lambda: s.app.childCount, 0) or 0):
            child = safe(lambda: s.app.getChildAtIndex(index))
            if (child is not None and name_of(child) == name and role_of(child) in CHOOSER_ROLES
                    and has_state(child, pyatspi.STATE_VISIBLE)):
                return child
        if time.monotonic() > deadline:
            names = [name_of(safe(lambda: s.app.getChildAtIndex(i)))
                     for i in range(safe(lambda: s.app.childCount, 0) or 0)]
            raise StepFailed('no window %r after %d s; the app\'s windows: %r'
                             % (name, timeout, names))
        time.sleep(0.2)


def toplevel_gone(s, name, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        names = [name_of(safe(lambda: s.app.getChildAtIndex(i)))
                 for i in range(safe(lambda: s.app.childCount, 0) or 0)]
        if name not in names:
            return
        check(time.monotonic() < deadline, 'the window %r is still open after %d s'
              % (name, timeout))
        time.sleep(0.5)


def main_window(s):
    return toplevel(s, 'Rapport')


def type_location(chooser, path):
    """In a GTK file chooser: "/" opens the location entry (in the open chooser; the save
    chooser's name entry has the focus already), the full path goes in, Enter accepts."""
    entry = find_showing(chooser, TEXT_ROLES, 'GtkFileChooserEntry')
    if entry is None:
        press_keys('/')
        entry = wait_for(chooser, TEXT_ROLES, 'GtkFileChooserEntry')
    set_text(entry, path)
    # Let the entry's completion catch up before Enter reads it.
    time.sleep(0.5)
    press_keys('Return')


def name_entry(chooser):
    """The save chooser's "Name" entry: the text that holds the suggested file name."""
    for node in walk(chooser):
        if (role_of(node) in TEXT_ROLES and (text_of(node) or '').endswith('.vcf')
                and is_showing(node)):
            return node
    return None


def vcard(name, structured, contact):
    return ('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nN:%s\r\n%s\r\nEND:VCARD\r\n'
            % (name, structured, contact))


def rapport_json(s, *args):
    result = s.rapport(*args)
    check(result.returncode == 0, 'rapport %s: exit %d, %r' % (' '.join(args), result.returncode,
                                                               result.stderr[:400]))
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


# The steps ---------------------------------------------------------------------------------

def step_seed(s):
    result = subprocess.run([SEED, '--data-dir=' + s.data_dir, '--sample'], env=s.env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=60)
    check(result.returncode == 0, 'rapport-seed --sample: exit %d, %r'
          % (result.returncode, result.stderr[:400]))
    s.vcf = os.path.join(s.home, 'from-the-old-phone.vcf')
    with open(s.vcf, 'w', encoding='utf-8', newline='') as cards:
        for person in NEW_PEOPLE[:2] + [DUPLICATE] + NEW_PEOPLE[2:]:
            cards.write(vcard(*person))
    s.export_path = os.path.join(s.home, 'carried-contacts.vcf')


def step_window_appears(s):
    s.start()
    s.window = main_window(s)
    wait_for(s.window, BUTTON_ROLES, 'Colleagues')
    check(find_showing(s.app, BUTTON_ROLES, 'Continue') is None and
          find_showing(s.app, None, 'Recovery Code') is None,
          'a seeded journal shows the welcome or the recovery code on start')


def step_import_chooser(s):
    press_keys('i', control=True)
    try:
        chooser = toplevel(s, 'Import Contacts', timeout=10)
    except StepFailed:
        raise StepFailed('Ctrl+I did not open a file chooser; showing now: %s'
                         % describe_showing(s.app))
    check(role_of(chooser) != 'frame' or find_showing(chooser, BUTTON_ROLES, 'Open') is not None,
          'the window Ctrl+I opened is not a file chooser: %s' % describe_showing(chooser))
    type_location(chooser, s.vcf)
    settle()


def step_import_review(s):
    dialog = None
    deadline = time.monotonic() + 20
    # The chooser and the import dialog share the title: the dialog is the one with "Cancel"
    # and an "Import N Cards" button.
    while dialog is None:
        candidate = toplevel(s, 'Import Contacts')
        if find_showing(candidate, BUTTON_ROLES, 'Import 4 Cards') is not None:
            dialog = candidate
        else:
            check(time.monotonic() < deadline, 'no "Import 4 Cards" button after 20 s; showing '
                  'in the import window: %s' % describe_showing(candidate))
            time.sleep(0.3)
    summary = [name_of(node) for node in walk(dialog)
               if role_of(node) == 'label' and 'new colleague' in name_of(node)
               and is_showing(node)]
    check(summary == ['3 new colleagues, 1 already in your journal'],
          'the summary reads %r, not "3 new colleagues, 1 already in your journal"' % summary)
    # The duplicate names whom it matches, and is merged unless the person says otherwise.
    check(find_showing(dialog, None, 'Matches %s · priya.raman@example.org' % DUPLICATE[0])
          is not None, 'the duplicate card does not say it matches %s; showing: %s'
          % (DUPLICATE[0], describe_showing(dialog)))
    s.import_dialog = dialog


def step_import_run(s):
    dialog = s.import_dialog
    button = wait_for(dialog, BUTTON_ROLES, 'Import 4 Cards')
    # "Import 4 Cards" is the default widget: Enter runs it wherever the focus is, unless a
    # control that takes Enter itself has it.
    focus = focused_in(dialog)
    if focus is not None and role_of(focus) not in BUTTON_ROLES:
        tab_until(dialog, button)
    press_keys('Return')
    # The toast shows in the main window while the import dialog closes: ask only the main
    # window, never the app's list of windows, until the dialog is gone.
    window = s.window
    deadline = time.monotonic() + 20
    s.toast = None
    while s.toast is None and time.monotonic() < deadline:
        time.sleep(0.3)
        for node in walk(window):
            if role_of(node) == 'label' and name_of(node).startswith('Imported 3'):
                s.toast = name_of(node)
                break
    settle()
    toplevel_gone(s, 'Import Contacts')


def step_import_toast(s):
    check(s.toast is not None, 'no toast starting "Imported 3" showed within 20 s of Enter')
    check(s.toast == 'Imported 3, merged 1, skipped 0',
          'the toast reads %r, not "Imported 3, merged 1, skipped 0"' % s.toast)


def step_colleagues_list(s):
    window = main_window(s)
    press_keys('2', alt=True)
    search = wait_for(window, TEXT_ROLES, 'Search Colleagues')
    set_text(search, LUCJA.split()[0])
    time.sleep(0.5)   # let the debounced search settle before judging
    wait_listed(window, LUCJA)
    s.search = search


def step_export(s):
    window = main_window(s)
    press_keys('1', alt=True)
    wait_for(window, None, 'Current Assignment')
    press_keys('e', control=True, shift=True)
    try:
        dialog = toplevel(s, 'Export Contacts', timeout=10)
    except StepFailed:
        raise StepFailed('Shift+Ctrl+E did not open "Export Contacts"; showing now: %s'
                         % describe_showing(s.app))
    button = wait_for(dialog, BUTTON_ROLES, 'Export…')
    deadline = time.monotonic() + 10
    while not has_state(button, pyatspi.STATE_SENSITIVE):
        check(time.monotonic() < deadline, '"Export…" stays insensitive; showing: %s'
              % describe_showing(dialog))
        time.sleep(0.2)
    press(button)
    chooser = None
    deadline = time.monotonic() + 20
    while chooser is None:
        for index in range(safe(lambda: s.app.childCount, 0) or 0):
            child = safe(lambda: s.app.getChildAtIndex(index))
            if child is not None and name_of(child) == 'Export Contacts':
                entry = name_entry(child)
                if entry is not None:
                    chooser = child
        check(chooser is not None or time.monotonic() < deadline,
              '"Export…" opened no save chooser with a name entry')
        time.sleep(0.2)
    # The chooser suggests a name; the name entry takes a full path as well.
    set_text(entry, s.export_path)
    time.sleep(0.5)
    press_keys('Return')
    # Both the chooser and the export dialog close now: judge by the file, not the tree.
    deadline = time.monotonic() + 20
    while not os.path.exists(s.export_path):
        check(time.monotonic() < deadline, 'no file at %s 20 s after Enter in the save chooser'
              % s.export_path)
        time.sleep(0.2)
    settle()
    toplevel_gone(s, 'Export Contacts')


def step_export_file(s):
    mode = stat.S_IMODE(os.stat(s.export_path).st_mode)
    check(mode == 0o600, 'the export has mode %o, not 600' % mode)
    with open(s.export_path, encoding='utf-8') as cards:
        text = cards.read()
    check(text.startswith('BEGIN:VCARD'), 'the export is not a vCard file: %r' % text[:80])
    for name, _, _ in NEW_PEOPLE:
        check(name in text, 'the export lacks %r' % name)
    leaked = [note for note in SAMPLE_NOTES if note in text]
    check(not leaked, 'the default export holds notes: %r' % leaked)
    check(text.count('BEGIN:VCARD') == 9, 'the export holds %d cards, not 9 (6 sample + 3 new)'
          % text.count('BEGIN:VCARD'))


def step_open_colleague(s):
    window = main_window(s)
    press_keys('2', alt=True)
    search = wait_for(window, TEXT_ROLES, 'Search Colleagues')
    set_text(search, LUCJA)
    time.sleep(0.5)
    wait_listed(window, LUCJA)
    # Enter in the search opens the first match.
    tab_until(window, search)
    press_keys('Return')
    deadline = time.monotonic() + 10
    while find_showing(window, BUTTON_ROLES, 'Share as QR Code') is None or not any(
            name_of(node) == LUCJA and role_of(node) in ('label', 'heading') and
            not in_list_row(node) and is_showing(node) for node in walk(window)):
        check(time.monotonic() < deadline, 'Enter in "Search Colleagues" did not show %r; '
              'showing now: %s' % (LUCJA, describe_showing(window)))
        time.sleep(0.2)


def in_list_row(node):
    parent = safe(lambda: node.parent)
    for _ in range(12):
        if parent is None:
            return False
        if role_of(parent) in ('list item', 'list', 'list box'):
            return True
        parent = safe(lambda: parent.parent)
    return False


def step_qr(s):
    window = main_window(s)
    press(wait_for(window, BUTTON_ROLES, 'Share as QR Code'))
    image = None
    deadline = time.monotonic() + 20
    while image is None:
        for index in range(safe(lambda: s.app.childCount, 0) or 0):
            child = safe(lambda: s.app.getChildAtIndex(index))
            if child is not None and name_of(child) != 'Rapport':
                image = find_showing(child, None, QR_NAME)
                if image is not None:
                    break
        check(image is not None or time.monotonic() < deadline,
              'no image named %r after 20 s; showing now: %s' % (QR_NAME, describe_showing(s.app)))
        time.sleep(0.2)
    check(role_of(image) in ('image', 'icon', 'animation'),
          '%r is a %s, not an image' % (QR_NAME, role_of(image)))
    s.qr_window = name_of(toplevel_of_node(image))


def toplevel_of_node(node):
    parent = safe(lambda: node.parent)
    while parent is not None and role_of(parent) != 'application':
        node, parent = parent, safe(lambda: parent.parent)
    return node


def step_qr_escape(s):
    press_keys('Escape')
    settle()
    toplevel_gone(s, s.qr_window)
    check(s.process.poll() is None, 'the app exited when the QR code closed')


def step_quit(s):
    check(s.quit(), 'the app did not exit within %d s of the quit action; killed it' % QUIT_WAIT)


def step_listed_after(s):
    colleagues = rapport_json(s, '--list=colleagues')
    names = [colleague.get('name') for colleague in colleagues]
    for name, _, _ in NEW_PEOPLE:
        check(names.count(name) == 1, 'rapport --list=colleagues lists %r %d times, not once'
              % (name, names.count(name)))
    check(names.count(DUPLICATE[0]) == 1, 'the merged duplicate %r is listed %d times, not once'
          % (DUPLICATE[0], names.count(DUPLICATE[0])))
    check(len(names) == 9, 'rapport --list=colleagues lists %d colleagues, not 9: %r'
          % (len(names), names))


# (title, function, needs the steps before it to have passed)
STEPS = [
    ('a journal with the sample colleagues, and a vCard file of 3 new people and 1 duplicate',
     step_seed, True),
    ('the window appears', step_window_appears, True),
    ('Ctrl+I opens the file chooser; the file\'s path and Enter choose it', step_import_chooser,
     True),
    ('the review says "3 new colleagues, 1 already in your journal" beside "Import 4 Cards"',
     step_import_review, True),
    ('Enter runs "Import 4 Cards" and the import dialog closes', step_import_run, True),
    ('a toast says "Imported 3, merged 1, skipped 0"', step_import_toast, False),
    ('Alt+2, then "Search Colleagues" lists %s' % LUCJA, step_colleagues_list, True),
    ('Shift+Ctrl+E, "Export…", a full path in the save chooser and Enter write the file',
     step_export, True),
    ('the export is private (0600), holds the new colleagues and no notes', step_export_file,
     False),
    ('Enter in "Search Colleagues" shows %s' % LUCJA, step_open_colleague, True),
    ('"Share as QR Code" shows an image named "%s"' % QR_NAME, step_qr, True),
    ('Escape closes the QR code', step_qr_escape, True),
    ('the quit action ends the app', step_quit, True),
    ('rapport --list=colleagues lists the three imported colleagues once each, and the '
     'duplicate once', step_listed_after, False),
]


def main():
    return run_steps(STEPS, 'e2e-contacts')


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
