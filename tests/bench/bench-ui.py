#!/usr/bin/python3
# bench-ui.py — run by `meson test --benchmark bench-ui`
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The built app, as a reader feels it, against references measured in the
# same run:
#
# 1. Launch to the first painted sidebar (BRIEFING_TIMINGS=1's
#    "first-paint", against CLOCK_MONOTONIC read just before spawning) with
#    100,000 stored briefings, with an empty store (only the bundled
#    samples), and for an empty AdwApplicationWindow (bare-window.c).
#    Target: 100,000 within 1.2x of empty.
# 2. Resident memory after scrolling through 10,000 briefings of the
#    100,000 with the mouse wheel (XTest through AT-SPI), with an article
#    open; the WebKit processes apart. Target: the app under 150 MB.
#    Besides VmRSS it prints the anonymous and file-backed parts, the
#    store's pages resident through SQLite's memory map, and Pss.
# 3. The longest main-loop stall (a 5 ms timer in the app) while the
#    schedule's first round refreshes 500 subscribed feeds served from
#    loopback. Target: none over 50 ms.
#
# Feeds come from HTTP servers on 127.0.0.1 to 127.0.0.50 (ten feeds a
# host for the 500, four for the 200 that build the big store), so the
# per-host connection limit works as it does for a reader with many
# sites. Nothing binds anything but loopback.
#
# Launches, memory and stalls are measured twice: with the renderer the
# app draws with when left to choose (on Xvfb, where GL is Mesa's software
# rasteriser, cairo: the app makes GTK 4.8's choice what GTK 4.14 does)
# and with GSK_RENDERER=cairo.
#
# It prints the figures and ratios; it never fails on a time. It fails
# when a run is invalid: the app did not start, paint, fetch every feed,
# or scroll. BENCH_REPEATS sets the launches per case (5) and the refresh
# runs (3 at most); medians are reported. BENCH_UI_ONLY=memory (or
# launches, stalls) runs one part alone.

import json
import os
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

SKIP = 77

if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
    print('bench-ui: skipping: no display (run it under Xvfb, as build-aux/dev test does)')
    sys.exit(SKIP)
if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    print('bench-ui: skipping: no session bus (run it under dbus-run-session)')
    sys.exit(SKIP)

sys.path.insert(0, os.path.join(os.environ.get('BRIEFING_SOURCE_ROOT', ''), 'tests', 'ui'))
from briefing_ui import find, log, wait_for  # noqa: E402  (exits 77 without AT-SPI)
from fixture_server import scene, serve_http  # noqa: E402

from gi.repository import Atspi  # noqa: E402

BIG_SOURCES = 200
PER_SOURCE = 500            # the default retention keeps 500 a source
BIG_ENTRIES = BIG_SOURCES * PER_SOURCE
SCROLL_THROUGH = 10_000
# Resident memory may grow by this much while scrolling through them.
GROWTH_TARGET_MB = 20
REFRESH_FEEDS = 500
N_HOSTS = 50

LAUNCH_TARGET = 1.2
STALL_TARGET_MS = 50
RSS_TARGET_MB = 150

WHEEL_BATCH = 100

REPEATS = max(1, int(os.environ.get('BENCH_REPEATS', '5')))
ONLY = os.environ.get('BENCH_UI_ONLY')


def wanted(part):
    return ONLY is None or ONLY == part
REFRESH_REPEATS = min(REPEATS, 3)

WORDS = '''council budget harbour minister election river bridge school energy storm museum festival
railway hospital market court mayor climate league orchestra province treaty vaccine satellite drought
harvest parliament strike airport library tunnel reservoir census ferry village summit inquiry verdict
forecast volunteers research startup coast valley farmers nurses teachers drivers pilots miners
students workers tenants residents voters ministers judges doctors engineers scientists athletes
opens closes wins loses plans delays approves rejects warns praises backs blocks raises cuts names
the a of and in to for after with says new over from amid before during'''.split()
SUBJECTS = ['Politics', 'Economy', 'Weather', 'Culture', 'Sport', 'Health', 'Science', 'Transport',
            'Education', 'Environment', 'Justice', 'Technology', 'World', 'Local', 'Opinion']
PLACES = ['Lisbon', 'Nairobi', 'Osaka', 'Quebec', 'Valparaíso', 'Tromsø', 'Lagos', 'Hanoi', 'Porto', 'Dublin']


def now_us():
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000


def words(rng, n):
    return ' '.join(rng.choice(WORDS) for _ in range(n))


# Feeds -----------------------------------------------------------------------

class Feeds:
    """Feeds made up on request, the same every time for the same path:
    /feed/SET/N.xml, with `per_feed(N)` items, and /img/... photos."""

    def __init__(self):
        self.now = datetime.now(timezone.utc)
        self.thumbnail = scene((90, 130, 180), (200, 210, 230), (70, 90, 60),
                               [(0.3, 0.4, 0.6, 0.7, (180, 60, 50))], width=320, height=180)
        self.requests = 0
        self.lock = threading.Lock()
        self.servers = [serve_http(self.answer, f'127.0.0.{host}') for host in range(1, N_HOSTS + 1)]

    def answer(self, request):
        if request.path.startswith('/img/'):
            return self.thumbnail, 'image/png'
        parts = request.path.strip('/').split('/')
        if len(parts) != 3 or parts[0] != 'feed' or not parts[2].endswith('.xml'):
            return None, None
        with self.lock:
            self.requests += 1
        host = request.server.server_address[0]
        return self.rss(host, parts[1], int(parts[2][:-4])).encode(), 'application/rss+xml; charset=utf-8'

    def url(self, kind, n):
        server = self.servers[n % N_HOSTS]
        host, port = server.server_address
        return f'http://{host}:{port}/feed/{kind}/{n}.xml'

    def rss(self, host, kind, n):
        rng = random.Random(f'{kind}-{n}')
        items = PER_SOURCE if kind == 'big' else rng.randint(20, 50)
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
               'xmlns:media="http://search.yahoo.com/mrss/" '
               'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>',
               f'<title>Bench {kind} news {n}</title><link>http://site{n}.{kind}.test/</link>'
               f'<description>Stories from site {n}</description><language>en</language>']
        for i in range(items):
            published = self.now - timedelta(seconds=i * 4 * 3600 + rng.randint(0, 3600) + n * 7)
            title = escape(words(rng, rng.randint(6, 12)).capitalize())
            out.append(f'<item><title>{title}</title>'
                       f'<link>http://site{n}.{kind}.test/story/{i}</link>'
                       f'<guid isPermaLink="false">{kind}-{n}-{i}</guid>'
                       f'<pubDate>{format_datetime(published)}</pubDate>'
                       f'<category domain="subject">{rng.choice(SUBJECTS)}</category>'
                       f'<category domain="place">{rng.choice(PLACES)}</category>'
                       f'<description>&lt;p&gt;{words(rng, rng.randint(25, 50))}.&lt;/p&gt;</description>')
            if n % 2 == 0:
                paragraphs = ''.join(f'<p>{words(rng, rng.randint(20, 45))}.</p>'
                                     for _ in range(rng.randint(4, 9)))
                out.append(f'<content:encoded><![CDATA[{paragraphs}]]></content:encoded>')
            if i % 3 == 0:
                port = self.servers[n % N_HOSTS].server_address[1]
                out.append(f'<media:content url="http://{host}:{port}/img/{kind}-{n}-{i}.png" medium="image" '
                           f'type="image/png" width="320" height="180"><media:description>Photo for '
                           f'story {i}</media:description><media:credit>Bench desk</media:credit>'
                           f'</media:content>')
            out.append('</item>')
        out.append('</channel></rss>\n')
        return '\n'.join(out)

    def stop(self):
        for httpd in self.servers:
            httpd.shutdown()
            httpd.server_close()


# Stores ----------------------------------------------------------------------

class Home:
    """Private XDG directories; the store is XDG_DATA_HOME/briefing/briefing.db."""

    def __init__(self, root, name):
        self.path = os.path.join(root, name)
        self.env = dict(os.environ)
        for kind in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
            directory = os.path.join(self.path, kind.lower())
            os.makedirs(directory, exist_ok=True)
            self.env[f'XDG_{kind}_HOME'] = directory
        os.makedirs(os.path.join(self.path, 'data', 'briefing'), exist_ok=True)
        self.env['GSETTINGS_BACKEND'] = 'memory'
        # Tests only: WebKit's sandbox cannot start as root in a container.
        self.env['WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS'] = '1'
        self.env['WEBKIT_DISABLE_COMPOSITING_MODE'] = '1'
        self.env['BRIEFING_TIMINGS'] = '1'
        self.env.pop('NO_AT_BRIDGE', None)
        self.env.pop('GTK_A11Y', None)

    @property
    def db(self):
        return os.path.join(self.path, 'data', 'briefing', 'briefing.db')

    def ctl(self, *args, timeout=1800):
        result = subprocess.run([os.environ['BRIEFINGCTL'], *args], env=self.env, capture_output=True,
                                text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f'briefingctl {" ".join(args)} failed: {result.stderr.strip()}')
        return result.stdout

    def subscribe(self, urls):
        opml = os.path.join(self.path, 'subscriptions.opml')
        with open(opml, 'w') as f:
            f.write('<?xml version="1.0"?>\n<opml version="2.0"><head><title>bench</title></head><body>\n')
            for url in urls:
                f.write(f'<outline type="rss" text="{escape(url)}" xmlUrl="{escape(url)}"/>\n')
            f.write('</body></opml>\n')
        self.ctl('import-opml', opml)

    def count(self, table='entries'):
        with sqlite3.connect(f'file:{self.db}?mode=ro', uri=True) as db:
            return db.execute(f'SELECT COUNT(*) FROM {table}').fetchone()[0]

    def copy_store_to(self, other):
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(self.db + suffix):
                shutil.copy(self.db + suffix, other.db + suffix)


# Processes -------------------------------------------------------------------

class Running:
    """A launched program whose stderr "briefing-timing:" lines are
    collected as they come."""

    def __init__(self, argv, env):
        self.lines = []
        self.other = []
        self.cond = threading.Condition()
        self.t0 = now_us()
        self.process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stderr:
            with self.cond:
                if line.startswith('briefing-timing: '):
                    self.lines.append(line.split()[1:])
                else:
                    self.other.append(line.rstrip())
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_event(self, event, after=0, timeout=120):
        """The fields of the first `event` line after the first `after`
        lines, and its index."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for index in range(after, len(self.lines)):
                    if self.lines[index][0] == event:
                        return self.lines[index], index
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.process.poll() is not None:
                    tail = '\n'.join(self.other[-15:])
                    raise RuntimeError(f'no "{event}" from {self.process.args[0]} '
                                       f'(status {self.process.poll()}):\n{tail}')
                self.cond.wait(min(remaining, 0.5))

    def first_paint_ms(self):
        fields, _ = self.wait_event('first-paint')
        return (int(fields[1]) - self.t0) / 1000

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # WebKit's helpers go with their parent; make sure of it before the
        # next launch is measured.
        for pid in descendants(self.process.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def quit_app(running, home):
    """Quits Briefing the way the reader's Ctrl+Q would (its "quit" action,
    over D-Bus), so the store closes cleanly; SIGTERM if that fails."""
    subprocess.run(['gdbus', 'call', '--session', '--dest', 'io.github.briefing.Briefing',
                    '--object-path', '/io/github/briefing/Briefing', '--method',
                    'org.gtk.Actions.Activate', 'quit', '[]', '{}'], env=home.env,
                   capture_output=True, timeout=10)
    try:
        running.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    running.stop()


def descendants(pid):
    children = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(')') + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


class Memory:
    """A process's resident memory in MB: VmRSS (what `ps` shows), its
    anonymous part (heap, the app's own), its file-backed part (mostly
    shared libraries), Pss (shared pages split among their users) and the
    peak VmHWM."""

    KINDS = ('rss', 'anon', 'file', 'store', 'pss', 'peak')

    def __init__(self, pid=None):
        self.count = 0
        self.rss = self.anon = self.file = self.store = self.pss = self.peak = 0.0
        if pid is not None:
            self.add(pid)

    def add(self, pid):
        fields = {}
        for name in ('status', 'smaps_rollup'):
            with open(f'/proc/{pid}/{name}') as f:
                for line in f:
                    key, _, value = line.partition(':')
                    if value.strip().endswith('kB'):
                        fields.setdefault(key, int(value.split()[0]) / 1024)
        self.count += 1
        self.store += store_mapped(pid)
        self.rss += fields.get('VmRSS', 0)
        self.anon += fields.get('RssAnon', 0)
        self.file += fields.get('RssFile', 0) + fields.get('RssShmem', 0)
        self.pss += fields.get('Pss', 0)
        self.peak += fields.get('VmHWM', 0)
        return self

    def row(self):
        return ' '.join(f'{getattr(self, kind):>7.1f}' for kind in self.KINDS)


def store_mapped(pid):
    """MB of the SQLite store resident through its memory map (part of
    the file-backed figure)."""
    total, in_store = 0, False
    with open(f'/proc/{pid}/smaps') as f:
        for line in f:
            first = line.split(None, 1)[0]
            if '-' in first and not first.endswith(':'):
                in_store = line.rstrip().endswith('/briefing.db')
            elif in_store and first == 'Rss:':
                total += int(line.split()[1])
    return total / 1024


def command_name(pid):
    with open(f'/proc/{pid}/cmdline', 'rb') as f:
        return os.path.basename(f.read().split(b'\0')[0].decode(errors='replace')) or '?'


def helpers_memory(pid):
    """The memory of a process's descendants (WebKit's web and network
    processes), summed by command name."""
    found = {}
    for child in descendants(pid):
        try:
            found.setdefault(command_name(child), Memory()).add(child)
        except OSError:
            continue
    return found


def software_gl(running):
    """Whether GTK draws with GL through Mesa's software rasteriser, which
    costs memory (LLVM) and main-loop time that a GPU would not. The app
    says which renderer drew its first frame; on GTK before 4.14 it picks
    cairo itself on llvmpipe, as newer GTK does, so this is true only
    where that was overridden."""
    with open(f'/proc/{running.process.pid}/maps') as f:
        maps = f.read()
    software = 'swrast_dri' in maps or 'libLLVM' in maps or 'libgallium' in maps
    return software and renderer_name(running) != 'GskCairoRenderer'


def renderer_name(running):
    fields, _ = running.wait_event('renderer')
    return fields[1]


# AT-SPI ----------------------------------------------------------------------

def accessible_app(pid):
    def look():
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_process_id() == pid:
                return app
        return None
    return wait_for(look, timeout=30, what='the app on the AT-SPI bus')


def visible_positions(listing, index_of):
    """Positions in the store's order of the rows the list has realized."""
    positions = []
    for i in range(listing.get_child_count()):
        for text in walk_labels(listing.get_child_at_index(i)):
            position = index_of.get(text)
            if position is not None:
                positions.append(position)
    return positions


def walk_labels(accessible, depth=0):
    if accessible is None or depth > 12:
        return
    try:
        if accessible.get_role_name() == 'label':
            yield accessible.get_name()
        for i in range(accessible.get_child_count()):
            yield from walk_labels(accessible.get_child_at_index(i), depth + 1)
    except Exception:
        return


# Measurements ----------------------------------------------------------------

def median(values):
    return statistics.median(values)


def launch_times(cases):
    """Launches every case REPEATS times, interleaved, after one warm-up
    launch each (which also seeds the samples into a new store). Returns
    {name: [(launch ms, startup-to-paint ms)]}."""
    times = {name: [] for name, _, _ in cases}
    for round_ in range(REPEATS + 1):
        for name, argv, home in cases:
            is_briefing = argv[0] == os.environ['BRIEFING']
            running = Running(argv, home.env)
            try:
                ms = running.first_paint_ms()
                start = running.wait_event('start')[0]
                paint = running.wait_event('first-paint')[0]
                own = (int(paint[1]) - int(start[1])) / 1000
                if is_briefing:
                    # Let the warm-up's samples land before quitting.
                    time.sleep(0.3 if round_ > 0 else 2.0)
            finally:
                if is_briefing:
                    quit_app(running, home)
                else:
                    running.stop()
            if round_ > 0:
                times[name].append((ms, own))
            log(f'launch {"(warm-up) " if round_ == 0 else ""}{name}: {ms:.0f} ms')
    return times


def open_first_article(running):
    app = accessible_app(running.process.pid)
    window = wait_for(lambda: find(app, role='frame'), what='the main window')
    listing = wait_for(lambda: find(window, role='list', name='Briefings'), what='the sidebar list')
    wait_for(lambda: listing.get_child_count() > 3, what='rows')
    assert listing.select_child(0)
    wait_for(lambda: window.get_name() != 'Briefing', what='the first article')
    wait_for(lambda: helpers_memory(running.process.pid), what="WebKit's processes")
    return window, listing


def scroll_memory(home, order):
    """Scrolls the sidebar of the big store through SCROLL_THROUGH
    briefings with the mouse wheel, an article open; memory before and
    after, in the same process."""
    index_of = {title: i for i, title in enumerate(order)}
    running = Running([os.environ['BRIEFING']], home.env)
    try:
        running.first_paint_ms()
        window, listing = open_first_article(running)
        time.sleep(2)
        before = Memory(running.process.pid)

        box = listing.get_extents(Atspi.CoordType.WINDOW)
        x, y = box.x + box.width // 2, box.y + box.height // 2
        Atspi.generate_mouse_event(x, y, 'abs')
        started = time.monotonic()
        furthest, stuck, clicks = 0, 0, 0
        while furthest < SCROLL_THROUGH:
            # Reading the rows through AT-SPI costs the app memory too, so
            # not after every click.
            for _ in range(WHEEL_BATCH):
                Atspi.generate_mouse_event(x, y, 'b5c')
            clicks += WHEEL_BATCH
            positions = visible_positions(listing, index_of)
            reached = max(positions) if positions else furthest
            stuck = stuck + 1 if reached <= furthest else 0
            furthest = max(furthest, reached)
            if stuck > 20:
                raise RuntimeError(f'scrolling stopped at briefing {furthest}')
        seconds = time.monotonic() - started
        log(f'scrolled to briefing {furthest} with {clicks} wheel clicks in {seconds:.0f} s')

        # Read one of the briefings reached, then let the app settle.
        assert listing.select_child(min(2, listing.get_child_count() - 1))
        time.sleep(3)
        return {
            'furthest': furthest, 'clicks': clicks, 'seconds': seconds,
            'before': before, 'after': Memory(running.process.pid),
            'helpers': helpers_memory(running.process.pid),
            'software_gl': software_gl(running),
            'renderer': renderer_name(running),
        }
    finally:
        quit_app(running, home)


def reference_memory(home):
    """The app on a store of the samples alone, one article open."""
    running = Running([os.environ['BRIEFING']], home.env)
    try:
        running.first_paint_ms()
        open_first_article(running)
        time.sleep(3)
        return Memory(running.process.pid), helpers_memory(running.process.pid)
    finally:
        quit_app(running, home)


def bare_memory(home):
    running = Running([bare_window()], home.env)
    try:
        running.first_paint_ms()
        time.sleep(1)
        return Memory(running.process.pid)
    finally:
        running.stop()


def refresh_stalls(template, root, feeds, run, renderer=None):
    """One cold refresh of REFRESH_FEEDS subscribed feeds by the
    schedule's first round (3 s after launch), and the stalls the app
    reports around it."""
    home = Home(root, f'refresh-{run}')
    if renderer:
        home.env['GSK_RENDERER'] = renderer
    template.copy_store_to(home)
    before = feeds.requests
    running = Running([os.environ['BRIEFING']], home.env)
    try:
        paint, index = running.wait_event('first-paint')
        started, index = running.wait_event('refresh-started', after=index + 1, timeout=60)
        finished, _ = running.wait_event('refresh-finished', after=index + 1, timeout=900)
        fetched = feeds.requests - before
    finally:
        quit_app(running, home)
    if fetched < REFRESH_FEEDS:
        raise RuntimeError(f'the refresh fetched {fetched} feeds, not {REFRESH_FEEDS}')
    return {
        'refresh_stall_ms': int(finished[3]) / 1000,
        'idle_stall_ms': int(started[3]) / 1000,
        'launch_stall_ms': int(paint[3]) / 1000,
        'seconds': (int(finished[1]) - int(started[1])) / 1e6,
        'fetched': fetched,
        'stored': home.count(),
    }


def bare_window():
    return os.path.join(os.environ['BRIEFING_BUILD_ROOT'], 'tests', 'bench', 'bare-window')


# Main ------------------------------------------------------------------------

def main():
    for name in ('BRIEFING', 'BRIEFINGCTL', 'BRIEFING_BUILD_ROOT'):
        if not os.environ.get(name):
            print(f'bench-ui: set {name} (meson sets it)')
            return 1
    if not os.access(bare_window(), os.X_OK):
        print(f'bench-ui: no {bare_window()}')
        return 1

    root = tempfile.mkdtemp(prefix='bench-ui-')
    feeds = Feeds()
    try:
        return run(root, feeds)
    finally:
        feeds.stop()
        shutil.rmtree(root, ignore_errors=True)


def run(root, feeds):
    with open('/proc/loadavg') as f:
        load = f.read().split()[:3]
    print(f'bench-ui: {REPEATS} launches a case (medians), {REFRESH_REPEATS} refresh runs; '
          f'{os.cpu_count()} CPUs, load {" ".join(load)}')

    # The big store: 200 sources of 500, fetched and stored by briefingctl.
    big = Home(root, 'big')
    started = time.monotonic()
    big.subscribe([feeds.url('big', n) for n in range(BIG_SOURCES)])
    big.ctl('refresh')
    stored = big.count()
    print(f'bench-ui: built a store of {stored:,} briefings in {BIG_SOURCES} sources '
          f'({os.path.getsize(big.db) / 2**20:.0f} MB) with briefingctl in {time.monotonic() - started:.0f} s')
    if stored < BIG_ENTRIES:
        raise RuntimeError(f'the big store has {stored} briefings, not {BIG_ENTRIES}')

    # Launches, with GTK's own choice of renderer and with cairo (no GL).
    empty, bare = Home(root, 'empty'), Home(root, 'bare')
    briefing = os.environ['BRIEFING']
    cases = [('bare AdwApplicationWindow', [bare_window()], bare),
             ('Briefing, empty store (the samples)', [briefing], empty),
             (f'Briefing, {stored:,} briefings', [briefing], big)]
    if wanted('launches'):
        times = launch_times(cases)
        for home in (empty, bare, big):
            home.env['GSK_RENDERER'] = 'cairo'
        cairo_times = launch_times(cases)
        for home in (empty, bare, big):
            del home.env['GSK_RENDERER']

    # Memory, with GTK's renderer and with cairo. The sidebar's order
    # tells how far the scrolling went.
    order = [entry['title'] for entry in
             json.loads(big.ctl('list', '--limit', str(SCROLL_THROUGH + 2000), '--json'))]
    memory = {}
    for renderer in ((None, 'cairo') if wanted('memory') else ()):
        for home in (big, empty, bare):
            if renderer:
                home.env['GSK_RENDERER'] = renderer
            else:
                home.env.pop('GSK_RENDERER', None)
        memory[renderer] = (scroll_memory(big, order), reference_memory(empty), bare_memory(bare))
    for home in (big, empty, bare):
        home.env.pop('GSK_RENDERER', None)

    # Stalls: 500 feeds subscribed, never fetched; the template is copied
    # for each run.
    template = Home(root, 'refresh-template')
    if wanted('stalls'):
        template.subscribe([feeds.url('r', n) for n in range(REFRESH_FEEDS)])
    refreshes = {renderer: [refresh_stalls(template, root, feeds, f'{renderer or "gtk"}-{run}', renderer)
                            for run in range(REFRESH_REPEATS)]
                 for renderer in ((None, 'cairo') if wanted('stalls') else ())}

    if wanted('launches'):
        report_launches(cases, times, cairo_times)
    for renderer, (scrolled, samples, floor) in memory.items():
        report_memory(stored, renderer, scrolled, samples, floor)
    for renderer, runs in refreshes.items():
        report_stalls(renderer, runs, memory[None][0]['software_gl'] if None in memory else False)
    return 0


# Report ----------------------------------------------------------------------

def verdict(ok):
    return 'meets the target' if ok else 'MISSES the target'


def report_launches(cases, times, cairo_times):
    names = [name for name, _, _ in cases]
    print()
    print('  launch to the first painted sidebar, ms          GTK\'s renderer         GSK_RENDERER=cairo')
    print('                                             median    min    max  startup  median  startup')
    medians, cairo = {}, {}
    for name in names:
        launches = [ms for ms, _ in times[name]]
        medians[name] = median(launches)
        cairo[name] = median([ms for ms, _ in cairo_times[name]])
        print(f'  {name:<41} {medians[name]:>7.0f} {min(launches):>6.0f} {max(launches):>6.0f}'
              f' {median([own for _, own in times[name]]):>8.0f} {cairo[name]:>7.0f}'
              f' {median([own for _, own in cairo_times[name]]):>8.0f}')
    print('  ("startup": from the app\'s GApplication startup to the paint, without process start)')
    bare, empty, big = names
    ratio = medians[big] / medians[empty]
    print(f'  100,000 / empty store  {ratio:5.2f}x  (cairo {cairo[big] / cairo[empty]:4.2f}x)'
          f'   target 1.2x or less: {verdict(ratio <= LAUNCH_TARGET)}')
    print(f'  100,000 / bare window  {medians[big] / medians[bare]:5.2f}x  (cairo {cairo[big] / cairo[bare]:4.2f}x)')
    print(f'  empty   / bare window  {medians[empty] / medians[bare]:5.2f}x  (cairo {cairo[empty] / cairo[bare]:4.2f}x)')


def report_memory(stored, renderer, scrolled, samples, floor):
    after = scrolled['after']
    (samples, samples_helpers) = samples
    print()
    title = f'GSK_RENDERER={renderer}' if renderer else f"GTK's choice, {scrolled['renderer']}"
    print(f'  resident memory, MB, {title:<26}   VmRSS    anon    file (store)     Pss    peak')
    print(f'  Briefing, {stored:,} stored, first article open {scrolled["before"].row()}')
    print(f'  the same, after scrolling through {scrolled["furthest"]:,}   {after.row()}')
    for name, memory in sorted(scrolled['helpers'].items()):
        print(f'    its {name} ({memory.count}){"":<{max(0, 32 - len(name))}} {memory.row()}')
    print(f'  Briefing, the samples only, first article open   {samples.row()}')
    for name, memory in sorted(samples_helpers.items()):
        print(f'    its {name} ({memory.count}){"":<{max(0, 32 - len(name))}} {memory.row()}')
    print(f'  bare AdwApplicationWindow                        {floor.row()}')
    print(f'  Briefing after scrolling: {after.rss:.0f} MB resident'
          f'   target under {RSS_TARGET_MB} MB: {verdict(after.rss < RSS_TARGET_MB)}')
    grown = after.rss - scrolled["before"].rss
    print(f'    grown by {grown:.0f} MB while scrolling (target {GROWTH_TARGET_MB} MB or less:'
          f' {verdict(grown <= GROWTH_TARGET_MB)})'
          f' ({after.anon - scrolled["before"].anon:.0f} MB anonymous);'
          f' {after.rss - floor.rss:.0f} MB over a bare window;'
          f' {after.rss / samples.rss:.2f}x the samples-only app;'
          f' {scrolled["clicks"]} wheel clicks in {scrolled["seconds"]:.0f} s')
    if scrolled['software_gl'] and renderer is None:
        print('    GTK draws with GL on Mesa\'s software rasteriser here (as on Xvfb): LLVM, the driver'
              ' and the frames it draws on the CPU are in these figures')


def report_stalls(renderer, refreshes, software_gl):
    print()
    name = renderer or "GTK's renderer"
    print(f'  main-loop stalls, {name}, ms ({REFRESH_FEEDS}-feed refresh)'.ljust(53) + 'run: '
          + ' '.join(f'{i + 1:>7}' for i in range(len(refreshes))) + '   median')
    for key, label in (('refresh_stall_ms', 'longest stall during the refresh'),
                       ('idle_stall_ms', 'longest stall, first paint to refresh'),
                       ('launch_stall_ms', 'longest stall, startup to first paint'),
                       ('seconds', 'refresh duration, s')):
        values = [r[key] for r in refreshes]
        print(f'  {label:<50} ' + ' '.join(f'{v:>7.1f}' for v in values) + f'   {median(values):>6.1f}')
    print('  feeds fetched / briefings stored: '
          + ', '.join(f'{r["fetched"]} / {r["stored"]:,}' for r in refreshes))
    worst = max(r['refresh_stall_ms'] for r in refreshes)
    print(f'  longest stall during a refresh: {worst:.1f} ms'
          f'   target 50 ms or less: {verdict(worst <= STALL_TARGET_MS)}')
    if software_gl and renderer is None:
        print('    GL on Mesa\'s software rasteriser draws each frame of the whole window on the CPU,'
              ' tens of ms a frame: compare the stall before the refresh began')


if __name__ == '__main__':
    try:
        sys.exit(main())
    except RuntimeError as error:
        print(f'bench-ui: invalid run: {error}')
        sys.exit(1)
