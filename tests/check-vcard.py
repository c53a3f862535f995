#!/usr/bin/python3
# check-vcard.py
#
# Copyright 2026 The Rapport authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads an exported vCard file with an independent parser (python3-vobject) and compares the
# people in it with the expectations given as JSON: [{"name": ..., "email": ..., "phone": ...}].
# Prints TAP; "not ok" lines are failures.

import json
import sys

try:
    import vobject
except ImportError:
    print('1..0 # SKIP python3-vobject is not installed')
    sys.exit(0)


def values(card, name):
    return [line.value for line in card.contents.get(name, [])]


def main():
    with open(sys.argv[1], 'rb') as f:
        raw = f.read()
    with open(sys.argv[2], encoding='utf-8') as f:
        expected = json.load(f)

    results = []

    def check(ok, what):
        results.append(('ok' if ok else 'not ok', what))

    check(b'\n' not in raw.replace(b'\r\n', b''), 'only CRLF line ends')
    check(all(len(line) <= 75 for line in raw.split(b'\r\n')), 'lines folded at 75 octets')

    try:
        cards = list(vobject.readComponents(raw.decode('utf-8'), validate=False))
    except Exception as error:  # any parse error is a failure, reported as such
        cards = []
        check(False, 'vobject reads the file: %s' % error)

    check(len(cards) == len(expected), 'card count %d == %d' % (len(cards), len(expected)))

    for index, (card, want) in enumerate(zip(cards, expected), start=1):
        fn = values(card, 'fn')
        check(fn == [want['name']], 'card %d name %a == %a' % (index, fn, want['name']))
        check(len(values(card, 'n')) == 1, 'card %d has N' % index)
        emails = values(card, 'email')
        check(emails == ([want['email']] if want['email'] else []),
              'card %d emails %a' % (index, emails))
        phones = values(card, 'tel')
        check(phones == ([want['phone']] if want['phone'] else []),
              'card %d phones %a' % (index, phones))

    print('1..%d' % len(results))
    for number, (status, what) in enumerate(results, start=1):
        print('%s %d - %s' % (status, number, what))

    return 0 if all(status == 'ok' for status, _ in results) else 1


if __name__ == '__main__':
    sys.exit(main())
