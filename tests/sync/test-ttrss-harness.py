#!/usr/bin/python3
"""Self-check of tests/sync/ttrss_server.py: a real tt-rss fetches a feed
served on 127.0.0.1, and its API shows and changes the articles.

Exits 77 (skipped) when the packages the harness needs are missing.
--dump prints what the API answers, as recorded in ttrss-api-notes.md.
--bench N also times ingesting a feed of N items (and paging through it).
"""

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ttrss_server  # noqa: E402

failures = 0


def check(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures += 1


def items(n, prefix="item"):
    return [{"guid": f"{prefix}-{i}", "title": f"Item {i}",
             "link": f"http://127.0.0.1/{prefix}/{i}",
             "content": f"<p>Content of item {i} with <b>markup</b>.</p>",
             "date": time.strftime("%a, %d %b %Y %H:%M:%S +0000",
                                   time.gmtime(1700000000 + i * 60))}
            for i in range(1, n + 1)]


def dump(label, call):
    try:
        value = call()
    except urllib.error.HTTPError as e:
        print(f"--- {label}: HTTP {e.code} {e.read()[:300]!r}", flush=True)
        return
    print(f"--- {label}\n{json.dumps(value, indent=1, ensure_ascii=False)}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", action="store_true")
    ap.add_argument("--bench", type=int, default=0)
    args = ap.parse_args()

    ttrss_server.skip_unless_available()

    feeds = ttrss_server.serve_feeds({"/three.xml": ttrss_server.rss("Three", items(3))})
    t0 = time.monotonic()
    with ttrss_server.TtRss() as srv:
        t_start = time.monotonic() - t0
        print(f"started in {t_start:.2f}s {srv.timings}", flush=True)

        sid = srv.login("reader", "reader-pass")
        check(bool(sid), "reader logs in")

        sub = srv.api("subscribeToFeed", sid, feed_url=feeds.url("/three.xml"))
        check(sub["status"] == 0 and sub["content"]["status"]["code"] == 1,
              f"subscribeToFeed: {sub}")
        feed_id = sub["content"]["status"]["feed_id"]

        t_update = srv.update_feeds()
        print(f"update_feeds: {t_update:.2f}s", flush=True)
        check(srv.feed_errors() == {}, f"no feed errors: {srv.feed_errors()}")

        hl = srv.call("getHeadlines", sid, feed_id=-4, show_content=True,
                      include_attachments=True)
        titles = sorted(h["title"] for h in hl)
        check(titles == ["Item 1", "Item 2", "Item 3"], f"3 headlines: {titles}")
        check(all("Content of item" in h.get("content", "") for h in hl), "with content")
        check(all(h["unread"] for h in hl), "all unread")
        check(all(h["feed_id"] in (feed_id, str(feed_id)) for h in hl), "from the feed")

        art = hl[0]["id"]
        r = srv.call("updateArticle", sid, article_ids=str(art), mode=0, field=2)
        check(r == {"status": "OK", "updated": 1}, f"updateArticle marks read: {r}")
        check(srv.article_state(art)["unread"] is False, "getArticle shows it read")
        srv.set_article_state(art, unread=True, marked=True)
        st = srv.article_state(art)
        check(st["unread"] is True and st["marked"] is True, "set_article_state")
        check(srv.sql(f"SELECT unread, marked FROM ttrss_user_entries WHERE ref_id = {art}")
              == [["t", "t"]], "sql() sees the same")

        r = srv.api("login", user="noapi", password="noapi-pass")
        check(r["status"] == 1 and r["content"]["error"] == "API_DISABLED", f"noapi: {r}")
        r = srv.api("login", user="reader", password="wrong")
        check(r["status"] == 1 and r["content"]["error"] == "LOGIN_ERROR", f"bad password: {r}")
        r = srv.api("getFeeds", "no-such-session", cat_id=-3)
        check(r["status"] == 1 and r["content"]["error"] == "NOT_LOGGED_IN", f"bad sid: {r}")

        # A second poll sees what the feed server serves now.
        feeds.set("/three.xml", ttrss_server.rss("Three", items(4)))
        srv.update_feeds()
        n = len(srv.call("getHeadlines", sid, feed_id=feed_id, view_mode="all_articles"))
        check(n == 4, f"second poll sees 4 items (got {n})")

        # The web server goes away and comes back on the same port.
        srv.stop_web()
        try:
            srv.api("isLoggedIn", sid, timeout=2)
            check(False, "API down after stop_web")
        except OSError:
            check(True, "API down after stop_web")
        srv.start_web()
        check(srv.call("isLoggedIn", sid) == {"status": True},
              "session survives a web restart")

        if args.dump:
            dump_api(srv, sid, feeds, feed_id)
        if args.bench:
            bench(srv, sid, feeds, args.bench)
    feeds.stop()
    print(f"total {time.monotonic() - t0:.2f}s", flush=True)
    print(f"{0 if failures else 1} passed, {failures} failed")
    return 1 if failures else 0


def dump_api(srv, sid, feeds, feed_id):
    dump("login ok", lambda: srv.api("login", user="reader", password="reader-pass"))
    dump("login wrong password", lambda: srv.api("login", user="reader", password="wrong"))
    dump("login unknown user", lambda: srv.api("login", user="nobody", password="x"))
    dump("login API disabled", lambda: srv.api("login", user="noapi", password="noapi-pass"))
    dump("bad session", lambda: srv.api("getFeeds", "no-such-session"))
    dump("no session", lambda: srv.api("getFeeds"))
    dump("getApiLevel", lambda: srv.api("getApiLevel", sid))
    dump("getVersion", lambda: srv.api("getVersion", sid))
    dump("isLoggedIn", lambda: srv.api("isLoggedIn", sid))
    dump("getConfig", lambda: srv.api("getConfig", sid))
    dump("getFeeds cat_id=-3", lambda: srv.api("getFeeds", sid, cat_id=-3))
    dump("getFeeds cat_id=-4", lambda: srv.api("getFeeds", sid, cat_id=-4))
    dump("getCategories", lambda: srv.api("getCategories", sid))
    dump("getCategories include_empty", lambda: srv.api("getCategories", sid, include_empty=True))
    dump("getCounters", lambda: srv.api("getCounters", sid))
    dump("getUnread", lambda: srv.api("getUnread", sid))
    feeds.set("/media.xml", ttrss_server.rss("Media", [{
        "guid": "media-1", "title": "With an enclosure", "link": "http://127.0.0.1/media/1",
        "content": "<p>Listen.</p>", "author": "someone@example.invalid (Some One)",
        "date": "Tue, 14 Nov 2023 22:13:20 +0000",
        "enclosure": ("http://127.0.0.1/media/1.mp3", "audio/mpeg", 1234)}]))
    media = srv.subscribe(feeds.url("/media.xml"))
    srv.update_feeds()
    dump("getHeadlines item", lambda: srv.api("getHeadlines", sid, feed_id=media, limit=1,
                                      show_content=True, include_attachments=True))
    dump("getHeadlines include_header", lambda: srv.api("getHeadlines", sid, feed_id=feed_id, limit=1,
                                                include_header=True))
    dump("getArticle", lambda: srv.api("getArticle", sid, article_id="1"))
    dump("unknown op", lambda: srv.api("noSuchOp", sid))
    dump("subscribe again (exists)", lambda: srv.api("subscribeToFeed", sid, feed_url=feeds.url("/three.xml")))
    dump("subscribe 404", lambda: srv.api("subscribeToFeed", sid, feed_url=feeds.url("/missing.xml")))
    feeds.set("/page.html", b"<html><head><title>x</title></head><body>no feeds</body></html>")
    dump("subscribe html without feeds", lambda: srv.api("subscribeToFeed", sid, feed_url=feeds.url("/page.html")))
    feeds.set("/two.html", ('<html><head><link rel="alternate" type="application/rss+xml" href="'
                            + feeds.url("/a.xml") + '"><link rel="alternate" type="application/rss+xml" href="'
                            + feeds.url("/b.xml") + '"></head></html>').encode())
    dump("subscribe html with 2 feeds", lambda: srv.api("subscribeToFeed", sid, feed_url=feeds.url("/two.html")))
    feeds.set("/junk.xml", b"this is not xml <<<")
    dump("subscribe invalid xml", lambda: srv.api("subscribeToFeed", sid, feed_url=feeds.url("/junk.xml")))
    dump("subscribe bad url", lambda: srv.api("subscribeToFeed", sid, feed_url="not a url"))
    dump("unsubscribe", lambda: srv.api("unsubscribeFeed", sid, feed_id=999999))
    dump("no JSON body (GET api/)", lambda: json.loads(urllib.request.urlopen(srv.api_url, timeout=5).read()))
    req = urllib.request.Request(srv.url, data=b'{"op":"login"}')
    with urllib.request.urlopen(req, timeout=5) as resp:
        body = resp.read()
        print("--- POST to the tt-rss root, not api/:", resp.status,
              resp.headers.get("Content-Type"), body[:120])
    # What a server that is not tt-rss answers at .../api/: the feed server.
    req = urllib.request.Request(feeds.url("/api/"), data=b'{"op":"login"}')
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            print("--- not tt-rss", resp.status, resp.read()[:200])
    except urllib.error.HTTPError as e:
        print("--- not tt-rss: HTTP", e.code, e.headers.get("Content-Type"), e.read()[:200])


def bench(srv, sid, feeds, n):
    feeds.set("/big.xml", ttrss_server.rss("Big", items(n, "big")))
    feed_id = srv.subscribe(feeds.url("/big.xml"))
    t = srv.update_feeds()
    print(f"bench: update_feeds with a {n}-item feed (+ the small one): {t:.2f}s", flush=True)
    t = srv.update_feeds()
    print(f"bench: update_feeds again, nothing new: {t:.2f}s", flush=True)

    page = srv.call("getHeadlines", sid, feed_id=feed_id, limit=500)
    print(f"bench: limit=500 gives {len(page)}", flush=True)
    check(len(page) == min(n, 200), "getHeadlines caps limit at 200")

    ids, sizes = [], []
    t0 = time.monotonic()
    while True:
        page = srv.call("getHeadlines", sid, feed_id=feed_id, limit=200, skip=len(ids),
                        show_content=True, view_mode="all_articles")
        sizes.append(len(page))
        ids += [h["id"] for h in page]
        if len(page) < 200:
            break
    print(f"bench: paged {len(ids)} headlines with content, pages {sizes}, "
          f"in {time.monotonic() - t0:.2f}s", flush=True)
    check(sorted(set(ids)) == sorted(ids) and len(ids) == n, f"bench: all {n} paged once each")

    top = max(ids)
    newer = srv.call("getHeadlines", sid, feed_id=feed_id, since_id=top - 10)
    check(sorted(h["id"] for h in newer) == list(range(top - 9, top + 1)),
          "since_id returns ids > since_id")
    old = srv.call("getHeadlines", sid, feed_id=feed_id, limit=3, order_by="date_reverse")
    print("bench: order_by=date_reverse first:", [(h["id"], h["updated"]) for h in old])
    new = srv.call("getHeadlines", sid, feed_id=feed_id, limit=3, order_by="feed_dates")
    print("bench: order_by=feed_dates first:", [(h["id"], h["updated"]) for h in new])
    dflt = srv.call("getHeadlines", sid, feed_id=feed_id, limit=3)
    print("bench: default order first:", [(h["id"], h["updated"]) for h in dflt])
    srv.set_article_state(ids[:5], unread=False)
    unread = srv.call("getHeadlines", sid, feed_id=feed_id, view_mode="unread", limit=200, skip=400)
    print(f"bench: view_mode=unread skip=400: {len(unread)} (of {n - 5} unread)")
    check(len(unread) == max(0, n - 5 - 400), "view_mode=unread filters")


if __name__ == "__main__":
    sys.exit(main())
