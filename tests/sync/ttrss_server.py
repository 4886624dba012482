"""A real Tiny Tiny RSS on 127.0.0.1 for Briefing's sync tests and benchmark.

Run with Debian's /usr/bin/python3 (stdlib only)::

    import ttrss_server
    ttrss_server.skip_unless_available()        # exit 77, reason on stderr
    feeds = ttrss_server.serve_feeds({"/a.xml": rss_bytes})
    with ttrss_server.TtRss() as srv:
        feed_id = srv.subscribe(feeds.url("/a.xml"))
        srv.update_feeds()
        sid = srv.login("reader", "reader-pass")
        srv.api("getHeadlines", sid, feed_id=-4, show_content=True)

What it runs, all under one temporary directory that stop() removes:

* a private PostgreSQL 15 cluster (initdb, then the postgres server as a
  child of ours), listening on a Unix socket in that directory only;
* tt-rss's own PostgreSQL schema, and the users ``reader``/``reader-pass``
  (API access on) and ``noapi``/``noapi-pass`` (API access off), with
  password hashes made the way this tt-rss makes them (``MODE2:`` +
  sha256(salt + password), as plugins/auth_internal and Pref_Users::add do);
  besides tt-rss's own ``admin``/``password`` (no API access);
* a copy of tt-rss's www tree with our config.php (SINGLE_USER_MODE off),
  served by PHP's built-in web server on 127.0.0.1:PORT
  (PHP_CLI_SERVER_WORKERS workers), so ``url`` is http://127.0.0.1:PORT/;
* ``update.php --force-update --feeds`` when a test calls update_feeds().

As root (the tests run as root), PostgreSQL and PHP run as nobody:nogroup:
both refuse to run as root (tt-rss's update.php checks for it).

Where tt-rss comes from: /usr/share/tt-rss/www when the Debian package
tt-rss is installed; otherwise ``apt-get download tt-rss`` into
$BRIEFING_TTRSS_CACHE (default /tmp/briefing-ttrss-cache), unpacked there
with dpkg-deb -x. The .deb is never installed: its postinst configures a
system database through dbconfig-common. The PHP it needs comes from the
Debian packages in REQUIRED_PACKAGES. ``/usr/bin/python3 ttrss_server.py
fetch`` does the download alone; ``... check`` says what is missing;
``... serve`` runs one until Ctrl-C, for poking at it by hand.

Feeds on loopback. This tt-rss (Debian's 21~git20210204) fetches through
UrlHelper::fetch, which refuses a URL on localhost, ::1 or 127.*, on any
port but 80 and 443, and any host name that resolves to 127.*; after a
redirect too. No configuration option lifts that. Worse, it drops the port
from every feed URL it is given (UrlHelper::validate rebuilds the URL
without it), so http://127.0.0.1:8080/f.xml is stored as
http://127.0.0.1/f.xml. What tt-rss does offer is plugins that are asked
for a feed's data before it fetches it itself (HOOK_FETCH_FEED,
HOOK_SUBSCRIBE_FEED, HOOK_FEED_BASIC_INFO). So:

* serve_feeds() listens on 127.0.0.1:80 (we are root), so that the URL
  tt-rss stores is the one that really serves the feed; tests running at
  the same time take turns at the port (FeedServer waits for it);
* the harness puts a plugin of its own, ttrss-plugins/harness_loopback,
  into the plugins.local/ of its private copy of tt-rss and enables it in
  its own config.php. It answers for http://127.0.0.1/ URLs only, with a
  plain GET (no conditional GET, no redirects), and leaves parsing, storing
  and the API to tt-rss. tt-rss's 30-second local feed cache is bypassed
  that way, so every update_feeds() sees what the feed server serves now.

Nothing is patched: tt-rss's own files are copied as they are. The plugin
also leaves an empty favicon file for each feed, so that tt-rss never goes
looking for a favicon at the site a feed's <link> names: nothing here may
reach any address but 127.0.0.1. For the same reason config.php sets
_HTTP_PROXY to a closed port on 127.0.0.1, so that a fetch tt-rss makes
itself (of a non-loopback URL a test should not have used) fails at once
instead of leaving the machine. Never subscribe to a non-loopback URL.

Clean-up: stop() (also run on SIGTERM and at exit) ends the process
groups and removes the directory. Children get SIGKILL if we die
(setpriv --pdeathsig); the workers of php -S that would still outlive a
SIGKILLed test are killed, with that run's directory, by the next start().

Sessions: tt-rss binds an API session to the User-Agent it logged in with
(unless _SESSION_SKIP_UA_CHECKS, which this config does not set), so
api() always sends the same User-Agent.
"""

import atexit
import contextlib
import errno
import fcntl
import glob
import hashlib
import http.server
import json
import os
import pwd
import grp
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PLUGIN_DIR = os.path.join(HERE, "ttrss-plugins")

# Debian 12 packages the harness needs (installed with
# apt-get install --no-install-recommends). tt-rss itself is fetched with
# apt-get download, not installed.
REQUIRED_PACKAGES = [
    "postgresql-15",
    "php-cli", "php-pgsql", "php-mbstring", "php-intl", "php-xml", "php-curl",
    "php-php-gettext",
]

PHP = "/usr/bin/php"
SETPRIV = shutil.which("setpriv")          # util-linux
PG_BIN = "/usr/lib/postgresql/15/bin"
SYSTEM_WWW = "/usr/share/tt-rss/www"
SYSTEM_SCHEMA = "/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql"
# Where the package's relative symlinks (lib/gettext -> ../../../php/...)
# point from; an unpacked tree is re-pointed as if it were installed.
INSTALLED_WWW = "/usr/share/tt-rss/www"
GETTEXT = "/usr/share/php/php-php-gettext/gettext.inc"
# PHP extensions tt-rss needs for the API and for updating feeds.
PHP_EXTENSIONS = ["pdo_pgsql", "pgsql", "mbstring", "intl", "dom", "xml", "curl",
                  "json", "session", "fileinfo", "posix"]

USER_AGENT = "briefing-ttrss-harness/1"

# Where serve_feeds() listens on 127.0.0.1 (see FeedServer).
FEED_PORT = 80

# The unprivileged account everything runs as when we are root.
RUN_AS_USER = "nobody"
RUN_AS_GROUP = "nogroup"

USERS = {
    "reader": ("reader-pass", True),
    "noapi": ("noapi-pass", False),
}


class Skip(Exception):
    """Something the harness needs is missing; the message says what."""


def _log(msg):
    print(f"ttrss_server: {msg}", file=sys.stderr, flush=True)


def cache_dir():
    return os.environ.get("BRIEFING_TTRSS_CACHE") or "/tmp/briefing-ttrss-cache"


def _unpacked_trees():
    """www roots of tt-rss packages unpacked in the cache, newest first."""
    found = glob.glob(os.path.join(cache_dir(), "tt-rss_*", "usr/share/tt-rss/www"))
    return sorted(found, reverse=True)


def fetch_ttrss():
    """Downloads and unpacks Debian's tt-rss package into cache_dir().

    Returns the www root. Raises Skip when it cannot. Safe to run from
    several tests at once (a lock file; unpacked aside, then renamed)."""
    cache = cache_dir()
    os.makedirs(cache, exist_ok=True)
    for tool in ("apt-get", "dpkg-deb"):
        if not shutil.which(tool):
            raise Skip(f"{tool} not found; cannot fetch Debian's tt-rss package")
    with open(os.path.join(cache, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        trees = _unpacked_trees()
        if trees:
            return trees[0]
        debs = glob.glob(os.path.join(cache, "tt-rss_*.deb"))
        if not debs:
            _log(f"apt-get download tt-rss into {cache}")
            r = subprocess.run(["apt-get", "download", "-q", "tt-rss"], cwd=cache,
                               stdin=subprocess.DEVNULL, capture_output=True, text=True)
            debs = glob.glob(os.path.join(cache, "tt-rss_*.deb"))
            if r.returncode != 0 or not debs:
                raise Skip("apt-get download tt-rss failed (run apt-get update?): "
                           + (r.stderr.strip() or r.stdout.strip())[-500:])
        deb = sorted(debs)[-1]
        name = os.path.basename(deb)[:-len(".deb")]
        tmp = tempfile.mkdtemp(prefix=".unpack-", dir=cache)
        try:
            subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True,
                           stdin=subprocess.DEVNULL, capture_output=True)
            os.chmod(tmp, 0o755)
            os.rename(tmp, os.path.join(cache, name))
        except (subprocess.CalledProcessError, OSError) as e:
            shutil.rmtree(tmp, ignore_errors=True)
            raise Skip(f"could not unpack {deb}: {e}")
        return _unpacked_trees()[0]


def find_ttrss(fetch=True):
    """(www root, pgsql schema file) of a tt-rss tree, fetching one if allowed."""
    if os.path.isfile(os.path.join(SYSTEM_WWW, "api/index.php")) and os.path.isfile(SYSTEM_SCHEMA):
        return SYSTEM_WWW, SYSTEM_SCHEMA
    trees = _unpacked_trees()
    if not trees:
        if not fetch:
            raise Skip(f"tt-rss not installed and not unpacked in {cache_dir()}")
        trees = [fetch_ttrss()]
    www = trees[0]
    schema = os.path.join(os.path.dirname(www), "schema/ttrss_schema_pgsql.sql")
    if not os.path.isfile(schema):
        raise Skip(f"no {schema}")
    return www, schema


def _run_as_ids():
    """(uid, gid) to run PostgreSQL and PHP as: nobody when we are root."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(RUN_AS_USER).pw_uid, grp.getgrnam(RUN_AS_GROUP).gr_gid
    except KeyError:
        raise Skip(f"running as root and there is no {RUN_AS_USER}:{RUN_AS_GROUP} to run as")


def check_available(fetch=True):
    """Raises Skip saying what is missing; fetches tt-rss if needed and allowed."""
    missing = []
    for tool in ("initdb", "postgres"):
        if not os.access(os.path.join(PG_BIN, tool), os.X_OK):
            missing.append(f"{PG_BIN}/{tool} (postgresql-15)")
    if not shutil.which("psql"):
        missing.append("psql (postgresql-client-15)")
    if not os.access(PHP, os.X_OK):
        missing.append(f"{PHP} (php-cli)")
    if not os.path.isfile(GETTEXT):
        missing.append(f"{GETTEXT} (php-php-gettext)")
    if not missing:
        code = ("echo json_encode(array_values(array_filter(json_decode($argv[1]), "
                "fn($e) => !extension_loaded($e))));")
        r = subprocess.run([PHP, "-r", code, json.dumps(PHP_EXTENSIONS)],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL)
        try:
            absent = json.loads(r.stdout)
        except ValueError:
            absent = [f"(php failed: {r.stderr.strip()[:200]})"]
        if absent:
            missing.append("PHP extensions " + ", ".join(absent) +
                           " (php-pgsql php-mbstring php-intl php-xml php-curl)")
    if missing:
        raise Skip("missing: " + "; ".join(missing) +
                   ". Debian packages: " + " ".join(REQUIRED_PACKAGES))
    _run_as_ids()
    if os.geteuid() != 0:
        try:
            with open("/proc/sys/net/ipv4/ip_unprivileged_port_start") as f:
                if int(f.read()) > FEED_PORT:
                    raise Skip(f"serving feeds to tt-rss needs 127.0.0.1:{FEED_PORT}: run as root")
        except (OSError, ValueError):
            pass
    find_ttrss(fetch=fetch)


def skip_unless_available():
    """For test scripts: exit 77 (meson's skip) with the reason on stderr."""
    try:
        check_available()
    except Skip as e:
        print(f"SKIP: Tiny Tiny RSS harness unavailable: {e}", file=sys.stderr, flush=True)
        sys.exit(77)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _php_str(s):
    return "'" + str(s).replace("\\", "\\\\").replace("'", "\\'") + "'"


def password_hash(password, salt):
    """How this tt-rss stores a password (encrypt_password(..., $salt, true))."""
    return "MODE2:" + hashlib.sha256((salt + password).encode()).hexdigest()


class ApiError(Exception):
    """The API answered status 1; .content is its content ({"error": ...})."""

    def __init__(self, op, content):
        super().__init__(f"{op}: {content}")
        self.content = content
        self.error = content.get("error") if isinstance(content, dict) else None


class TtRss:
    """One private tt-rss; a context manager that start()s and stop()s it."""

    def __init__(self, workers=4, keep=False):
        self.workers = workers
        self.keep = keep            # leave the temp dir (for debugging)
        self.dir = None
        self.port = None
        self.url = None
        self.api_url = None
        self.timings = {}
        self._pg = None
        self._web = None
        self._sessions = {}
        self._ids = None

    # -- life cycle -------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        t0 = time.monotonic()
        check_available()
        www_src, schema = find_ttrss()
        self._ids = _run_as_ids()
        _clean_stale()
        _exit_on_sigterm()
        atexit.register(self.stop)
        try:
            self._make_dirs()
            self._copy_www(www_src)
            t1 = time.monotonic()
            self._start_postgres()
            t2 = time.monotonic()
            self._load_schema(schema)
            self._add_users()
            t3 = time.monotonic()
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}/"
            self.api_url = self.url + "api/"
            self._write_config()
            self.start_web()
            t4 = time.monotonic()
        except BaseException:
            self.stop()
            raise
        self.timings.update(copy=t1 - t0, postgres=t2 - t1, schema=t3 - t2, web=t4 - t3,
                            start=t4 - t0)
        return self

    def stop(self):
        atexit.unregister(self.stop)
        self.stop_web()
        if self._pg is not None:
            _stop_group(self._pg, signal.SIGQUIT)   # immediate: the cluster is thrown away
            self._pg = None
            self._close_logs("postgres")
        if self.dir and not self.keep:
            def report(func, path, exc_info):
                _log(f"cleanup: {func.__name__} {path}: {exc_info[1]}")
            shutil.rmtree(self.dir, onerror=report)
            self.dir = None

    def stop_web(self):
        """Stops the PHP web server only (the port stays ours to restart on)."""
        if self._web is not None:
            _stop_group(self._web, signal.SIGTERM)
            self._web = None
            self._close_logs("web")

    def start_web(self):
        """(Re)starts the PHP web server on the same port; waits until the API answers."""
        if self._web is not None:
            return
        log = self._open_log("web")
        env = self._env()
        env["PHP_CLI_SERVER_WORKERS"] = str(self.workers)
        self._web = self._spawn([PHP, "-S", f"127.0.0.1:{self.port}", "-t", self.www],
                                cwd=self.www, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 20
        last = None
        while True:
            if self._web.poll() is not None:
                raise RuntimeError(f"php -S exited {self._web.returncode}: {self.log_tail('web')}")
            try:
                req = urllib.request.Request(self.api_url, data=b'{"op":"getApiLevel"}',
                                             headers={"User-Agent": USER_AGENT})
                with _no_proxy_opener.open(req, timeout=2) as resp:
                    last = resp.read()
                # This version wants a session even for getApiLevel: any
                # answer of the API's own (NOT_LOGGED_IN) means it is up.
                if "status" in json.loads(last):
                    return
            except (OSError, ValueError, KeyError, TypeError) as e:
                last = last or repr(e)
            if time.monotonic() > deadline:
                raise RuntimeError(f"tt-rss API not answering on {self.api_url}: {last!r}\n"
                                   + self.log_tail("web"))
            time.sleep(0.05)

    # -- the API ----------------------------------------------------------

    def api(self, op, session=None, timeout=30, **params):
        """One API call: POSTs {"op": op, "sid": session, **params}; the decoded JSON."""
        body = dict(params, op=op)
        if session:
            body["sid"] = session
        req = urllib.request.Request(self.api_url, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json",
                                              "User-Agent": USER_AGENT})
        with _no_proxy_opener.open(req, timeout=timeout) as resp:
            return json.loads(resp.read().decode())

    def call(self, op, session=None, **params):
        """api() that returns content, raising ApiError when status is not 0."""
        r = self.api(op, session, **params)
        if r.get("status") != 0:
            raise ApiError(op, r.get("content"))
        return r["content"]

    def login(self, user, password):
        """A new session id; raises ApiError (LOGIN_ERROR, API_DISABLED)."""
        return self.call("login", user=user, password=password)["session_id"]

    def session(self, user="reader"):
        """A cached session for one of USERS."""
        if user not in self._sessions:
            self._sessions[user] = self.login(user, USERS[user][0])
        return self._sessions[user]

    def subscribe(self, url, user="reader", category_id=0):
        """Subscribes user to url through the API; returns the feed id."""
        st = self.call("subscribeToFeed", self.session(user), feed_url=url,
                       category_id=category_id)["status"]
        if st.get("code") not in (0, 1):
            raise ApiError("subscribeToFeed", st)
        return int(st["feed_id"])

    def update_feeds(self):
        """Has tt-rss fetch every feed now (update.php --force-update --feeds).

        Synchronous; returns the seconds it took. Raises with the output on failure."""
        t0 = time.monotonic()
        r = self._run([PHP, "update.php", "--force-update", "--feeds"], cwd=self.www)
        elapsed = time.monotonic() - t0
        with open(os.path.join(self.dir, "logs", "update.log"), "a") as f:
            f.write(r.stdout + r.stderr)
        # A feed that fails is no failure here (see feed_errors()); update.php
        # that stops before updating (lock, schema, sanity check) is.
        if r.returncode != 0 or "Scheduled " not in r.stdout:
            raise RuntimeError(f"update.php failed ({r.returncode}): {r.stdout[-2000:]}{r.stderr[-2000:]}")
        self.timings["update"] = elapsed
        return elapsed

    def feed_errors(self):
        """{feed id: last_error} for feeds whose last update failed."""
        rows = self.sql("SELECT id, last_error FROM ttrss_feeds WHERE last_error <> ''")
        return {int(r[0]): r[1] for r in rows}

    def article_state(self, article_id, user="reader"):
        """{"unread", "marked", "published", "note", ...} from getArticle, or None."""
        arts = self.call("getArticle", self.session(user), article_id=str(article_id))
        return arts[0] if arts else None

    def set_article_state(self, article_ids, user="reader", unread=None, marked=None,
                          published=None, note=None):
        """Changes articles through updateArticle, as another client would."""
        if isinstance(article_ids, (int, str)):
            article_ids = [article_ids]
        ids = ",".join(str(i) for i in article_ids)
        sid = self.session(user)
        for field, value in ((2, unread), (0, marked), (1, published)):
            if value is not None:
                self.call("updateArticle", sid, article_ids=ids, mode=1 if value else 0,
                          field=field)
        if note is not None:
            self.call("updateArticle", sid, article_ids=ids, mode=1, field=3, data=note)

    def sql(self, query):
        """Runs SQL in tt-rss's database; rows as lists of strings."""
        r = self._run(["psql", "-X", "-q", "-A", "-t", "-F", "\x1f", "-R", "\x1e",
                       "-v", "ON_ERROR_STOP=1", "-h", self._pg_sock, "-U", "ttrss",
                       "-d", "ttrss", "-c", query])
        if r.returncode != 0:
            raise RuntimeError(f"psql: {r.stderr.strip()}")
        out = r.stdout.rstrip("\n")
        return [row.split("\x1f") for row in out.split("\x1e") if row.strip("\n")] if out else []

    def log_tail(self, name, n=3000):
        try:
            with open(os.path.join(self.dir, "logs", f"{name}.log"), errors="replace") as f:
                return f.read()[-n:]
        except OSError:
            return ""

    # -- setting up -------------------------------------------------------

    def _make_dirs(self):
        base = tempfile.gettempdir()
        if self._ids and not _world_traversable(base):
            base = "/tmp"
        self.dir = tempfile.mkdtemp(prefix=TMP_PREFIX, dir=base)
        os.chmod(self.dir, 0o755)
        with open(os.path.join(self.dir, OWNER_FILE), "w") as f:
            f.write(_process_id(os.getpid()))
        self.www = os.path.join(self.dir, "www")
        self._pg_data = os.path.join(self.dir, "pgdata")
        self._pg_sock = os.path.join(self.dir, "pg")
        writable = [self._pg_sock, "lock", "logs", "home", "cache", "cache/images",
                    "cache/upload", "cache/export", "cache/feeds"]
        for d in writable:
            os.makedirs(os.path.join(self.dir, d), exist_ok=True)
        with open(os.path.join(self.dir, "php.ini"), "w") as f:
            # Read by every php we start and by those update.php starts
            # (PHP_INI_SCAN_DIR): errors to the logs, never into a reply.
            f.write("display_errors = stderr\nlog_errors = Off\nhtml_errors = Off\n"
                    "error_reporting = E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_WARNING\n"
                    "memory_limit = 256M\nmax_execution_time = 0\n")
        if self._ids:
            for d in [self.dir] + [os.path.join(self.dir, d) for d in writable]:
                os.chown(d, *self._ids)

    def _copy_www(self, src):
        """A private copy of the www tree; symlinks re-pointed to absolute targets."""
        dst = self.www

        def ignore(d, names):
            if os.path.samefile(d, src):
                return {"config.php", "feed-icons", "locale", "plugins.local"} & set(names)
            return set()

        shutil.copytree(src, dst, symlinks=True, ignore=ignore)
        for root, dirs, files in os.walk(dst):
            for name in dirs + files:
                p = os.path.join(root, name)
                if os.path.islink(p):
                    target = os.readlink(p)
                    if not os.path.isabs(target):
                        rel = os.path.relpath(root, dst)
                        target = os.path.normpath(os.path.join(INSTALLED_WWW, rel, target))
                        os.unlink(p)
                        os.symlink(target, p)
        # Only gettext's translations: read, never written, and the bulk of the tree.
        os.symlink(os.path.join(src, "locale"), os.path.join(dst, "locale"))
        shutil.copytree(PLUGIN_DIR, os.path.join(dst, "plugins.local"))
        os.makedirs(os.path.join(dst, "feed-icons"))
        if self._ids:
            os.chown(os.path.join(dst, "feed-icons"), *self._ids)

    def _env(self):
        env = {
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": os.path.join(self.dir, "home"),
            "LANG": "C.UTF-8",
            "PHP_INI_SCAN_DIR": ":" + self.dir,
            "TZ": "UTC",
        }
        return env

    def _spawn(self, argv, **kw):
        kw.setdefault("env", self._env())
        kw.setdefault("stdin", subprocess.DEVNULL)
        if self._ids:
            kw.update(user=self._ids[0], group=self._ids[1], extra_groups=[])
        # Killed with us even if we are killed hard (SIGKILL, a crash): the
        # signal comes when the thread that started it ends, so start TtRss
        # from the main thread. Whatever outlives us anyway (the workers of
        # php -S) the next start() removes (_clean_stale()).
        if SETPRIV:
            argv = [SETPRIV, "--pdeathsig", "KILL", "--"] + list(argv)
        return subprocess.Popen(argv, start_new_session=True, **kw)

    def _run(self, argv, timeout=600, **kw):
        p = self._spawn(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
        try:
            out, err = p.communicate(timeout=timeout)
        except BaseException:
            _stop_group(p, signal.SIGKILL)
            raise
        return subprocess.CompletedProcess(argv, p.returncode, out, err)

    def _open_log(self, name):
        f = open(os.path.join(self.dir, "logs", f"{name}.log"), "a")
        setattr(self, f"_{name}_log", f)
        return f

    def _close_logs(self, name):
        f = getattr(self, f"_{name}_log", None)
        if f:
            f.close()
            setattr(self, f"_{name}_log", None)

    def _start_postgres(self):
        r = self._run([os.path.join(PG_BIN, "initdb"), "-D", self._pg_data, "-U", "ttrss",
                       "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stdout[-1500:]}{r.stderr[-1500:]}")
        log = self._open_log("postgres")
        self._pg = self._spawn(
            [os.path.join(PG_BIN, "postgres"), "-D", self._pg_data,
             "-c", "listen_addresses=", "-c", f"unix_socket_directories={self._pg_sock}",
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "shared_buffers=32MB", "-c", "max_connections=40",
             "-c", "log_min_messages=warning", "-c", "logging_collector=off"],
            stdout=log, stderr=log)
        pidfile = os.path.join(self._pg_data, "postmaster.pid")
        deadline = time.monotonic() + 30
        while True:
            if self._pg.poll() is not None:
                raise RuntimeError(f"postgres exited {self._pg.returncode}: "
                                   + self.log_tail("postgres"))
            try:
                with open(pidfile) as f:
                    lines = f.read().splitlines()
                if len(lines) >= 8 and lines[7].strip() == "ready":
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("postgres did not start: " + self.log_tail("postgres"))
            time.sleep(0.02)

    def _psql(self, db, *args, stdin_text=None):
        argv = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self._pg_sock,
                "-U", "ttrss", "-d", db] + list(args)
        p = self._spawn(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True)
        out, err = p.communicate(stdin_text, timeout=120)
        if p.returncode != 0:
            raise RuntimeError(f"psql {' '.join(args)}: {err.strip()[-1500:]}")
        return out

    def _load_schema(self, schema):
        self._psql("postgres", "-c", "CREATE DATABASE ttrss")
        with open(schema) as f:
            self._psql("ttrss", stdin_text=f.read())

    def _add_users(self):
        stmts = ["BEGIN;"]
        for login, (password, api) in USERS.items():
            salt = secrets.token_hex(125)      # as Pref_Users::add: 250 hex digits
            stmts.append(
                "INSERT INTO ttrss_users (login, pwd_hash, salt, access_level, created, last_login) "
                f"VALUES ('{login}', '{password_hash(password, salt)}', '{salt}', 0, NOW(), NOW());")
            # Preferences live in ttrss_user_prefs (one row per pref, profile
            # NULL); get_pref() finds nothing without a row, so every default is
            # copied, as Pref_Prefs::initialize_user_prefs does at login.
            stmts.append(
                "INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value, profile) "
                "SELECT u.id, p.pref_name, CASE WHEN p.pref_name = 'ENABLE_API_ACCESS' "
                f"THEN '{'true' if api else 'false'}' ELSE p.def_value END, NULL "
                f"FROM ttrss_prefs p, ttrss_users u WHERE u.login = '{login}';")
        stmts.append("COMMIT;")
        self._psql("ttrss", stdin_text="\n".join(stmts))

    def _write_config(self):
        consts = {
            "DB_TYPE": "pgsql", "DB_HOST": self._pg_sock, "DB_PORT": "5432",
            "DB_USER": "ttrss", "DB_NAME": "ttrss", "DB_PASS": "",
            "MYSQL_CHARSET": "UTF8",
            "SELF_URL_PATH": self.url,
            "SINGLE_USER_MODE": False, "SIMPLE_UPDATE_MODE": False,
            "PHP_EXECUTABLE": PHP,
            "LOCK_DIRECTORY": os.path.join(self.dir, "lock"),
            "CACHE_DIR": os.path.join(self.dir, "cache"),
            "ICONS_DIR": "feed-icons", "ICONS_URL": "feed-icons",
            "AUTH_AUTO_CREATE": False, "AUTH_AUTO_LOGIN": False,
            "FORCE_ARTICLE_PURGE": 0,
            "ENABLE_REGISTRATION": False, "REG_NOTIFY_ADDRESS": "nobody@invalid",
            "REG_MAX_USERS": 10, "SESSION_COOKIE_LIFETIME": 86400,
            "SMTP_FROM_NAME": "tt-rss test", "SMTP_FROM_ADDRESS": "nobody@invalid",
            "DIGEST_SUBJECT": "digest",
            "CHECK_FOR_UPDATES": False, "ENABLE_GZIP_OUTPUT": False,
            "PLUGINS": "auth_internal, harness_loopback",
            "LOG_DESTINATION": "",          # PHP's error_log: the logs/ files
            "CONFIG_VERSION": 26,
            # Users who have not logged in for this many days get no updates; off.
            "DAEMON_UPDATE_LOGIN_LIMIT": 0,
            # Any fetch tt-rss makes itself goes to a closed loopback port.
            "_HTTP_PROXY": "127.0.0.1:9",
        }
        lines = ["<?php", "// Written by Briefing's tests/sync/ttrss_server.py"]
        for k, v in consts.items():
            if isinstance(v, bool):
                val = "true" if v else "false"
            elif isinstance(v, int):
                val = str(v)
            else:
                val = _php_str(v)
            lines.append(f"define('{k}', {val});")
        with open(os.path.join(self.www, "config.php"), "w") as f:
            f.write("\n".join(lines) + "\n")


_no_proxy_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

TMP_PREFIX = "briefing-ttrss-"
OWNER_FILE = "owner"


def _process_id(pid):
    """pid and start time: a pid that cannot be mistaken for a later one."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f"{pid} {f.read().rsplit(')', 1)[1].split()[19]}"
    except (OSError, IndexError):
        return ""


def _clean_stale():
    """Removes what a TtRss of a process that is gone left behind (a test
    killed by SIGKILL): its processes, found by its directory in their
    command line, then the directory."""
    for owner in glob.glob(os.path.join(tempfile.gettempdir(), TMP_PREFIX + "*", OWNER_FILE)) + \
            glob.glob(os.path.join("/tmp", TMP_PREFIX + "*", OWNER_FILE)):
        d = os.path.dirname(owner)
        try:
            with open(owner) as f:
                ident = f.read().strip()
        except OSError:
            continue
        if not ident or _process_id(int(ident.split()[0])) == ident:
            continue
        for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    cmd = f.read()
            except OSError:
                continue
            if (d + "/").encode() in cmd:
                with contextlib.suppress(OSError):
                    os.kill(int(pid), signal.SIGKILL)
        _log(f"removed {d}, left by a process that is gone")
        shutil.rmtree(d, ignore_errors=True)


def _exit_on_sigterm():
    """meson ends a test that times out with SIGTERM, which would end Python
    without unwinding: make it SystemExit, so that stop() runs."""
    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        def handler(signum, frame):
            raise SystemExit(128 + signum)
        signal.signal(signal.SIGTERM, handler)


def _world_traversable(path):
    path = os.path.abspath(path)
    while True:
        try:
            if not os.stat(path).st_mode & 0o001:
                return False
        except OSError:
            return False
        parent = os.path.dirname(path)
        if parent == path:
            return True
        path = parent


def _stop_group(proc, sig, grace=10):
    """Signals proc's whole process group, waits, then SIGKILLs what is left."""
    try:
        pgid = os.getpgid(proc.pid)
    except ProcessLookupError:
        pgid = None
    if pgid is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, sig)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    if pgid is not None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        # Workers of php -S, or postgres's children, may outlive the leader briefly.
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _group_alive(pgid):
            time.sleep(0.02)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=grace)


def _group_alive(pgid):
    """Whether a process of group pgid still runs. Zombies do not count: the
    workers of php -S outlive their parent, and whoever inherits them (PID 1,
    here a sandbox's init) may take a while to reap them."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return True
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


# -- feeds served from loopback ---------------------------------------------

_CONTENT_TYPES = {
    ".xml": "application/rss+xml", ".rss": "application/rss+xml",
    ".atom": "application/atom+xml", ".html": "text/html; charset=utf-8",
    ".json": "application/json",
}


class _Httpd(http.server.ThreadingHTTPServer):
    daemon_threads = True
    # SO_REUSEADDR would not let two servers listen on one port on Linux,
    # but it is not needed either: each test binds anew.
    allow_reuse_address = False


def _bind(handler, port, wait):
    """An _Httpd on 127.0.0.1:port. Port 80 is shared by every test that
    serves feeds to tt-rss: while another one has it, wait for it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return _Httpd(("127.0.0.1", port), handler)
        except PermissionError:
            raise Skip(f"cannot listen on 127.0.0.1:{port} (needs root or a lower "
                       "net.ipv4.ip_unprivileged_port_start)")
        except OSError as e:
            if e.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                raise
        time.sleep(0.1)


class FeedServer:
    """A threaded HTTP server on 127.0.0.1:80 serving files from a dict.

    Port 80 because this tt-rss drops the port of every feed URL it is
    given (UrlHelper::build_url has no port), so a feed tt-rss is to poll
    must be at http://127.0.0.1/PATH. Tests that run at the same time take
    turns at the port (the constructor waits up to `wait` seconds); so keep
    one FeedServer per test, with as many paths as needed. port=0 gives a
    random port, for feeds only Briefing itself fetches.

    set(path, body) changes what is served between polls; .requests lists
    the paths asked for."""

    def __init__(self, files=None, port=FEED_PORT, wait=300):
        self._files = {}
        self._lock = threading.Lock()
        self.requests = []
        for path, body in (files or {}).items():
            self.set(path, body)
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                with server._lock:
                    server.requests.append(self.path)
                    entry = server._files.get(path)
                if entry is None:
                    status, ctype, body = 404, "text/plain", b"not found\n"
                else:
                    status, ctype, body = entry
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_HEAD = do_GET

            def log_message(self, *args):
                pass

        self._httpd = _bind(Handler, port, wait)
        self.port = self._httpd.server_address[1]
        self.base_url = "http://127.0.0.1" + ("" if self.port == 80 else f":{self.port}")
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path):
        return self.base_url + path

    def set(self, path, body, content_type=None, status=200):
        if isinstance(body, str):
            body = body.encode()
        if content_type is None:
            content_type = _CONTENT_TYPES.get(os.path.splitext(path)[1], "application/octet-stream")
        with self._lock:
            self._files[path] = (status, content_type, body)

    def remove(self, path):
        with self._lock:
            self._files.pop(path, None)

    def stop(self):
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
        return False


def serve_feeds(files, port=FEED_PORT):
    """Starts a FeedServer for {path: bytes}; its .base_url is http://127.0.0.1."""
    return FeedServer(files, port)


def rss(title, items, link="http://127.0.0.1/"):
    """A small RSS 2.0 document; items are dicts with guid, title, and optionally
    link, content, date (RFC 822), author, enclosure (url, type, length)."""
    from xml.sax.saxutils import escape
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
             f"<channel><title>{escape(title)}</title><link>{escape(link)}</link>"
             "<description>test feed</description>"]
    for it in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(it['title'])}</title>")
        if it.get("link"):
            parts.append(f"<link>{escape(it['link'])}</link>")
        parts.append(f"<guid isPermaLink=\"false\">{escape(it['guid'])}</guid>")
        if it.get("date"):
            parts.append(f"<pubDate>{it['date']}</pubDate>")
        if it.get("content"):
            parts.append(f"<content:encoded>{escape(it['content'])}</content:encoded>")
        if it.get("author"):
            parts.append(f"<author>{escape(it['author'])}</author>")
        if it.get("enclosure"):
            url, mime, length = it["enclosure"]
            parts.append(f'<enclosure url="{escape(url)}" type="{escape(mime)}" length="{length}"/>')
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode()


def main(argv):
    cmd = argv[1] if len(argv) > 1 else "check"
    try:
        if cmd == "fetch":
            print(find_ttrss()[0])
        elif cmd == "check":
            check_available()
            print("ok:", find_ttrss()[0])
        elif cmd == "serve":
            with TtRss() as srv:
                print(f"tt-rss at {srv.url} (dir {srv.dir}); users reader/reader-pass, "
                      "noapi/noapi-pass; Ctrl-C stops", flush=True)
                with contextlib.suppress(KeyboardInterrupt):
                    while True:
                        time.sleep(3600)
        else:
            print(f"usage: {argv[0]} [check|fetch|serve]", file=sys.stderr)
            return 2
    except Skip as e:
        print(f"unavailable: {e}", file=sys.stderr)
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
