#!/usr/bin/python3
# test-coverage-pane.py BRIEFING BRIEFINGCTL SCHEMA_DIR NEWS_DIR SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The related-topics pane on news from several outlets (tests/fixtures/news,
# served from 127.0.0.1 and subscribed with briefingctl before the app
# starts): open a briefing, read its topic chips (kind and name, through
# AT-SPI) and its Coverage list, which must hold the same event from the
# other outlets and nothing else, above Related Briefings. Before that, the
# sidebar: the story is listed once, as its newest briefing with "N
# sources"; clicking that shows the other outlets' briefings indented under
# it, and the one to open is among them.

import json
import os
import shutil
import subprocess
import sys
import time

from briefing_ui import (App, click, extents, find, find_all, is_selected, log, on_screen, require_display,
                         row_titles, row_with_title, texts, wait_for)
from fixture_server import serve_http

NARROW = 360
FEEDS = ['herald.xml', 'courier.atom', 'dispatch.rdf', 'ledger.json', 'tageblatt.xml', 'gazette.atom']
TYPES = {'.xml': 'application/rss+xml', '.atom': 'application/atom+xml', '.rdf': 'application/rdf+xml',
         '.json': 'application/feed+json'}

# The briefing opened, and what its chips must include.
OPENED = 'Aid Convoys Roll Through Rafah As UN Envoy Haddad Visits Gaza'
CHIPS = ['Person: Farid Haddad', 'Place: Rafah', 'Place: Gaza']


def story_button(row):
    """A story's "N sources" button (GTK 4.8 gives toggle buttons the
    push button role)."""
    return find(row, role='push button',
                predicate=lambda a: (a.get_name() or '').startswith(('Show the story', 'Hide the story')))


def main():
    binary, ctl, schema_dir, news_dir, screenshot_dir = sys.argv[1:6]
    require_display()

    def answer(request):
        name = os.path.basename(request.path.split('?')[0])
        path = os.path.join(news_dir, name)
        if name not in FEEDS or not os.path.exists(path):
            return None, None
        with open(path, 'rb') as f:
            return f.read(), TYPES[os.path.splitext(name)[1]]

    with open(os.path.join(news_dir, 'labels.json'), encoding='utf-8') as f:
        labels = json.load(f)['entries']
    event = next(e['event'] for e in labels if e['title'] == OPENED)
    same_event = {e['title'] for e in labels if e['event'] == event and e['title'] != OPENED}

    httpd = serve_http(answer)
    base = f'http://127.0.0.1:{httpd.server_address[1]}'
    # The keyfile backend, so that the test can change the setting as
    # Preferences or the main menu would.
    app = App(binary, schema_dir, screenshot_dir, settings={'group-stories': 'true'})
    started = time.monotonic()
    try:
        for feed in FEEDS:
            subprocess.run([ctl, 'add', f'{base}/{feed}'], env=app.env, check=True, capture_output=True)
        log(f'subscribed to {len(FEEDS)} outlets with briefingctl')

        app.start()
        window = app.window()
        briefings = wait_for(lambda: find(window, role='list', name='Briefings'), what='the sidebar list')

        # The story once, as its newest briefing, with its sources.
        story_titles = same_event | {OPENED}

        def story_lead():
            leads = [r for r in (briefings.get_child_at_index(i) for i in range(briefings.get_child_count()))
                     if set(texts(r)) & story_titles]
            if len(leads) != 1:
                return None
            toggle = story_button(leads[0])
            return (leads[0], toggle) if toggle is not None else None

        lead, toggle = wait_for(story_lead, what='the story listed once, with its sources')
        lead_title = next(t for t in texts(lead) if t in story_titles)
        sources = len({e['source'] for e in labels if e['event'] == event})
        log(f'story listed once as "{lead_title}", its button "{toggle.get_name()}"')
        assert toggle.get_name().startswith('Show the story from '), toggle.get_name()
        assert toggle.get_name().endswith(f' {sources} sources'), f'{toggle.get_name()} for {sources} sources'

        click(toggle)
        wait_for(lambda: row_with_title(briefings, OPENED) is not None, what='the story to expand')
        wait_for(lambda: len(row_titles(briefings, story_titles)) == len(story_titles),
                 what='every source of the story under it')
        order = row_titles(briefings, story_titles)
        assert order[0] == lead_title, f'the story\'s newest is not first: {order}'
        lead_x = extents(find(lead, role='label', name=lead_title))[0]
        for title in order[1:]:
            member = row_with_title(briefings, title)
            member_x = extents(find(member, role='label', name=title))[0]
            assert member_x > lead_x, f'"{title}" is not indented under the story ({member_x} <= {lead_x})'
            assert story_button(member) is None, f'"{title}" offers the story again'
        log(f'expanded: {order}')
        app.screenshot('sidebar-story')

        # Down to a phone's width, the story and its sources still fit.
        if shutil.which('xdotool'):
            width, height = extents(window)[2:]
            app.resize(NARROW, 720)
            wait_for(lambda: extents(window)[2] == NARROW, what=f'the window to be {NARROW} px wide')
            for title in order:
                wait_for(lambda: on_screen(find(row_with_title(briefings, title), role='label', name=title), NARROW),
                         what=f'"{title}" within {NARROW} px')
            wait_for(lambda: on_screen(story_button(lead), NARROW), what=f'"N sources" within {NARROW} px')
            app.screenshot('sidebar-story-narrow')
            app.screenshot_window('metainfo/narrow.png')
            app.resize(width, height)
            wait_for(lambda: extents(window)[2] > 2 * NARROW, what='the window wide again')

        row = row_with_title(briefings, OPENED)
        position = next(i for i in range(briefings.get_child_count()) if briefings.get_child_at_index(i) == row)
        assert briefings.select_child(position)
        wait_for(lambda: window.get_name() == OPENED, what='the briefing to open')

        # Chips: at most 12, each named by its kind and its name.
        topics = wait_for(lambda: find(window, name='Topics', predicate=lambda a: a.get_child_count() > 0),
                          what='the topic chips')
        for chip in CHIPS:
            wait_for(lambda: find(window, role='push button', name=chip), what=f'the "{chip}" chip')
        chips = [b.get_name() for b in find_all(topics, role='push button')]
        assert 0 < len(chips) <= 12, f'{len(chips)} chips: {chips}'
        assert all(': ' in c for c in chips), f'a chip without its kind: {chips}'
        log(f'{len(chips)} chips: {", ".join(chips)}')

        # Coverage: the same event from the other outlets, above Related.
        coverage = wait_for(lambda: find(window, role='list', name='Coverage'), what='the Coverage list')
        wait_for(lambda: coverage.get_child_count() > 0, what='the coverage to be grouped')
        covered = [coverage.get_child_at_index(i).get_name() for i in range(coverage.get_child_count())]
        assert set(covered) <= same_event, f'Coverage holds other events: {set(covered) - same_event}'
        assert len(covered) >= 2, f'Coverage holds only {covered}'
        related = wait_for(lambda: find(window, role='list', name='Related Briefings'), what='the related briefings')
        assert not set(covered) & {related.get_child_at_index(i).get_name()
                                   for i in range(related.get_child_count())}, 'a briefing in both lists'
        cov_y, rel_y = extents(coverage)[1], extents(related)[1]
        assert cov_y <= rel_y, f'Coverage (y {cov_y}) is not above Related Briefings (y {rel_y})'
        log(f'Coverage: {covered}')
        app.screenshot('coverage-pane')

        # Ungrouped and grouped again while it is being read: the briefing
        # stays selected, its story opened under the newest to show it.
        def set_grouping(value):
            path = os.path.join(app.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile')
            with open(path) as f:
                text = f.read()
            with open(path, 'w') as f:
                f.write(text.replace(f'group-stories={"false" if value else "true"}',
                                     f'group-stories={"true" if value else "false"}'))

        def opened_selected():
            row = row_with_title(briefings, OPENED)
            return row is not None and is_selected(row)

        set_grouping(False)
        wait_for(lambda: story_button(briefings) is None, what='the list ungrouped')
        wait_for(opened_selected, what=f'"{OPENED}" selected in the ungrouped list')
        set_grouping(True)
        wait_for(lambda: story_button(briefings) is not None, what='the list grouped again')
        wait_for(opened_selected, what=f'"{OPENED}" selected under its story')
        assert window.get_name() == OPENED, window.get_name()
        log('regrouped: the briefing being read stays selected, its story open')

        # The metainfo's second screenshot (data/screenshots/coverage.png).
        app.screenshot_window('metainfo/coverage.png', 1000, 700)

        warnings = app.warnings()
        assert not warnings, 'the app logged criticals or warnings:\n' + '\n'.join(warnings)
    finally:
        app.stop()
        httpd.shutdown()
        httpd.server_close()

    log(f'{time.monotonic() - started:.1f} s')
    print('ok')


if __name__ == '__main__':
    main()
