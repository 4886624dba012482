#!/usr/bin/python3
# test-notifications.py BRIEFING BRIEFINGCTL SCHEMA_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# New briefings fetched while no window shows them are announced with a
# desktop notification, and only those: a source's first import is not
# news, and neither is a source the reader muted. One new briefing gives
# its headline, source and summary, with Mark as Read and Open Original;
# both work without a window (Mark as Read checked with briefingctl, Open
# Original with a recorder standing in for the web browser) and reading
# withdraws the notification.
# Several give the count and the headlines; the default action opens the
# window on the newest (read through AT-SPI where there is a display).
# The notification daemon is
# python-dbusmock's, on the test's private session bus; the feed comes
# from a server on 127.0.0.1, the schedule shortened to a second.

import http.server
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77

try:
    import dbus
    import dbusmock
except ImportError as error:
    print(f'# skipping: {error}')
    sys.exit(SKIP)

ITEMS = ['''<item><title>Ferry timetable changes from Monday</title><guid>ferry-1</guid>
<link>http://127.0.0.1/ferry</link>
<pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate><description>New sailing times.</description></item>''',
         '''<item><title>Lighthouse restoration finished</title><guid>lighthouse-1</guid>
<pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate><description>The lamp is lit again.</description></item>''']
NEW = '''<item><title>Harbour wall repairs begin</title><guid>wall-1</guid><link>http://127.0.0.1/wall</link>
<pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate><description>Work on the &lt;b&gt;north wall&lt;/b&gt; starts
on Monday and lasts six weeks.</description></item>'''
MORE = ['''<item><title>Market hall to open on Sundays</title><guid>market-1</guid>
<pubDate>Sat, 28 Nov 2026 11:00:00 GMT</pubDate><description>From December.</description></item>''',
        '''<item><title>Regatta moves to June</title><guid>regatta-1</guid>
<pubDate>Sat, 28 Nov 2026 11:30:00 GMT</pubDate><description>A week later than usual.</description></item>''']

LAST = '''<item><title>Ferry pier closed for inspection</title><guid>pier-1</guid>
<pubDate>Sat, 28 Nov 2026 12:00:00 GMT</pubDate><description>Until Friday.</description></item>'''

MUTED_ITEM = '''<item><title>Courier prize draw results</title><guid>draw-1</guid>
<pubDate>Sat, 28 Nov 2026 10:05:00 GMT</pubDate><description>The winners.</description></item>'''

TIDE = '''<item><title>Spring tide warning for the quay</title><guid>tide-1</guid>
<link>http://127.0.0.1/tide</link>
<pubDate>Sat, 28 Nov 2026 13:00:00 GMT</pubDate><description>Cars off the quay by six.</description></item>'''

served = list(ITEMS)
# A second source, which the reader muted (the source dialog's Notify).
served_muted = ['''<item><title>Courier opens a new office</title><guid>office-1</guid>
<pubDate>Sat, 28 Nov 2026 07:00:00 GMT</pubDate><description>On the quay.</description></item>''']


def feed(path):
    title, items = ('Muted Courier', served_muted) if path.startswith('/courier') else ('Harbour Gazette', served)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            '<link>http://127.0.0.1/</link>' + ''.join(items) + '</channel></rss>')


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = feed(self.path).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def wait_for(predicate, timeout=30.0, what='condition'):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f'timed out waiting for {what}')


try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError):
    Atspi = None


def window_of(pid):
    """The app's main window on the accessibility bus, if shown."""
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_process_id() == pid:
            for j in range(app.get_child_count()):
                child = app.get_child_at_index(j)
                if child is not None and child.get_role_name() == 'frame':
                    return child
    return None


def main():
    briefing, briefingctl, schema_dir = sys.argv[1:4]
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('# skipping: no session bus')
        sys.exit(SKIP)

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), FeedHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed_url = f'http://127.0.0.1:{server.server_address[1]}/feed.xml'
    courier_url = f'http://127.0.0.1:{server.server_address[1]}/courier.xml'

    home = tempfile.mkdtemp(prefix='briefing-notify-')
    env = dict(os.environ)
    for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        path = os.path.join(home, name.lower())
        os.makedirs(path)
        env[f'XDG_{name}_HOME'] = path
    # Running in the background, so that closing the window a notification
    # opened leaves the app announcing (GLib's keyfile backend).
    settings_dir = os.path.join(home, 'config', 'glib-2.0', 'settings')
    os.makedirs(settings_dir)
    with open(os.path.join(settings_dir, 'keyfile'), 'w') as f:
        f.write('[io/github/briefing/Briefing]\nrun-in-background=true\n')
    env['GSETTINGS_BACKEND'] = 'keyfile'
    env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    env['GIO_USE_PROXY_RESOLVER'] = 'dummy'
    env['BRIEFING_STORE'] = os.path.join(home, 'data', 'briefing', 'briefing.db')
    # Every source due each second (a test-only hook).
    env['BRIEFING_TEST_SCHEDULE_MS'] = '1000'
    # The window a notification opens is read through AT-SPI.
    env.pop('NO_AT_BRIDGE', None)
    env['GTK_A11Y'] = 'atspi'
    env['WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS'] = '1'
    env['WEBKIT_DISABLE_COMPOSITING_MODE'] = '1'

    daemon = None
    app = None
    try:
        # The notification daemon, mocked on this private bus.
        daemon = subprocess.Popen([sys.executable, '-m', 'dbusmock', '--template', 'notification_daemon'],
                                  stdout=subprocess.PIPE, env=env)
        bus = dbus.SessionBus()
        wait_for(lambda: bus.name_has_owner('org.freedesktop.Notifications'), what='the mock notification daemon')
        mock = dbus.Interface(bus.get_object('org.freedesktop.Notifications', '/org/freedesktop/Notifications'),
                              dbusmock.MOCK_IFACE)

        # A recorder standing in for the web browser.
        launched = os.path.join(home, 'launched.log')
        recorder = os.path.join(home, 'recorder.sh')
        with open(recorder, 'w') as f:
            f.write(f'#!/bin/sh\nfor uri in "$@"; do printf "%s\\n" "$uri" >> "{launched}"; done\n')
        os.chmod(recorder, 0o700)
        applications = os.path.join(home, 'data', 'applications')
        os.makedirs(applications)
        with open(os.path.join(applications, 'briefing-test-browser.desktop'), 'w') as f:
            f.write(f'[Desktop Entry]\nType=Application\nName=Browser\nExec={recorder} %u\n'
                    'MimeType=x-scheme-handler/http;x-scheme-handler/https;\nNoDisplay=true\n')
        with open(os.path.join(home, 'config', 'mimeapps.list'), 'w') as f:
            f.write('[Default Applications]\nx-scheme-handler/http=briefing-test-browser.desktop\n'
                    'x-scheme-handler/https=briefing-test-browser.desktop\n')

        # Subscribe without fetching: the app's first scheduled refresh
        # brings the briefings, with no window open to show them.
        opml = os.path.join(home, 'subscriptions.opml')
        with open(opml, 'w') as f:
            f.write(f'<opml version="2.0"><body><outline text="Harbour" xmlUrl="{feed_url}"/>'
                    f'<outline text="Courier" xmlUrl="{courier_url}"/></body></opml>')
        subprocess.run([briefingctl, 'import-opml', opml], check=True, env=env, stdout=subprocess.DEVNULL)
        # Notify off for the Courier, as the source dialog leaves it
        # (test-source-dialog checks the switch writes this).
        with sqlite3.connect(env['BRIEFING_STORE']) as db:
            db.execute('UPDATE sources SET muted = 1 WHERE url = ?', (courier_url,))

        app = subprocess.Popen([briefing, '--gapplication-service'], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

        def calls(method):
            return [call for call in mock.GetCalls() if call[1] == method]

        def unread():
            out = subprocess.run([briefingctl, 'list', '--unread', '--json'], env=env, check=True,
                                 capture_output=True, text=True).stdout
            return {e['title'] for e in json.loads(out)}

        # The first import is stored, and not announced.
        wait_for(lambda: len(unread()) == 3, what='the first import')
        time.sleep(2)
        assert calls('Notify') == [], f'the first import was announced: {calls("Notify")}'
        print('# first import: no notification')

        # One new briefing: its headline, source and summary, and buttons.
        # The muted source's new one, in the same round, is not named.
        served_muted.insert(0, MUTED_ITEM)
        served.insert(0, NEW)
        notify = wait_for(lambda: calls('Notify'), what='a Notify call')
        # Notify (app_name, replaces_id, icon, summary, body, actions, hints, timeout)
        args = notify[0][2]
        summary, body, actions = str(args[3]), str(args[4]), [str(a) for a in args[5]]
        print(f'# notification: {summary!r} / {body!r} / {actions}')
        assert summary == 'Harbour wall repairs begin', summary
        assert body.startswith('Harbour Gazette — Work on the north wall starts on Monday'), body
        assert 'Mark as Read' in actions and 'Open Original' in actions, actions
        wait_for(lambda: 'Courier prize draw results' in unread(), what="the muted source's new briefing")


        # Mark as Read, with no window (the server closes a notification
        # whose button was pressed).
        key = actions[actions.index('Mark as Read') - 1]
        mock.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us', [dbus.UInt32(1), key])
        wait_for(lambda: 'Harbour wall repairs begin' not in unread(), what='Mark as Read to mark it read')
        print('# Mark as Read: read in the store')

        # Two more: the count and both headlines, in one notification.
        served[0:0] = MORE
        wait_for(lambda: len(calls('Notify')) == 2, what='a second Notify call')
        args = calls('Notify')[1][2]
        summary, body = str(args[3]), str(args[4])
        print(f'# notification: {summary!r} / {body!r}')
        assert summary == '2 new briefings', summary
        assert 'Regatta moves to June — Harbour Gazette' in body and 'Market hall to open on Sundays' in body, body

        # Its default action opens the window, on the newest of them.
        if os.environ.get('DISPLAY') and Atspi is not None:
            mock.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us', [dbus.UInt32(2), 'default'])
            frame = wait_for(lambda: window_of(app.pid), what='the window a notification opens')
            wait_for(lambda: frame.get_name() == 'Regatta moves to June', what='the notified briefing open')
            wait_for(lambda: 'Regatta moves to June' not in unread(), what='the opened briefing read')
            print('# the default action opened the window on the briefing')
            # Closed again: the app goes on in the background.
            from briefing_ui import CONTROL_MASK, press
            press('w', CONTROL_MASK)
            wait_for(lambda: window_of(app.pid) is None, what='the window to close')
            assert app.poll() is None, 'the app quit with its window'
        else:
            print('# no display: the default action is not checked')

        # One more; reading it elsewhere in the app (as the window does,
        # by the app's action on the bus) withdraws the notification.
        served.insert(0, LAST)
        wait_for(lambda: len(calls('Notify')) == 3, what='a third Notify call')
        out = subprocess.run([briefingctl, 'list', '--json'], env=env, check=True, capture_output=True,
                             text=True).stdout
        last = next(e['id'] for e in json.loads(out) if e['title'] == 'Ferry pier closed for inspection')
        app_object = bus.get_object('io.github.briefing.Briefing', '/io/github/briefing/Briefing')
        dbus.Interface(app_object, 'org.gtk.Actions').Activate(
            'mark-read', dbus.Array([dbus.Int64(last)], signature='v'), dbus.Dictionary({}, signature='sv'))
        wait_for(lambda: calls('CloseNotification'), what='the notification to be withdrawn')
        print('# reading a notified briefing withdraws the notification')

        # Open Original, with no window: the briefing's link, to the
        # browser. (The server closes a notification whose button was
        # pressed, so this is the last one's.)
        served.insert(0, TIDE)
        notify = wait_for(lambda: len(calls('Notify')) == 4 and calls('Notify'), what='a fourth Notify call')
        actions = [str(a) for a in notify[3][2][5]]
        key = actions[actions.index('Open Original') - 1]
        mock.EmitSignal('org.freedesktop.Notifications', 'ActionInvoked', 'us', [dbus.UInt32(4), key])
        wait_for(lambda: os.path.exists(launched) and open(launched).read().split() == ['http://127.0.0.1/tide'],
                 what='Open Original to reach the browser')
        print('# Open Original: the link went to the browser')

        # Rounds with nothing new announce nothing.
        time.sleep(2)
        assert len(calls('Notify')) == 4, calls('Notify')
    finally:
        if app is not None:
            app.terminate()
            try:
                output, _ = app.communicate(timeout=10)
                if output:
                    print('# app output:\n# ' + output.decode(errors='replace').replace('\n', '\n# '))
            except subprocess.TimeoutExpired:
                app.kill()
        if daemon is not None:
            daemon.terminate()
            daemon.wait(timeout=10)
        server.shutdown()
        shutil.rmtree(home, ignore_errors=True)

    print('ok')


if __name__ == '__main__':
    main()
