#!/usr/bin/python3
# test-links.py BRIEFING BRIEFINGCTL SCHEMA_DIR SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Only web and mail addresses leave the app. A store holds briefings whose
# links are what a hostile feed would like the desktop to open (local
# files, script and data URLs, sftp:, a scheme some handler claims, a
# mailto: that attaches a file), as a store written before the parser
# refused them would. "Open Original" is pressed on each, through AT-SPI,
# with a recorder standing in for every handler on the desktop: it must
# see the web address and the mail address (without attach=), and nothing
# else; each refused address shows a toast.

import http.server
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time

from briefing_ui import App, find, log, require_display, row_titles, wait_for

FEED = '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Link Test Gazette</title><link>https://example.net/</link>
{items}
</channel></rss>
'''

# Title -> the link the store is given, and what the desktop may receive.
LINKS = [
    ('Opening a web page', 'https://example.net/story', 'https://example.net/story'),
    ('Writing to the desk', 'mailto:desk@example.net?subject=Tip&attach=/etc/passwd',
     'mailto:desk@example.net?subject=Tip'),
    ('Reading a local file', 'file:///etc/passwd', None),
    ('Running a script', 'javascript:alert(document.cookie)', None),
    ('Opening a data page', 'data:text/html,<script>alert(1)</script>', None),
    ('Browsing a file server', 'sftp://example.net/home', None),
    ('Starting a handler', 'x-briefing-test-handler:run', None),
    ('Reading a file spelt oddly', ' fi\nle:///etc/shadow', None),
]

REFUSED = 'Briefing opens only web and e-mail addresses'

HANDLED_TYPES = [
    'x-scheme-handler/http', 'x-scheme-handler/https', 'x-scheme-handler/mailto', 'x-scheme-handler/file',
    'x-scheme-handler/sftp', 'x-scheme-handler/data', 'x-scheme-handler/javascript',
    'x-scheme-handler/x-briefing-test-handler', 'text/plain', 'text/html', 'application/octet-stream',
    'inode/directory',
]


class FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        items = ''.join(f'<item><title>{title}</title><guid>link-{i}</guid>'
                        f'<link>https://example.net/placeholder/{i}</link>'
                        f'<pubDate>Sat, 28 Nov 2026 {9 + i:02d}:00:00 GMT</pubDate>'
                        f'<description>Story {i}.</description></item>'
                        for i, (title, _, _) in enumerate(LINKS))
        body = FEED.format(items=items).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/rss+xml')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def install_recorder(app):
    """A desktop entry claiming every scheme and file type at stake, which
    appends each address it is given to a log."""
    log_path = os.path.join(app.home, 'launched.log')
    script = os.path.join(app.home, 'recorder.sh')
    with open(script, 'w') as f:
        f.write(f'#!/bin/sh\nfor uri in "$@"; do printf "%s\\n" "$uri" >> "{log_path}"; done\n')
    os.chmod(script, stat.S_IRWXU)

    applications = os.path.join(app.env['XDG_DATA_HOME'], 'applications')
    os.makedirs(applications, exist_ok=True)
    with open(os.path.join(applications, 'briefing-test-recorder.desktop'), 'w') as f:
        f.write('[Desktop Entry]\nType=Application\nName=Recorder\n'
                f'Exec={script} %u\nMimeType={";".join(HANDLED_TYPES)};\nNoDisplay=true\n')
    with open(os.path.join(app.env['XDG_CONFIG_HOME'], 'mimeapps.list'), 'w') as f:
        f.write('[Default Applications]\n')
        for mime_type in HANDLED_TYPES:
            f.write(f'{mime_type}=briefing-test-recorder.desktop\n')
    return log_path


def launched(log_path):
    if not os.path.exists(log_path):
        return []
    with open(log_path) as f:
        return [line.rstrip('\n') for line in f if line.strip()]


def main():
    binary, briefingctl, schema_dir, screenshot_dir = sys.argv[1:5]
    require_display()

    app = App(binary, schema_dir, screenshot_dir)
    log_path = install_recorder(app)

    # The store: subscribed while the feed is served, then the links set
    # to what an old store might hold. The server then goes, so that the
    # app's own refresh cannot put the links right.
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), FeedHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    feed_url = f'http://127.0.0.1:{server.server_address[1]}/feed.xml'
    subprocess.run([briefingctl, 'add', feed_url], env=app.env, check=True, capture_output=True)
    server.shutdown()
    server.server_close()

    database = sqlite3.connect(os.path.join(app.env['XDG_DATA_HOME'], 'briefing', 'briefing.db'))
    with database:
        for title, link, _ in LINKS:
            changed = database.execute('UPDATE entries SET link = ? WHERE title = ?', (link, title)).rowcount
            assert changed == 1, f'no stored briefing "{title}"'
    database.close()

    started = time.monotonic()
    try:
        app.start()
        window = app.window()
        briefings = wait_for(lambda: find(window, role='list', name='Briefings'), what='the sidebar list')
        titles = [title for title, _, _ in LINKS]
        wait_for(lambda: set(titles) <= set(row_titles(briefings, set(titles))), what='the test briefings')

        expected = []
        for title, link, allowed in LINKS:
            position = row_titles(briefings, set(titles)).index(title)
            before = len(launched(log_path))
            assert briefings.select_child(position)
            wait_for(lambda: window.get_name() == title, what=f'"{title}" to open')

            button = wait_for(lambda: find(window, role='push button', name='Open Original'),
                              what='the Open Original button')
            assert button.get_action_iface().do_action(0)

            if allowed is not None:
                expected.append(allowed)
                wait_for(lambda: len(launched(log_path)) > before, timeout=15, what=f'{allowed} to be launched')
                log(f'"{title}": the desktop was handed {launched(log_path)[-1]}')
            else:
                wait_for(lambda: find(window, role='label', name=REFUSED), what=f'the toast for {link!r}')
                # A handler that was wrongly started would have written by now.
                time.sleep(1.0)
                assert len(launched(log_path)) == before, f'{link!r} was launched: {launched(log_path)}'
                log(f'"{title}": {link!r} refused with a toast')
                if title == 'Reading a local file':
                    app.screenshot('links-refused')
                # Dismissed, so that the next refusal shows a toast of its own.
                dismiss = find(window, role='push button', name='Dismiss')
                if dismiss is not None:
                    dismiss.get_action_iface().do_action(0)
                wait_for(lambda: find(window, role='label', name=REFUSED) is None, timeout=15,
                         what='the toast to go')

        assert launched(log_path) == expected, f'the desktop was handed {launched(log_path)}, not {expected}'
        log(f'launched: {launched(log_path)}')

        warnings = app.warnings()
        assert not warnings, 'the app logged criticals or warnings:\n' + '\n'.join(warnings)
    finally:
        app.stop()

    log(f'{time.monotonic() - started:.1f} s')
    print('ok')


if __name__ == '__main__':
    main()
