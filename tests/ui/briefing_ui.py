# briefing_ui.py
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A small harness for driving the built `briefing` through AT-SPI: it
# starts the app with private XDG directories, finds widgets by role and
# accessible name, waits for conditions, and takes screenshots.

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi, GLib
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
        except AssertionError:
            raise
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


def gone(accessible):
    """Whether a window has closed, asked of the window itself.

    Asking the app's root for its children while a window closes races
    with GTK 4.8: the root counts the window, the window hides, and the
    root then answers for the hidden one with a null object path, which
    crashes the app. A screen reader does not poll like a test does."""
    try:
        states = accessible.get_state_set()
    except Exception:  # the object left the bus with its window
        return True
    return not states.contains(Atspi.StateType.VISIBLE)


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


def frame_of_process(pid):
    """The window of the app whose process is `pid`, once it is on the
    accessibility bus (None before)."""
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return find(app, role='frame')
        except gi.repository.GLib.Error:
            pass
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


def extents(accessible):
    """(x, y, width, height) in the window's coordinates: GTK 4.8 reports
    no screen coordinates, and without a window manager the window sits
    at the top left of the screen anyway."""
    box = accessible.get_extents(Atspi.CoordType.WINDOW)
    return box.x, box.y, box.width, box.height


def on_screen(accessible, width):
    """Whether a widget lies within the first `width` pixels of the
    window: on a folded leaflet the page not shown is laid out beside the
    visible one, outside the window."""
    x, y, w, h = extents(accessible)
    return w > 0 and h > 0 and x >= 0 and x + w <= width


def row_titles(listing, candidates):
    """The titles of a list's rows, in order, as far as they are among
    `candidates` (a row also has a source, a time and a day heading)."""
    titles = []
    for i in range(listing.get_child_count()):
        row = listing.get_child_at_index(i)
        titles += [t for t in texts(row) if t in candidates]
    return titles


def is_selected(accessible):
    return accessible is not None and accessible.get_state_set().contains(Atspi.StateType.SELECTED)


def row_with_title(listing, title):
    for i in range(listing.get_child_count()):
        row = listing.get_child_at_index(i)
        if find(row, role='label', name=title) is not None:
            return row
    return None


class App:
    """The built app, started in a sandbox of temporary directories."""

    def __init__(self, binary, schema_dir, screenshot_dir, settings=None):
        """`settings`: keys of the app's schema to start with, as GVariant
        text ({'group-stories': 'false'}); the others keep their defaults."""
        self.binary = binary
        self.screenshot_dir = screenshot_dir
        self.home = tempfile.mkdtemp(prefix='briefing-ui-')
        self.env = dict(os.environ)
        for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
            path = os.path.join(self.home, name.lower())
            os.makedirs(path)
            self.env[f'XDG_{name}_HOME'] = path
        self.env['GSETTINGS_BACKEND'] = 'memory'
        if settings:
            # GLib's keyfile backend reads them from the private config home.
            folder = os.path.join(self.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
            os.makedirs(folder)
            with open(os.path.join(folder, 'keyfile'), 'w', encoding='utf-8') as f:
                f.write('[io/github/briefing/Briefing]\n')
                f.writelines(f'{key}={value}\n' for key, value in settings.items())
            self.env['GSETTINGS_BACKEND'] = 'keyfile'
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
        for attempt in range(2):
            self.log_file = open(log_path, 'w')
            self.process = subprocess.Popen([self.binary, *args], env=self.env,
                                            stdout=self.log_file, stderr=subprocess.STDOUT)
            self.accessible = wait_for(self._find_app, timeout=30, what='the app on the AT-SPI bus')
            if self.accessible is not True:
                return self.accessible
            # An Xvfb left with no client resets itself, and refuses
            # connections meanwhile: try once more.
            self.log_file.close()
            log('the app could not open the display; starting it again')
            time.sleep(1)
        raise AssertionError('the app cannot open the display')

    def _find_app(self):
        if self.process.poll() is not None:
            if 'cannot open display' in self.output():
                return True
            raise AssertionError(f'the app exited at start with status {self.process.returncode}:\n'
                                 + self.output())
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == self.process.pid:
                    return app
            except GLib.Error:
                pass  # an app that has just gone
        return None

    def frame(self):
        """The main window, or None. The process may have changed program
        since the last look (the window's program and the background
        service hand the process to each other), so the app is looked up
        again each time."""
        app = self._find_app()
        if app is None or app is True:
            return None
        self.accessible = app
        return find(app, role='frame')

    def window(self):
        return wait_for(self.frame, what='the main window')

    def toplevel(self, name):
        """A window of the app by title (GTK 4.8 gives AdwWindow dialogs the
        role "filler", not "dialog")."""
        for i in range(self.accessible.get_child_count()):
            child = self.accessible.get_child_at_index(i)
            if child is not None and child.get_name() == name:
                return child
        return None

    def x_window(self):
        """The X id of the main window (the app also has a 1x1 leader)."""
        def largest():
            ids = subprocess.run(['xdotool', 'search', '--pid', str(self.process.pid)], env=self.env,
                                 capture_output=True, text=True).stdout.split()
            sizes = []
            for wid in ids:
                out = subprocess.run(['xdotool', 'getwindowgeometry', '--shell', wid], env=self.env,
                                     capture_output=True, text=True).stdout
                fields = dict(line.split('=', 1) for line in out.split() if '=' in line)
                sizes.append((int(fields.get('WIDTH', 0)) * int(fields.get('HEIGHT', 0)), wid))
            return max(sizes)[1] if sizes and max(sizes)[0] > 1 else None
        return wait_for(largest, what='the X window')

    def resize(self, width, height):
        """Resizes the main window as a window manager would."""
        subprocess.run(['xdotool', 'windowsize', self.x_window(), str(width), str(height)],
                       env=self.env, check=True)

    def output(self):
        with open(self.log_file.name) as f:
            return f.read()

    # Messages that say something about the test's surroundings, not the
    # app: GTK 4.8's AT-SPI on X11 has no screen coordinates, and the test
    # bus has no notification daemon.
    BENIGN = ('Screen coordinates not supported', 'unable to send notifications')

    def warnings(self):
        """The app's GLib criticals and warnings (from GLib, GTK,
        libadwaita or Briefing itself) that are not BENIGN."""
        found = []
        for line in self.output().splitlines():
            if re.search(r'\b(GLib|GLib-GIO|GLib-GObject|Gtk|Gdk|Adwaita|Adw|briefing[-\w]*)-(CRITICAL|WARNING) \*\*',
                         line) and not any(benign in line for benign in self.BENIGN):
                found.append(line.strip())
        return found

    def screenshot(self, name):
        # The accessible tree changes at once; the pixels follow at the
        # next frames (and WebKit paints from another process).
        time.sleep(0.8)
        os.makedirs(self.screenshot_dir, exist_ok=True)
        path = os.path.join(self.screenshot_dir, f'{name}.png')
        subprocess.run(['import', '-window', 'root', path], check=True, env=self.env)
        log(f'screenshot: {path}')
        return path

    def screenshot_window(self, path, width=None, height=None):
        """Captures the main window alone, not the screen, at `width` x
        `height` when given (the size the metainfo's screenshots have), into
        `path`, under the screenshot directory unless absolute."""
        if width and height:
            self.resize(width, height)
        time.sleep(1.5)
        path = os.path.join(self.screenshot_dir, path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run(['import', '-window', self.x_window(), path], check=True, env=self.env)
        log(f'window screenshot: {path}')
        return path

    def toplevels(self):
        """The app's windows that are showing."""
        found = []
        for i in range(self.accessible.get_child_count()):
            child = self.accessible.get_child_at_index(i)
            if child is not None and not gone(child):
                found.append(child)
        return found

    def stop(self):
        if self.process is not None and self.process.poll() is not None:
            log(f'the app had exited by itself, with status {self.process.returncode}')
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


SHIFT_MASK = 1 << 0
CONTROL_MASK = 1 << 2


def press(keyval_name, modifiers=0):
    """Types a key, as the X server sees it (XTest), into the focus;
    `modifiers` (an X modifier mask such as CONTROL_MASK) are held down
    around it."""
    gi.require_version('Gdk', '4.0')
    from gi.repository import Gdk
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        Atspi.generate_keyboard_event(Gdk.keyval_from_name(keyval_name), None, Atspi.KeySynthType.SYM)
    finally:
        if modifiers:
            Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def type_text(text):
    """Types a string into the focus, key by key (XTest)."""
    Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)


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
