#!/usr/bin/env python3
# check-flatpak-manifest.py SOURCE_ROOT
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak manifests, read as Flathub's reviewers would:
#   the GNOME runtime and SDK; the command `briefing`;
#   finish-args no wider than network, ipc, wayland, fallback-x11 and dri
#   (files go through the file chooser portal, notifications and the
#   background through their portals);
#   every module's sources pinned (a git source by tag and commit, an
#   archive or file by sha256), the app's own tree excepted;
#   the suite run at build time (run-tests);
#   the Devel manifest the same but for its id and the meson profile.

import json
import os
import sys

ALLOWED = {'--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri'}
APP_ID = 'io.github.briefing.Briefing'


def load(root, app_id):
    with open(os.path.join(root, 'flatpak', app_id + '.json')) as f:
        return json.load(f)


def check(manifest, app_id, profile, problems):
    def expect(condition, message):
        if not condition:
            problems.append(f'{app_id}: {message}')

    expect(manifest.get('id') == app_id, f'id is {manifest.get("id")!r}')
    expect(manifest.get('runtime') == 'org.gnome.Platform', 'not the GNOME runtime')
    expect(manifest.get('sdk') == 'org.gnome.Sdk', 'not the GNOME SDK')
    expect(manifest.get('command') == 'briefing', f'command is {manifest.get("command")!r}')
    args = manifest.get('finish-args', [])
    wider = sorted(set(args) - ALLOWED)
    expect(not wider, f'finish-args wider than allowed: {wider}')
    expect(len(args) <= len(ALLOWED), f'{len(args)} finish-args')

    modules = manifest.get('modules', [])
    expect(modules and modules[-1].get('name') == 'briefing', 'the app is not the last module')
    for module in modules:
        name = module.get('name')
        for source in module.get('sources', []):
            kind = source.get('type')
            if kind == 'dir' and name == 'briefing':
                continue
            if kind == 'git':
                expect(source.get('tag') and source.get('commit'), f'{name}: git source without tag and commit')
            elif kind in ('archive', 'file'):
                expect(source.get('sha256'), f'{name}: {kind} source without sha256')
            else:
                expect(False, f'{name}: a {kind} source cannot be pinned')
    app = modules[-1] if modules else {}
    expect(app.get('run-tests') is True, 'the suite does not run at build time')
    expect(f'-Dprofile={profile}' in app.get('config-opts', []), f'not built with -Dprofile={profile}')
    return len(args)


def main():
    root = sys.argv[1]
    problems = []
    release, devel = load(root, APP_ID), load(root, APP_ID + '.Devel')
    count = check(release, APP_ID, 'default', problems)
    check(devel, APP_ID + '.Devel', 'development', problems)

    # The Devel manifest differs only in its id and profile.
    def normalised(manifest):
        text = json.dumps(manifest, sort_keys=True)
        return text.replace(APP_ID + '.Devel', APP_ID).replace('-Dprofile=development', '-Dprofile=default')
    if normalised(release) != normalised(devel):
        problems.append('the Devel manifest differs from the release one in more than its id and profile')

    for problem in problems:
        print(f'not ok: {problem}')
    if problems:
        sys.exit(1)
    print(f'ok: {count} finish-args ({", ".join(release["finish-args"])}), sources pinned, Devel in step')


if __name__ == '__main__':
    main()
