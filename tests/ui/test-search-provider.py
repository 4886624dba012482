#!/usr/bin/python3
# test-search-provider.py BRIEFING BRIEFINGCTL SCHEMA_DIR
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# GNOME Shell's search (org.gnome.Shell.SearchProvider2) asked over a
# private bus whose service directory holds the app's D-Bus service file,
# so that the first call starts the app, as the Overview does:
#   a word prefix finds the briefings with a word starting so, and no
#   others; two terms narrow; a subsearch narrows; the metas carry the
#   headline, the source and the time, and the cached lead photo; the
#   process started is the service without a toolkit, and the same one
#   answers the searches after; hostile terms find nothing and break
#   nothing;
#   where there is a display (AT-SPI): LaunchSearch hands over to the
#   window's program, which shows the window with the search filled in;
#   ActivateResult opens the window on the briefing; the window's program
#   answers searches too.

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

SKIP = 77

try:
    import dbus
except ImportError as error:
    print(f'# skipping: {error}')
    sys.exit(SKIP)

from fixture_server import serve_http
from private_bus import APP_ID, app_env, log, start_activating_bus, stop

PROVIDER_PATH = '/io/github/briefing/Briefing/SearchProvider'
PROVIDER_IFACE = 'org.gnome.Shell.SearchProvider2'

FEED = '''<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Harbour Gazette</title>
<link>http://127.0.0.1/</link>
<item><title>Ferry timetable changes from Monday</title><guid>ferry-1</guid>
<pubDate>Sat, 28 Nov 2026 09:00:00 GMT</pubDate><description>New sailing times.</description>
<media:content url="{base}/ferry.png" medium="image" width="640" height="480"/></item>
<item><title>Ferry strike called off</title><guid>strike-1</guid>
<pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate><description>Crews return on Tuesday.</description></item>
<item><title>Lighthouse restoration finished</title><guid>lighthouse-1</guid>
<pubDate>Thu, 26 Nov 2026 08:00:00 GMT</pubDate><description>The lamp is lit again.</description></item>
<item><title>Festival tickets on sale</title><guid>festival-1</guid>
<pubDate>Wed, 25 Nov 2026 08:00:00 GMT</pubDate><description>Music by the water.</description></item>
</channel></rss>'''

# A 1x1 PNG, standing for a lead photo the app cached.
PNG = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
                    '1f15c4890000000d49444154789c6360f8cf000000030101005a4d1b5a'
                    '0000000049454e44ae426082')


def wait_for(predicate, timeout=30.0, what='condition'):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:  # the accessible tree changes under us
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f'timed out waiting for {what}')


def store_briefings(briefingctl, env):
    """A subscription and its briefings, stored before the app runs."""
    def answer(request):
        base = f'http://127.0.0.1:{request.server.server_address[1]}'
        return FEED.format(base=base).encode(), 'application/rss+xml'

    server = serve_http(answer)
    feed_url = f'http://127.0.0.1:{server.server_address[1]}/harbour.xml'
    subprocess.run([briefingctl, 'add', feed_url], env=env, check=True, stdout=subprocess.DEVNULL)
    server.shutdown()
    listed = json.loads(subprocess.run([briefingctl, 'list', '--json'], env=env, check=True,
                                       capture_output=True, text=True).stdout)
    return {e['title']: str(e['id']) for e in listed}


def cache_photo(briefingctl, env, entry_id):
    """The lead photo in the image cache, as if the app had shown it."""
    shown = json.loads(subprocess.run([briefingctl, 'show', entry_id, '--json'], env=env, check=True,
                                      capture_output=True, text=True).stdout)
    url = shown['image']['url']
    directory = os.path.join(env['XDG_CACHE_HOME'], 'briefing', 'images')
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, hashlib.sha256(url.encode()).hexdigest())
    with open(path, 'wb') as f:
        f.write(PNG)
    return path


def check_searches(provider, ids, photo):
    """What the Overview asks, and what it must get."""
    ferry = ids['Ferry timetable changes from Monday']
    strike = ids['Ferry strike called off']
    lighthouse = ids['Lighthouse restoration finished']

    def initial(*terms):
        return list(provider.GetInitialResultSet(dbus.Array(terms, signature='s')))

    # A word prefix; newest first; nothing that does not match.
    assert initial('fer') == [ferry, strike], initial('fer')
    assert initial('FERRY') == [ferry, strike]
    assert initial('lig') == [lighthouse]
    assert initial('erry') == []
    # Every term must match, each a prefix.
    assert initial('fer', 'str') == [strike]
    assert initial('fer', 'lig') == []
    # A subsearch narrows what came before.
    previous = initial('fe')
    assert set(previous) >= {ferry, strike} and lighthouse not in previous, previous
    narrowed = list(provider.GetSubsearchResultSet(dbus.Array(previous, signature='s'),
                                                   dbus.Array(['fer', 'tim'], signature='s')))
    assert narrowed == [ferry], narrowed
    log('prefixes, several terms and subsearches find what they should')

    metas = provider.GetResultMetas(dbus.Array([ferry, strike, '987654321'], signature='s'))
    assert [str(m['id']) for m in metas] == [ferry, strike], metas
    assert str(metas[0]['name']) == 'Ferry timetable changes from Monday'
    assert str(metas[1]['name']) == 'Ferry strike called off'
    for meta in metas:
        description = str(meta['description'])
        assert description.startswith('Harbour Gazette · '), description
        assert '2026' in description or 'Nov' in description or ':' in description, description
    assert 'gicon' in metas[0], metas[0]
    assert os.path.basename(photo) in str(metas[0]['gicon']), metas[0]['gicon']
    assert 'gicon' not in metas[1], metas[1]
    log(f'metas: {str(metas[0]["name"])!r}, {str(metas[0]["description"])!r}, the cached photo as its icon')

    # Hostile terms: query syntax, quotes, nothing, too much; no error.
    for terms in (['"'], ['AND', 'OR', 'NOT'], ['NEAR(fer'], ['*'], ['fer*'], ['title:ferry'], ['-fer'],
                  ['^fer'], ['""""'], [''], [' '], [], ['x' * 100000], ['fer'] * 200, ['\u00e9\u6f22\u0000'[:2]]):
        found = initial(*terms)
        assert isinstance(found, list) and len(found) <= 20, (terms[:3], found)
    assert initial('"ferry"') == [ferry, strike]
    assert list(provider.GetResultMetas(dbus.Array(['', 'x', '-1', '1e3', '99999999999999999999'],
                                                   signature='s'))) == []
    log('hostile terms and identifiers find nothing and break nothing')


def main():
    briefing, briefingctl, schema_dir = sys.argv[1:4]
    home = tempfile.mkdtemp(prefix='briefing-search-')
    env = app_env(home, schema_dir)

    ids = store_briefings(briefingctl, env)
    photo = cache_photo(briefingctl, env, ids['Ferry timetable changes from Monday'])

    daemon, address = start_activating_bus(home, briefing, env)
    env['DBUS_SESSION_BUS_ADDRESS'] = address
    os.environ['DBUS_SESSION_BUS_ADDRESS'] = address
    pid = None
    try:
        bus = dbus.bus.BusConnection(address)
        assert not bus.name_has_owner(APP_ID)
        bus_daemon = dbus.Interface(bus.get_object('org.freedesktop.DBus', '/org/freedesktop/DBus'),
                                    'org.freedesktop.DBus')
        provider = dbus.Interface(bus.get_object(APP_ID, PROVIDER_PATH), PROVIDER_IFACE)

        # The first call starts the app: the service, without a toolkit,
        # which stays for the next keys rather than starting again.
        provider.GetInitialResultSet(dbus.Array(['f'], signature='s'))
        pid = int(bus_daemon.GetConnectionUnixProcessID(APP_ID))
        program = os.path.basename(os.readlink(f'/proc/{pid}/exe'))
        assert program == 'briefing-service', program
        log(f'the search started {program} (pid {pid}) through D-Bus activation')
        check_searches(provider, ids, photo)
        assert int(bus_daemon.GetConnectionUnixProcessID(APP_ID)) == pid
        log('the same service answered every search')

        if not os.environ.get('DISPLAY'):
            log('no display: activating a result and launching a search are not checked')
            print('ok')
            return

        import gi
        gi.require_version('Atspi', '2.0')
        from gi.repository import Atspi
        from briefing_ui import find, frame_of_process, walk

        def text_shown(window, text):
            for accessible in walk(window):
                if accessible.get_role_name() != 'entry' or accessible.get_text_iface() is None:
                    continue
                # GTK 4.8 answers nothing for an end offset of -1.
                length = Atspi.Text.get_character_count(accessible)
                if Atspi.Text.get_text(accessible, 0, length) == text:
                    return accessible
            return None

        # "More results": the service hands over to the window's program,
        # which shows the window with the search filled in.
        provider.LaunchSearch(dbus.Array(['ferry', 'str'], signature='s'), dbus.UInt32(0))
        window = wait_for(lambda: frame_of_process(pid), timeout=60, what='the window')
        wait_for(lambda: text_shown(window, 'ferry str'), what='the search filled in')
        wait_for(lambda: find(window, role='label', name='Ferry strike called off'), what='the briefing found listed')
        program = os.path.basename(os.readlink(f'/proc/{pid}/exe'))
        assert program == 'briefing', program
        log(f'LaunchSearch showed the window with the search "ferry str" ({program}, pid {pid})')

        # The window's program answers searches too.
        provider = dbus.Interface(bus.get_object(APP_ID, PROVIDER_PATH), PROVIDER_IFACE)
        found = wait_for(lambda: list(provider.GetInitialResultSet(dbus.Array(['lig'], signature='s'))),
                         what="the window's program answering")
        # (It has added the sample briefings by now, which have such words too.)
        assert ids['Lighthouse restoration finished'] in found, found
        assert ids['Festival tickets on sale'] not in found, found

        # A result activated: the window on that briefing.
        provider.ActivateResult(ids['Lighthouse restoration finished'], dbus.Array(['lig'], signature='s'),
                                dbus.UInt32(0))
        wait_for(lambda: window.get_name() == 'Lighthouse restoration finished', what='the briefing open')
        log('ActivateResult opened the window on the briefing')

        provider.LaunchSearch(dbus.Array(['festival'], signature='s'), dbus.UInt32(0))
        wait_for(lambda: text_shown(window, 'festival'), what='the second search filled in')
        assert int(bus_daemon.GetConnectionUnixProcessID(APP_ID)) == pid
        log("LaunchSearch in the window's program fills its search")
    finally:
        stop(pid, daemon, home)

    print('ok')


if __name__ == '__main__':
    main()
