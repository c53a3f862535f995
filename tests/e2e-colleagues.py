#!/usr/bin/python3
# e2e-colleagues.py — a person adds, finds and keeps a colleague in the real app (TAP, AT-SPI).
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring; GTK starts the accessibility bus by itself. Controls are found by role and
# accessible name, and only when they are showing, the way a screen reader user would find them
# (rapport_atspi.py).

import os
import random
import re
import signal
import string
import subprocess
import sys
import time

from rapport_atspi import (BUTTON_ROLES, QUIT_WAIT, SEED, TEXT_ROLES, check, describe_showing,
                           find_showing, listed, press, run_steps, set_text, text_of, wait_for,
                           wait_gone, wait_listed)

CANARY = 'Ada Canary' + ''.join(random.choice(string.ascii_uppercase) for _ in range(10))
NONSENSE = 'zqxjkvw' + ''.join(random.choice(string.ascii_lowercase) for _ in range(6))


# The steps ---------------------------------------------------------------------------------

def step_window_appears(s):
    s.start()


def step_recovery_code(s):
    # The welcome: what Rapport is for, then the code.
    press(wait_for(s.app, BUTTON_ROLES, 'Continue'))
    written = wait_for(s.app, BUTTON_ROLES, 'I Have Written It Down')
    # Read now, judged in a later step: a missing name here should not stop the whole story.
    label = find_showing(s.app, None, 'Recovery Code')
    if label is None:
        s.recovery_code_problem = ('no showing control named "Recovery Code" beside "I Have '
                                   'Written It Down" on the first run; showing: '
                                   + describe_showing(s.app))
    else:
        code = (text_of(label) or '').strip()
        if re.fullmatch(r'([0-9A-Z]{4}-){16}[0-9A-Z]{4}', code):
            s.recovery_code = code
        else:
            s.recovery_code_problem = 'the "Recovery Code" control holds %r, not a code' % code
    press(written)
    wait_for(s.app, BUTTON_ROLES, 'Start Your First Assignment')
    press(wait_for(s.app, BUTTON_ROLES, 'Skip'))
    wait_gone(s.app, BUTTON_ROLES, 'Skip')
    # Today, behind the welcome, leads to the first assignment too.
    wait_for(s.app, BUTTON_ROLES, 'Start Your First Assignment')


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
    check(find_showing(s.app, BUTTON_ROLES, 'Continue') is None and
          find_showing(s.app, None, 'Recovery Code') is None,
          'the welcome or the recovery code shows again on the second start')
    press(switcher)
    wait_listed(s.app, CANARY)


def step_quit_again(s):
    step_quit(s)


def step_database_private(s):
    check(os.path.isfile(s.database), 'no journal at %s' % s.database)
    needle = CANARY.encode()
    # The journal, its snapshots and anything else Rapport keeps there.
    for folder, _, files in os.walk(s.data_dir):
        for name in files:
            with open(os.path.join(folder, name), 'rb') as data:
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
    ('the first run welcomes with the recovery code; "Skip" closes it', step_recovery_code,
     True),
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
    return run_steps(STEPS, 'e2e-colleagues')


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
