#!/usr/bin/python3
"""bench-sync: a first sync of 10,000 briefings from a local Tiny Tiny RSS,
against fetching the same briefings' feeds directly; and a sync with
nothing new against the first (issue #14).

The server is Debian's tt-rss on 127.0.0.1 (tests/sync/ttrss_server.py),
subscribed to 20 feeds of 500 items each, served from 127.0.0.1 and
ingested before the clock starts. Each run starts from an empty store:

  direct     briefingctl import-opml of the 20 feeds, then refresh
  first      briefingctl account sync, the account just added
  again      briefingctl account sync, nothing new on the server
  floor      the same API pages fetched by this script, nothing else done:
             what tt-rss itself takes to serve them
  replayed   briefingctl account sync against a server answering tt-rss's
             recorded pages at once: the sync's own cost

The same against the Google Reader API (the tests' FreshRSS-shaped server,
tests/greader-test-server.c, run by greader-serve with the same articles),
which serves its pages at once; and a first sync of 100,000 briefings from
it, paged, with its progress counted and, meanwhile, a reader listing the
newest briefings every 100 ms to see how long the store keeps it waiting.

Targets: first / direct <= 2.0, again / first < 0.1, and the sync with
nothing new makes one request per stream. tt-rss (PHP and PostgreSQL on
the same two cores) takes longer to serve its pages than the direct
fetch takes in all, so the replayed sync says what Briefing costs.
The tt-rss part skips, saying why, where the harness's packages are missing.
"""

import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

SOURCE_ROOT = os.environ.get("BRIEFING_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests", "sync"))
sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests", "ui"))
import fixture_server  # noqa: E402
import ttrss_server  # noqa: E402

BRIEFINGCTL = os.environ.get("BRIEFINGCTL", "build/src/cli/briefingctl")
FEEDS = int(os.environ.get("BENCH_SYNC_FEEDS", "20"))
ITEMS = int(os.environ.get("BENCH_SYNC_ITEMS", "500"))
RUNS = int(os.environ.get("BENCH_SYNC_RUNS", "3"))
LARGE = int(os.environ.get("BENCH_SYNC_LARGE", "100000"))

BODY = ("<p>The harbour authority said on {day} that repairs to pier {n} would take six weeks, "
        "and that ferries to the islands would leave from the north quay meanwhile. "
        "Residents of Kingston and Port Royal asked the council for a shuttle bus.</p>"
        '<figure><img src="http://127.0.0.1/img/{n}.jpg" width="1200" height="800">'
        "<figcaption>The pier at low tide.</figcaption></figure>"
        "<p>{filler}</p>")


def feed(index):
    now = time.time()
    items = [{"guid": f"f{index}-{i}", "title": f"Harbour works, part {i} of feed {index}",
              "link": f"http://127.0.0.1/f{index}/{i}",
              "content": BODY.format(day=time.strftime("%A", time.gmtime(now - i * 600)), n=i,
                                     filler="Details of the timetable follow. " * 8),
              "date": time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime(now - i * 600 - index))}
             for i in range(ITEMS)]
    return ttrss_server.rss(f"Harbour Desk {index}", items)


def env_for(home):
    return dict(os.environ,
                BRIEFING_STORE=os.path.join(home, "briefing.db"),
                SECRET_BACKEND="file",
                SECRET_FILE_TEST_PATH=os.path.join(home, "keyring"),
                SECRET_FILE_TEST_PASSWORD="bench",
                XDG_DATA_HOME=os.path.join(home, "data"),
                XDG_CACHE_HOME=os.path.join(home, "cache"))


def ctl(env, *args, stdin=None):
    p = subprocess.run([BRIEFINGCTL, *args], env=env, input=stdin, capture_output=True, text=True, timeout=1800)
    if p.returncode != 0:
        raise RuntimeError(f"briefingctl {' '.join(args)}: {p.stderr.strip()}")
    return p.stdout


def timed(env, *args):
    t0 = time.monotonic()
    out = ctl(env, *args)
    return time.monotonic() - t0, out


def api(url, body):
    request = urllib.request.Request(url + "api/", json.dumps(body).encode(),
                                     {"Content-Type": "application/json", "User-Agent": "bench-sync"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.read()


def record(srv):
    """tt-rss's answers to a first sync, fetched as fast as it serves them:
    (seconds, {key: body})."""
    session = json.loads(api(srv.url, {"op": "login", "user": "reader", "password": "reader-pass"}))["content"]["session_id"]
    answers = {"login": api(srv.url, {"op": "login", "user": "reader", "password": "reader-pass"})}
    t0 = time.monotonic()
    for op, params in (("getCategories", {}), ("getFeeds", {"cat_id": -3}), ("getCounters", {"output_mode": "f"})):
        answers[op] = api(srv.url, {"op": op, "sid": session, **params})
    skip = 0
    while True:
        body = api(srv.url, {"op": "getHeadlines", "sid": session, "feed_id": -4, "view_mode": "all_articles",
                             "limit": 200, "skip": skip, "show_content": True, "include_attachments": True,
                             "sanitize": False})
        answers[("page", skip)] = body
        if len(json.loads(body)["content"]) < 200:
            break
        skip += 200
    return time.monotonic() - t0, answers


def replay(answers):
    """A server answering the recorded pages at once; returns its URL."""
    empty = json.dumps({"seq": 0, "status": 0, "content": []}).encode()
    last = max(k[1] for k in answers if isinstance(k, tuple))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            op = body.get("op")
            if op == "getHeadlines":
                if body.get("feed_id") == -4 and body.get("view_mode") == "all_articles":
                    out = answers.get(("page", body.get("skip", 0)), answers[("page", last)])
                else:
                    out = empty
            else:
                out = answers.get(op, empty)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}/"


def serve_direct(files):
    """The feeds for the direct fetch, on 127.0.0.1 (any port)."""
    server = fixture_server.serve_http(lambda request: (files.get(request.path), "application/rss+xml"))
    return f"http://127.0.0.1:{server.server_address[1]}"


def direct_runs(urls):
    opml = tempfile.NamedTemporaryFile("w", suffix=".opml", delete=False)
    opml.write('<?xml version="1.0"?><opml version="2.0"><head><title>bench</title></head><body>'
               + "".join(f'<outline type="rss" text="f{i}" xmlUrl="{u}"/>' for i, u in enumerate(urls))
               + "</body></opml>")
    opml.close()
    times = []
    for run in range(RUNS):
        env = env_for(tempfile.mkdtemp(prefix="bench-sync-direct-"))
        ctl(env, "import-opml", opml.name)
        seconds, out = timed(env, "refresh", "--json")
        stored = len(json.loads(ctl(env, "list", "--json")))
        times.append(seconds)
        print(f"run {run + 1}: direct fetch {seconds:6.2f} s, {stored} stored", flush=True)
    return statistics.median(times)


def account_runs(kind, url, label):
    """(first syncs, syncs with nothing new, their request counts)."""
    first, again, requests = [], [], []
    for run in range(RUNS):
        env = env_for(tempfile.mkdtemp(prefix=f"bench-sync-{kind}-"))
        ctl(env, "account", "add", "--kind", kind, "--server", url, "--user", "reader", stdin="reader-pass\n")
        seconds, out = timed(env, "account", "sync", "--json")
        result = json.loads(out)
        first.append(seconds)
        print(f"run {run + 1}: {label} first sync   {seconds:6.2f} s, {result['new']} new, "
              f"{result['requests']} requests", flush=True)
        seconds, out = timed(env, "account", "sync", "--json")
        result = json.loads(out)
        again.append(seconds)
        requests.append(result["requests"])
        print(f"run {run + 1}: {label} nothing new  {seconds:6.2f} s, {result['new']} new, "
              f"{result['requests']} requests", flush=True)
    return first, again, requests


def ttrss_part(urls):
    try:
        ttrss_server.check_available()
    except ttrss_server.Skip as e:
        print(f"tt-rss part skipped: {e}", flush=True)
        return None
    floor, replayed = [], []
    feeds = ttrss_server.serve_feeds({f"/f{i}.xml": feed(i) for i in range(FEEDS)})
    with ttrss_server.TtRss() as srv:
        for i in range(FEEDS):
            srv.subscribe(f"{feeds.base_url}/f{i}.xml")
        t0 = time.monotonic()
        srv.update_feeds()
        print(f"tt-rss ingested {FEEDS} x {ITEMS} items in {time.monotonic() - t0:.1f} s (not timed)", flush=True)

        # tt-rss works out each article's image the first time it serves
        # it, and keeps it: the first pass here, not the syncs, pays that.
        for run in range(RUNS):
            seconds, answers = record(srv)
            floor.append(seconds)
            print(f"run {run + 1}: tt-rss serving the pages, no client work {seconds:6.2f} s", flush=True)
        first, again, requests = account_runs("ttrss", srv.url, "tt-rss")

    for run in range(RUNS):
        env = env_for(tempfile.mkdtemp(prefix="bench-sync-replay-"))
        ctl(env, "account", "add", "--kind", "ttrss", "--server", replay(answers), "--user", "reader",
            stdin="reader-pass\n")
        seconds, out = timed(env, "account", "sync", "--json")
        replayed.append(seconds)
        print(f"run {run + 1}: replayed sync {seconds:6.2f} s, {json.loads(out)['new']} new", flush=True)
    return first, again, requests, statistics.median(floor[1:] or floor), statistics.median(replayed)


def greader_server(feeds, items):
    serve = subprocess.Popen([os.environ.get("GREADER_SERVE", "build/tests/bench/greader-serve"),
                              str(feeds), str(items)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    return serve, serve.stdout.readline().strip()


def large_sync(total):
    """A first sync of @total briefings from the Google Reader API server,
    with a reader listing the newest briefings meanwhile."""
    serve, url = greader_server(total // 1000, 1000)
    env = env_for(tempfile.mkdtemp(prefix="bench-sync-large-"))
    ctl(env, "account", "add", "--kind", "greader", "--server", url, "--user", "reader", stdin="reader-pass\n")

    def read_latencies(stop):
        latencies = []
        while not stop.is_set():
            t0 = time.monotonic()
            ctl(env, "list", "--limit", "50", "--json")
            latencies.append(time.monotonic() - t0)
            time.sleep(0.1)
        return latencies

    idle = [timed(env, "list", "--limit", "50", "--json")[0] for _ in range(5)]
    stop = threading.Event()
    result = {}
    reader = threading.Thread(target=lambda: result.setdefault("latencies", read_latencies(stop)))
    t0 = time.monotonic()
    sync = subprocess.Popen([BRIEFINGCTL, "account", "sync", "--progress", "--json"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reader.start()
    out, err = sync.communicate()
    seconds = time.monotonic() - t0
    stop.set()
    reader.join()
    serve.stdin.close()
    serve.wait()
    if sync.returncode != 0:
        raise RuntimeError(f"large sync: {err.strip()[-500:]}")
    progress = [line for line in err.splitlines() if "briefings" in line]
    latencies = sorted(result["latencies"])
    return (seconds, json.loads(out), progress, statistics.median(idle),
            latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.95)], latencies[-1])


def main():
    base = serve_direct({f"/f{i}.xml": feed(i) for i in range(FEEDS)})
    d = direct_runs([f"{base}/f{i}.xml" for i in range(FEEDS)])

    serve, url = greader_server(FEEDS, ITEMS)
    g_first, g_again, g_requests = account_runs("greader", url, "Google Reader API")
    serve.stdin.close()
    serve.wait()

    tt = ttrss_part([f"{base}/f{i}.xml" for i in range(FEEDS)])
    large = large_sync(LARGE)

    def verdict(value, target, below=False):
        return "met" if (value < target if below else value <= target) else "MISSED"

    gf, ga = statistics.median(g_first), statistics.median(g_again)
    print()
    print(f"  {FEEDS * ITEMS} briefings in {FEEDS} feeds, medians of {RUNS} runs")
    print(f"  direct fetch (import-opml + refresh)        {d:7.2f} s")
    print(f"  Google Reader API: first sync               {gf:7.2f} s")
    print(f"  Google Reader API: nothing new              {ga:7.2f} s, {max(g_requests)} requests")
    if tt is not None:
        first, again, requests, fl, r = tt
        f, a = statistics.median(first), statistics.median(again)
        print(f"  tt-rss: first sync                          {f:7.2f} s")
        print(f"  tt-rss: nothing new                         {a:7.2f} s, {max(requests)} requests")
        print(f"  tt-rss serving those pages alone            {fl:7.2f} s")
        print(f"  tt-rss's pages replayed at once: first sync {r:7.2f} s")
    seconds, result, progress, idle, p50, p95, worst = large
    print(f"  {LARGE} briefings, first sync (Google Reader API) {seconds:7.2f} s, {result['new']} new, "
          f"{result['requests']} requests, {len(progress)} progress reports")
    print(f"  reading the newest 50 meanwhile: median {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"worst {worst * 1000:.0f} ms (idle {idle * 1000:.0f} ms)")
    print("  ratio                                          value")
    print(f"  Google Reader API first sync / direct        {gf / d:6.3f}   target <= 2.0   {verdict(gf / d, 2.0)}")
    print(f"  Google Reader API nothing new / first sync   {ga / gf:6.3f}   target <  0.1   {verdict(ga / gf, 0.1, True)}")
    if tt is not None:
        print(f"  tt-rss first sync / direct                   {f / d:6.3f}   target <= 2.0   {verdict(f / d, 2.0)}"
              f"  (tt-rss serving alone: {fl / d:.2f})")
        print(f"  tt-rss replayed first sync / direct          {r / d:6.3f}   target <= 2.0   {verdict(r / d, 2.0)}"
              "  (Briefing's own cost)")
        print(f"  tt-rss nothing new / first sync              {a / f:6.3f}   target <  0.1   {verdict(a / f, 0.1, True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
