# private_bus.py: a private session bus that starts the app on demand
#
# Copyright 2026 Briefing developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What the desktop does when something (a notification's button, the
# Overview's search) calls the app while it is not running: the bus finds
# the app's D-Bus service file and runs it. The service directory here
# holds only the app's, pointing at the built program.

import os
import shutil
import subprocess
import time

APP_ID = 'io.github.briefing.Briefing'

BUS_CONFIG = '''<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <servicedir>{services}</servicedir>
  <standard_session_servicedirs/>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
'''


def log(message):
    print(f'# {message}', flush=True)


def wait_for(predicate, timeout=30.0, what='condition'):
    """Polls `predicate` until it returns something true, and returns that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f'timed out waiting for {what}')


def app_env(home, schema_dir):
    """The environment of an app the bus starts: its own directories in
    `home`, settings in memory, the build's schemas, AT-SPI on."""
    env = dict(os.environ)
    for name in ('DATA', 'CONFIG', 'CACHE', 'STATE'):
        path = os.path.join(home, name.lower())
        os.makedirs(path)
        env[f'XDG_{name}_HOME'] = path
    env['GSETTINGS_BACKEND'] = 'memory'
    env['GSETTINGS_SCHEMA_DIR'] = schema_dir
    env['GTK_A11Y'] = 'atspi'
    env.pop('NO_AT_BRIDGE', None)
    env['WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS'] = '1'
    env['WEBKIT_DISABLE_COMPOSITING_MODE'] = '1'
    return env


def start_activating_bus(home, briefing, env):
    """Starts a dbus-daemon whose service directory (in `home`) starts
    `briefing --gapplication-service` for the app's name. Returns the
    daemon's process and the bus address."""
    services = os.path.join(home, 'services')
    os.makedirs(services)
    with open(os.path.join(services, APP_ID + '.service'), 'w') as f:
        f.write(f'[D-BUS Service]\nName={APP_ID}\nExec={briefing} --gapplication-service\n')
    config = os.path.join(home, 'bus.conf')
    with open(config, 'w') as f:
        f.write(BUS_CONFIG.format(tmp=home, services=services))
    daemon = subprocess.Popen(['dbus-daemon', '--config-file', config, '--nofork', '--print-address=1'],
                              env=env, stdout=subprocess.PIPE, text=True)
    return daemon, daemon.stdout.readline().strip()


def owner_pid(bus):
    """The process that owns the app's name on `bus`, or None. (The name
    may go between two questions: the service releases it to hand the
    process over to the window's program.)"""
    import dbus
    daemon = dbus.Interface(bus.get_object('org.freedesktop.DBus', '/org/freedesktop/DBus'), 'org.freedesktop.DBus')
    try:
        return int(daemon.GetConnectionUnixProcessID(APP_ID))
    except dbus.exceptions.DBusException:
        return None


def children(parent):
    """The processes whose parent is `parent`."""
    found = []
    for entry in os.listdir('/proc'):
        try:
            with open(f'/proc/{entry}/stat') as f:
                fields = f.read().rsplit(')', 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.isdigit() and int(fields[1]) == parent:
            found.append(int(entry))
    return found


def stop(pid, daemon, home):
    """Ends the app the bus started (its process `pid`, or None, and
    anything else the bus started), as the session's end would (SIGTERM),
    then the bus, and removes `home`. Nothing is left holding the test's
    output open."""
    def ended(process):
        return not os.path.exists(f'/proc/{process}') or open(f'/proc/{process}/stat').read().split()[2] == 'Z'

    try:
        started = set(children(daemon.pid)) | ({pid} if pid is not None else set())
        for process in started:
            if not ended(process):
                os.kill(process, 15)
        deadline = time.monotonic() + 30
        while not all(ended(process) for process in started):
            if time.monotonic() > deadline:
                raise AssertionError('timed out waiting for the app to end')
            time.sleep(0.1)
    finally:
        daemon.terminate()
        daemon.wait()
        shutil.rmtree(home, ignore_errors=True)
