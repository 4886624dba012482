#!/usr/bin/python3
# flatpak-check.py WORK APP_ID... — run by build-aux/flatpak-local
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The installed Flatpak, checked sandboxed as a reader meets it, under
# Xvfb with a private session bus (its standard service directories, so
# xdg-desktop-portal, its GTK backend and the accessibility bus start on
# demand) and python-dbusmock's notification server:
#   `flatpak run` shows the window with the sample briefings (AT-SPI);
#   a feed served on 127.0.0.1 is subscribed in the window (Add Source) and
#   its briefings are stored under ~/.var/app/APP_ID/, nowhere else;
#   started in the background, the app announces a new briefing through
#   the notification portal, which reaches the mock server (the server
#   itself is out of the sandbox's reach);
#   a file outside the sandbox cannot be read: neither as an OPML path nor
#   as a file: source.
# Each app id in turn (the release and the Devel variant, installed side
# by side, each with its own directory and store). Prints the times it
# measured; exits non-zero on the first failure.

import http.server
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import dbus
import gi

# The UI tests' key and pointer helpers.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'ui'))

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi, GLib  # noqa: E402
from briefing_ui import CONTROL_MASK, click, press, row_with_title, type_text  # noqa: E402

DISPLAY = ':95'
ITEMS = ['''<item><title>Ferry timetable changes from Monday</title><guid>ferry-1</guid>
<link>http://127.0.0.1/ferry</link><pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate>
<description>New sailing times.</description></item>''']
NEW = '''<item><title>Harbour wall repairs begin</title><guid>wall-1</guid><link>http://127.0.0.1/wall</link>
<pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate><description>Six weeks of work.</description></item>'''
served = list(ITEMS)

BUS_CONFIG = '''<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <standard_session_servicedirs/>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
'''


def log(message):
    print(f'  {message}', flush=True)


def wait_for(predicate, timeout=60.0, what='condition'):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except GLib.Error:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f'timed out waiting for {what}')


def walk(accessible, depth=0):
    if accessible is None or depth > 60:
        return
    yield accessible
    for i in range(accessible.get_child_count()):
        yield from walk(accessible.get_child_at_index(i), depth + 1)


def app_of(accessible):
    return accessible.get_application()


def toplevel(app, name):
    for i in range(app.get_child_count()):
        child = app.get_child_at_index(i)
        if child is not None and child.get_name() == name:
            return child
    return None


def find(root, role=None, name=None):
    for accessible in walk(root):
        if (role is None or accessible.get_role_name() == role) and (name is None or accessible.get_name() == name):
            return accessible
    return None


class Feed(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette</title>'
                '<link>http://127.0.0.1/</link>' + ''.join(served) + '</channel></rss>').encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    work, app_ids = sys.argv[1], sys.argv[2:]
    home = os.path.join(work, 'home')
    shutil.rmtree(home, ignore_errors=True)
    runtime_dir = os.path.join(work, 'run')
    shutil.rmtree(runtime_dir, ignore_errors=True)
    os.makedirs(home)
    os.makedirs(runtime_dir, mode=0o700)

    env = dict(os.environ)
    for name in ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'GSETTINGS_BACKEND',
                 'GSETTINGS_SCHEMA_DIR', 'DBUS_SESSION_BUS_ADDRESS', 'NO_AT_BRIDGE'):
        env.pop(name, None)
    env.update(HOME=home, XDG_RUNTIME_DIR=runtime_dir, DISPLAY=DISPLAY, XDG_CURRENT_DESKTOP='GNOME',
               GTK_A11Y='atspi')
    os.environ.clear()
    os.environ.update(env)

    processes = []

    def start(args, **kwargs):
        process = subprocess.Popen(args, env=env, **kwargs)
        processes.append(process)
        return process

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Feed)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed_url = f'http://127.0.0.1:{server.server_address[1]}/harbour.xml'
    app_log = open(os.path.join(work, 'flatpak-check-app.log'), 'w')

    try:
        start(['Xvfb', DISPLAY, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'],
              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(lambda: os.path.exists(f'/tmp/.X11-unix/X{DISPLAY[1:]}'), what='Xvfb')
        config = os.path.join(work, 'bus.conf')
        with open(config, 'w') as f:
            f.write(BUS_CONFIG.format(tmp=runtime_dir))
        daemon = start(['dbus-daemon', '--config-file', config, '--nofork', '--print-address=1'],
                       stdout=subprocess.PIPE, text=True)
        env['DBUS_SESSION_BUS_ADDRESS'] = os.environ['DBUS_SESSION_BUS_ADDRESS'] = daemon.stdout.readline().strip()
        bus = dbus.bus.BusConnection(env['DBUS_SESSION_BUS_ADDRESS'])
        start(['/usr/bin/python3', '-m', 'dbusmock', '--template', 'notification_daemon'],
              stdout=subprocess.DEVNULL)
        wait_for(lambda: bus.name_has_owner('org.freedesktop.Notifications'), what='the mock notification server')
        mock = dbus.Interface(bus.get_object('org.freedesktop.Notifications', '/org/freedesktop/Notifications'),
                              'org.freedesktop.DBus.Mock')
        # As in the UI tests: WebKit's own sandbox cannot start as root in a
        # container, and its GL compositing has no GPU under Xvfb.
        # The accessibility bus and its registry up before any app starts,
        # so that the app's first registration finds them.
        Atspi.get_desktop(0).get_child_count()
        flatpak = ['flatpak', 'run', '--user', '--env=WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS=1',
                   '--env=WEBKIT_DISABLE_COMPOSITING_MODE=1']

        def check_app(app_id, dirname):
            served[:] = ITEMS
            # 1. The window, with the samples.
            print(f'flatpak-check: {app_id}')
            started = time.monotonic()
            window_app = start(flatpak + [app_id], stdout=app_log, stderr=subprocess.STDOUT)

            def briefings():
                desktop = Atspi.get_desktop(0)
                for i in range(desktop.get_child_count()):
                    app = desktop.get_child_at_index(i)
                    listing = find(app, role='list', name='Briefings') if app is not None else None
                    if listing is not None and listing.get_child_count() > 0:
                        return listing
                return None

            try:
                listing = wait_for(briefings, timeout=120, what='the sidebar with the samples, through AT-SPI')
            except AssertionError:
                desktop = Atspi.get_desktop(0)
                for i in range(desktop.get_child_count()):
                    app = desktop.get_child_at_index(i)
                    log(f'on the accessibility bus: {app.get_name() if app else None}, '
                        f'{[a.get_role_name() + ":" + (a.get_name() or "") for a in walk(app)][:12] if app else ""}')
                log(f'flatpak run: {"running" if window_app.poll() is None else window_app.returncode}')
                log(subprocess.run(['ps', '-eo', 'pid,stat,wchan:24,args'], capture_output=True, text=True).stdout)
                raise
            shown = time.monotonic() - started
            log(f'window with {listing.get_child_count()} sample rows in the sidebar after {shown:.1f} s (AT-SPI)')
            time.sleep(1)
            shot = os.path.join(work, f'flatpak-window-{app_id}.png')
            subprocess.run(['import', '-window', 'root', shot], env=env, check=True)
            log(f'screenshot: {shot}')

            # 2. A feed on 127.0.0.1, subscribed in the window (Ctrl+N, Add
            #    Source): stored in the app's own directory.
            window = wait_for(lambda: find(app_of(listing), role='frame'), what='the window')
            click(find(window, role='label', name='Briefing'))
            press('n', CONTROL_MASK)
            dialog = wait_for(lambda: toplevel(app_of(listing), 'Add Source'), what='the Add Source dialog')
            entry = wait_for(lambda: find(dialog, role='text', name='Feed or Web Page Address'), what='the address')
            click(entry)
            type_text(feed_url)
            click(wait_for(lambda: find(dialog, role='push button', name='Find Feeds'), what='Find Feeds'))
            found = wait_for(lambda: find(dialog, role='list', name='Feeds Found'), what='the feeds found')
            click(wait_for(lambda: find(found, role='push button', name='Add Harbour Gazette'), what='Add'))
            wait_for(lambda: row_with_title(find(window, role='list', name='Briefings'),
                                            'Ferry timetable changes from Monday'),
                     what='the new source\'s briefing in the sidebar')
            # Opened: the article view (WebKit's processes, in the sandbox).
            click(row_with_title(find(window, role='list', name='Briefings'), 'Ferry timetable changes from Monday'))
            wait_for(lambda: window.get_name() == 'Ferry timetable changes from Monday', what='the briefing open')
            time.sleep(1.5)
            subprocess.run(['import', '-window', 'root', os.path.join(work, f'flatpak-article-{app_id}.png')], env=env)
            store = os.path.join(home, '.var', 'app', app_id, 'data', dirname, 'briefing.db')
            assert os.path.exists(store), f'no store at {store}'
            with sqlite3.connect(f'file:{store}?mode=ro', uri=True) as db:
                titles = [row[0] for row in db.execute('SELECT title FROM entries')]
            assert 'Ferry timetable changes from Monday' in titles, titles
            strays = [p for p in ('.local/share/' + dirname, '.cache/' + dirname) if os.path.exists(os.path.join(home, p))]
            assert not strays, f'written outside the app directory: {strays}'
            log(f'subscribed in the window (Add Source) to {feed_url} and opened its briefing; {len(titles)} briefings in '
                f'~/.var/app/{app_id}/data/{dirname}/briefing.db, nothing under ~/.local or ~/.cache')

            subprocess.run(['flatpak', 'kill', app_id], env=env)
            window_app.wait(timeout=30)

            # 3. In the background, a new briefing announced through the
            #    notification portal.
            start(flatpak + ['--env=BRIEFING_TEST_SCHEDULE_MS=1000', app_id, '--background'],
                  stdout=app_log, stderr=subprocess.STDOUT)
            time.sleep(5)
            mock.ClearCalls()
            served.insert(0, NEW)
            published = time.monotonic()
            notify = wait_for(lambda: [c for c in mock.GetCalls() if c[1] == 'Notify'], timeout=60,
                              what='a notification through the portal')
            args = notify[0][2]
            assert str(args[3]) == 'Harbour wall repairs begin', args[3]
            log(f'notification through the portal after {time.monotonic() - published:.1f} s: '
                f'{str(args[3])!r} / {str(args[4])!r}')
            subprocess.run(['flatpak', 'kill', app_id], env=env)
            # Through the portal, because the sandbox's bus proxy lets the app
            # reach nothing else: the notification server itself is out of reach.
            result = subprocess.run(flatpak + ['--command=gdbus', app_id, 'call', '--session', '--dest',
                                               'org.freedesktop.Notifications', '--object-path',
                                               '/org/freedesktop/Notifications', '--method',
                                               'org.freedesktop.Notifications.GetServerInformation'],
                                    env=env, capture_output=True, text=True, timeout=60)
            assert result.returncode != 0, f'the sandbox reached the notification server directly: {result.stdout}'
            log('the notification server is out of the sandbox\'s reach (only the portal passes)')

            # 4. A file outside the sandbox is out of reach.
            ctl = flatpak + ['--command=briefingctl', app_id]
            outside = os.path.join(work, 'outside')
            os.makedirs(outside, exist_ok=True)
            opml = os.path.join(outside, 'subscriptions.opml')
            with open(opml, 'w') as f:
                f.write(f'<opml version="2.0"><body><outline text="Outside" xmlUrl="{feed_url}?outside"/></body></opml>')
            result = subprocess.run(ctl + ['import-opml', opml], env=env, capture_output=True, text=True)
            assert result.returncode != 0, f'imported {opml} from inside the sandbox: {result.stdout}'
            log(f'import-opml {opml}: refused ({result.stderr.strip().splitlines()[-1] if result.stderr else "no output"})')
            result = subprocess.run(ctl + ['add', 'file://' + opml], env=env, capture_output=True, text=True)
            assert result.returncode != 0, f'subscribed to file://{opml}'
            log(f'add file://{opml}: refused ({result.stderr.strip().splitlines()[-1] if result.stderr else "no output"})')

        for app_id in app_ids:
            check_app(app_id, 'briefing-devel' if app_id.endswith('.Devel') else 'briefing')
        print(f'flatpak-check: all checks passed for {", ".join(app_ids)}')
    finally:
        for app_id in app_ids:
            subprocess.run(['flatpak', 'kill', app_id], env=env, stderr=subprocess.DEVNULL)
        for process in reversed(processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        server.shutdown()
        app_log.close()


if __name__ == '__main__':
    main()
