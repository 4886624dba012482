#!/usr/bin/python3
# test-background.py BRIEFING SCHEMA_DIR SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Running in the background, as a reader meets it:
#   closing the window with unread briefings offers it once; accepting
#   keeps the process running with no window and writes the XDG autostart
#   entry that starts `briefing --gapplication-service` at login;
#   the process goes on as the service, without the toolkit;
#   launching again shows the window; Ctrl+Q ends the process;
#   the setting turned off removes the entry at the next start;
#   `briefing --background` starts without a window and `briefing --refresh`
#   hands the refresh to it and exits.

import configparser
import os
import subprocess
import sys
import time

from briefing_ui import CONTROL_MASK, App, click, find, log, press, require_display, wait_for


def keyfile(app):
    return os.path.join(app.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')


def setting(app, key):
    parser = configparser.ConfigParser()
    parser.read(keyfile(app))
    return parser.get('io/github/briefing/Briefing', key, fallback=None)


def main():
    binary, schema_dir, screenshot_dir = sys.argv[1:4]
    require_display()

    # The keyfile backend, so that the setting outlives the process.
    app = App(binary, schema_dir, screenshot_dir, settings={'window-width': '1000'})
    autostart = os.path.join(app.env['XDG_CONFIG_HOME'], 'autostart', 'io.github.briefing.Briefing.desktop')
    try:
        app.start()
        window = app.window()
        briefings = wait_for(lambda: find(window, role='list', name='Briefings'), what='the sidebar')
        wait_for(lambda: briefings.get_child_count() > 0, what='the sample briefings')
        wait_for(lambda: find(window, role='label', predicate=lambda a: (a.get_name() or '').endswith(' unread')),
                 what='the unread count')
        assert not os.path.exists(autostart), 'an autostart entry before the reader asked'

        # Closing (Ctrl+W) with unread samples offers the background, once.
        press('w', CONTROL_MASK)
        # (GTK 4.8 names a response button by its label with the mnemonic.)
        offer = wait_for(lambda: find(app.accessible, role='push button',
                                      predicate=lambda a: 'Run in Background' in (a.get_name() or '')),
                         what='the offer to run in the background')
        app.screenshot('background-offer')
        click(offer)
        wait_for(lambda: app.frame() is None, what='the window to close')
        wait_for(lambda: os.path.exists(autostart), what='the autostart entry')
        entry = configparser.ConfigParser(interpolation=None)
        entry.read(autostart)
        exec_line = entry.get('Desktop Entry', 'Exec')
        assert exec_line.endswith(' --gapplication-service'), exec_line
        assert setting(app, 'run-in-background') == 'true', setting(app, 'run-in-background')
        time.sleep(2)
        assert app.process.poll() is None, 'the app quit with its window'
        # What goes on is the service, which holds only the core.
        program = os.readlink(f'/proc/{app.process.pid}/exe')
        assert os.path.basename(program) == 'briefing-service', program
        log(f'window closed, still running as {os.path.basename(program)}; autostart: {exec_line}')

        # Launching again shows the window of the running instance.
        subprocess.run([binary], env=app.env, check=True, timeout=30)
        window = app.window()
        wait_for(lambda: find(window, role='list', name='Briefings'), what='the window again')

        # Ctrl+Q really quits.
        press('q', CONTROL_MASK)
        app.process.wait(timeout=15)
        log(f'Ctrl+Q: exited with status {app.process.returncode}')

        # Turned off: the next start removes the entry.
        with open(keyfile(app)) as f:
            text = f.read().replace('run-in-background=true', 'run-in-background=false')
        with open(keyfile(app), 'w') as f:
            f.write(text)
        background = subprocess.Popen([binary, '--background'], env=app.env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.STDOUT)
        try:
            wait_for(lambda: not os.path.exists(autostart), what='the autostart entry to go')
            time.sleep(2)
            assert background.poll() is None, '--background did not keep running'
            program = os.readlink(f'/proc/{background.pid}/exe')
            assert os.path.basename(program) == 'briefing-service', program
            # --refresh hands over to the running instance and exits.
            subprocess.run([binary, '--refresh'], env=app.env, check=True, timeout=30)
            assert background.poll() is None
            log('--background runs without the setting; --refresh handed over')
        finally:
            background.terminate()
            background.wait(timeout=15)
    finally:
        app.stop()

    print('ok')


if __name__ == '__main__':
    main()
