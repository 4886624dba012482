#!/usr/bin/python3
"""Briefing against a real Tiny Tiny RSS (issue #14).

Debian's tt-rss with PostgreSQL and PHP, started by tests/sync/ttrss_server.py
on 127.0.0.1, polling feeds served on 127.0.0.1. Briefing is driven through
briefingctl, the same core the app uses, with the password in a libsecret
file keyring. Checks: wrong password, API disabled, not a tt-rss server;
subscribe; sync; mark read and starred in Briefing and see it on the server,
and the reverse; an offline queue that survives a SIGKILL and is sent once;
the server going down mid-sync; unsubscribe; removing the account.

Exits 77 when the packages the harness needs are missing.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ttrss_server  # noqa: E402

BRIEFINGCTL = sys.argv[1] if len(sys.argv) > 1 else "build/src/cli/briefingctl"
failures = 0


def check(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures += 1


def items(prefix, first, last, image=False):
    return [{"guid": f"{prefix}-{i}", "title": f"{prefix.title()} report {i}",
             "link": f"http://127.0.0.1/{prefix}/{i}",
             "content": (f"<p>Report {i} on the harbour works, with <b>details</b>.</p>"
                         + (f'<img src="http://127.0.0.1/{prefix}/{i}.jpg">' if image else "")
                         + "<script>alert(1)</script>"),
             "date": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(1750000000 + i * 60)),
             **({"enclosure": (f"http://127.0.0.1/{prefix}/{i}-lead.jpg", "image/jpeg", 1000)} if image else {})}
            for i in range(first, last + 1)]


class Ctl:
    def __init__(self, home):
        self.env = dict(os.environ,
                        BRIEFING_STORE=os.path.join(home, "briefing.db"),
                        SECRET_BACKEND="file",
                        SECRET_FILE_TEST_PATH=os.path.join(home, "keyring"),
                        SECRET_FILE_TEST_PASSWORD="test-keyring",
                        XDG_DATA_HOME=os.path.join(home, "data"),
                        XDG_CACHE_HOME=os.path.join(home, "cache"))

    def run(self, *args, stdin=None, ok=True):
        p = subprocess.run([BRIEFINGCTL, *args], env=self.env, input=stdin, capture_output=True,
                           text=True, timeout=300)
        print(f"$ briefingctl {' '.join(args)} -> {p.returncode} {p.stderr.strip()[:300]}", flush=True)
        if ok and p.returncode != 0:
            raise AssertionError(f"briefingctl {' '.join(args)} failed: {p.stderr}")
        return p

    def json(self, *args):
        return json.loads(self.run(*args, "--json").stdout)

    def entries(self):
        return {e["guid"]: e for e in self.json("list")}


def main():
    ttrss_server.skip_unless_available()

    home = tempfile.mkdtemp(prefix="briefing-ttrss-test-")
    ctl = Ctl(home)
    feeds = ttrss_server.serve_feeds({
        "/harbour.xml": ttrss_server.rss("Harbour Times", items("harbour", 1, 3, image=True)),
        "/council.xml": ttrss_server.rss("Council Notes", items("council", 1, 250)),
    })
    base = feeds.base_url

    with ttrss_server.TtRss() as srv:
        # Logging in: each failure in words.
        p = ctl.run("account", "add", "--kind", "ttrss", "--server", srv.url, "--user", "reader",
                    stdin="not-the-password\n", ok=False)
        check(p.returncode != 0 and "password is wrong" in p.stderr, "a wrong password says so")
        p = ctl.run("account", "add", "--kind", "ttrss", "--server", srv.url, "--user", "noapi",
                    stdin="noapi-pass\n", ok=False)
        check(p.returncode != 0 and "API" in p.stderr, "an account without API access says so")
        p = ctl.run("account", "add", "--kind", "ttrss", "--server", base + "/harbour.xml", "--user", "reader",
                    stdin="reader-pass\n", ok=False)
        check(p.returncode != 0 and "not a Tiny Tiny RSS server" in p.stderr, "another server is not taken for tt-rss")
        p = ctl.run("account", "show", ok=False)
        check(p.returncode != 0, "no account is kept after failed logins")

        ctl.run("account", "add", "--kind", "ttrss", "--server", srv.url, "--user", "reader", stdin="reader-pass\n")
        with open(os.path.join(home, "briefing.db"), "rb") as f:
            check(b"reader-pass" not in f.read(), "the password is not in the store")

        # Subscribing goes to the server, into the category named; the
        # server fetches.
        srv.sql("INSERT INTO ttrss_feed_categories (owner_uid, title) "
                "SELECT id, 'Local News' FROM ttrss_users WHERE login = 'reader'")
        category = int(srv.sql("SELECT id FROM ttrss_feed_categories WHERE title = 'Local News'")[0][0])
        ctl.run("add", base + "/harbour.xml", "--group", "Local News")
        srv.update_feeds()
        server_feeds = srv.call("getFeeds", srv.session(), cat_id=-3)
        harbour = [f for f in server_feeds if f["feed_url"] == base + "/harbour.xml"]
        check(len(harbour) == 1, "subscribed on the server")
        check(harbour and int(harbour[0]["cat_id"]) == category, "in the category named")
        check(any(s.get("group") == "Local News" for s in ctl.json("sources")), "and that group here")

        result = ctl.json("account", "sync")
        check(result["new"] == 3, f"first sync brings the 3 briefings ({result})")
        entries = ctl.entries()
        check(len(entries) == 3, "three briefings stored")
        shown = ctl.json("show", str(entries[next(iter(entries))]["id"]))
        check("<script" not in (shown.get("content") or "") and "Report" in (shown.get("content") or ""),
              "synced bodies are sanitized like fetched ones")
        check(shown.get("image", {}).get("url", "").endswith("-lead.jpg"), "the lead photo comes from the attachment")

        headlines = srv.call("getHeadlines", srv.session(), feed_id=-4, view_mode="all_articles")
        by_title = {h["title"]: h["id"] for h in headlines}

        # Briefing → server.
        first = entries[str(by_title["Harbour report 1"])]
        ctl.run("mark", str(first["id"]), "--read")
        ctl.run("mark", str(first["id"]), "--star")
        result = ctl.json("account", "sync")
        state = srv.article_state(by_title["Harbour report 1"])
        check(result["sent"] == 2 and not state["unread"] and state["marked"],
              f"read and starred here are read and starred on the server ({result})")

        # Server → Briefing.
        srv.set_article_state(by_title["Harbour report 2"], unread=False, marked=True)
        ctl.json("account", "sync")
        second = ctl.entries()[str(by_title["Harbour report 2"])]
        check(second["read"] and second["starred"], "read and starred on the server are so here")

        # Nothing new: a handful of requests.
        result = ctl.json("account", "sync")
        check(result["new"] == 0 and result["requests"] <= 7, f"a sync with nothing new is small ({result})")

        # Offline: the changes wait in the store, across a SIGKILL.
        third = ctl.entries()[str(by_title["Harbour report 3"])]
        srv.stop_web()
        ctl.run("mark", str(third["id"]), "--read")
        ctl.run("mark", str(third["id"]), "--star")
        p = ctl.run("account", "sync", ok=False)
        check(p.returncode != 0 and ("refused" in p.stderr or "reach" in p.stderr),
              "a sync with the server down fails in words")
        sync = subprocess.Popen([BRIEFINGCTL, "account", "sync"], env=ctl.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3)
        sync.send_signal(signal.SIGKILL)
        sync.wait()
        check(ctl.json("account", "show")["queued"] == 2, "both changes still wait after a SIGKILL")
        srv.start_web()
        result = ctl.json("account", "sync")
        state = srv.article_state(by_title["Harbour report 3"])
        check(result["sent"] == 2 and not state["unread"] and state["marked"],
              f"the queue reaches the server once it is back ({result})")
        check(ctl.json("account", "show")["queued"] == 0, "and leaves the queue")
        result = ctl.json("account", "sync")
        check(result["sent"] == 0, "nothing is sent twice")

        # The server going down in the middle of a long first sync.
        ctl.run("add", base + "/council.xml")
        srv.update_feeds()
        sync = subprocess.Popen([BRIEFINGCTL, "account", "sync", "--progress"], env=ctl.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = sync.stderr.readline()
        srv.stop_web()
        rest = sync.stderr.read()
        sync.wait()
        stored = len(ctl.entries())
        print(f"  progress: {line.strip()!r}; then {rest.strip()[:200]!r}; {stored} stored", flush=True)
        check(sync.returncode != 0 and "briefingctl:" in rest, "the sync stops with an error when the server goes")
        check(stored >= 3, "what came before stays")
        srv.start_web()
        ctl.json("account", "sync")
        entries = ctl.entries()
        check(len(entries) == 253, f"the next sync completes it, no duplicates ({len(entries)})")
        check(ctl.json("account", "show").get("last_error") is None, "and clears the error")

        # Unsubscribing goes to the server too.
        council = next(s for s in ctl.json("sources") if s["url"].endswith("/council.xml"))
        ctl.run("remove", str(council["id"]))
        server_feeds = srv.call("getFeeds", srv.session(), cat_id=-3)
        check(not any(f["feed_url"].endswith("/council.xml") for f in server_feeds), "unsubscribed on the server")
        check(len(ctl.entries()) == 3, "its briefings are gone here")

        ctl.run("account", "remove")
        check(ctl.json("sources") == [], "removing the account removes its sources here")
        server_feeds = srv.call("getFeeds", srv.session(), cat_id=-3)
        check(len(server_feeds) == 1, "and leaves the server's subscriptions")

    if failures:
        print(f"{failures} check(s) failed", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
