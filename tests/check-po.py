#!/usr/bin/env python3
# check-po.py
#
# Copyright 2026 The Rapport authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps every translation in po/LINGUAS whole: msgfmt --check accepts it (format directives,
# plural forms, header), nothing is untranslated or fuzzy, and it holds every message of a template
# extracted from the sources right now, so a string added to the code cannot ship untranslated.
# Usage: check-po.py SOURCE_ROOT [MSGFMT [XGETTEXT]]. Prints TAP.

import os
import pathlib
import re
import subprocess
import sys
import tempfile

# The arguments of meson's i18n 'glib' preset (po/meson.build), which the rapport-pot target
# passes to xgettext; the same extraction here gives the same template.
GLIB_PRESET = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

STATISTICS = re.compile(r'(\d+) (translated|fuzzy|untranslated) (?:message|translation)')
ESCAPES = {'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r', 'a': '\a', 'b': '\b',
           'f': '\f', 'v': '\v'}


def unquote(text):
    body = text.strip()[1:-1]
    return re.sub(r'\\(.)', lambda m: ESCAPES.get(m.group(1), m.group(1)), body)


def parse_po(path):
    """The live (not obsolete) entries of a PO file: dicts with ctxt, id, plural, strs, fuzzy."""
    entries = []
    entry = None
    field = None

    def finish():
        if entry is not None and 'id' in entry:
            entries.append(entry)

    for line in pathlib.Path(path).read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith('#~'):
            field = None
            continue
        if line.startswith('#'):
            if entry is not None and 'id' in entry:
                finish()
                entry = None
            if entry is None:
                entry = {'ctxt': None, 'plural': None, 'strs': {}, 'fuzzy': False}
            if line.startswith('#,') and 'fuzzy' in line[2:].replace(',', ' ').split():
                entry['fuzzy'] = True
            continue
        keyword, _, rest = line.partition(' ')
        if line.startswith('"'):
            if field is None:
                continue
            if isinstance(field, tuple):
                entry['strs'][field[1]] += unquote(line)
            else:
                entry[field] += unquote(line)
            continue
        if keyword in ('msgctxt', 'msgid') and entry is not None and 'id' in entry:
            finish()
            entry = None
        if entry is None:
            entry = {'ctxt': None, 'plural': None, 'strs': {}, 'fuzzy': False}
        if keyword == 'msgctxt':
            field = 'ctxt'
        elif keyword == 'msgid':
            field = 'id'
        elif keyword == 'msgid_plural':
            field = 'plural'
        elif keyword == 'msgstr':
            field = ('strs', 0)
            entry['strs'][0] = ''
        elif keyword.startswith('msgstr['):
            field = ('strs', int(keyword[7:-1]))
            entry['strs'][field[1]] = ''
        else:
            field = None
            continue
        if not isinstance(field, tuple):
            entry[field] = ''
            entry[field] += unquote(rest)
        else:
            entry['strs'][field[1]] += unquote(rest)
    finish()
    return entries


def describe(entry):
    text = entry['id'].replace('\n', '\\n')
    if len(text) > 60:
        text = text[:57] + '...'
    if entry['ctxt'] is not None:
        return f'"{text}" (context "{entry["ctxt"]}")'
    return f'"{text}"'


def read_linguas(path):
    languages = []
    for line in path.read_text(encoding='utf-8').splitlines():
        line = line.split('#', 1)[0].strip()
        languages += line.split()
    return languages


def extract_template(root, xgettext, directory):
    pot = pathlib.Path(directory) / 'rapport.pot'
    command = [xgettext, '--package-name=rapport', '-p', directory,
               '-f', str(root / 'po' / 'POTFILES.in'), '-D', str(root), '-k_',
               '-o', 'rapport.pot'] + GLIB_PRESET
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not pot.is_file():
        return None, result.stderr.strip() or f'{xgettext} exited with {result.returncode}'
    return pot, None


def check_language(root, language, msgfmt, template):
    """TAP results (passed, name, problem) for one translation."""
    po = root / 'po' / f'{language}.po'
    results = []

    if not po.is_file():
        results.append((False, f'{language}: po/{language}.po exists', 'not found'))
        return results
    results.append((True, f'{language}: po/{language}.po exists', ''))

    run = subprocess.run([msgfmt, '--check', '--statistics', '-o', os.devnull, str(po)],
                         capture_output=True, text=True)
    output = (run.stdout + run.stderr).strip()
    results.append((run.returncode == 0,
                    f'{language}: msgfmt --check accepts it',
                    output.replace('\n', ' | ')))

    counts = {kind: int(number) for number, kind in STATISTICS.findall(output)}
    entries = [e for e in parse_po(po) if e['id'] != '']
    untranslated = [e for e in entries
                    if not e['strs'] or any(s == '' for s in e['strs'].values())]
    fuzzy = [e for e in entries if e['fuzzy']]

    results.append((counts.get('untranslated', 0) == 0 and not untranslated,
                    f'{language}: no untranslated messages',
                    f'msgfmt counts {counts.get("untranslated", 0)}; for example '
                    + ', '.join(describe(e) for e in untranslated[:5])))
    results.append((counts.get('fuzzy', 0) == 0 and not fuzzy,
                    f'{language}: no fuzzy messages',
                    f'msgfmt counts {counts.get("fuzzy", 0)}; for example '
                    + ', '.join(describe(e) for e in fuzzy[:5])))
    results.append((counts.get('translated', 0) > 0,
                    f'{language}: msgfmt reports translated messages',
                    'msgfmt said: ' + output))

    if template is None:
        results.append((False, f'{language}: holds every message of the sources',
                        'no template could be extracted'))
    else:
        have = {(e['ctxt'], e['id'], e['plural']) for e in entries}
        missing = [e for e in template
                   if e['id'] != '' and (e['ctxt'], e['id'], e['plural']) not in have]
        results.append((not missing,
                        f'{language}: holds every message of the sources',
                        f'{len(missing)} missing, e.g. '
                        + ', '.join(describe(e) for e in missing[:5])
                        + f'; run `ninja -C BUILDDIR rapport-pot` then `msgmerge --update '
                        f'po/{language}.po po/rapport.pot`, translate, and delete '
                        'po/rapport.pot'))
    return results


def main():
    if len(sys.argv) not in (2, 3, 4):
        print('usage: check-po.py SOURCE_ROOT [MSGFMT [XGETTEXT]]', file=sys.stderr)
        return 2

    root = pathlib.Path(sys.argv[1]).resolve()
    msgfmt = sys.argv[2] if len(sys.argv) > 2 else 'msgfmt'
    xgettext = sys.argv[3] if len(sys.argv) > 3 else 'xgettext'
    results = []

    linguas = root / 'po' / 'LINGUAS'
    languages = read_linguas(linguas) if linguas.is_file() else []
    results.append((bool(languages), 'po/LINGUAS names at least one language',
                    f'no languages in {linguas}'))

    with tempfile.TemporaryDirectory(prefix='rapport-check-po-') as directory:
        pot, problem = extract_template(root, xgettext, directory)
        template = parse_po(pot) if pot is not None else None
        results.append((template is not None and len(template) > 1,
                        'a template is extracted from the sources', problem or 'it is empty'))

        for language in languages:
            results += check_language(root, language, msgfmt, template)

    print(f'1..{len(results)}')
    failed = 0
    for number, (passed, name, problem) in enumerate(results, start=1):
        if passed:
            print(f'ok {number} - {name}')
        else:
            failed += 1
            print(f'not ok {number} - {name}: {problem}')

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
