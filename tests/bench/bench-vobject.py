#!/usr/bin/python3
# bench-vobject.py — the python3-vobject baseline for Rapport's vCard parser.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: bench-vobject.py BENCH-CORE
#
# Parses the same file bench-core measures rapport_vcard_parse on: every colleague of the
# career as vCard 4.0 with photos and personal notes, at $RAPPORT_BENCH_DATA_HOME/career.vcf.
# bench-core leaves it there; when it is missing (this benchmark run on its own), it is written
# with `BENCH-CORE --write-vcard=PATH`. The figure, "vcard-parse-vobject" in MB/s (10^6 bytes),
# is the median of three runs, appended as a JSON line to $RAPPORT_BENCH_RESULTS and printed.
# A full parse that would take much over a minute is cut to a prefix of whole cards, and the
# detail says so.

import os
import statistics
import subprocess
import sys
import time

from bench_results import report

RUNS = 3
# A first run longer than this (seconds) makes the next ones use a prefix of the file.
BUDGET = 60.0


def vobject_version():
    try:
        from importlib.metadata import version
        return version('vobject')
    except Exception:  # noqa: BLE001 (only for the detail)
        return '(version unknown)'


def parse(text):
    """Reads every card as an address book would: each property decoded."""
    count = 0
    for card in vobject.readComponents(text):
        for child in card.getChildren():
            child.value  # noqa: B018 (decoding is the point)
        count += 1
    return count


def prefix_of_cards(text, fraction):
    """The first fraction of text, cut after an END:VCARD."""
    cut = text.find('END:VCARD\r\n', int(len(text) * fraction))
    return text if cut < 0 else text[:cut + len('END:VCARD\r\n')]


def main():
    if len(sys.argv) != 2:
        print(__doc__ or 'usage: bench-vobject.py BENCH-CORE', file=sys.stderr)
        return 2

    data_home = os.environ.get('RAPPORT_BENCH_DATA_HOME')
    if not data_home:
        print('RAPPORT_BENCH_DATA_HOME is not set: run this through build-aux/bench',
              file=sys.stderr)
        return 77

    path = os.path.join(data_home, 'career.vcf')
    if not os.path.exists(path):
        subprocess.run([sys.argv[1], '--write-vcard=' + path], check=True)

    with open(path, 'rb') as f:
        data = f.read()
    text = data.decode('utf-8')
    size = len(data)

    timings = []
    used = text
    cards = 0
    note = 'the whole file'
    while len(timings) < RUNS:
        start = time.monotonic()
        cards = parse(used)
        seconds = time.monotonic() - start
        used_size = len(used.encode('utf-8'))
        timings.append((used_size, seconds))
        if len(timings) == 1 and seconds > BUDGET * 1.5 and used is text:
            fraction = BUDGET / 3 / seconds
            used = prefix_of_cards(text, fraction)
            note = 'a prefix of %d of %d bytes (whole cards), the full parse taking %.0f s' % (
                len(used.encode('utf-8')), size, seconds)
            timings = []

    rates = [n / 1e6 / s for n, s in timings]
    seconds = statistics.median(s for _, s in timings)
    report({
        'name': 'vcard-parse-vobject',
        'label': 'vCard parse, python3-vobject (baseline)',
        'value': round(statistics.median(rates), 3),
        'unit': 'MB/s',
        'runs': RUNS,
        'detail': 'python3-vobject %s readComponents with every value decoded, median of %d '
                  'on %s (%d cards, %.1f s a run) of %s, %d bytes' % (
                      vobject_version(), RUNS, note, cards, seconds, path, size),
    })
    return 0


try:
    import vobject
except ImportError:
    print('python3-vobject is not installed (apt-get install python3-vobject)', file=sys.stderr)
    sys.exit(77)

if __name__ == '__main__':
    sys.exit(main())
