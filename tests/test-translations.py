#!/usr/bin/python3
# test-translations.py — the real app in Spanish (TAP, AT-SPI): with LANGUAGE=es a person finds
# the views, buttons and main menu in Spanish, Today's date is written the Spanish way, and
# `rapport --help` describes its options in Spanish.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs inside the session build-aux/test provides: one Xvfb, one session bus, an unlocked
# gnome-keyring, the accessibility bus. The translations come from the build tree
# (RAPPORT_LOCALEDIR, read by src/main.c). The day and month names need the es_ES.UTF-8 locale
# (build-aux/install-deps generates it); without it those checks are skipped and the rest,
# which only needs the translation, still runs.

import os
import re
import subprocess
import time

from rapport_atspi import (BUILD_ROOT, BUTTON_ROLES, QUIT_WAIT, SEED, StepFailed, check,
                           describe_showing, effective_name, is_showing, name_of, press,
                           press_keys, role_of, run_steps, safe, strip_mnemonic, wait_for, walk)

BINARY = os.environ.get('RAPPORT_BINARY', '')
LOCALEDIR = os.path.join(BUILD_ROOT, 'po') if BUILD_ROOT else ''
SOURCE_ROOT = os.environ.get('RAPPORT_SOURCE_ROOT', '')
LOCALE = 'es_ES.UTF-8'
WAIT = 20

# What the Spanish translation calls the views, and the English it must not show instead.
VIEWS = {'Hoy': 'Today', 'Colegas': 'Colleagues', 'Destinos': 'Assignments', 'Diario': 'Journal'}
HEADER_BUTTONS = {'Añadir colega': 'Add Colleague', 'Menú principal': 'Main Menu',
                  'Buscar': 'Search'}
MENU_ITEMS = {'Importar contactos…': 'Import Contacts…', 'Preferencias': 'Preferences',
              'Atajos de teclado': 'Keyboard Shortcuts', 'Acerca de Rapport': 'About Rapport'}
HELP_LINES = ['Mostrar la versión y salir',
              'Abrir un diario desechable lleno de datos de demostración',
              'Escribir una copia de seguridad cifrada de todo el diario',
              '--export-vcard=ARCHIVO']
HELP_ENGLISH = ['Show the version and exit', 'Open a throwaway journal']

# glibc's es_ES names, as g_date_time_format() writes them for %A and %B.
WEEKDAYS = ['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo']
MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto',
          'septiembre', 'octubre', 'noviembre', 'diciembre']
# "%A, %-d de %B" with any names: the order comes from the translation alone.
SPANISH_ORDER = re.compile(r'^(\w+), (\d{1,2}) de (\w+)$')


def locale_available(name):
    try:
        result = subprocess.run(['locale', '-a'], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    wanted = name.lower().replace('-', '')
    return any(line.strip().lower().replace('-', '') == wanted
               for line in result.stdout.decode(errors='replace').splitlines())


HAVE_LOCALE = locale_available(LOCALE)


def spanish_env(env):
    env = dict(env)
    env['LANGUAGE'] = 'es'
    env['RAPPORT_LOCALEDIR'] = LOCALEDIR
    if HAVE_LOCALE:
        env['LANG'] = LOCALE
        env['LC_ALL'] = LOCALE
    return env


def showing_named(root, roles, names):
    """Which of names show under root on a node of one of roles, in one walk of the tree (each
    question over the accessibility bus costs a round trip, so only candidates are hit-tested)."""
    found = set()
    for node in walk(root):
        if roles is not None and role_of(node) not in roles:
            continue
        name = name_of(node)
        if name not in names:
            name = strip_mnemonic(effective_name(node))
        if name in names and name not in found and is_showing(node):
            found.add(name)
    return found


def wait_label(root, pattern, what):
    deadline = time.monotonic() + WAIT
    while True:
        for node in walk(root):
            if role_of(node) == 'label' and pattern.match(name_of(node)) and is_showing(node):
                return name_of(node)
        if time.monotonic() > deadline:
            labels = [name_of(node) for node in walk(root) if role_of(node) == 'label']
            raise StepFailed('no showing label with %s after %d s; labels: %s'
                             % (what, WAIT, ', '.join(repr(label) for label in labels[:40])))
        time.sleep(0.2)


def check_translated(root, roles, translations):
    """Every Spanish name of translations shows, and none of the English ones."""
    names = set(translations) | set(translations.values())
    deadline = time.monotonic() + WAIT
    while True:
        shown = showing_named(root, roles, names)
        missing = [spanish for spanish in translations if spanish not in shown]
        english = [english for english in translations.values() if english in shown]
        if not missing and not english:
            return
        if time.monotonic() > deadline:
            raise StepFailed('after %d s, missing %r%s; showing now: %s'
                             % (WAIT, missing, ', in English %r' % english if english else '',
                                describe_showing(root)))
        time.sleep(0.2)


# The steps ---------------------------------------------------------------------------------

def step_files(s):
    mo = os.path.join(LOCALEDIR, 'es', 'LC_MESSAGES', 'rapport.mo')
    check(os.path.isfile(mo), 'no built translation at %s: build the rapport-gmo target' % mo)
    po = os.path.join(SOURCE_ROOT, 'po', 'es.po')
    check(not os.path.isfile(po) or os.path.getmtime(mo) >= os.path.getmtime(po),
          '%s is older than %s: build the rapport-gmo target (or run ninja) first' % (mo, po))


def step_seed(s):
    s.env = spanish_env(s.env)
    result = subprocess.run([SEED, '--data-dir=' + s.data_dir, '--colleagues=3'], env=s.env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=60)
    check(result.returncode == 0, 'rapport-seed failed: %r' % result.stderr[-600:])


def step_start(s):
    s.start()


def step_views(s):
    check_translated(s.app, BUTTON_ROLES, VIEWS)


def step_header_buttons(s):
    check_translated(s.app, BUTTON_ROLES, HEADER_BUTTONS)


def step_main_menu(s):
    button = wait_for(s.app, BUTTON_ROLES, 'Menú principal')
    pressable = [node for node in walk(button) if (safe(node.queryAction) is not None and
                                                   safe(lambda: node.queryAction().nActions, 0))]
    check(pressable, 'nothing to press in the main menu button')
    press(pressable[0])
    try:
        check_translated(s.app, ('menu item', 'push button', 'check menu item',
                                 'radio menu item'), MENU_ITEMS)
    finally:
        press_keys('Escape')
        time.sleep(0.3)


def today_label(s):
    return wait_label(s.app, SPANISH_ORDER, 'a date written "%A, %-d de %B"')


def step_date_order(s):
    text = today_label(s)
    day = int(SPANISH_ORDER.match(text).group(2))
    days = {time.localtime(time.time() + delta).tm_mday for delta in (-120, 0, 120)}
    check(day in days, 'the Today heading %r is not today (day %s)' % (text, sorted(days)))


def step_date_names(s):
    if not HAVE_LOCALE:
        return
    text = today_label(s)
    expected = set()
    for delta in (-120, 0, 120):
        now = time.localtime(time.time() + delta)
        expected.add('%s, %d de %s' % (WEEKDAYS[now.tm_wday], now.tm_mday, MONTHS[now.tm_mon - 1]))
    check(text in expected, 'the Today heading reads %r, not %r' % (text, sorted(expected)))


def step_quit(s):
    check(s.quit(), 'the app did not exit within %d s of the quit action; killed it' % QUIT_WAIT)


def step_help(s):
    result = subprocess.run([BINARY, '--help'], env=spanish_env(s.env),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=30)
    output = result.stdout.decode(errors='replace')
    check(result.returncode == 0, '--help exited with %d: %r'
          % (result.returncode, result.stderr[-400:]))
    missing = [line for line in HELP_LINES if line not in output]
    english = [line for line in HELP_ENGLISH if line in output]
    check(not missing and not english, '--help lacks %r and shows %r in English:\n%s'
          % (missing, english, output))


DATE_NAMES = ("Today's date uses Spanish day and month names (%s)" % LOCALE
              if HAVE_LOCALE else
              "Today's date uses Spanish day and month names # SKIP no %s locale: "
              "generate it (build-aux/install-deps)" % LOCALE)

STEPS = [
    ('the Spanish translation is built in the build tree', step_files, True),
    ('a journal with three colleagues', step_seed, True),
    ('the app starts with LANGUAGE=es%s' % (' and LC_ALL=' + LOCALE if HAVE_LOCALE else ''),
     step_start, True),
    ('the view switcher says "Hoy", "Colegas", "Destinos", "Diario"', step_views, True),
    ('the header bar buttons are "Añadir colega", "Menú principal", "Buscar"',
     step_header_buttons, True),
    ('the main menu offers "Preferencias", "Atajos de teclado", "Acerca de Rapport"',
     step_main_menu, True),
    ('Today\'s date is written in the Spanish order ("%A, %-d de %B")', step_date_order, True),
    (DATE_NAMES, step_date_names, True),
    ('the app quits', step_quit, False),
    ('rapport --help describes its options in Spanish', step_help, False),
]


if __name__ == '__main__':
    raise SystemExit(run_steps(STEPS, 'translations',
                               needs=('RAPPORT_BINARY', 'RAPPORT_SEED', 'RAPPORT_BUILD_ROOT')))
