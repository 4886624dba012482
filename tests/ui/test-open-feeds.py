#!/usr/bin/python3
# test-open-feeds.py BRIEFING SCHEMA_DIR SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the desktop hands over, as the file manager and the browser do:
# `briefing feed:http://…` opens Add Source with the web address; so does
# `feed://…` handed to the app already running; a feed file opens Add
# Source with the address the feed gives for itself (JSON Feed's
# feed_url, Atom's rel="self"), or says that it names none; an OPML file
# opens the import, which lists its sources and subscribes only when the
# reader says Import. Feeds are served on 127.0.0.1 only.

import json
import os
import shutil
import subprocess
import sys
import tempfile

from briefing_ui import App, find, gone, log, press, require_display, texts, wait_for
from fixture_server import serve_http

RSS = b'''<?xml version="1.0"?>
<rss version="2.0"><channel><title>Loopback News</title><link>http://127.0.0.1/</link>
<item><title>A briefing</title><guid>1</guid></item></channel></rss>'''


def write(folder, name, text):
    path = os.path.join(folder, name)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    return path


class OpenFeeds:
    def __init__(self, binary, schema_dir, screenshot_dir):
        self.app = App(binary, schema_dir, screenshot_dir)
        self.binary = binary
        self.folder = tempfile.mkdtemp(prefix='briefing-open-')
        self.server = serve_http(lambda request: (RSS, 'application/rss+xml')
                                 if request.path.endswith('.xml') else (None, None))
        self.base = f'http://127.0.0.1:{self.server.server_address[1]}'

    def hand_over(self, argument):
        """Launches a second `briefing` with the argument, as the desktop
        does while the app runs: it hands the argument to the running app
        and exits."""
        done = subprocess.run([self.binary, argument], env=self.app.env, timeout=30,
                              capture_output=True, text=True)
        assert done.returncode == 0, f'briefing {argument} exited with {done.returncode}: {done.stderr}'

    def add_source_dialog(self):
        return wait_for(lambda: self.app.toplevel('Add Source'), what='the Add Source dialog')

    def address_in(self, dialog):
        entry = wait_for(lambda: find(dialog, role='text', name='Feed or Web Page Address'),
                         what='the address row')
        return entry.get_text(0, entry.get_character_count())

    def expect_address(self, expected, what):
        dialog = self.add_source_dialog()
        wait_for(lambda: self.address_in(dialog) == expected,
                 what=f'{expected} in Add Source ({what}); it says {self.address_in(dialog)!r}')
        log(f'{what}: Add Source shows {expected}')
        return dialog

    def close(self, dialog):
        press('Escape')
        wait_for(lambda: gone(dialog), what='the dialog to close')

    def run(self):
        # Started by a feed: link: the window and Add Source, filled in.
        self.app.start(f'feed:{self.base}/feed.xml')
        self.window = self.app.window()
        dialog = self.expect_address(f'{self.base}/feed.xml', 'feed:http://… at start')
        self.app.screenshot('open-feed-link')
        self.close(dialog)

        # Handed to the running app: feed:// stands for http://, and
        # feed:https:// wraps the address.
        self.hand_over(f'feed://127.0.0.1:{self.server.server_address[1]}/other.xml')
        self.close(self.expect_address(f'{self.base}/other.xml', 'feed://… to the running app'))
        self.hand_over('feed:https://127.0.0.1/secure.xml')
        self.close(self.expect_address('https://127.0.0.1/secure.xml', 'feed:https://… to the running app'))

        # Not a web address: explained, nothing filled in.
        self.hand_over('feed:file:///etc/passwd')
        dialog = self.add_source_dialog()
        wait_for(lambda: any('not a web address' in t for t in texts(dialog)), what='the refusal explained')
        assert self.address_in(dialog) == '', 'a file: address reached Add Source'
        log('feed:file:… refused in words')
        self.close(dialog)

        # A JSON Feed file stands for its feed_url, never for itself.
        path = write(self.folder, 'feed.json', json.dumps({
            'version': 'https://jsonfeed.org/version/1.1', 'title': 'Loopback JSON',
            'feed_url': f'{self.base}/feed.json', 'home_page_url': self.base,
            'items': [{'id': '1', 'title': 'A briefing', 'content_text': 'Text'}]}))
        self.hand_over(path)
        self.close(self.expect_address(f'{self.base}/feed.json', 'a JSON Feed file'))

        # An Atom file with its rel="self" link.
        path = write(self.folder, 'atom.xml', f'''<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Loopback Atom</title><id>urn:x</id>
<updated>2026-01-01T00:00:00Z</updated>
<link rel="alternate" href="{self.base}/"/><link rel="self" href="{self.base}/atom.xml"/>
<entry><title>A briefing</title><id>urn:x:1</id><updated>2026-01-01T00:00:00Z</updated></entry></feed>''')
        self.hand_over(path)
        self.close(self.expect_address(f'{self.base}/atom.xml', 'an Atom file'))

        # An RSS file that names no address of its own: said so.
        path = write(self.folder, 'saved.rss', RSS.decode())
        self.hand_over(path)
        dialog = self.add_source_dialog()
        wait_for(lambda: any('does not say at which web address' in t for t in texts(dialog)),
                 what='the explanation that the file names no address')
        assert self.address_in(dialog) == '', 'an address was made up for a file that names none'
        log('a feed file without its address: explained')
        self.app.screenshot('open-feed-file-without-address')
        self.close(dialog)

        # Read within the cap, like any input: a file past 32 MB is not
        # read to the end (a sparse file, so it costs no disk).
        path = os.path.join(self.folder, 'huge.xml')
        with open(path, 'wb') as f:
            f.truncate(40 * 1024 * 1024)
        self.hand_over(path)
        dialog = self.add_source_dialog()
        wait_for(lambda: any('too large to be a feed' in t for t in texts(dialog)), what='the cap explained')
        log('a 40 MB file: too large, said so')
        self.close(dialog)

        self.import_opml()

    def import_opml(self):
        path = write(self.folder, 'subscriptions.opml', f'''<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
<outline text="Loopback One" type="rss" xmlUrl="{self.base}/one.xml"/>
<outline text="Folder"><outline text="Loopback Two" type="rss" xmlUrl="{self.base}/two.xml"/></outline>
<outline text="Local" type="rss" xmlUrl="file:///etc/passwd"/>
</body></opml>''')
        self.hand_over(path)
        heading = wait_for(lambda: next((w for w in self.app.toplevels()
                                         if find(w, role='label', name='Import Subscriptions?')), None),
                           what='the import to ask')
        shown = texts(heading)
        for title in ('Loopback One', 'Loopback Two', f'{self.base}/one.xml', f'{self.base}/two.xml'):
            assert title in shown, f'{title!r} is not listed in the import: {shown}'
        assert not any('passwd' in t for t in shown), 'a file: outline is offered'
        assert any('lists 2 sources' in t for t in shown), f'the count is not said: {shown}'
        log('the import lists the two web sources and asks')
        self.app.screenshot('open-opml')

        # Enter is the default response: Import.
        press('Return')
        wait_for(lambda: gone(heading), what='the import dialog to close')
        wait_for(lambda: find(self.window, role='label', name='Subscribed to 2 sources'),
                 what='the import to subscribe to both')
        log('Import subscribed to the two sources')

    def stop(self):
        self.app.stop()
        self.server.shutdown()
        shutil.rmtree(self.folder, ignore_errors=True)


def main():
    binary, schema_dir, screenshot_dir = sys.argv[1:4]
    require_display()
    test = OpenFeeds(binary, schema_dir, screenshot_dir)
    try:
        test.run()
        warnings = test.app.warnings()
        assert not warnings, 'the app warned:\n' + '\n'.join(warnings)
    finally:
        test.stop()
    print('ok')


if __name__ == '__main__':
    main()
