#!/usr/bin/env python3
# check-flatpak-manifest.py
#
# Copyright 2026 The Rapport authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifest for what matters to people who install it: the sandbox asks
# for no more than a window needs, every download is pinned to exact content, SQLCipher is
# linked so it cannot clash with the runtime's SQLite, libqrencode (not in the GNOME runtime)
# is built from a pinned release before the app, and the app is built with options that
# exist. Usage: check-flatpak-manifest.py SOURCE_ROOT. Prints TAP.

import json
import pathlib
import re
import sys

APP_ID = 'io.github.rapportjournal.Rapport'
MANIFEST = pathlib.Path('flatpak') / (APP_ID + '.json')
FINISH_ARGS = {'--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'}
HEX40 = re.compile(r'^[0-9a-f]{40}$')
HEX64 = re.compile(r'^[0-9a-f]{64}$')
# Meson's own options may be set on any project; everything else must be declared by ours.
MESON_BUILTIN = re.compile(
    r'^(b_\w+|backend|buildtype|debug|default_library|optimization|prefix|libdir|bindir|'
    r'datadir|localedir|sysconfdir|warning_level|werror|wrap_mode|strip|c_args|c_link_args|'
    r'c_std|pkg_config_path)$')


class Results:
    def __init__(self):
        self.cases = []

    def add(self, passed, name, problem=''):
        self.cases.append((bool(passed), name, problem))

    def report(self):
        print(f'1..{len(self.cases)}')
        failed = 0
        for number, (passed, name, problem) in enumerate(self.cases, start=1):
            if passed:
                print(f'ok {number} - {name}')
            else:
                failed += 1
                print(f'not ok {number} - {name}' + (f': {problem}' if problem else ''))
        return 1 if failed else 0


def all_modules(modules):
    """Every module, nested ones included (a string names a separate file; skip it)."""
    for module in modules or []:
        if isinstance(module, dict):
            yield module
            yield from all_modules(module.get('modules'))


def sources_of(module):
    return [s for s in module.get('sources', []) if isinstance(s, dict)]


def is_sqlcipher(module):
    if 'sqlcipher' in module.get('name', '').lower():
        return True
    return any('sqlcipher' in s.get('url', '').lower() for s in sources_of(module))


def is_qrencode(module):
    if 'qrencode' in module.get('name', '').lower():
        return True
    return any('qrencode' in s.get('url', '').lower() for s in sources_of(module))


def builds_this_project(module):
    return any(s.get('type') == 'dir' and s.get('path') == '..' for s in sources_of(module))


def meson_option_names(root):
    names = set()
    for filename in ('meson_options.txt', 'meson.options'):
        path = root / filename
        if path.is_file():
            text = path.read_text(encoding='utf-8')
            names.update(re.findall(r'''option\s*\(\s*['"]([^'"]+)['"]''', text))
    return names


def check_sources(manifest):
    if not manifest.get('modules'):
        return ['no modules']
    problems = []
    for module in all_modules(manifest.get('modules')):
        name = module.get('name', '?')
        for source in sources_of(module):
            kind = source.get('type')
            if kind == 'git':
                if not (source.get('tag') or source.get('branch')):
                    problems.append(f'{name}: git source has no "tag" or "branch"')
                if not HEX40.match(str(source.get('commit', ''))):
                    problems.append(f'{name}: git source has no 40-hex "commit"')
            elif kind in ('archive', 'file') and 'url' in source:
                if not HEX64.match(str(source.get('sha256', ''))):
                    problems.append(f'{name}: {kind} source {source["url"]} has no sha256')
    return problems


def check_sqlcipher(manifest):
    modules = [m for m in all_modules(manifest.get('modules')) if is_sqlcipher(m)]
    if not modules:
        return ['no SQLCipher module']
    problems = []
    for module in modules:
        name = module.get('name', '?')
        opts = [str(o) for o in module.get('config-opts', [])]
        build_options = module.get('build-options', {})
        cflags = ' '.join([build_options.get('cflags', '')] +
                          [o for o in opts if o.startswith('CFLAGS=')])
        if '--disable-shared' not in opts:
            problems.append(f'{name}: config-opts lack --disable-shared')
        if any(o in ('--enable-shared', '--enable-shared=yes') for o in opts):
            problems.append(f'{name}: config-opts build a shared library')
        if '-fvisibility=hidden' not in cflags.split():
            problems.append(f'{name}: CFLAGS lack -fvisibility=hidden')
    return problems


def check_qrencode(manifest):
    """Pinned like SQLCipher (a release tag and its commit, or a tarball and its sha256), the
    library only (no command-line tool), built before the app, headers and static parts removed."""
    top = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    modules = [m for m in all_modules(top) if is_qrencode(m)]
    if not modules:
        return ['no libqrencode module']
    problems = []
    app = next((i for i, m in enumerate(top) if builds_this_project(m)), None)
    for module in modules:
        name = module.get('name', '?')
        sources = sources_of(module)
        pinned = [s for s in sources
                  if (s.get('type') == 'git' and re.match(r'^v\d+(\.\d+)+$', str(s.get('tag', '')))
                      and HEX40.match(str(s.get('commit', ''))))
                  or (s.get('type') == 'archive' and HEX64.match(str(s.get('sha256', ''))))]
        if not sources or len(pinned) != len(sources):
            problems.append(f'{name}: sources are not a release tag with its commit or an '
                            'archive with its sha256')
        if module.get('buildsystem') not in ('cmake', 'cmake-ninja', 'autotools', None):
            problems.append(f'{name}: buildsystem "{module.get("buildsystem")}"')
        opts = [str(o) for o in module.get('config-opts', [])]
        if module.get('buildsystem', 'autotools') == 'autotools':
            if '--without-tools' not in opts:
                problems.append(f'{name}: config-opts lack --without-tools')
        else:
            if '-DWITH_TOOLS=NO' not in opts and '-DWITH_TOOLS=OFF' not in opts:
                problems.append(f'{name}: config-opts lack -DWITH_TOOLS=NO')
            if '-DBUILD_SHARED_LIBS=ON' not in opts:
                problems.append(f'{name}: config-opts lack -DBUILD_SHARED_LIBS=ON')
        if module in top and app is not None and top.index(module) > app:
            problems.append(f'{name}: built after the app')
        cleanup = set(module.get('cleanup', [])) | set(manifest.get('cleanup', []))
        for wanted, alternatives in (('/include', ('/include',)),
                                     ('/lib/pkgconfig', ('/lib/pkgconfig',)),
                                     ('static libraries', ('*.a', '/lib/*.a'))):
            if not cleanup & set(alternatives):
                problems.append(f'{name}: cleanup keeps {wanted}')
    return problems


def check_app_module(manifest):
    modules = [m for m in manifest.get('modules', []) if isinstance(m, dict)]
    if not modules:
        return ['no modules']
    last = modules[-1]
    problems = []
    if last.get('name') != 'rapport':
        problems.append(f'the last module is "{last.get("name")}", not "rapport"')
    if last.get('buildsystem') != 'meson':
        problems.append(f'buildsystem is "{last.get("buildsystem")}", not "meson"')
    if not builds_this_project(last):
        problems.append('sources are not [{"type": "dir", "path": ".."}]')
    return problems


def check_meson_options(manifest, root):
    known = meson_option_names(root)
    if not known:
        return ['no option() found in meson_options.txt']
    if not manifest.get('modules'):
        return ['no modules']
    problems = []
    for module in all_modules(manifest.get('modules')):
        if module.get('buildsystem') != 'meson' or not builds_this_project(module):
            continue
        for opt in module.get('config-opts', []):
            match = re.match(r'^-D([^=]+)=', str(opt))
            if not match:
                if str(opt).startswith('-D'):
                    problems.append(f'{opt}: not of the form -Dname=value')
                continue
            option = match.group(1)
            if option not in known and not MESON_BUILTIN.match(option):
                problems.append(f'{opt}: no option "{option}" in meson_options.txt')
    return problems


def main():
    if len(sys.argv) != 2:
        print('usage: check-flatpak-manifest.py SOURCE_ROOT', file=sys.stderr)
        return 2

    root = pathlib.Path(sys.argv[1]).resolve()
    results = Results()

    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding='utf-8'))
        if not isinstance(manifest, dict):
            raise ValueError('the top level is not an object')
        results.add(True, f'{MANIFEST} is valid JSON')
    except (OSError, ValueError) as error:
        results.add(False, f'{MANIFEST} is valid JSON', str(error).replace('\n', ' '))
        manifest = {}

    results.add(manifest.get('id') == APP_ID, f'id is {APP_ID}',
                f'found {manifest.get("id")!r}')

    runtime_ok = (manifest.get('runtime') == 'org.gnome.Platform' and
                  re.match(r'^\d+$', str(manifest.get('runtime-version', ''))) is not None)
    results.add(runtime_ok, 'runtime is org.gnome.Platform with a numeric runtime-version',
                f'found {manifest.get("runtime")!r} {manifest.get("runtime-version")!r}')

    results.add(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is org.gnome.Sdk',
                f'found {manifest.get("sdk")!r}')

    results.add(manifest.get('command') == 'rapport', 'command is rapport',
                f'found {manifest.get("command")!r}')

    args = manifest.get('finish-args', [])
    extra = [a for a in args if a not in FINISH_ARGS]
    missing = sorted(FINISH_ARGS - set(args))
    repeated = len(args) != len(set(args))
    problem = '; '.join(filter(None, [
        'not allowed: ' + ', '.join(extra) if extra else '',
        'missing: ' + ', '.join(missing) if missing else '',
        'listed twice' if repeated else '',
    ]))
    results.add(not (extra or missing or repeated),
                'finish-args are exactly ' + ', '.join(sorted(FINISH_ARGS)), problem)

    problems = check_sources(manifest)
    results.add(not problems, 'every git source is pinned to a commit, every download to a sha256',
                '; '.join(problems))

    problems = check_sqlcipher(manifest)
    results.add(not problems, 'SQLCipher is built static only, with hidden symbols',
                '; '.join(problems))

    problems = check_qrencode(manifest)
    results.add(not problems, 'libqrencode is built from a pinned release, library only, '
                'before the app', '; '.join(problems))

    problems = check_app_module(manifest)
    results.add(not problems, 'the last module builds rapport from this tree with meson',
                '; '.join(problems))

    problems = check_meson_options(manifest, root)
    results.add(not problems, 'every -Dname=value names an option in meson_options.txt',
                '; '.join(problems))

    return results.report()


if __name__ == '__main__':
    sys.exit(main())
