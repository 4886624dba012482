#!/usr/bin/python3
# test-long-run.py BRIEFING BRIEFINGCTL SCHEMA_DIR SCREENSHOT_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One app process through a thousand scheduled refresh rounds of fifty
# feeds that change at every request (a new story with a photo each time),
# the window open on the sidebar: after a warm-up, its resident memory and
# its open file descriptors stay flat (growth under 5%). The schedule is
# shortened with BRIEFING_TEST_SCHEDULE_MS, a test-only hook that makes
# every source due at each tick. BRIEFING_LONG_RUN_ROUNDS changes the
# number of rounds (1000); BRIEFING_LONG_RUN_CHECK_GROWTH=0 only reports
# the growth (under AddressSanitizer, whose quarantine grows by design).

import os
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from briefing_ui import App, find, log, require_display, wait_for
from fixture_server import png, serve_http

FEEDS = 50
# Ten hosts of five feeds, as a reader's sources are spread over sites:
# the fetcher makes at most two connections a host.
HOSTS = 10
ROUNDS = int(os.environ.get('BRIEFING_LONG_RUN_ROUNDS', '1000'))
WARM_UP = max(1, ROUNDS // 5)
ITEMS_PER_FEED = 20
GROWTH_LIMIT = 0.05
CHECK_GROWTH = os.environ.get('BRIEFING_LONG_RUN_CHECK_GROWTH', '1') != '0'

# Solid-coloured photos, so that the rows show thumbnails.
PHOTOS = [png(160, 120, [bytes((40 * i, 120, 200 - 30 * i)) * 160] * 120) for i in range(5)]


class Feeds:
    """Fifty feeds; each request to one adds a story to it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = [0] * FEEDS
        self.started = datetime.now(timezone.utc) - timedelta(days=1)

    def rounds(self):
        with self.lock:
            return min(self.requests)

    def feed(self, n, host):
        with self.lock:
            self.requests[n] += 1
            count = self.requests[n]
        items = []
        for k in range(max(0, count - ITEMS_PER_FEED), count):
            when = format_datetime(self.started + timedelta(seconds=k * 60 + n), usegmt=True)
            items.append(f'<item><title>Feed {n} story {k}: the council meets again</title>'
                         f'<guid>feed-{n}-story-{k}</guid><link>https://example.net/{n}/{k}</link>'
                         f'<pubDate>{when}</pubDate>'
                         f'<description>&lt;p&gt;Story {k} of feed {n}, with a paragraph of text about '
                         f'the harbour, the ferry and the council.&lt;/p&gt;</description>'
                         f'<media:content url="http://{host}/img/{n}/{k % 5}.png" medium="image">'
                         f'<media:description>Photo {k}</media:description></media:content></item>')
        return ('<?xml version="1.0" encoding="UTF-8"?>'
                '<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
                f'<title>Long Run {n}</title><link>https://example.net/{n}</link>'
                + ''.join(reversed(items)) + '</channel></rss>').encode()


def serve(feeds, address):
    def answer(request):
        parts = request.path.strip('/').split('/')
        if parts[0] == 'feed':
            return feeds.feed(int(parts[1]), request.headers.get('Host')), 'application/rss+xml'
        if parts[0] == 'img':
            return PHOTOS[int(parts[2][:-4]) % len(PHOTOS)], 'image/png'
        return None, None

    return serve_http(answer, address, keep_alive=True)


def resident_kb(pid):
    with open(f'/proc/{pid}/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    raise AssertionError('no VmRSS')


def open_fds(pid):
    return len(os.listdir(f'/proc/{pid}/fd'))


def sample(pid, feeds, until_round):
    """Resident memory and descriptors at a few moments around a round:
    the median, so that a round caught half-way does not decide."""
    rss, fds = [], []
    while feeds.rounds() < until_round:
        time.sleep(0.2)
    for _ in range(5):
        rss.append(resident_kb(pid))
        fds.append(open_fds(pid))
        time.sleep(0.3)
    return statistics.median(rss), statistics.median(fds)


def main():
    binary, briefingctl, schema_dir, screenshot_dir = sys.argv[1:5]
    require_display()

    feeds = Feeds()
    servers = [serve(feeds, f'127.0.0.{1 + h}') for h in range(HOSTS)]

    app = App(binary, schema_dir, screenshot_dir)
    app.env['BRIEFING_TEST_SCHEDULE_MS'] = '100'
    # The cheaper renderer: what is measured is what the app keeps, not
    # what a software GL rasteriser costs per frame.
    app.env['GSK_RENDERER'] = 'cairo'

    # Subscribed by OPML before the launch: the scheduler fetches them.
    opml = os.path.join(app.home, 'feeds.opml')
    with open(opml, 'w') as f:
        f.write('<?xml version="1.0"?><opml version="2.0"><body>')
        for n in range(FEEDS):
            host, port = servers[n % HOSTS].server_address
            f.write(f'<outline text="Long Run {n}" xmlUrl="http://{host}:{port}/feed/{n}"/>')
        f.write('</body></opml>')
    subprocess.run([briefingctl, 'import-opml', opml], env=app.env, check=True, capture_output=True)

    started = time.monotonic()
    try:
        app.start()
        window = app.window()
        wait_for(lambda: find(window, role='list', name='Briefings'), what='the sidebar list')

        warm_rss, warm_fds = sample(app.process.pid, feeds, WARM_UP)
        log(f'after {WARM_UP} rounds ({time.monotonic() - started:.0f} s): '
            f'{warm_rss / 1024:.1f} MB resident, {warm_fds} descriptors')

        checkpoints = [WARM_UP + (ROUNDS - WARM_UP) * i // 4 for i in range(1, 5)]
        for checkpoint in checkpoints:
            rss, fds = sample(app.process.pid, feeds, checkpoint)
            assert app.process.poll() is None, f'the app exited with status {app.process.returncode}'
            log(f'after {checkpoint} rounds ({time.monotonic() - started:.0f} s): '
                f'{rss / 1024:.1f} MB resident ({(rss - warm_rss) / warm_rss:+.1%}), {fds} descriptors')

        end_rss, end_fds = rss, fds
        app.screenshot('long-run')
        assert not CHECK_GROWTH or end_rss <= warm_rss * (1 + GROWTH_LIMIT), \
            f'resident memory grew from {warm_rss / 1024:.1f} to {end_rss / 1024:.1f} MB'
        assert not CHECK_GROWTH or end_fds <= max(warm_fds * (1 + GROWTH_LIMIT), warm_fds + 1), \
            f'open descriptors grew from {warm_fds} to {end_fds}'

        warnings = app.warnings()
        assert not warnings, 'the app logged criticals or warnings:\n' + '\n'.join(warnings)
    finally:
        app.stop()
        for server in servers:
            server.shutdown()

    log(f'{ROUNDS} rounds of {FEEDS} feeds in {time.monotonic() - started:.0f} s')
    print('ok')


if __name__ == '__main__':
    main()
