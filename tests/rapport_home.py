# rapport_home.py — a throwaway home for the tests that run the real rapport binary.
#
# Copyright 2026 The Rapport authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import tempfile


class Home:
    """A throwaway home: every XDG folder inside it, and where the journal goes."""

    def __init__(self, prefix='rapport-'):
        self.root = tempfile.mkdtemp(prefix=prefix)
        home = os.path.join(self.root, 'home')
        self.env = dict(os.environ)
        self.env.update({
            'HOME': home,
            'XDG_DATA_HOME': os.path.join(home, '.local', 'share'),
            'XDG_CONFIG_HOME': os.path.join(home, '.config'),
            'XDG_CACHE_HOME': os.path.join(home, '.cache'),
            'XDG_STATE_HOME': os.path.join(home, '.local', 'state'),
            'XDG_RUNTIME_DIR': os.path.join(self.root, 'runtime'),
        })
        for key in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
            os.makedirs(self.env[key])
        os.makedirs(self.env['XDG_RUNTIME_DIR'], mode=0o700)
        self.data_dir = os.path.join(self.env['XDG_DATA_HOME'], 'rapport')
        self.database = os.path.join(self.data_dir, 'rapport.db')

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)
