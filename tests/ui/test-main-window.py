#!/usr/bin/python3
# test-main-window.py BRIEFING SCHEMA_DIR SAMPLES_XML SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The first launch, as a reader sees it: with no network and no sources
# the sidebar lists the bundled sample briefings; selecting one shows its
# headline; the arrow keys move through the list.

import sys
import xml.etree.ElementTree as ElementTree

from briefing_ui import App, click, find, log, press, require_display, texts, wait_for


def sample_titles(path):
    channel = ElementTree.parse(path).getroot().find('channel')
    return [item.findtext('title').strip() for item in channel.findall('item')]


def main():
    binary, schema_dir, samples, screenshot_dir = sys.argv[1:5]
    require_display()
    expected = sample_titles(samples)

    app = App(binary, schema_dir, screenshot_dir)
    try:
        app.start()
        window = app.window()

        briefings = wait_for(lambda: find(window, role='list', name='Briefings'), what='the sidebar list')
        wait_for(lambda: briefings.get_child_count() >= len(expected), what='the sample briefings')
        shown = texts(briefings)
        for title in expected:
            assert title in shown, f'{title!r} is not in the sidebar'
        log(f'sidebar lists {briefings.get_child_count()} briefings, all {len(expected)} samples among them')
        app.screenshot('first-launch')

        # Select the third briefing: the window title and the article
        # header follow it.
        third = briefings.get_child_at_index(2)
        third_title = [t for t in texts(third) if t in expected][0]
        assert briefings.select_child(2)
        wait_for(lambda: window.get_name() == third_title, what='the window title to follow the selection')
        wait_for(lambda: find(window, role='label', name=third_title,
                              predicate=lambda a: a.get_parent().get_parent().get_name() == 'AdwWindowTitle'),
                 what='the headline in the article header')
        log(f'selected: {third_title}')

        # The article view names itself after the briefing it shows (the
        # WebKit page inside is not on the AT-SPI bus with GTK 4.8).
        wait_for(lambda: find(window, role='panel', name=third_title), what='the article view to show it')
        app.screenshot('article')

        # Down moves to the next briefing.
        fourth = briefings.get_child_at_index(3)
        fourth_title = [t for t in texts(fourth) if t in expected][0]
        click(third)
        press('Down')
        wait_for(lambda: window.get_name() == fourth_title, what='Down to select the next briefing')
        log(f'Down selected: {fourth_title}')

        # Opening a briefing marks it read: its unread dot leaves the
        # accessible tree.
        wait_for(lambda: find(fourth, role='image', name='Unread') is None, what='the briefing to be marked read')
        assert find(briefings.get_child_at_index(4), role='image', name='Unread') is not None
        press('Up')
        wait_for(lambda: window.get_name() == third_title, what='Up to select the previous briefing')
        app.screenshot('main')
        # The metainfo's screenshot (data/screenshots/main.png): the window
        # alone, at the size software centres show.
        app.screenshot_window('metainfo/main.png', 1000, 700)
    finally:
        app.stop()

    print('ok')


if __name__ == '__main__':
    main()
