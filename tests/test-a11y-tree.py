#!/usr/bin/python3
# test-a11y-tree.py — every view and every dialog of the real app, as a screen reader meets them
# (TAP, AT-SPI): each control a person uses has a name, no icon name stands in for one, no role
# lies about what the control does.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring, the accessibility bus. The app runs with --demo, so every view has content.
# Each view is shown and each dialog opened the way a person does (a shortcut, or a button by its
# name), its whole showing subtree walked, and the dialog closed with Escape. Per window it prints
# how many controls it checked; it fails on:
#   - an interactive control (button, check box, entry, combo box, switch, link, page tab, menu
#     item, a list item that takes the focus...) with no name and no labelled-by relation that
#     gives one (GTK 4.8 falls back to the widget's type name, "GtkButton": no name either);
#   - a control named with an icon name ("edit-delete-symbolic");
#   - a role that lies: a label, filler, image or panel that can be clicked and has no name, or
#     a panel, filler or label that takes the focus without a name;
#   - a window without a title, and a dialog that Escape does not close.
# Controls with the same name in one window are reported (not failed): rows of a list repeat
# "Delete" on purpose, though each such button names what it deletes where it can.

import os
import re
import sys
import time

import pyatspi

from rapport_atspi import (BUTTON_ROLES, TEXT_ROLES, StepFailed, check, describe_showing,
                           effective_name, find_showing, focused_in, has_state, is_ancestor,
                           is_showing, name_of, press, press_keys, role_of, run_steps, safe,
                           set_text, strip_mnemonic, tab_until, toplevels, wait_for, wait_new_toplevel,
                           wait_toplevel_count, walk, window_names)

SLOWER = float(os.environ.get('RAPPORT_TEST_TIMEOUT_MULTIPLIER', '') or 1)
SETTLE = 1.0 * SLOWER

BANNER = 'Demo journal — changes are thrown away when you quit'
COLLEAGUE = 'Amara Okafor'
FACILITY = 'Alpenglow Regional Medical Center'

# Roles a person operates. A list item counts when it takes the focus; text when it takes the
# focus or is editable.
INTERACTIVE_ROLES = {
    'push button', 'toggle button', 'check box', 'check button', 'radio button', 'menu button',
    'combo box', 'text', 'entry', 'password text', 'spin button', 'slider', 'switch', 'link',
    'list item', 'page tab', 'menu item', 'check menu item', 'radio menu item', 'editbar',
}
# What a click or a key can do; GTK 4.8 also lists widget actions ("clipboard.copy" on every
# label, "reminder.edit" on a row), which are no invitation to click.
CLICK_ACTIONS = {'click', 'activate', 'press', 'toggle', 'jump'}
# Roles that must not be clickable or focusable without a name.
MENU_ROLES = ('menu item', 'check menu item', 'radio menu item')
PLAIN_ROLES = {'label', 'filler', 'panel', 'image', 'icon', 'section', 'static'}
TYPE_NAME = re.compile(r'^(Gtk|Adw|Rapport)[A-Z][A-Za-z0-9]*$')
ICON_NAME = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*-symbolic(-rtl|-ltr)?$|^[a-z]+(-[a-z]+)+$')
LEAF_ROLES = ('label', 'push button', 'image', 'page tab', 'toggle button', 'check box',
              'text', 'entry', 'heading')
PAGE_NAME = re.compile(r'^(Gtk|Adw)[A-Za-z]*Page$')
# Windows that belong to GTK, not to Rapport: their controls are GTK's to name.
FOREIGN_WINDOWS = ('GtkFileChooserDialog',)


def real_name(text):
    return bool(text) and not TYPE_NAME.match(text)


def actions_of(node):
    action = safe(node.queryAction)
    if action is None:
        return []
    return [safe(lambda: action.getName(index), '') or ''
            for index in range(safe(lambda: action.nActions, 0) or 0)]


def labelled_by(node):
    names = []
    for relation in safe(node.getRelationSet, []) or []:
        if safe(relation.getRelationType) != pyatspi.RELATION_LABELLED_BY:
            continue
        for index in range(safe(relation.getNTargets, 0) or 0):
            target = safe(lambda: relation.getTarget(index))
            if target is not None:
                names.append(name_of(target))
    return [name for name in names if real_name(name)]


def hit(node, window):
    """What the window's hit test finds at node's centre, or None (GTK 4.8 answers nothing
    over many containers)."""
    component = safe(node.queryComponent)
    extents = safe(lambda: component.getExtents(pyatspi.WINDOW_COORDS)) if component else None
    if extents is None or extents.width <= 0 or extents.height <= 0:
        return None
    return safe(lambda: window.getAccessibleAtPoint(extents.x + extents.width // 2,
                                                    extents.y + extents.height // 2,
                                                    pyatspi.WINDOW_COORDS))


def page_shows(page, window):
    """Whether a GtkStack or AdwViewStack page shows. GTK 4.8 keeps hidden pages in the tree,
    visible, with their last allocation. The window's hit test never finds a hidden widget: a
    hit test over the page's small controls that lands inside the page says it shows."""
    if window is None:
        return True
    asked = 0
    stack = list(children(page))
    while stack and asked < 25:
        node = stack.pop(0)
        grandchildren = list(children(node))
        if role_of(node) in LEAF_ROLES and len(grandchildren) <= 1 and has_extent(node):
            found = hit(node, window)
            if found is not None:
                if is_ancestor(page, found):
                    return True
                asked += 1
        stack.extend(grandchildren)
    return False


def has_extent(node):
    component = safe(node.queryComponent)
    extents = safe(lambda: component.getExtents(pyatspi.WINDOW_COORDS)) if component else None
    return extents is not None and extents.width > 0 and extents.height > 0


def children(node):
    for index in range(safe(lambda: node.childCount, 0) or 0):
        child = safe(lambda: node.getChildAtIndex(index))
        if child is not None:
            yield child


def showing_tree(root, limit=20000):
    """Every node of root's subtree that a person can reach now: hidden widgets and the pages
    of stacks that are not showing are left out, with all they hold."""
    window = safe(root.queryComponent)
    stack = [root]
    seen = 0
    while stack and seen < limit:
        node = stack.pop()
        seen += 1
        yield node
        for index in reversed(range(safe(lambda: node.childCount, 0) or 0)):
            child = safe(lambda: node.getChildAtIndex(index))
            if child is None or not has_state(child, pyatspi.STATE_VISIBLE):
                continue
            if role_of(child) == 'panel' and PAGE_NAME.match(name_of(child)) and \
                    not page_shows(child, window):
                continue
            stack.append(child)


def gtk_own(node, root):
    """Why an unnamed control is GTK 4.8's or libadwaita 1.2's own, out of Rapport's reach, or
    None: the item a GtkDropDown or AdwComboRow made with its default factory shows as its
    value, the search of GtkShortcutsWindow, and AdwAboutWindow's subpage controls."""
    parent = safe(lambda: node.parent)
    for _ in range(8):
        if parent is None:
            break
        if role_of(parent) == 'combo box' and name_of(node) == 'GtkListItemWidget':
            return 'the item GtkDropDown shows in its button'
        if role_of(parent) == 'combo box' and role_of(node) == 'list item':
            return ('the item a drop-down or combo row shows as its value (%r), made by its '
                    'default factory' % name_of(parent))
        parent = safe(lambda: parent.parent)
    if name_of(root) in ('Keyboard Shortcuts', 'GtkShortcutsWindow') and \
            name_of(node) in ('GtkSearchEntry', 'GtkImage'):
        return 'GtkShortcutsWindow\'s own search'
    # libadwaita 1.2's AdwAboutWindow builds its subpages' back button, the text view of its
    # details and one button inside itself, with no way for the app to name them.
    if name_of(root).startswith('About') and \
            name_of(node) in ('GtkImage', 'GtkTextView', 'GtkButton'):
        return 'AdwAboutWindow\'s own subpage controls'
    return None


def content_names(node):
    """The labels inside node, in order: what a screen reader reads of a row with no name."""
    return [name_of(child) for child in walk(node, limit=200)
            if child != node and role_of(child) in ('label', 'heading')
            and real_name(name_of(child))]


def path_of(node, root, depth=4):
    """A few named ancestors, so a failure says where the control is."""
    parts = []
    parent = safe(lambda: node.parent)
    while parent is not None and parent != root and len(parts) < depth:
        name = name_of(parent)
        if real_name(name):
            parts.append('%s %r' % (role_of(parent), name[:40]))
        parent = safe(lambda: parent.parent)
    return ' in ' + ' < '.join(parts) if parts else ''


def describe(node, root):
    return '%s %r%s' % (role_of(node), effective_name(node)[:60], path_of(node, root))


class Audit:
    def __init__(self, title):
        self.title = title
        self.checked = 0
        self.roles = {}
        self.failures = []
        self.notes = []
        self.gtk = []

    def run(self, root):
        named = []
        if not real_name(name_of(root)):
            self.failures.append('the window has no title (%s)' % role_of(root))
        for node in showing_tree(root):
            if node == root:
                continue
            role = role_of(node)
            focusable = has_state(node, pyatspi.STATE_FOCUSABLE)
            actions = actions_of(node)
            clickable = bool(CLICK_ACTIONS.intersection(actions))
            name = effective_name(node)
            labels = labelled_by(node)
            has_name = real_name(name) or bool(labels)

            if role in INTERACTIVE_ROLES:
                if role == 'list item' and not focusable:
                    continue
                if role in TEXT_ROLES and not (focusable or has_state(node,
                                                                      pyatspi.STATE_EDITABLE)):
                    continue
                if not (focusable or clickable):
                    continue
                self.checked += 1
                self.roles[role] = self.roles.get(role, 0) + 1
                if not has_name and role == 'list item':
                    # A row the focus lands on is named for what it shows: a screen reader
                    # that guesses from the labels inside may read them in any order, or
                    # only the first. GTK 4.8's list item widget takes a name like any widget.
                    self.fail(node, root, 'a list item takes the focus with no name: %s '
                              '(it holds %r)' % (describe(node, root),
                                                 ' / '.join(content_names(node))[:120]))
                elif not has_name:
                    self.fail(node, root, 'no name: %s (actions %s)'
                              % (describe(node, root), actions or 'none'))
                elif ICON_NAME.match(name) and name.endswith('symbolic'):
                    self.failures.append('named with an icon name: %s' % describe(node, root))
                else:
                    named.append((role, name, node))
            elif role in PLAIN_ROLES:
                if clickable and not has_name:
                    self.failures.append('a clickable %s with no name (actions %s): %s'
                                         % (role, actions, describe(node, root)))
                elif focusable and role in ('panel', 'filler') and not has_name:
                    self.fail(node, root, 'an unnamed %s takes the focus: %s'
                              % (role, describe(node, root)))
                elif clickable:
                    self.notes.append('a clickable %s: %s' % (role, describe(node, root)))
                elif not has_name and [a for a in actions if '.' in a and not a.startswith((
                        'clipboard.', 'selection.', 'link.', 'menu.', 'text.', 'misc.'))]:
                    self.notes.append('an unnamed %s offers the actions %s: %s'
                                      % (role, actions, describe(node, root)))
            elif focusable and role not in ('list', 'list box', 'scroll pane', 'table',
                                            'tree table', 'tree', 'page tab list', 'menu',
                                            'tool bar', 'canvas', 'drawing area', 'dialog',
                                            'window', 'frame', 'grid', 'grid cell'):
                self.notes.append('a focusable %s: %s' % (role, describe(node, root)))
            if ICON_NAME.match(name) and name.endswith('symbolic') and role not in (
                    INTERACTIVE_ROLES):
                self.notes.append('an icon name as the name of %s' % describe(node, root))
        self.duplicates(named, root)
        return self

    def fail(self, node, root, message):
        reason = gtk_own(node, root)
        if reason is None:
            self.failures.append(message)
        else:
            self.gtk.append('%s (GTK 4.8: %s)' % (message, reason))

    def duplicates(self, named, root):
        groups = {}
        for role, name, node in named:
            groups.setdefault((role, name), []).append(node)
        for (role, name), nodes in sorted(groups.items()):
            if len(nodes) < 2:
                continue
            # A menu button is a button holding a button of the same name; the two view
            # switchers (header bar, bottom bar) hold the same page tabs, one of them showing.
            distinct = []
            for node in nodes:
                if not is_showing(node):
                    continue
                if any(is_ancestor(other, node) or is_ancestor(node, other)
                       for other in distinct):
                    continue
                distinct.append(node)
            if len(distinct) > 1:
                self.notes.append('%d %ss named %r' % (len(distinct), role, name))

    def report(self):
        roles = ', '.join('%d %s' % (count, role) for role, count in sorted(self.roles.items()))
        print('# %s: %d controls checked (%s), %d failures, %d notes, %d in GTK\'s own widgets'
              % (self.title, self.checked, roles or 'none', len(self.failures), len(self.notes),
                 len(self.gtk)))
        for failure in self.failures:
            print('#   FAIL ' + failure)
        for note in self.notes:
            print('#   note ' + note)
        for note in self.gtk:
            print('#   gtk  ' + note)
        sys.stdout.flush()
        check(self.checked > 0, '%s: no control found to check' % self.title)
        check(not self.failures, '%s: %d controls fail (listed above)'
              % (self.title, len(self.failures)))


# Driving the app ---------------------------------------------------------------------------

def settle():
    time.sleep(SETTLE)


def main_window(s):
    for node in toplevels(s.app):
        if name_of(node) == 'Rapport Demo':
            return node
    raise StepFailed('no "Rapport Demo" window; the app\'s windows: %r' % window_names(s.app))


def back_to_main(s):
    """Closes what a failed step left open: Escape until the main window is alone."""
    for _ in range(4):
        if len(toplevels(s.app)) <= 1:
            break
        press_keys('Escape')
        settle()
    check(len(toplevels(s.app)) == 1, 'windows left open: %r' % window_names(s.app))
    window = main_window(s)
    if find_showing(window, TEXT_ROLES, 'Search Everything') is not None:
        press_keys('Escape')
        settle()
    return window


def audit(root, title):
    Audit(title).run(root).report()


def open_dialog(s, opener, what):
    """Runs opener (keys pressed or a button pressed) and returns the window it opened."""
    before = toplevels(s.app)
    opener()
    try:
        window = wait_new_toplevel(s.app, before)
    except StepFailed as error:
        raise StepFailed('%s opened no window: %s' % (what, error))
    settle()
    return window


def close_with_escape(s, window, count):
    title = name_of(window)
    press_keys('Escape')
    check(wait_toplevel_count(s.app, count, timeout=10),
          'Escape did not close %r; the app\'s windows: %r' % (title, window_names(s.app)))
    settle()


def dialog_step(s, title, opener, what):
    count = len(toplevels(s.app))
    window = open_dialog(s, opener, what)
    try:
        audit(window, '%s (%s)' % (title, name_of(window)))
    finally:
        close_with_escape(s, window, count)


def pressable(root, name):
    """The showing control named name that has an action (a GtkMenuButton is a button that
    holds the button a person presses)."""
    deadline = time.monotonic() + 20
    while True:
        for node in walk(root):
            role = role_of(node)
            if role in MENU_ROLES and strip_mnemonic(name_of(node)) == name and \
                    has_state(node, pyatspi.STATE_VISIBLE) and actions_of(node):
                # A popover menu is a surface of its own: the window's hit test never finds it.
                return node
            if effective_name(node) == name and role in BUTTON_ROLES and \
                    actions_of(node) and is_showing(node):
                return node
        check(time.monotonic() < deadline, 'no showing control named %r with an action; '
              'showing: %s' % (name, describe_showing(root)))
        time.sleep(0.2)


def view(s, key, tab, ready=None):
    """Alt+key shows the view; ready (role, name) says its content is there."""
    window = back_to_main(s)
    press_keys(key, alt=True)
    tab_node = wait_for(window, ('page tab',), tab)
    deadline = time.monotonic() + 10
    while not has_state(tab_node, pyatspi.STATE_CHECKED) and \
            not has_state(tab_node, pyatspi.STATE_SELECTED):
        check(time.monotonic() < deadline, 'Alt+%s did not show %s' % (key, tab))
        time.sleep(0.2)
    if ready is not None:
        wait_for(window, *ready, timeout=30)
    settle()
    return window


def focus_row(window, list_name, text, limit=40):
    """Moves the focus by keyboard to the row of the list named list_name that reads text:
    Tab into the list, then Down."""
    lists = [node for node in walk(window) if role_of(node) in ('list', 'list box')
             and name_of(node) == list_name and is_showing(node)]
    check(lists, 'no showing list named %r' % list_name)
    tab_until(window, lists[0], limit=150)
    seen = []
    for _ in range(limit):
        node = focused_in(window)
        texts = [name_of(node)] + content_names(node) if node is not None else []
        if any(text in item for item in texts):
            return node
        seen.append(texts[0] if texts and texts[0] else '/'.join(texts[1:2]))
        press_keys('Down')
        time.sleep(0.15)
    raise StepFailed('Down never reached %r in %r; the focus went through: %s'
                     % (text, list_name, ', '.join(seen)))


def open_colleague(s):
    window = view(s, '2', 'Colleagues', (TEXT_ROLES, 'Search Colleagues'))
    search = wait_for(window, TEXT_ROLES, 'Search Colleagues')
    set_text(search, COLLEAGUE)
    settle()
    tab_until(window, search)
    press_keys('Return')
    wait_for(window, BUTTON_ROLES, 'Share as QR Code')
    settle()
    return window


def open_assignment(s):
    window = view(s, '3', 'Assignments', (('list',), 'Assignments'))
    if find_showing(window, BUTTON_ROLES, 'Close Out…') is not None and \
            find_showing(window, None, FACILITY) is not None:
        return window
    focus_row(window, 'Assignments', FACILITY)
    press_keys('Return')
    wait_for(window, BUTTON_ROLES, 'Close Out…')
    settle()
    return window


def preferences(s):
    back_to_main(s)
    return open_dialog(s, lambda: press_keys(',', control=True), 'Ctrl+,')


def activate_row(window, title):
    """Tab to the row titled title and press Enter (GTK 4.8 gives rows no accessible action)."""
    row = wait_for(window, ('list item',), title)
    tab_until(window, row)
    press_keys('Return')


# The steps ---------------------------------------------------------------------------------

def step_start(s):
    runtime = os.path.join(s.root, 'runtime')
    os.makedirs(runtime, mode=0o700)
    s.env['XDG_RUNTIME_DIR'] = runtime
    s.vcf = os.path.join(s.home, 'phone-contacts.vcf')
    with open(s.vcf, 'w', encoding='utf-8', newline='') as cards:
        cards.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Noor Haddad\r\nN:Haddad;Noor;;;\r\n'
                    'EMAIL:noor@example.org\r\nEND:VCARD\r\n'
                    'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nN:Okafor;Amara;;;\r\nEND:VCARD\r\n'
                    % COLLEAGUE)
    s.start('--demo')
    wait_for(main_window(s), ('label',), BANNER, timeout=40)
    settle()


def step_today(s):
    audit(view(s, '1', 'Today', (BUTTON_ROLES, 'New Reminder')), 'Today')


def step_colleagues(s):
    audit(view(s, '2', 'Colleagues', (TEXT_ROLES, 'Search Colleagues')), 'Colleagues')


def step_assignments(s):
    audit(view(s, '3', 'Assignments', (('list',), 'Assignments')), 'Assignments')


def step_journal(s):
    audit(view(s, '4', 'Journal', (('list',), 'Journal')), 'Journal')


def step_search(s):
    window = back_to_main(s)
    press_keys('f', control=True)
    entry = wait_for(window, TEXT_ROLES, 'Search Everything')
    set_text(entry, 'an')
    deadline = time.monotonic() + 20
    while find_showing(window, ('label', 'heading'), 'Colleagues') is None:
        check(time.monotonic() < deadline, 'searching "an" shows no "Colleagues" results; '
              'showing: %s' % describe_showing(window))
        time.sleep(0.3)
    settle()
    try:
        audit(window, 'Search')
    finally:
        press_keys('Escape')
        settle()


def step_colleague_page(s):
    audit(open_colleague(s), 'Colleague page (%s)' % COLLEAGUE)


def step_qr(s):
    window = open_colleague(s)
    dialog_step(s, 'QR code', lambda: press(wait_for(window, BUTTON_ROLES, 'Share as QR Code')),
                '"Share as QR Code"')


def step_colleague_editor(s):
    open_colleague(s)
    dialog_step(s, 'Colleague editor', lambda: press_keys('e', control=True),
                'Ctrl+E on a colleague\'s page')


def step_new_colleague(s):
    back_to_main(s)
    dialog_step(s, 'New colleague', lambda: press_keys('n', control=True), 'Ctrl+N')


def step_reminder_editor(s):
    back_to_main(s)
    dialog_step(s, 'Reminder editor', lambda: press_keys('r', control=True), 'Ctrl+R')


def step_entry_editor(s):
    back_to_main(s)
    dialog_step(s, 'Journal entry editor', lambda: press_keys('l', control=True), 'Ctrl+L')


def step_assignment_page(s):
    audit(open_assignment(s), 'Assignment page (%s)' % FACILITY)


def step_assignment_editor(s):
    back_to_main(s)
    dialog_step(s, 'Assignment editor', lambda: press_keys('n', control=True, shift=True),
                'Shift+Ctrl+N')


def step_tip_editor(s):
    window = open_assignment(s)
    dialog_step(s, 'Tip editor', lambda: press(wait_for(window, BUTTON_ROLES, 'Add Tip')),
                '"Add Tip"')


def step_close_out(s):
    window = open_assignment(s)
    dialog_step(s, 'Close-out', lambda: press(wait_for(window, BUTTON_ROLES, 'Close Out…')),
                '"Close Out…"')


def step_export_contacts(s):
    back_to_main(s)
    dialog_step(s, 'Export contacts', lambda: press_keys('e', control=True, shift=True),
                'Shift+Ctrl+E')


def step_import(s):
    back_to_main(s)
    count = len(toplevels(s.app))
    chooser = open_dialog(s, lambda: press_keys('i', control=True), 'Ctrl+I')
    entry = find_showing(chooser, TEXT_ROLES, 'GtkFileChooserEntry')
    if entry is None:
        press_keys('/')
        entry = wait_for(chooser, TEXT_ROLES, 'GtkFileChooserEntry')
    set_text(entry, s.vcf)
    time.sleep(0.5)
    press_keys('Return')
    deadline = time.monotonic() + 20
    dialog = None
    while dialog is None:
        for node in toplevels(s.app):
            if find_showing(node, BUTTON_ROLES, 'Cancel') is not None and \
                    find_showing(node, TEXT_ROLES, 'GtkFileChooserEntry') is None and \
                    name_of(node) == 'Import Contacts':
                dialog = node
        check(dialog is not None or time.monotonic() < deadline,
              'choosing a vCard file opened no import dialog; windows: %r'
              % window_names(s.app))
        time.sleep(0.3)
    settle()
    try:
        audit(dialog, 'Import (Import Contacts)')
    finally:
        close_with_escape(s, dialog, count)


def step_preferences(s):
    window = preferences(s)
    try:
        audit(window, 'Preferences (%s)' % name_of(window))
    finally:
        close_with_escape(s, window, 1)


def preferences_dialog(s, title, opener):
    window = preferences(s)
    try:
        dialog_step(s, title, lambda: opener(window), title)
    finally:
        close_with_escape(s, window, 1)


def step_recovery_code(s):
    preferences_dialog(s, 'Recovery code',
                       lambda window: press(wait_for(window, BUTTON_ROLES, 'Show Recovery Code')))


def step_backup(s):
    preferences_dialog(s, 'Backup', lambda window: activate_row(window, 'Back Up Journal…'))


def step_restore(s):
    preferences_dialog(s, 'Restore', lambda window: activate_row(window, 'Restore From Backup…'))


def step_shortcuts(s):
    back_to_main(s)
    dialog_step(s, 'Keyboard shortcuts', lambda: press_keys('?', control=True, shift=True),
                'Ctrl+?')


def step_about(s):
    window = back_to_main(s)

    def opener():
        press(pressable(window, 'Main Menu'))
        press(pressable(window, 'About Rapport'))

    dialog_step(s, 'About', opener, '"Main Menu", "About Rapport"')


STEPS = [
    ('rapport --demo shows its journal', step_start, True),
    ('Today (Alt+1)', step_today, False),
    ('Colleagues (Alt+2)', step_colleagues, False),
    ('Assignments (Alt+3)', step_assignments, False),
    ('Journal (Alt+4)', step_journal, False),
    ('search (Ctrl+F) with results', step_search, False),
    ('a colleague\'s page', step_colleague_page, False),
    ('"Share as QR Code" dialog; Escape closes it', step_qr, False),
    ('colleague editor (Ctrl+E on the colleague\'s page); Escape closes it',
     step_colleague_editor, False),
    ('new colleague editor (Ctrl+N); Escape closes it', step_new_colleague, False),
    ('reminder editor (Ctrl+R); Escape closes it', step_reminder_editor, False),
    ('journal entry editor (Ctrl+L); Escape closes it', step_entry_editor, False),
    ('an assignment\'s page', step_assignment_page, False),
    ('assignment editor (Shift+Ctrl+N); Escape closes it', step_assignment_editor, False),
    ('tip editor ("Add Tip"); Escape closes it', step_tip_editor, False),
    ('close-out dialog ("Close Out…"); Escape closes it', step_close_out, False),
    ('export contacts dialog (Shift+Ctrl+E); Escape closes it', step_export_contacts, False),
    ('import dialog (Ctrl+I, a vCard chosen); Escape closes it', step_import, False),
    ('Preferences (Ctrl+,); Escape closes them', step_preferences, False),
    ('recovery code dialog (Preferences, "Show Recovery Code"); Escape closes it',
     step_recovery_code, False),
    ('backup dialog (Preferences, "Back Up Journal…"); Escape closes it', step_backup, False),
    ('restore dialog (Preferences, "Restore From Backup…"); Escape closes it', step_restore,
     False),
    ('keyboard shortcuts window (Ctrl+?); Escape closes it', step_shortcuts, False),
    ('About window ("Main Menu", "About Rapport"); Escape closes it', step_about, False),
]


if __name__ == '__main__':
    sys.exit(run_steps(STEPS, 'test-a11y-tree', needs=('RAPPORT_BINARY',)))
