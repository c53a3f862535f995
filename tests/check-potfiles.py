#!/usr/bin/env python3
# check-potfiles.py
#
# Copyright 2026 The Rapport authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps po/POTFILES.in in step with the sources, so no string shown to people is left out of
# the translation template. Usage: check-potfiles.py SOURCE_ROOT. Prints TAP.

import pathlib
import re
import sys

MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:N|C|NC)?_\s?\(\s*"'   # _("..."), N_("..."), C_("ctx", "...")
    r'|\bngettext\s?\('
    r'|\bg_dngettext\b'
    r'|\bg_dpgettext2?\b'
    r'|translatable\s*=\s*["\']yes["\']'
)


def read_potfiles(path):
    entries = []
    for line in path.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            entries.append(line)
    return entries


def translatable_sources(root):
    found = []
    for path in sorted((root / 'src').rglob('*')):
        if not path.is_file() or path.suffix not in ('.c', '.h', '.ui'):
            continue
        text = path.read_text(encoding='utf-8', errors='replace')
        if MARKERS.search(text):
            found.append(path.relative_to(root).as_posix())
    return found


def main():
    if len(sys.argv) != 2:
        print('usage: check-potfiles.py SOURCE_ROOT', file=sys.stderr)
        return 2

    root = pathlib.Path(sys.argv[1]).resolve()
    potfiles = root / 'po' / 'POTFILES.in'
    results = []

    if not potfiles.is_file():
        print('1..1')
        print(f'not ok 1 - po/POTFILES.in exists: not found in {root}')
        return 1

    listed = read_potfiles(potfiles)
    listed_set = set(listed)

    missing = [f for f in translatable_sources(root) if f not in listed_set]
    results.append((not missing,
                    'every source with translatable strings is listed in po/POTFILES.in',
                    'add to po/POTFILES.in: ' + ', '.join(missing)))

    absent = [f for f in listed if not (root / f).is_file()]
    results.append((not absent,
                    'every file listed in po/POTFILES.in exists',
                    'listed but not found: ' + ', '.join(absent)))

    seen = set()
    duplicates = []
    for f in listed:
        if f in seen and f not in duplicates:
            duplicates.append(f)
        seen.add(f)
    results.append((not duplicates,
                    'po/POTFILES.in lists no file twice',
                    'listed more than once: ' + ', '.join(duplicates)))

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
