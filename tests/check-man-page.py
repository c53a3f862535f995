#!/usr/bin/env python3
# check-man-page.py — the manual page (data/rapport.1) makes groff and man warn about nothing, and
# documents every long option `rapport --help-all` prints, so a new option without its
# documentation fails here.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-man-page.py PAGE RAPPORT GROFF MAN

import os
import re
import subprocess
import sys


def main():
    page, rapport, groff, man = sys.argv[1:]
    failed = False
    env = dict(os.environ, MANWIDTH='80', LC_ALL='C.UTF-8')

    for command in ([groff, '-man', '-ww', '-z', page],
                    [man, '--warnings', '-E', 'UTF-8', '-l', page]):
        run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, env=env)
        if run.returncode != 0 or run.stderr.strip():
            print(os.path.basename(command[0]), 'warns about', page, '\n' + run.stderr,
                  file=sys.stderr)
            failed = True

    usage = subprocess.run([rapport, '--help-all'], stdout=subprocess.PIPE, text=True, env=env,
                           check=True).stdout
    with open(page, encoding='utf-8') as source:
        text = source.read().replace('\\-', '-')
    options = sorted(set(re.findall(r'(?<![\w-])--[a-z][a-z0-9-]*', usage)))
    for option in options:
        if not re.search(re.escape(option) + r'(?![a-z0-9-])', text):
            print('Not in the manual page:', option, file=sys.stderr)
            failed = True

    print(len(options), 'options checked')
    return 1 if failed or len(options) < 10 else 0


if __name__ == '__main__':
    sys.exit(main())
