#!/usr/bin/python3
# test-activation.py BRIEFING BRIEFINGCTL SCHEMA_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A notification outlives the app that sent it: its buttons and its
# default action start the app through D-Bus activation when it is not
# running. On a private bus whose service directory holds the app's
# D-Bus service file (pointing at the built program):
#   "Mark as Read" (org.gtk.Actions.Activate mark-read) starts the app in
#   the background, which is the service without a toolkit; the briefing
#   is read (briefingctl); with "Run in background" off the service ends
#   by itself soon after;
#   the default action (show-briefing) starts it too and shows the window
#   on that briefing (read through AT-SPI, where there is a display).

import json
import os
import subprocess
import sys
import tempfile

SKIP = 77

try:
    import dbus
except ImportError as error:
    print(f'# skipping: {error}')
    sys.exit(SKIP)

from fixture_server import serve_http
from private_bus import APP_ID, app_env, log, owner_pid, start_activating_bus, stop, wait_for

APP_PATH = '/io/github/briefing/Briefing'

FEED = '''<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>
<link>http://127.0.0.1/</link>
<item><title>Ferry timetable changes from Monday</title><guid>ferry-1</guid>
<pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate><description>New sailing times.</description></item>
<item><title>Lighthouse restoration finished</title><guid>lighthouse-1</guid>
<pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate><description>The lamp is lit again.</description></item>
</channel></rss>'''


def main():
    briefing, briefingctl, schema_dir = sys.argv[1:4]
    home = tempfile.mkdtemp(prefix='briefing-activation-')
    env = app_env(home, schema_dir)

    # A subscription and its briefings, stored before the app runs.
    server = serve_http(lambda request: (FEED.encode(), 'application/rss+xml'))
    feed_url = f'http://127.0.0.1:{server.server_address[1]}/harbour.xml'
    subprocess.run([briefingctl, 'add', feed_url], env=env, check=True, stdout=subprocess.DEVNULL)
    listed = json.loads(subprocess.run([briefingctl, 'list', '--json'], env=env, check=True,
                                       capture_output=True, text=True).stdout)
    ids = {e['title']: e['id'] for e in listed}
    ferry, lighthouse = ids['Ferry timetable changes from Monday'], ids['Lighthouse restoration finished']

    def unread():
        out = subprocess.run([briefingctl, 'list', '--unread', '--json'], env=env, check=True,
                             capture_output=True, text=True).stdout
        return {e['id'] for e in json.loads(out)}

    # The private bus, activating the app from its service file.
    daemon, address = start_activating_bus(home, briefing, env)
    env['DBUS_SESSION_BUS_ADDRESS'] = address
    os.environ['DBUS_SESSION_BUS_ADDRESS'] = address
    pid = None
    try:
        bus = dbus.bus.BusConnection(address)
        assert not bus.name_has_owner(APP_ID)

        def activate(action, parameter):
            app = bus.get_object(APP_ID, APP_PATH)  # starts it
            dbus.Interface(app, 'org.gtk.Actions').Activate(
                action, dbus.Array([parameter], signature='v'), dbus.Dictionary({}, signature='sv'))

        # Mark as Read, with the app not running.
        activate('mark-read', dbus.Int64(ferry))
        wait_for(lambda: ferry not in unread(), what='the briefing marked read')
        pid = owner_pid(bus)
        assert pid is not None, 'the service ended before it was looked at'
        program = os.path.basename(os.readlink(f'/proc/{pid}/exe'))
        assert program == 'briefing-service', program
        assert lighthouse in unread()
        log(f'mark-read activated {program} (pid {pid}); the briefing is read')

        # Not asked to run in the background: it ends by itself.
        wait_for(lambda: not bus.name_has_owner(APP_ID), timeout=60, what='the service to end by itself')
        wait_for(lambda: not os.path.exists(f'/proc/{pid}'), what='the process to end')
        log('the service ended by itself')

        if not os.environ.get('DISPLAY'):
            log('no display: the default action is not checked')
            print('ok')
            return

        # The default action: the window, on that briefing.
        from briefing_ui import frame_of_process
        activate('show-briefing', dbus.Int64(lighthouse))
        pid = wait_for(lambda: owner_pid(bus), what='the app on the bus')

        window = wait_for(lambda: frame_of_process(pid), timeout=60, what="the window")
        wait_for(lambda: window.get_name() == 'Lighthouse restoration finished', what='the briefing open')
        wait_for(lambda: lighthouse not in unread(), what='the opened briefing read')
        program = os.path.basename(os.readlink(f'/proc/{pid}/exe'))
        assert program == 'briefing', program
        log(f'show-briefing activated the app, which shows the window on the briefing ({program}, pid {pid})')
    finally:
        stop(pid, daemon, home)

    print('ok')


if __name__ == '__main__':
    main()
