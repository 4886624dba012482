#!/usr/bin/python3
# test-briefingctl.py BRIEFINGCTL
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The command-line contract of DESIGN.md: every command, its --json
# shape, exit 0 on success and non-zero with exactly one line on stderr
# otherwise. Feeds come from a server on 127.0.0.1.

import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

FEED = '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>River Post</title>
<link>http://127.0.0.1/</link>
<item><title>Bridge reopens after repairs</title><guid>bridge</guid><link>http://127.0.0.1/bridge</link>
<pubDate>Fri, 27 Nov 2026 09:00:00 GMT</pubDate><description>Traffic flows again across the Kestrel Bridge
after six weeks of repairs, Mayor Alma Reyes said in Riverside.</description>
<media:content url="http://127.0.0.1/bridge.jpg" medium="image" width="800" height="600">
<media:description>The bridge at dawn.</media:description><media:credit>R. Photographer</media:credit></media:content>
<category domain="place">Riverside</category><category>Transport</category></item>
<item><title>Ferry service extended</title><guid>ferry</guid>
<pubDate>Thu, 26 Nov 2026 09:00:00 GMT</pubDate><description>More sailings.</description>
<category>Transport</category></item>
</channel></rss>
'''

# Another outlet's take on the bridge: the two make a story.
WIRE = '''<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>County Wire</title><link>http://127.0.0.1/</link>
<item><title>Kestrel Bridge reopens to traffic in Riverside</title><guid>kestrel</guid>
<pubDate>Fri, 27 Nov 2026 11:00:00 GMT</pubDate><description>Mayor Alma Reyes reopened the Kestrel Bridge
in Riverside on Friday after six weeks of repairs.</description></item>
</channel></rss>
'''

PAGE = '''<html><head><link rel="alternate" type="application/rss+xml" title="A" href="/a.xml">
<link rel="alternate" type="application/atom+xml" title="B" href="/b.xml"></head><body></body></html>'''


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        routes = {'/feed.xml': (FEED, 'application/rss+xml'), '/wire.xml': (WIRE, 'application/rss+xml'),
                  '/page.html': (PAGE, 'text/html')}
        if self.path not in routes:
            self.send_response(404)
            self.end_headers()
            return
        body, content_type = routes[self.path]
        data = body.encode()
        self.send_response(200)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


failures = 0


def check(condition, what):
    global failures
    print(f'{"ok" if condition else "not ok"} - {what}')
    if not condition:
        failures += 1


def main():
    ctl = sys.argv[1]
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f'http://127.0.0.1:{server.server_address[1]}'

    home = tempfile.mkdtemp(prefix='briefingctl-')
    env = dict(os.environ, BRIEFING_STORE=os.path.join(home, 'briefing.db'), GIO_USE_PROXY_RESOLVER='dummy')

    def run(*args):
        result = subprocess.run([ctl, *args], env=env, capture_output=True, text=True, timeout=60)
        return result.returncode, result.stdout, result.stderr

    def ok(*args):
        code, out, err = run(*args)
        check(code == 0, f'briefingctl {" ".join(args)} exits 0 ({err.strip()})')
        return out

    def fails(*args):
        code, out, err = run(*args)
        lines = err.strip().splitlines()
        check(code != 0 and len(lines) == 1 and lines[0].startswith('briefingctl: '),
              f'briefingctl {" ".join(args)} fails with one line ({err.strip()!r})')

    try:
        parsed = json.loads(ok('parse', f'{base}/feed.xml', '--json'))
        check(parsed['format'] == 'rss2.0' and parsed['title'] == 'River Post', 'parse --json: format and title')
        entry = parsed['entries'][0]
        check(entry['image'] == {'url': 'http://127.0.0.1/bridge.jpg', 'caption': 'The bridge at dawn.',
                                 'credit': 'R. Photographer', 'width': 800, 'height': 600},
              'parse --json: the lead photo with caption and credit')
        check(entry['published'] == '2026-11-27T09:00:00Z', 'parse --json: RFC 3339 UTC dates')
        check({'name': 'Riverside', 'kind': 'place'} in entry['topics'], 'parse --json: typed topics')

        added = json.loads(ok('add', f'{base}/feed.xml', '--json'))
        check(added['title'] == 'River Post' and added['entries'] == 2, 'add --json: subscribed with its briefings')
        fails('add', f'{base}/feed.xml')
        fails('add', f'{base}/page.html')
        fails('add', f'{base}/missing.xml')

        sources = json.loads(ok('sources', '--json'))
        check(len(sources) == 1 and sources[0]['unread'] == 2 and 'last_success' in sources[0],
              'sources --json: status and unread count')

        refreshed = json.loads(ok('refresh', '--json'))
        check(refreshed[0]['status'] in ('not-modified', 'updated'), 'refresh --json: per-source status')
        fails('refresh', '--source', '999')

        listed = json.loads(ok('list', '--json'))
        check([e['title'] for e in listed] == ['Bridge reopens after repairs', 'Ferry service extended'],
              'list --json: newest first')
        check(set(listed[0]) >= {'id', 'guid', 'source', 'title', 'link', 'published', 'read', 'starred'},
              'list --json: the fields DESIGN.md names')
        bridge = listed[0]['id']

        ok('mark', str(bridge), '--read')
        ok('mark', str(bridge), '--star')
        check(len(json.loads(ok('list', '--unread', '--json'))) == 1, 'list --unread after mark --read')
        check(len(json.loads(ok('list', '--starred', '--json'))) == 1, 'list --starred after mark --star')
        check(len(json.loads(ok('list', '--topic', 'riverside', '--json'))) == 1, 'list --topic')
        check([e['title'] for e in json.loads(ok('list', '--topic', 'Alma Reyes', '--json'))]
              == ['Bridge reopens after repairs'], 'list --topic with a name read from the text')
        check(len(json.loads(ok('list', '--limit', '1', '--json'))) == 1, 'list --limit')
        fails('mark', str(bridge))
        fails('mark', '999999', '--read')
        fails('mark', 'abc', '--read')

        shown = json.loads(ok('show', str(bridge), '--json'))
        check(shown['image']['credit'] == 'R. Photographer' and shown['starred'], 'show --json')
        fails('show', '999999')

        found = json.loads(ok('search', 'ferry', '--json'))
        check([e['title'] for e in found] == ['Ferry service extended'], 'search --json')
        check(json.loads(ok('search', '"unbalanced', '--json')) == [], 'search survives FTS syntax')

        related = json.loads(ok('related', str(bridge), '--json'))
        check(related['related'][0]['title'] == 'Ferry service extended' and related['related'][0]['score'] > 0,
              'related --json: topics and related briefings')
        check(set(related) >= {'topics', 'story', 'coverage', 'related'}
              and all(set(t) == {'name', 'kind'} for t in related['topics'])
              and (related['story'] is None or isinstance(related['story'], int))
              and isinstance(related['coverage'], list),
              'related --json: typed topics, the story and its coverage')
        stories = json.loads(ok('stories', '--json'))
        check(stories == [], 'stories --json: one source tells no story twice')

        # Another outlet covers the bridge: one story of the two.
        ok('add', f'{base}/wire.xml')
        stories = json.loads(ok('stories', '--json'))
        check(len(stories) == 1 and isinstance(stories[0]['id'], int)
              and sorted(e['title'] for e in stories[0]['entries'])
              == ['Bridge reopens after repairs', 'Kestrel Bridge reopens to traffic in Riverside'],
              f'stories --json: the bridge from both outlets ({stories})')
        related = json.loads(ok('related', str(bridge), '--json'))
        check(stories and related['story'] == stories[0]['id']
              and [e['title'] for e in related['coverage']] == ['Kestrel Bridge reopens to traffic in Riverside'],
              'related --json: the story and the other outlet\'s coverage')
        check({'name': 'Alma Reyes', 'kind': 'person'} in related['topics'], 'related --json: a person from the text')
        fails('stories', 'extra')
        fails('stories', '--limit', '-1')

        opml = ok('export-opml')
        check(f'{base}/feed.xml' in opml, 'export-opml')
        opml_path = os.path.join(home, 'subs.opml')
        with open(opml_path, 'w') as f:
            f.write(opml)
        check('already subscribed' in ok('import-opml', opml_path), 'import-opml skips duplicates')
        fails('import-opml', os.path.join(home, 'missing.opml'))

        ok('remove', str(sources[0]['id']))
        check([e['title'] for e in json.loads(ok('list', '--json'))]
              == ['Kestrel Bridge reopens to traffic in Riverside'], 'remove drops the source\'s briefings')
        check(json.loads(ok('stories', '--json')) == [], 'remove takes the story apart')
        for source in json.loads(ok('sources', '--json')):
            ok('remove', str(source['id']))
        check(json.loads(ok('list', '--json')) == [], 'remove drops the briefings')
        fails('remove', str(sources[0]['id']))
        fails('frobnicate')
        fails('parse', os.path.join(home, 'missing.xml'))
    finally:
        server.shutdown()
        shutil.rmtree(home, ignore_errors=True)

    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
