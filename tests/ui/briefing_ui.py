# briefing_ui.py
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A small harness for driving the built `briefing` through AT-SPI: it
# starts the app with private XDG directories, finds widgets by role and
# accessible name, waits for conditions, and takes screenshots.

import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as error:
    print(f'# skipping: no AT-SPI bindings ({error})')
    sys.exit(SKIP)


def log(message):
    print(f'# {message}', flush=True)


def wait_for(predicate, timeout=20.0, interval=0.1, what='condition'):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except Exception:  # the tree changes under us while the app works
            result = None
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f'timed out waiting for {what}')


def walk(accessible, depth=0, max_depth=60):
    if accessible is None or depth > max_depth:
        return
    yield accessible
    for i in range(accessible.get_child_count()):
        yield from walk(accessible.get_child_at_index(i), depth + 1, max_depth)


def find(root, role=None, name=None, predicate=None):
    for accessible in walk(root):
        try:
            if role is not None and accessible.get_role_name() != role:
                continue
            if name is not None and accessible.get_name() != name:
                continue
            if predicate is not None and not predicate(accessible):
                continue
        except Exception:
            continue
        return accessible
    return None


def find_all(root, role=None, name=None):
    found = []
    for accessible in walk(root):
        try:
            if role is not None and accessible.get_role_name() != role:
                continue
            if name is not None and accessible.get_name() != name:
                continue
        except Exception:
            continue
        found.append(accessible)
    return found


def texts(root, role='label'):
    return [a.get_name() for a in find_all(root, role=role)]


class App:
    """The built app, started in a sandbox of temporary directories."""

    def __init__(self, binary, schema_dir, screenshot_dir):
        self.binary = binary
        self.screenshot_dir = screenshot_dir
        self.home = tempfile.mkdtemp(prefix='briefing-ui-')
        self.env = dict(os.environ)
        for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
            path = os.path.join(self.home, name.lower())
            os.makedirs(path)
            self.env[f'XDG_{name}_HOME'] = path
        self.env['GSETTINGS_BACKEND'] = 'memory'
        self.env['GSETTINGS_SCHEMA_DIR'] = schema_dir
        self.env.pop('NO_AT_BRIDGE', None)
        self.env['GTK_A11Y'] = 'atspi'
        # Tests only: WebKit's sandbox cannot start as root in a container.
        self.env['WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS'] = '1'
        self.env['WEBKIT_DISABLE_COMPOSITING_MODE'] = '1'
        self.process = None
        self.accessible = None

    def start(self, *args):
        log_path = os.path.join(self.home, 'app.log')
        self.log_file = open(log_path, 'w')
        self.process = subprocess.Popen([self.binary, *args], env=self.env,
                                        stdout=self.log_file, stderr=subprocess.STDOUT)
        self.accessible = wait_for(self._find_app, timeout=30, what='the app on the AT-SPI bus')
        return self.accessible

    def _find_app(self):
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_process_id() == self.process.pid:
                return app
        return None

    def window(self):
        return wait_for(lambda: find(self.accessible, role='frame'), what='the main window')

    def screenshot(self, name):
        # The accessible tree changes at once; the pixels follow at the
        # next frames (and WebKit paints from another process).
        time.sleep(0.8)
        os.makedirs(self.screenshot_dir, exist_ok=True)
        path = os.path.join(self.screenshot_dir, f'{name}.png')
        subprocess.run(['import', '-window', 'root', path], check=True, env=self.env)
        log(f'screenshot: {path}')
        return path

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.process is not None:
            self.log_file.close()
            with open(self.log_file.name) as f:
                output = f.read().strip()
            if output:
                log('app output:\n# ' + output.replace('\n', '\n# '))
        shutil.rmtree(self.home, ignore_errors=True)


def press(keyval_name):
    """Types a key, as the X server sees it (XTest), into the focus."""
    gi.require_version('Gdk', '4.0')
    from gi.repository import Gdk
    Atspi.generate_keyboard_event(Gdk.keyval_from_name(keyval_name), None, Atspi.KeySynthType.SYM)


def click(accessible):
    """Clicks the middle of a widget with the first mouse button."""
    extents = accessible.get_extents(Atspi.CoordType.SCREEN)
    x = extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    # GTK's gestures want the pointer to arrive before the button.
    Atspi.generate_mouse_event(x, y, 'abs')
    time.sleep(0.1)
    Atspi.generate_mouse_event(x, y, 'b1p')
    time.sleep(0.05)
    Atspi.generate_mouse_event(x, y, 'b1r')


def require_display():
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        print('# skipping: no display')
        sys.exit(SKIP)
    if not shutil.which('import'):
        print('# skipping: no ImageMagick import for screenshots')
        sys.exit(SKIP)
