# fixture_server.py
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# An HTTP server on 127.0.0.1 for the UI tests: it serves the feeds and
# the web page in tests/ui/fixtures/ and photos it draws itself, so no
# image is checked in and nothing leaves the machine.

import http.server
import os
import struct
import threading
import zlib

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fixtures')

TYPES = {
    '.xml': 'application/xml; charset=utf-8',
    '.html': 'text/html; charset=utf-8',
    '.png': 'image/png',
}


def png(width, height, rows):
    """A PNG of 8-bit RGB rows (each `bytes` of width * 3)."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xffffffff)

    raw = b''.join(b'\0' + row for row in rows)
    header = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) +
            chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def scene(sky_top, sky_bottom, ground, shapes, width=640, height=360, horizon=0.6):
    """A picture simple enough to draw row by row: a sky gradient, a
    ground band below the horizon, and rectangles (x0, y0, x1, y1, rgb in
    fractions of the size) on top, so the screenshots show distinct
    photos."""
    rows = []
    edge = int(height * horizon)
    for y in range(height):
        if y < edge:
            t = y / max(edge - 1, 1)
            colour = bytes(int(a + (b - a) * t) for a, b in zip(sky_top, sky_bottom))
        else:
            colour = bytes(ground)
        row = bytearray(colour * width)
        for x0, y0, x1, y1, rgb in shapes:
            if y0 * height <= y < y1 * height:
                start, end = int(x0 * width), int(x1 * width)
                row[start * 3:end * 3] = bytes(rgb) * (end - start)
        rows.append(bytes(row))
    return png(width, height, rows)


def photos():
    return {
        'ferry.png': scene((40, 30, 90), (230, 120, 80), (20, 50, 90), [
            (0.30, 0.48, 0.70, 0.62, (240, 240, 235)),     # the hull
            (0.40, 0.38, 0.58, 0.48, (200, 60, 50)),       # the deckhouse
            (0.0, 0.56, 0.18, 0.75, (70, 60, 55)),         # the quay
        ]),
        'library.png': scene((120, 80, 50), (150, 100, 60), (90, 55, 35), [
            (x / 10, 0.15, x / 10 + 0.07, 0.85, colour)
            for x, colour in enumerate([(160, 40, 40), (40, 90, 150), (200, 170, 60), (60, 120, 70),
                                        (150, 60, 130), (40, 40, 40), (180, 100, 40), (70, 70, 160),
                                        (120, 30, 30), (30, 110, 110)])
        ], horizon=0.9),
        'storm.png': scene((60, 65, 75), (120, 125, 135), (30, 45, 60), [
            (0.0, 0.55, 1.0, 0.62, (220, 225, 230)),        # spray on the wall
            (0.0, 0.62, 1.0, 0.70, (80, 80, 80)),           # the harbour wall
        ]),
        'quay.png': scene((100, 160, 220), (190, 220, 240), (110, 110, 100), [
            (0.1 + i * 0.08, 0.45, 0.14 + i * 0.08, 0.70, (40 + i * 20, 60, 120 - i * 10)) for i in range(8)
        ]),
    }


def serve_http(answer, address='127.0.0.1', keep_alive=False):
    """Starts a threaded HTTP server on `address` (an ephemeral port) and
    returns it. `answer(request)` gets each GET's handler (its path,
    headers and server) and returns (body bytes, content type), or
    (None, None) for a 404. Connections the app drops when it quits are
    not errors."""
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1' if keep_alive else 'HTTP/1.0'

        def do_GET(self):
            body, kind = answer(self)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header('Content-Type', kind)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass

    server = Server((address, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class FixtureServer:
    """Serves /feeds/NAME and / (index.html) from the fixtures, and
    /feeds/images/NAME.png from photos(). `publish_late()` splices the
    late items into the Harbour Gazette, as if it had published them."""

    def __init__(self):
        self.images = photos()
        self.late = False
        self.requests = []
        self._lock = threading.Lock()
        self.httpd = serve_http(self._answer)
        self.base = f'http://127.0.0.1:{self.httpd.server_address[1]}'

    def url(self, path):
        return self.base + path

    def publish_late(self):
        self.late = True

    def feed(self, name):
        with open(os.path.join(FIXTURES, name), encoding='utf-8') as f:
            text = f.read()
        if name == 'harbour-gazette.xml' and self.late:
            with open(os.path.join(FIXTURES, 'harbour-gazette-late.xml'), encoding='utf-8') as f:
                text = text.replace('<!-- late items go here -->', f.read())
        return text.encode()

    def _answer(self, request):
        with self._lock:
            self.requests.append(request.path)
        return self.resolve(request.path)

    def resolve(self, path):
        path = path.split('?')[0]
        if path in ('/', '/index.html'):
            return self.feed('index.html'), TYPES['.html']
        if path.startswith('/feeds/images/'):
            name = path[len('/feeds/images/'):]
            return self.images.get(name), TYPES['.png']
        if path.startswith('/feeds/'):
            name = os.path.basename(path)
            if name.endswith('.xml') and os.path.exists(os.path.join(FIXTURES, name)) and '-late' not in name:
                return self.feed(name), TYPES['.xml']
        return None, None

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
