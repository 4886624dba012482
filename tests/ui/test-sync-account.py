#!/usr/bin/python3
# test-sync-account.py BRIEFING SCHEMA_DIR SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Preferences → Sync → Add Account against a real Tiny Tiny RSS on
# 127.0.0.1 (tests/sync/ttrss_server.py): a wrong password is said in
# words under the fields, the right one adds the account, the first sync
# fills the sidebar, and the sources popover lists the account's feeds
# under its name and their tt-rss category, apart from "On This Computer".
# Skips (77) where the tt-rss harness's packages are missing.

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'sync'))

from briefing_ui import (CONTROL_MASK, App, click, extents, find, gone, log, press, require_display,  # noqa: E402
                         texts, type_text, wait_for)
import ttrss_server  # noqa: E402


def items(prefix, title, n):
    return [{'guid': f'{prefix}-{i}', 'title': f'{title} {i}', 'link': f'http://127.0.0.1/{prefix}/{i}',
             'content': f'<p>{title} {i}: the harbour authority reports on the works.</p>',
             'date': time.strftime('%a, %d %b %Y %H:%M:%S +0000', time.gmtime(time.time() - i * 3600))}
            for i in range(1, n + 1)]


def press_button(root, name):
    # GTK 4.8 names a button with a text label after the label twice.
    button = wait_for(lambda: find(root, role='push button', predicate=lambda a: a.get_name().startswith(name)),
                      what=f'the {name} button')
    assert button.get_action_iface().do_action(0), f'{name} did nothing'


def fill(dialog, field, text):
    entry = wait_for(lambda: find(dialog, role='text', name=field), what=f'the {field} field')
    click(entry)
    time.sleep(0.2)
    press('a', CONTROL_MASK)
    press('BackSpace')
    type_text(text)
    return entry


def main():
    binary, schema_dir, screenshot_dir = sys.argv[1:4]
    require_display()
    ttrss_server.skip_unless_available()

    feeds = ttrss_server.serve_feeds({
        '/harbour.xml': ttrss_server.rss('Harbour Times', items('harbour', 'Ferry timetable change', 3)),
        '/council.xml': ttrss_server.rss('Council Notes', items('council', 'Council budget vote', 2)),
    })
    with ttrss_server.TtRss() as srv:
        srv.sql("INSERT INTO ttrss_feed_categories (owner_uid, title) "
                "SELECT id, 'Local News' FROM ttrss_users WHERE login = 'reader'")
        category = int(srv.sql("SELECT id FROM ttrss_feed_categories WHERE title = 'Local News'")[0][0])
        srv.subscribe(f'{feeds.base_url}/harbour.xml', category_id=category)
        srv.subscribe(f'{feeds.base_url}/council.xml')
        srv.update_feeds()

        app = App(binary, schema_dir, screenshot_dir)
        app.env.update(SECRET_BACKEND='file',
                       SECRET_FILE_TEST_PATH=os.path.join(app.home, 'keyring'),
                       SECRET_FILE_TEST_PASSWORD='test-keyring')
        try:
            app.start()
            window = app.window()

            press('comma', CONTROL_MASK)
            preferences = wait_for(lambda: app.toplevel('Preferences'), what='Preferences')
            sync_page = wait_for(lambda: find(preferences, name='Sync'), what='the Sync page')
            click(sync_page)
            press_button(preferences, 'Add Account…')
            dialog = wait_for(lambda: app.toplevel('Add Account'), what='the Add Account dialog')

            fill(dialog, 'Server Address', srv.url)
            fill(dialog, 'User Name', 'reader')
            fill(dialog, 'Password', 'not-the-password')
            press_button(dialog, 'Log In')
            wait_for(lambda: 'The user name or password is wrong' in texts(dialog),
                     timeout=60, what='the wrong password said in words')
            log('a wrong password is said under the fields')
            app.screenshot('sync-account-wrong-password')

            fill(dialog, 'Password', 'reader-pass')
            press_button(dialog, 'Log In')
            wait_for(lambda: gone(dialog), timeout=60, what='the dialog to close once logged in')
            wait_for(lambda: 'Tiny Tiny RSS' in texts(preferences), what='the account in Preferences')
            log('the account shows in Preferences')
            wait_for(lambda: any(t.startswith('Last synced') for label in texts(preferences)
                                 for t in label.split('\n')),
                     timeout=90, what='the first sync to finish')
            app.screenshot('sync-account-preferences')
            press('Escape')
            wait_for(lambda: gone(preferences), what='Preferences to close')

            wait_for(lambda: any('Ferry timetable change 1' in t for t in texts(window)),
                     timeout=60, what='the synced briefings in the sidebar')
            log('the synced briefings are in the sidebar')

            sources = wait_for(lambda: find(window, role='toggle button', name='Sources')
                               or find(window, name='Sources'), what='the Sources button')
            click(sources)
            wait_for(lambda: 'Tiny Tiny RSS (reader)' in texts(app.accessible), what='the account section')
            time.sleep(1)
            app.screenshot('sync-account-sources')
            # The tree lists headers apart from their rows: order by height.
            def top(name, role):
                found = find(app.accessible, role=role, predicate=lambda a: a.get_name().startswith(name))
                assert found is not None, f'no {role} {name!r} in the sources popover'
                return extents(found)[1]

            places = {'Tiny Tiny RSS (reader)': top('Tiny Tiny RSS (reader)', 'label'),
                      'Council Notes': top('Council Notes, ', 'list item'),
                      'Local News': top('Local News', 'label'),
                      'Harbour Times': top('Harbour Times, ', 'list item'),
                      'On This Computer': top('On This Computer', 'label'),
                      'Sample briefings': top('Sample briefings, ', 'list item')}
            order = sorted(places, key=places.get)
            # The feed in no category under the account's name, then the
            # category and its feed, then this computer's.
            assert order == ['Tiny Tiny RSS (reader)', 'Council Notes', 'Local News', 'Harbour Times',
                             'On This Computer', 'Sample briefings'], places
            log(f'the sources popover: {order}')
            press('Escape')
        finally:
            app.stop()
    return 0


if __name__ == '__main__':
    sys.exit(main())
