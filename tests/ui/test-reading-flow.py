#!/usr/bin/python3
# test-reading-flow.py BRIEFING SCHEMA_DIR SAMPLES_XML SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A reader's first session, end to end, against feeds served from
# 127.0.0.1 (tests/ui/fixtures, photos drawn by fixture_server.py):
#
#   first launch (samples) -> Ctrl+N, type a web page's address, Find
#   Feeds, Add (twice: the page offers two papers covering the same
#   story) -> F5 after the paper publishes a new story -> open a briefing
#   with a photo: caption and credit -> click a topic chip: the sidebar
#   shows only that topic -> Clear Filter -> open the other paper's take
#   on the story from Coverage -> m marks it unread and read again -> under Unread,
#   Mark All as Read empties the list and Undo brings it back -> a 360 px window:
#   the leaflet folds; sidebar -> article -> topics -> back with Escape.
#
# Every state is saved as a screenshot in SCREENSHOT_DIR/reading-flow-*.png.
# Input is real (XTest) where a reader's input matters: keys, clicks,
# typing; selecting a sidebar row uses AT-SPI's selection.

import os
import shutil
import sys
import time
import xml.etree.ElementTree as ElementTree

from briefing_ui import (CONTROL_MASK, SHIFT_MASK, App, click, extents, find, find_all, gone, is_selected, log, on_screen,
                         press, require_display, row_titles, row_with_title, texts, type_text, wait_for)
from fixture_server import FIXTURES, FixtureServer

ATOM = '{http://www.w3.org/2005/Atom}'
MEDIA = '{http://search.yahoo.com/mrss/}'

NARROW = 360


class Story:
    def __init__(self, title, topics, caption=None, credit=None):
        self.title = title
        self.topics = topics
        self.caption = caption
        self.credit = credit


def rss_stories(path):
    root = ElementTree.parse(path).getroot()
    items = root.iter('item')
    return [Story(item.findtext('title'),
                  {c.text for c in item.findall('category')},
                  item.findtext(f'{MEDIA}content/{MEDIA}description'),
                  item.findtext(f'{MEDIA}content/{MEDIA}credit')) for item in items]


def atom_stories(path):
    root = ElementTree.parse(path).getroot()
    return [Story(entry.findtext(f'{ATOM}title'),
                  {c.get('term') for c in entry.findall(f'{ATOM}category')},
                  entry.findtext(f'{MEDIA}content/{MEDIA}description'),
                  entry.findtext(f'{MEDIA}content/{MEDIA}credit')) for entry in root.iter(f'{ATOM}entry')]


def late_stories():
    with open(os.path.join(FIXTURES, 'harbour-gazette-late.xml'), encoding='utf-8') as f:
        fragment = f.read()
    wrapped = ('<rss xmlns:media="http://search.yahoo.com/mrss/" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>' + fragment + '</channel></rss>')
    path = os.path.join(os.environ.get('TMPDIR', '/tmp'), f'late-{os.getpid()}.xml')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(wrapped)
    try:
        return rss_stories(path)
    finally:
        os.unlink(path)


def sample_titles(path):
    channel = ElementTree.parse(path).getroot().find('channel')
    return [item.findtext('title').strip() for item in channel.findall('item')]


class Flow:
    def __init__(self, app, server, samples):
        self.app = app
        self.server = server
        self.gazette = rss_stories(os.path.join(FIXTURES, 'harbour-gazette.xml'))
        self.courier = atom_stories(os.path.join(FIXTURES, 'valley-courier.xml'))
        self.late = late_stories()
        self.samples = samples
        self.all_titles = set(samples) | {s.title for s in self.gazette + self.courier + self.late}
        self.shot = 0

    def screenshot(self, name):
        self.shot += 1
        return self.app.screenshot(f'reading-flow-{self.shot:02d}-{name}')

    def listed(self):
        return row_titles(self.briefings, self.all_titles)

    def wait_listed(self, expected, what):
        """Waits until the sidebar lists exactly `expected` (a set)."""
        try:
            return wait_for(lambda: set(self.listed()) == set(expected), what=what)
        except AssertionError:
            log(f'listed: {self.listed()}')
            log(f'expected: {sorted(expected)}')
            raise

    def banner(self):
        """The text of the filter banner, or None when it is hidden."""
        clear = find(self.window, role='push button', name='Clear Filter')
        labels = [t for t in texts(clear.get_parent()) if t and t != 'GtkLabel'] if clear else []
        return labels[0] if labels else None

    # Steps ---------------------------------------------------------------

    def first_launch(self):
        self.window = self.app.window()
        self.briefings = wait_for(lambda: find(self.window, role='list', name='Briefings'),
                                  what='the sidebar list')
        self.wait_listed(self.samples, 'the sample briefings on first launch')
        log(f'first launch lists the {len(self.samples)} samples')
        self.screenshot('first-launch')

    def add_source(self, address, feed_title, offered_titles, stories, first):
        # Ctrl+N opens Add Source (real keys, into the main window).
        press('n', CONTROL_MASK)
        dialog = wait_for(lambda: self.app.toplevel('Add Source'), what='the Add Source dialog')
        entry = wait_for(lambda: find(dialog, role='text', name='Feed or Web Page Address'),
                         what='the address row')
        click(entry)
        type_text(address)
        if first:
            self.screenshot('add-source-typed')

        find_button = wait_for(lambda: find(dialog, role='push button', name='Find Feeds'),
                               what='Find Feeds')
        click(find_button)
        found = wait_for(lambda: find(dialog, role='list', name='Feeds Found'), what='the feeds found')
        add = wait_for(lambda: find(found, role='push button', name=f'Add {feed_title}'),
                       what=f'"Add {feed_title}" among the feeds found')
        offered = [item.get_name() for item in find_all(found, role='list item')]
        assert offered == offered_titles, f'{address} offers {offered}, not {offered_titles}'
        if first:
            self.screenshot('add-source-found')

        click(add)
        wait_for(lambda: gone(dialog), what='the dialog to close after subscribing')

        # The sidebar shows the new source alone, with a banner to leave it.
        titles = {s.title for s in stories}
        self.wait_listed(titles, f'the briefings of {feed_title}')
        banner = wait_for(self.banner, what='the source banner')
        assert banner == f'Source: {feed_title}', f'the banner says {banner!r}'
        log(f'subscribed to {feed_title}: {len(titles)} briefings, banner "{banner}"')
        self.screenshot(f'subscribed-{feed_title.lower().replace(" ", "-")}')

    def clear_filter(self):
        click(find(self.window, role='push button', name='Clear Filter'))
        wait_for(lambda: self.banner() is None or not find(self.window, role='push button', name='Clear Filter'),
                 what='the banner to go')

    def refresh(self):
        late = self.late[0]
        self.server.publish_late()
        fetched = self.server.requests.count('/feeds/harbour-gazette.xml')

        # F5 into the main window (a click on the sidebar's title puts the
        # pointer, and so the focus, there). A refresh already under way
        # (the schedule's first round) ignores F5, as it should; the reader
        # would press it again, and so does the test, once.
        click(find(self.window, role='label', name='Briefing'))
        press('F5')
        try:
            wait_for(lambda: self.server.requests.count('/feeds/harbour-gazette.xml') > fetched, timeout=5,
                     what='F5 to fetch the feed')
        except AssertionError:
            log('F5 fetched nothing (a refresh was under way?); pressing it again')
            press('F5')
            wait_for(lambda: self.server.requests.count('/feeds/harbour-gazette.xml') > fetched,
                     what='F5 to fetch the feed')

        wait_for(lambda: late.title in self.listed(), what='the new story after F5')
        assert self.listed()[0] == late.title, f'the newest story is not first: {self.listed()[:3]}'
        log(f'F5 fetched the feed again; "{late.title}" is listed first')
        self.screenshot('refreshed')

    def open_with_photo(self):
        story = self.gazette[0]
        assert story.caption and story.credit
        position = self.listed().index(story.title)
        assert self.briefings.select_child(position)

        wait_for(lambda: self.window.get_name() == story.title, what='the window title to follow the selection')
        article = wait_for(lambda: find(self.window, role='panel', name=story.title), what='the article view')
        description = wait_for(lambda: article.get_description() or None, what='the photo caption and credit')
        assert story.caption in description, f'no caption in {description!r}'
        assert story.credit in description, f'no credit in {description!r}'
        log(f'article "{story.title}": caption and credit in its description')

        # The photo reaches the sidebar too (the app fetched it from us).
        row = row_with_title(self.briefings, story.title)
        wait_for(lambda: find(row, role='image', name='Photo'), what='the thumbnail in its row')
        wait_for(lambda: '/feeds/images/ferry.png' in self.server.requests, what='the photo to be fetched')
        self.screenshot('article-with-photo')
        return story

    def filter_by_topic(self, story, topic):
        chip = wait_for(lambda: find(self.window, role='push button', name=f'Place: {topic}'),
                        what=f'the "Place: {topic}" chip')
        click(chip)

        expected = {s.title for s in self.gazette + self.courier + self.late if topic in s.topics}
        assert len(expected) >= 3 and story.title in expected
        self.wait_listed(expected, f'only briefings about {topic}')
        banner = wait_for(self.banner, what='the topic banner')
        assert banner == f'Topic: {topic}', f'the banner says {banner!r}'
        log(f'topic chip: the sidebar lists {len(expected)} briefings about {topic}, banner "{banner}"')

        # The briefing being read is still the selected row in the new list.
        wait_for(lambda: is_selected(row_with_title(self.briefings, story.title)),
                 what=f'"{story.title}" to stay selected under the topic filter')
        self.screenshot('topic-filter')

        self.clear_filter()
        self.wait_listed(self.all_titles, 'every briefing again after Clear Filter')
        log('Clear Filter: every briefing listed again')

    def open_related(self, story):
        # The other paper's take on the same story is its Coverage, above
        # the related briefings.
        other = self.courier[0]
        coverage = wait_for(lambda: find(self.window, role='list', name='Coverage'),
                            what='the Coverage list')
        item = wait_for(lambda: find(coverage, role='list item', name=other.title),
                        what=f'"{other.title}" (Valley Courier) in the Coverage list')
        first = coverage.get_child_at_index(0).get_name()
        assert first == other.title, f'the other paper\'s take is not first in Coverage: {first!r}'

        click(item)
        wait_for(lambda: self.window.get_name() == other.title, what='the related briefing to open')
        article = wait_for(lambda: find(self.window, role='panel', name=other.title), what='its article')
        wait_for(lambda: other.caption in (article.get_description() or ''), what='its caption')
        subtitle = find(self.window, role='label', name='Valley Courier',
                        predicate=lambda a: a.get_parent().get_parent().get_name() == 'AdwWindowTitle')
        assert subtitle is not None, 'the article header does not name Valley Courier'
        log(f'related briefing from Valley Courier opened: "{other.title}"')
        self.screenshot('related-opened')
        return other

    def toggle_read(self, story):
        row = row_with_title(self.briefings, story.title)
        assert row is not None
        # Opening it marked it read.
        wait_for(lambda: find(row, role='image', name='Unread') is None, what='the opened briefing to be read')

        press('m')
        wait_for(lambda: find(row, role='image', name='Unread') is not None, what='m to mark it unread')
        log('m: marked unread (the Unread dot is back)')
        self.screenshot('marked-unread')

        press('m')
        wait_for(lambda: find(row, role='image', name='Unread') is None, what='m to mark it read again')
        log('m: marked read again')

    def filter_button(self, label):
        # GTK 4.8 gives toggle buttons the push button role.
        return find(self.window, predicate=lambda a: a.get_role_name() in ('toggle button', 'push button') and
                    a.get_name() == label)

    def mark_all_read(self):
        click(self.filter_button('Unread'))
        wait_for(lambda: 0 < len(self.listed()) < len(self.all_titles), what='the unread briefings alone')
        unread = set(self.listed())

        # The list follows the store's signal; nothing reloads it by hand.
        press('m', CONTROL_MASK | SHIFT_MASK)
        wait_for(lambda: find(self.window, role='label', name='All Caught Up') and not self.listed(),
                 what='"All Caught Up" after Mark All as Read')
        log(f'Ctrl+Shift+M under Unread: {len(unread)} briefings marked read, the list is empty')
        self.screenshot('all-caught-up')

        undo = wait_for(lambda: find(self.window, role='push button', predicate=lambda a: 'Undo' in a.get_name()),
                        what='the Undo button on the toast')
        click(undo)
        self.wait_listed(unread, 'the same briefings unread again after Undo')
        log('Undo: the same briefings are unread and listed again')

        click(self.filter_button('All'))
        self.wait_listed(self.all_titles, 'every briefing under All')

    def narrow(self, story):
        self.app.resize(NARROW, 720)
        wait_for(lambda: extents(self.window)[2] == NARROW, what='the window to be 360 px wide')
        back = wait_for(lambda: find(self.window, role='push button', name='Back'),
                        what='the Back button (the leaflet folded)')
        article = find(self.window, role='panel', name=story.title)

        # Folded, the sidebar shows alone.
        wait_for(lambda: on_screen(self.briefings, NARROW) and not on_screen(article, NARROW),
                 what='the sidebar alone')
        log(f'360 px: folded, the sidebar alone ({extents(self.briefings)}; article at {extents(article)})')
        self.screenshot('narrow-sidebar')

        # Return on a row opens it: the article alone.
        row = row_with_title(self.briefings, story.title)
        click(row)
        press('Return')
        wait_for(lambda: on_screen(article, NARROW) and not on_screen(self.briefings, NARROW),
                 what='Return to show the article alone')
        assert on_screen(back, NARROW), f'Back is not on screen: {extents(back)}'
        log('360 px: Return on a row shows the article alone, with Back')
        self.screenshot('narrow-article')

        # The topics pane lies over the article.
        pane = find(self.window, name='Related Topics', predicate=lambda a: a.get_role_name() != 'push button')
        click(find(self.window, role='push button', name='Related Topics'))
        wait_for(lambda: on_screen(pane, NARROW) and find(self.window, role='push button',
                                                          name='Close Related Topics'),
                 what='the topics pane over the article')
        log(f'360 px: Related Topics shows the pane ({extents(pane)})')
        self.screenshot('narrow-topics')

        # Escape closes the pane, then goes back to the list. A toast on
        # screen would take the first Escape (libadwaita dismisses it), and
        # on a fast run the subscriptions' toasts can still be up.
        wait_for(lambda: not find(self.window, predicate=lambda a: a.get_name().startswith('Subscribed to')),
                 what="the subscriptions' toasts to go", timeout=60)
        press('Escape')
        wait_for(lambda: not on_screen(pane, NARROW), what='Escape to close the pane')
        wait_for(lambda: on_screen(article, NARROW), what='the article under the pane')
        press('Escape')
        wait_for(lambda: on_screen(self.briefings, NARROW) and not on_screen(article, NARROW),
                 what='Escape to go back to the sidebar')
        log('360 px: Escape closed the pane, Escape again went back to the sidebar')
        self.screenshot('narrow-back')


def main():
    binary, schema_dir, samples, screenshot_dir = sys.argv[1:5]
    require_display()
    if not shutil.which('xdotool'):
        print('# skipping: no xdotool to resize the window')
        sys.exit(77)

    server = FixtureServer()
    # Every briefing in a row of its own: the flow counts rows paper by
    # paper. A story listed once, grouped, is test-coverage-pane.py's.
    app = App(binary, schema_dir, screenshot_dir, settings={'group-stories': 'false'})
    started = time.monotonic()
    try:
        app.start()
        flow = Flow(app, server, sample_titles(samples))
        flow.first_launch()
        # A web page that advertises both papers' feeds, then a feed's own
        # address.
        flow.add_source(server.url('/'), 'Harbour Gazette', ['Harbour Gazette', 'Valley Courier'],
                        flow.gazette, first=True)
        flow.add_source(server.url('/feeds/valley-courier.xml'), 'Valley Courier', ['Valley Courier'],
                        flow.courier, first=False)
        flow.clear_filter()
        flow.wait_listed(set(flow.samples) | {s.title for s in flow.gazette + flow.courier},
                         'both sources and the samples after Clear Filter')
        flow.refresh()
        story = flow.open_with_photo()
        flow.filter_by_topic(story, 'Kestrel Bay')
        other = flow.open_related(story)
        flow.toggle_read(other)
        flow.mark_all_read()
        flow.narrow(other)

        # Last, so that every step above ran and left its screenshot.
        warnings = app.warnings()
        assert not warnings, 'the app logged criticals or warnings:\n' + '\n'.join(warnings)
    finally:
        app.stop()
        server.stop()

    log(f'{time.monotonic() - started:.1f} s')
    print('ok')


if __name__ == '__main__':
    main()
