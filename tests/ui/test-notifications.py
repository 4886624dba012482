#!/usr/bin/python3
# test-notifications.py BRIEFING BRIEFINGCTL SCHEMA_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# New briefings fetched while no window shows them are announced with a
# desktop notification: one, naming the count and the first headlines.
# The notification daemon is python-dbusmock's, on the test's private
# session bus; the feed comes from a server on 127.0.0.1.

import http.server
import os
import shutil
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

FEED = '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>http://127.0.0.1/</link>
<item><title>Ferry timetable changes from Monday</title><guid>ferry-1</guid>
<pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate><description>New sailing times.</description></item>
<item><title>Lighthouse restoration finished</title><guid>lighthouse-1</guid>
<pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate><description>The lamp is lit again.</description></item>
</channel></rss>
'''


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = FEED.encode()
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


def main():
    briefing, briefingctl, schema_dir = sys.argv[1:4]
    if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
        print('# skipping: no session bus')
        sys.exit(SKIP)

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), FeedHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed_url = f'http://127.0.0.1:{server.server_address[1]}/feed.xml'

    home = tempfile.mkdtemp(prefix='briefing-notify-')
    env = dict(os.environ)
    for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        path = os.path.join(home, name.lower())
        os.makedirs(path)
        env[f'XDG_{name}_HOME'] = path
    env['GSETTINGS_BACKEND'] = 'memory'
    env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    env['GIO_USE_PROXY_RESOLVER'] = 'dummy'
    env['BRIEFING_STORE'] = os.path.join(home, 'data', 'briefing', 'briefing.db')

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

        # Subscribe without fetching: the app's first scheduled refresh
        # brings the briefings, with no window open to show them.
        opml = os.path.join(home, 'subscriptions.opml')
        with open(opml, 'w') as f:
            f.write(f'<opml version="2.0"><body><outline text="Harbour" xmlUrl="{feed_url}"/></body></opml>')
        subprocess.run([briefingctl, 'import-opml', opml], check=True, env=env, stdout=subprocess.DEVNULL)

        app = subprocess.Popen([briefing, '--gapplication-service'], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

        def notify_calls():
            return [call for call in mock.GetCalls() if call[1] == 'Notify']

        calls = wait_for(notify_calls, what='a Notify call')
        # Notify (app_name, replaces_id, icon, summary, body, actions, hints, timeout)
        args = calls[0][2]
        summary, body = str(args[3]), str(args[4])
        print(f'# notification: {summary!r} / {body!r}')
        assert summary == '2 new briefings', summary
        assert 'Harbour Gazette: Ferry timetable changes from Monday' in body, body
        assert 'Lighthouse restoration finished' in body, body

        # A second round with nothing new announces nothing.
        time.sleep(1)
        assert len(notify_calls()) == 1
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
