/* test-hostile.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "briefing-feed-private.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-test-server.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Hostile servers and hostile documents, against the real briefingctl.
 *
 * Every case subscribes a fresh store to a few good feeds and one or more
 * hostile ones, runs `briefingctl refresh --json` and then
 * `briefingctl add` on each hostile address, and holds the product to
 * what DESIGN.md promises for untrusted input:
 *
 *  - no crash and no critical (the child runs with G_DEBUG=fatal-criticals,
 *    and its stderr may hold no CRITICAL or WARNING);
 *  - time: no run takes longer than the fetch's total timeout and a
 *    margin for starting a process on a busy machine (BRIEFING_FETCH_TIMEOUTS
 *    shortens the timeouts to CONNECT_TIMEOUT and TOTAL_TIMEOUT), plus,
 *    for the documents of 31 MB, the work of reading them, which no
 *    timeout covers (the report shows the CPU seconds beside the wall's);
 *  - memory: a run's peak resident memory is at most the same run without
 *    the hostile sources, plus ten times the hostile bytes a reader could
 *    be made to hold (a document's size, or the 32 MB body cap for bodies
 *    without end), plus MEMORY_NOISE for what two identical runs differ by,
 *    and never more than 256 MB over it;
 *  - the good sources of the same refresh are all stored, and each hostile
 *    one has the error its case expects, in a reader's words (`briefingctl
 *    sources --json`), or, where a server's oddity is harmless, is stored;
 *    `briefingctl add` ends likewise, a failure on one line of its own;
 *  - nothing from a local file or a second server finds its way in
 *    through XML entities, DTDs or XInclude, and no stored link leads
 *    anywhere but the web or mail.
 *
 * Peak memory is the child's own: this program runs each briefingctl
 * through itself (--measure), a fresh small process that forks, execs
 * and reads wait4()'s ru_maxrss. Measured from here, the peak would start
 * at this process's size (Linux carries the parent's resident size over
 * fork and exec). The measuring process also kills a run that goes past
 * its memory bound or far past its time, so a regression fails in
 * seconds rather than swapping the machine.
 *
 * Rate limits (a second host answering 429 and 503 to everything, over
 * two refreshes) and OPML files (`briefingctl import-opml`) have cases of
 * their own.
 *
 * Each run is reported on a TAP comment line: case, command, outcome,
 * seconds, peak MB, the bound, and the error text. */

#define CONNECT_TIMEOUT   2
#define TOTAL_TIMEOUT     3
#define MARGIN_SECONDS    4.0     /* process start, store, good feeds, a busy machine */
#define HARD_MARGIN       10.0    /* past its limit, a run is killed */
#define N_GOOD            3
#define GOOD_ITEMS        20
#define MB                (1024.0 * 1024.0)
#define BODY_CAP          (32 * 1024 * 1024)   /* the fetcher's */
#define AMPLIFICATION     10
#define MEMORY_NOISE_MB   8.0
#define MEMORY_CAP_MB     256.0
#define BASELINE_RUNS     3
#define SECRET_MARKER     "HOSTILE-SECRET-5d1e0c"
#define DTD_MARKER        "HOSTILE-DTD-9b72a4"
#define GIB               ((guint64) 1024 * 1024 * 1024)

/* The measuring process ------------------------------------------------------ */

static long
read_rss_kb (pid_t pid)
{
  char path[64];
  char line[256];
  long kb = 0;
  FILE *file;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  file = fopen (path, "r");
  if (file == NULL)
    return 0;

  while (fgets (line, sizeof line, file) != NULL)
    {
      if (strncmp (line, "VmRSS:", 6) == 0)
        {
          kb = strtol (line + 6, NULL, 10);
          break;
        }
    }
  fclose (file);

  return kb;
}

static double
now_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* test-hostile --measure REPORT LIMIT_MS LIMIT_KB PROGRAM ARGS...
 *
 * Plain libc, so that this process stays small: its child's ru_maxrss
 * starts from its size. */
static int
measure_main (int   argc,
              char *argv[])
{
  const char *report;
  long limit_ms, limit_kb;
  const char *killed = "";
  struct rusage usage;
  double started;
  int status = 0;
  pid_t pid;
  FILE *file;

  if (argc < 6)
    return 2;

  report = argv[2];
  limit_ms = strtol (argv[3], NULL, 10);
  limit_kb = strtol (argv[4], NULL, 10);
  started = now_seconds ();

  pid = fork ();
  if (pid < 0)
    return 2;
  if (pid == 0)
    {
      execv (argv[5], argv + 5);
      _exit (127);
    }

  for (;;)
    {
      pid_t done = wait4 (pid, &status, WNOHANG, &usage);
      long rss;

      if (done == pid)
        break;
      if (done < 0 && errno != EINTR)
        return 2;

      rss = read_rss_kb (pid);
      if (*killed == '\0' && rss > limit_kb)
        {
          killed = "memory";
          kill (pid, SIGKILL);
        }
      else if (*killed == '\0' && (now_seconds () - started) * 1000 > limit_ms)
        {
          killed = "time";
          kill (pid, SIGKILL);
        }

      usleep (5000);
    }

  file = fopen (report, "w");
  if (file == NULL)
    return 2;
  fprintf (file, "%d %d %.3f %ld %s %.3f\n",
           WIFEXITED (status) ? WEXITSTATUS (status) : -1,
           WIFSIGNALED (status) ? WTERMSIG (status) : 0,
           now_seconds () - started, usage.ru_maxrss, *killed ? killed : "-",
           usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6);
  fclose (file);

  return 0;
}

/* Runs ----------------------------------------------------------------------- */

typedef struct
{
  int     exit_status;     /* -1 when a signal ended it */
  int     term_signal;
  char   *killed;          /* "memory" or "time" when the watchdog stepped in */
  double  seconds;
  double  cpu_seconds;
  double  peak_mb;
  char   *out;
  char   *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->killed);
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

typedef enum
{
  KIND_REFRESH,
  KIND_ADD,
  KIND_IMPORT,
  N_KINDS
} Kind;

static const char * const kind_names[] = { "refresh", "add", "import" };

typedef struct
{
  TestServer *server;       /* good feeds and most hostile ones, 127.0.0.1 */
  TestServer *other;        /* a second host, 127.0.0.2 */
  char       *ctl;
  char       *self;
  char       *tmp;
  char       *secret_path;  /* what XXE would leak */
  char       *secret_dtd;   /* a DTD on disk declaring an entity */
  guint       n_dirs;
  double      baseline_mb[N_KINDS];
} Hostile;

static Hostile h;

static void
child_exited_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* A new empty directory for one run's store. */
static char *
new_dir (const char *name)
{
  g_autofree char *leaf = g_strdup_printf ("%03u-%s", ++h.n_dirs, name);
  char *dir = g_build_filename (h.tmp, leaf, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  return dir;
}

static char *
store_path (const char *dir)
{
  return g_build_filename (dir, "data", BRIEFING_DIRNAME, "briefing.db", NULL);
}

/* Runs briefingctl @args on the store in @dir, measured, while this
 * process's main context keeps the servers answering. */
static Run *
run_ctl (const char         *dir,
         double              limit_seconds,
         double              limit_mb,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = g_build_filename (dir, "report", NULL);
  g_autofree char *out_path = g_build_filename (dir, "stdout", NULL);
  g_autofree char *err_path = g_build_filename (dir, "stderr", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *cache = g_build_filename (dir, "cache", NULL);
  g_autofree char *store = store_path (dir);
  g_autofree char *timeouts = g_strdup_printf ("%d,%d", CONNECT_TIMEOUT, TOTAL_TIMEOUT);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  Run *run = g_new0 (Run, 1);
  gboolean exited = FALSE;
  long maxrss_kb;

  g_ptr_array_add (argv, g_strdup (h.self));
  g_ptr_array_add (argv, g_strdup ("--measure"));
  g_ptr_array_add (argv, g_strdup (report));
  g_ptr_array_add (argv, g_strdup_printf ("%.0f", (limit_seconds + HARD_MARGIN) * 1000));
  g_ptr_array_add (argv, g_strdup_printf ("%.0f", limit_mb * 1024));
  g_ptr_array_add (argv, g_strdup (h.ctl));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "BRIEFING_STORE", store, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  g_subprocess_launcher_setenv (launcher, "BRIEFING_FETCH_TIMEOUTS", timeouts, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  /* The launcher opens these without truncating them. */
  g_unlink (out_path);
  g_unlink (err_path);
  g_unlink (report);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, err_path);

  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (child, NULL, child_exited_cb, &exited);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_subprocess_get_if_exited (child));
  g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  g_assert_true (g_file_get_contents (report, &text, NULL, NULL));
  fields = g_strsplit (g_strstrip (text), " ", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 6);

  run->exit_status = atoi (fields[0]);
  run->term_signal = atoi (fields[1]);
  run->seconds = g_ascii_strtod (fields[2], NULL);
  maxrss_kb = strtol (fields[3], NULL, 10);
  run->peak_mb = maxrss_kb / 1024.0;
  run->killed = g_str_equal (fields[4], "-") ? NULL : g_strdup (fields[4]);
  run->cpu_seconds = g_ascii_strtod (fields[5], NULL);
  g_file_get_contents (out_path, &run->out, NULL, NULL);
  g_file_get_contents (err_path, &run->err, NULL, NULL);
  if (run->out == NULL)
    run->out = g_strdup ("");
  if (run->err == NULL)
    run->err = g_strdup ("");

  return run;
}

/* A run with no bound worth stating: reading the store back. */
static Run *
run_query (const char         *dir,
           const char * const *args)
{
  return run_ctl (dir, 30, 1024, args);
}

/* Reports ---------------------------------------------------------------------- */

static char *
one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  g_strdelimit (line, "\r\n", ' ');
  g_strstrip (line);
  if (strlen (line) > 140)
    strcpy (line + 137, "...");

  return line;
}

static void
report (const char *name,
        Kind        kind,
        const Run  *run,
        double      bound_mb,
        const char *outcome,
        const char *error)
{
  g_autofree char *text = one_line (error);

  g_test_message ("%-26s %-7s %-8s %6.2f s (cpu %5.2f) %7.1f MB (bound %6.1f)  %s",
                  name, kind_names[kind], outcome, run->seconds, run->cpu_seconds, run->peak_mb, bound_mb, text);
}

/* How a run ended, for the report. */
static const char *
outcome (const Run  *run,
         const char *clean)
{
  if (run->killed != NULL)
    return run->killed;
  if (run->term_signal != 0)
    return "signal";

  return clean;
}

/* What a failed command said, without its name. */
static const char *
error_text (const Run *run)
{
  if (run->exit_status == 0)
    return "";

  return g_str_has_prefix (run->err, "briefingctl: ") ? run->err + strlen ("briefingctl: ") : run->err;
}

/* Checks every run must pass, whatever it was given. */
static void
check_run (const char *name,
           const Run  *run,
           double      limit_seconds,
           double      bound_mb)
{
  if (run->killed != NULL)
    g_test_message ("%s: killed by the watchdog (%s) after %.2f s at %.1f MB", name, run->killed,
                    run->seconds, run->peak_mb);
  g_assert_null (run->killed);
  g_assert_cmpint (run->term_signal, ==, 0);
  g_assert_cmpint (run->exit_status, >=, 0);
  g_assert_null (strstr (run->err, "CRITICAL"));
  g_assert_null (strstr (run->err, "WARNING"));
  g_assert_null (strstr (run->err, "**"));
  g_assert_cmpfloat (run->seconds, <=, limit_seconds);
  g_assert_cmpfloat (run->peak_mb, <=, bound_mb);
}

/* A failed command says so on one line of its own, in words. */
static void
check_error_line (const Run  *run,
                  const char *expected)
{
  const char *message;

  g_assert_cmpint (run->exit_status, >, 0);
  g_assert_true (g_str_has_prefix (run->err, "briefingctl: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);

  message = error_text (run);
  g_assert_cmpuint (strlen (message), >, 10);
  if (expected != NULL && strstr (message, expected) == NULL)
    g_test_message ("expected “%s” in: %s", expected, run->err);
  if (expected != NULL)
    g_assert_nonnull (strstr (message, expected));
}

/* An error a reader can act on: a sentence, not a dump. */
static void
check_readers_words (const char *error)
{
  g_assert_nonnull (error);
  if (error == NULL)
    return;

  g_assert_cmpuint (strlen (error), >, 10);
  g_assert_cmpuint (strlen (error), <, 400);
  g_assert_true (g_unichar_isupper (g_utf8_get_char (error)));
  g_assert_null (strstr (error, "(null)"));
  for (const char *p = error; *p != '\0'; p++)
    g_assert_false (g_ascii_iscntrl (*p));
}

/* JSON --------------------------------------------------------------------------- */

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  if (error != NULL || json_parser_get_root (parser) == NULL)
    return json_node_init_array (json_node_alloc (), json_array_new ());

  return json_node_copy (json_parser_get_root (parser));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;

  return json_node_get_int (node);
}

static JsonObject *
find_by_url (JsonArray  *array,
             const char *url)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (member_string (object, "url"), url) == 0)
        return object;
    }

  return NULL;
}

/* Documents ------------------------------------------------------------------------ */

static char *
good_feed (guint n)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>");

  g_string_append_printf (xml, "<title>Good feed %u</title><link>http://127.0.0.1/good/%u/</link>", n, n);
  for (guint i = 0; i < GOOD_ITEMS; i++)
    g_string_append_printf (xml, "<item><title>Council budget story %u of feed %u</title>"
                                 "<guid>good-%u-%u</guid><link>http://127.0.0.1/good/%u/%u</link>"
                                 "<pubDate>Mon, 0%u Jun 2026 10:00:00 GMT</pubDate>"
                                 "<description>&lt;p&gt;The council met on the harbour budget, item %u.&lt;/p&gt;"
                                 "</description></item>",
                            i, n, n, i, n, i, 1 + i % 9, i);
  g_string_append (xml, "</channel></rss>");

  return g_string_free (xml, FALSE);
}

static const char small_feed[] =
  "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Small</title>"
  "<link>http://127.0.0.1/</link><item><title>One story</title><guid>small-1</guid>"
  "<description>Text.</description></item></channel></rss>";

/* An RSS document with @doctype before it and @items inside it. */
static char *
xml_feed (const char *doctype,
          const char *items)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s\n"
                          "<rss version=\"2.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel>"
                          "<title>Hostile</title><link>http://127.0.0.1/hostile/</link>%s</channel></rss>",
                          doctype, items);
}

static char *
billion_laughs_doctype (const char *root)
{
  GString *doctype = g_string_new (NULL);

  g_string_append_printf (doctype, "<!DOCTYPE %s [\n  <!ENTITY lol0 \"lol\">\n", root);
  for (guint level = 1; level <= 9; level++)
    {
      g_string_append_printf (doctype, "  <!ENTITY lol%u \"", level);
      for (guint i = 0; i < 10; i++)
        g_string_append_printf (doctype, "&lol%u;", level - 1);
      g_string_append (doctype, "\">\n");
    }
  g_string_append (doctype, "]>");

  return g_string_free (doctype, FALSE);
}

/* The same through parameter entities, which libxml2 expands inside the
 * internal subset itself. */
static char *
billion_laughs_parameter_doctype (void)
{
  GString *doctype = g_string_new ("<!DOCTYPE rss [\n  <!ENTITY % pe0 \"lol\">\n");

  for (guint level = 1; level <= 9; level++)
    {
      g_string_append_printf (doctype, "  <!ENTITY %% pe%u \"", level);
      for (guint i = 0; i < 10; i++)
        g_string_append_printf (doctype, "%%pe%u;", level - 1);
      g_string_append (doctype, "\">\n");
    }
  g_string_append (doctype, "  <!ENTITY laughs \"%pe9;\">\n]>");

  return g_string_free (doctype, FALSE);
}

/* One entity of @entity_len characters referenced @n_refs times: the
 * "quadratic blow-up", which no nesting limit sees. */
static char *
quadratic_doctype (const char *root,
                   gsize       entity_len)
{
  GString *doctype = g_string_new (NULL);

  g_string_append_printf (doctype, "<!DOCTYPE %s [<!ENTITY a \"", root);
  for (gsize i = 0; i < entity_len; i++)
    g_string_append_c (doctype, 'x');
  g_string_append (doctype, "\">]>");

  return g_string_free (doctype, FALSE);
}

static char *
repeat (const char *text,
        gsize       n)
{
  GString *out = g_string_sized_new (strlen (text) * n);

  for (gsize i = 0; i < n; i++)
    g_string_append (out, text);

  return g_string_free (out, FALSE);
}

/* The brief's numbers: 200 KB, an entity of 50,000 characters referenced
 * 50,000 times in one description (2.5 GB of text). */
static char *
quadratic_feed (void)
{
  g_autofree char *doctype = quadratic_doctype ("rss", 50000);
  g_autofree char *refs = repeat ("&a;", 50000);
  g_autofree char *items = g_strdup_printf ("<item><title>Blow-up</title><guid>quadratic-1</guid>"
                                            "<description>%s</description></item>", refs);

  return xml_feed (doctype, items);
}

/* The same through attribute values, which libxml2 expands whatever the
 * parser's options say. */
static char *
quadratic_attribute_feed (void)
{
  g_autofree char *doctype = quadratic_doctype ("rss", 50000);
  g_autofree char *refs = repeat ("&a;", 1000);
  GString *items = g_string_new ("<item><title>Blow-up in attributes</title><guid>quadratic-2</guid>");
  g_autofree char *text = NULL;

  for (guint i = 0; i < 50; i++)
    g_string_append_printf (items, "<enclosure url=\"http://127.0.0.1/%s\" type=\"audio/mpeg\" length=\"1\"/>", refs);
  g_string_append (items, "</item>");
  text = g_string_free (items, FALSE);

  return xml_feed (doctype, text);
}

/* Documents that reach for what is not theirs: a local file, a DTD on
 * disk or on another server, an XInclude. */
static char *
xxe_file_feed (void)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE rss [\n"
                                              "  <!ENTITY secret SYSTEM \"file://%s\">\n"
                                              "  <!ENTITY passwd SYSTEM \"file:///etc/passwd\">\n]>",
                                              h.secret_path);

  return xml_feed (doctype, "<item><title>Leak &secret;</title><guid>xxe-1</guid>"
                            "<description>&secret; &passwd;</description></item>"
                            "<item><title>&passwd;</title><guid>xxe-2</guid></item>");
}

static char *
xxe_parameter_feed (void)
{
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE rss [\n"
                                              "  <!ENTITY %% dtd SYSTEM \"file://%s\">\n  %%dtd;\n]>",
                                              h.secret_dtd);

  return xml_feed (doctype, "<item><title>Parameter entity</title><guid>xxe-p</guid>"
                            "<description>&leak;</description></item>");
}

static char *
xxe_external_dtd_feed (void)
{
  g_autofree char *dtd = test_server_url (h.server, "/xml/evil.dtd");
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE rss SYSTEM \"%s\">", dtd);

  return xml_feed (doctype, "<item><title>External DTD</title><guid>xxe-dtd</guid>"
                            "<description>&leak;</description></item>");
}

/* The out-of-band kind: a DTD fetched from one server that sends a local
 * file's contents to another. */
static char *
xxe_oob_feed (void)
{
  g_autofree char *dtd = test_server_url (h.server, "/xml/oob.dtd");
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE rss [\n"
                                              "  <!ENTITY %% file SYSTEM \"file://%s\">\n"
                                              "  <!ENTITY %% dtd SYSTEM \"%s\">\n  %%dtd;\n]>",
                                              h.secret_path, dtd);

  return xml_feed (doctype, "<item><title>Out of band</title><guid>xxe-oob</guid>"
                            "<description>&send;</description></item>");
}

static char *
xinclude_feed (void)
{
  g_autofree char *remote = test_server_url (h.server, "/xml/xinclude.txt");
  g_autofree char *items = g_strdup_printf ("<item><title>XInclude</title><guid>xinclude-1</guid>"
                                            "<description><xi:include href=\"file://%s\" parse=\"text\"/>"
                                            "</description></item>"
                                            "<item><title><xi:include href=\"%s\" parse=\"text\"/></title>"
                                            "<guid>xinclude-2</guid></item>",
                                            h.secret_path, remote);

  return xml_feed ("", items);
}

static char *
billion_laughs_feed (void)
{
  g_autofree char *doctype = billion_laughs_doctype ("rss");

  return xml_feed (doctype, "<item><title>&lol9;</title><guid>laughs-1</guid>"
                            "<description>&lol9;</description></item>");
}

static char *
billion_laughs_attribute_feed (void)
{
  g_autofree char *doctype = billion_laughs_doctype ("rss");

  return xml_feed (doctype, "<item><title>Laughs in an attribute</title><guid>laughs-2</guid>"
                            "<enclosure url=\"http://127.0.0.1/&lol9;\" type=\"audio/mpeg\" length=\"1\"/>"
                            "</item>");
}

static char *
billion_laughs_parameter_feed (void)
{
  g_autofree char *doctype = billion_laughs_parameter_doctype ();

  return xml_feed (doctype, "<item><title>Laughs through parameter entities</title><guid>laughs-3</guid>"
                            "<description>&laughs;</description></item>");
}

/* Entries whose links lead off the web, each in its own way. */
static char *
links_feed (void)
{
  static const char * const links[] = {
    "file:///etc/passwd",
    "javascript:alert(document.cookie)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "sftp://127.0.0.1/etc/passwd",
    "made-up-scheme://127.0.0.1/x",
    " JaVaScRiPt:alert(1)",
    "java&#9;script:alert(1)",
    "vbscript:msgbox(1)",
    "about:blank",
  };
  GString *items = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    g_string_append_printf (items, "<item><title>Link %u</title><guid>links-%u</guid><link>%s</link>"
                                   "<description>Story %u.</description></item>", i, i, links[i], i);

  /* The brief's own: a base no one can resolve, and a newline inside the
   * scheme, which a lenient parser would drop. */
  g_string_append (items, "<item xml:base=\"%zz/\"><title>Link base</title><guid>links-base</guid>"
                          "<link>fi&#10;le:///etc/passwd</link></item>");
  g_string_append (items, "<item><title>Link guid</title><guid isPermaLink=\"true\">file:///etc/passwd</guid></item>");
  g_string_append (items, "<item><title>Link enclosure</title><guid>links-enclosure</guid>"
                          "<link>http://127.0.0.1/enclosure</link>"
                          "<enclosure url=\"file:///etc/passwd\" type=\"image/jpeg\" length=\"1\"/>"
                          "<description>&lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt;"
                          "&lt;img src=\"file:///etc/passwd\"&gt;&lt;a href=\"data:text/html,x\"&gt;y&lt;/a&gt;"
                          "</description></item>");
  g_string_append (items, "<item><title>Link web</title><guid>links-http</guid>"
                          "<link>http://127.0.0.1/fine</link></item>");
  text = g_string_free (items, FALSE);

  return xml_feed ("", text);
}

/* JSON with arrays nested a million deep: a recursive parser's stack. */
static char *
deep_json_feed (void)
{
  g_autofree char *open = repeat ("[", 1000000);
  g_autofree char *close = repeat ("]", 1000000);

  return g_strdup_printf ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Deep\", "
                          "\"items\": [{\"id\": \"1\", \"content_text\": \"x\", \"tags\": %s%s}]}", open, close);
}

/* Documents just under the body cap that are all count: what a reader
 * pays per entry, per link, per character. */
#define NEAR_CAP (31 * 1024 * 1024)

static char *
many_items_feed (void)
{
  GString *xml = g_string_sized_new (NEAR_CAP + 1024);

  g_string_append (xml, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Many</title>"
                        "<link>http://127.0.0.1/</link>");
  for (guint i = 0; xml->len < NEAR_CAP; i++)
    g_string_append_printf (xml, "<item><title>t</title><guid>%u</guid></item>", i);
  g_string_append (xml, "</channel></rss>");

  return g_string_free (xml, FALSE);
}

static char *
many_items_json (void)
{
  GString *json = g_string_sized_new (NEAR_CAP + 1024);

  g_string_append (json, "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Many\", \"items\": [");
  for (guint i = 0; json->len < NEAR_CAP; i++)
    g_string_append_printf (json, "%s{\"id\":\"%u\",\"content_text\":\"t\"}", i > 0 ? "," : "", i);
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

static char *
huge_text_feed (void)
{
  GString *xml = g_string_sized_new (NEAR_CAP + 1024);

  g_string_append (xml, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Huge</title>"
                        "<link>http://127.0.0.1/</link><item><title>Huge</title><guid>huge-1</guid><description>");
  while (xml->len < NEAR_CAP)
    g_string_append (xml, "&lt;p&gt;Council budget harbour &lt;b&gt;minister&lt;/b&gt; election.&lt;/p&gt; ");
  g_string_append (xml, "</description></item></channel></rss>");

  return g_string_free (xml, FALSE);
}

static char *
many_links_page (void)
{
  GString *html = g_string_sized_new (NEAR_CAP + 1024);

  g_string_append (html, "<!DOCTYPE html><html><head><title>Links</title>");
  for (guint i = 0; html->len < NEAR_CAP; i++)
    g_string_append_printf (html, "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/f/%u.xml\">", i);
  g_string_append (html, "</head><body>Feeds.</body></html>");

  return g_string_free (html, FALSE);
}

static char *
deep_xml_feed (void)
{
  g_autofree char *open = repeat ("<a>", 1000000);
  g_autofree char *close = repeat ("</a>", 1000000);
  g_autofree char *items = g_strdup_printf ("<item><title>Deep</title><guid>deep-1</guid><description>%s%s"
                                            "</description></item>", open, close);

  return xml_feed ("", items);
}

/* Serving -------------------------------------------------------------------------- */

static void
serve (const char         *path,
       const TestResponse *response)
{
  test_server_set (h.server, path, response);
}

static void
serve_redirect (TestServer *server,
                const char *path,
                guint       status,
                const char *location)
{
  test_server_set (server, path, &(TestResponse) { .status = status, .location = location });
}

/* A whole response as bytes, NULs and all: @head is the status line and
 * headers without the blank line; a Content-Length is added unless
 * @framed says the head has its own framing. */
static void
serve_raw (const char *path,
           const char *head,
           gsize       head_len,
           const char *body,
           gboolean    framed)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *length = g_strdup_printf ("Content-Length: %" G_GSIZE_FORMAT "\r\n", strlen (body));

  g_byte_array_append (bytes, (const guint8 *) head, head_len);
  if (!framed)
    g_byte_array_append (bytes, (const guint8 *) length, strlen (length));
  g_byte_array_append (bytes, (const guint8 *) "\r\n", 2);
  g_byte_array_append (bytes, (const guint8 *) body, strlen (body));

  serve (path, &(TestResponse) { .fault = TEST_FAULT_RAW, .body = (const char *) bytes->data, .body_len = bytes->len });
}

#define SERVE_RAW(path, head, body) serve_raw ((path), (head), sizeof (head) - 1, (body), FALSE)
#define SERVE_RAW_FRAMED(path, head, body) serve_raw ((path), (head), sizeof (head) - 1, (body), TRUE)

static void
serve_redirects (void)
{
  g_autofree char *loop_a = test_server_url (h.server, "/loop/a");
  g_autofree char *loop_b = test_server_url (h.server, "/loop/b");
  g_autofree char *loop_p1 = test_server_url (h.server, "/loop/p1");
  g_autofree char *loop_p2 = test_server_url (h.server, "/loop/p2");
  g_autofree char *cross_a = test_server_url (h.server, "/cross/a");
  g_autofree char *cross_b = test_server_url (h.other, "/cross/b");
  g_autofree char *good = test_server_url (h.server, "/good/1.xml");
  g_autofree char *userinfo = g_strdup_printf ("http://reader:secret@%s", good + strlen ("http://"));
  static const struct { const char *path; const char *location; } invalid[] = {
    { "/redirect/no-host", "http:///etc/passwd" },
    { "/redirect/file", "file:///etc/passwd" },
    { "/redirect/ftp", "ftp://127.0.0.1/feed.xml" },
    { "/redirect/javascript", "javascript:alert(1)" },
    { "/redirect/data", "data:application/rss+xml;base64,PHJzcy8+" },
    { "/redirect/about", "about:blank" },
    { "/redirect/no-host-x", "http:///x" },
    { "/redirect/broken", "http://[::1" },
    { "/redirect/port", "http://127.0.0.1:99999/feed.xml" },
    { "/redirect/no-authority", "http:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    serve_redirect (h.server, invalid[i].path, 302, invalid[i].location);
  serve_redirect (h.server, "/redirect/userinfo", 302, userinfo);

  serve_redirect (h.server, "/loop/a", 302, loop_b);
  serve_redirect (h.server, "/loop/b", 302, loop_a);
  serve_redirect (h.server, "/loop/self", 307, "/loop/self");
  serve_redirect (h.server, "/loop/p1", 301, loop_p2);
  serve_redirect (h.server, "/loop/p2", 308, loop_p1);
  serve_redirect (h.server, "/loop/empty", 302, "");
  serve_redirect (h.server, "/cross/a", 302, cross_b);
  serve_redirect (h.other, "/cross/b", 302, cross_a);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *path = g_strdup_printf ("/chain/%u", i);
      g_autofree char *next = g_strdup_printf ("/chain/%u", i + 1);

      serve_redirect (h.server, path, i % 2 ? 301 : 302, next);
    }
  serve ("/chain/40", &(TestResponse) { .body = small_feed });
}

static void
serve_bodies (void)
{
  const char *start = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Endless</title>";
  const char *item = "<item><title>Again</title><description>And again.</description></item>";

  serve ("/body/chunked-2g", &(TestResponse) { .fault = TEST_FAULT_STREAM, .body = start, .filler = item,
                                               .stream_len = 2 * GIB, .chunked = TRUE });
  serve ("/body/close-endless", &(TestResponse) { .fault = TEST_FAULT_STREAM, .body = start, .filler = item });
  serve ("/body/length-2g", &(TestResponse) { .fault = TEST_FAULT_STREAM, .body = start, .filler = item,
                                              .stream_len = 2 * GIB });
  serve ("/body/length-lie-small", &(TestResponse) { .fault = TEST_FAULT_STREAM, .body = small_feed, .filler = item,
                                                     .stream_len = 2 * GIB, .content_length = "64" });
  serve ("/body/length-garbage", &(TestResponse) { .fault = TEST_FAULT_STREAM, .body = start, .filler = item,
                                                   .stream_len = 2 * GIB,
                                                   .content_length = "99999999999999999999999" });
  serve ("/body/length-negative", &(TestResponse) { .fault = TEST_FAULT_STREAM, .body = start, .filler = item,
                                                    .stream_len = 2 * GIB, .content_length = "-1" });

  serve ("/gzip/bomb-10g", &(TestResponse) { .fault = TEST_FAULT_GZIP_BOMB, .body = start, .stream_len = 10 * GIB });
  serve ("/gzip/bomb-endless", &(TestResponse) { .fault = TEST_FAULT_GZIP_BOMB, .body = start });
  serve ("/gzip/not-gzip", &(TestResponse) { .body = small_feed, .content_encoding = "gzip" });
}

static void
serve_slow (void)
{
  g_autofree char *feed = good_feed (9);

  serve ("/slow/drip", &(TestResponse) { .fault = TEST_FAULT_DRIP, .body = feed, .delay_ms = 50 });
  serve ("/slow/stall-headers", &(TestResponse) { .fault = TEST_FAULT_STALL, .body = feed });
  serve ("/slow/stall-body", &(TestResponse) { .fault = TEST_FAULT_STALL_BODY, .body = feed });
  serve ("/slow/stall-mid-body", &(TestResponse) { .fault = TEST_FAULT_STREAM, .body = feed, .stream_len = 1024 * 1024,
                                                   .delay_ms = 600000 });
  serve ("/reset/before", &(TestResponse) { .fault = TEST_FAULT_RESET, .body = feed });
  serve ("/reset/mid-body", &(TestResponse) { .fault = TEST_FAULT_RESET, .body = feed, .reset_after = 400 });
  serve ("/reset/truncated", &(TestResponse) { .fault = TEST_FAULT_TRUNCATE, .body = feed });
}

static void
serve_headers (void)
{
  g_autofree char *feed = good_feed (8);
  g_autofree char *big = repeat ("a", 1024 * 1024);
  g_autofree char *big_header = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                                                 "X-Big: %s\r\n", big);
  g_autofree char *big_status = g_strdup_printf ("HTTP/1.1 200 %s\r\n", big);
  g_autofree char *location = test_server_url (h.server, "/good/1.xml");
  g_autofree char *nul_location = g_strdup_printf ("HTTP/1.1 302 Found\r\nLocation: %s", location);
  g_autoptr(GByteArray) with_nul = g_byte_array_new ();

  /* Bytes no header may hold. */
  SERVE_RAW ("/header/nul-value", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Bad: a\0b\r\n", feed);
  SERVE_RAW ("/header/nul-name", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-B\0d: v\r\n", feed);
  SERVE_RAW ("/header/nul-content-type", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\0text/html\r\n", feed);
  SERVE_RAW ("/header/cr-alone", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\rX-Bad: a\rb\r\n", feed);
  SERVE_RAW ("/header/non-ascii-name", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-\xc3\xbc\xff\xfe: v\r\n", feed);
  SERVE_RAW ("/header/non-ascii-value", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=\xff\xfe\x80\r\n"
                                        "ETag: \"\xe2\x80\xae\x01\x7f\"\r\nLast-Modified: \xff\xff\r\n", feed);
  SERVE_RAW ("/header/no-colon", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nThis is not a header\r\n", feed);
  SERVE_RAW ("/header/obs-fold", "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nX-Folded: a\r\n  b\r\n\tc\r\n", feed);
  SERVE_RAW ("/header/control-retry-after", "HTTP/1.1 503 Service Unavailable\r\nRetry-After: \x01\x02\x7f 12\r\n", feed);

  /* Framing no server should send. */
  SERVE_RAW ("/framing/bad-status", "HTTP/1.1 2OO OK\r\nContent-Type: application/rss+xml\r\n", feed);
  SERVE_RAW ("/framing/status-overflow", "HTTP/1.1 99999999999999999999 OK\r\n", feed);
  SERVE_RAW_FRAMED ("/framing/no-status", "<?xml version=\"1.0\"?>", feed);
  SERVE_RAW_FRAMED ("/framing/lf-only", "HTTP/1.1 200 OK\nContent-Type: application/rss+xml\nConnection: close\n", feed);
  SERVE_RAW_FRAMED ("/framing/two-lengths", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Length: 5000\r\n", feed);
  SERVE_RAW_FRAMED ("/framing/chunk-overflow", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                               "FFFFFFFFFFFFFFFFFFFFFFFF\r\n", feed);
  SERVE_RAW_FRAMED ("/framing/chunk-garbage", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                              "zz;\0\r\n", feed);
  SERVE_RAW_FRAMED ("/framing/chunked-and-length", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
                                                   "Content-Length: 3\r\n", feed);

  g_byte_array_append (with_nul, (const guint8 *) nul_location, strlen (nul_location));
  g_byte_array_append (with_nul, (const guint8 *) "\0/../../etc/passwd\r\n", 20);
  serve_raw ("/header/nul-location", (const char *) with_nul->data, with_nul->len, "", FALSE);

  /* Too much of it. */
  serve_raw ("/header/1mb", big_header, strlen (big_header), feed, FALSE);
  serve_raw ("/header/1mb-status", big_status, strlen (big_status), feed, FALSE);
  serve ("/header/flood-1mb", &(TestResponse) { .fault = TEST_FAULT_HEADER_FLOOD, .body = feed,
                                                .stream_len = 1024 * 1024 });
  serve ("/header/flood-endless", &(TestResponse) { .fault = TEST_FAULT_HEADER_FLOOD, .body = feed });
}

static void
serve_documents (void)
{
  g_autofree char *dtd = g_strdup_printf ("<!ENTITY leak \"%s\">", DTD_MARKER);
  g_autofree char *exfil = test_server_url (h.server, "/xml/exfil");
  g_autofree char *oob = g_strdup_printf ("<!ENTITY %% all \"<!ENTITY send SYSTEM '%s?%%file;'>\"> %%all;", exfil);
  struct { const char *path; char *(*make) (void); const char *type; } documents[] = {
    { "/xml/xxe-file", xxe_file_feed, NULL },
    { "/xml/xxe-parameter", xxe_parameter_feed, NULL },
    { "/xml/xxe-external-dtd", xxe_external_dtd_feed, NULL },
    { "/xml/xxe-oob", xxe_oob_feed, NULL },
    { "/xml/xinclude", xinclude_feed, NULL },
    { "/xml/billion-laughs", billion_laughs_feed, NULL },
    { "/xml/billion-laughs-attribute", billion_laughs_attribute_feed, NULL },
    { "/xml/billion-laughs-parameter", billion_laughs_parameter_feed, NULL },
    { "/xml/quadratic", quadratic_feed, NULL },
    { "/xml/quadratic-attribute", quadratic_attribute_feed, NULL },
    { "/xml/links", links_feed, NULL },
    { "/json/deep", deep_json_feed, "application/feed+json" },
    { "/xml/deep", deep_xml_feed, NULL },
    { "/big/many-items", many_items_feed, NULL },
    { "/big/many-items-json", many_items_json, "application/feed+json" },
    { "/big/huge-text", huge_text_feed, NULL },
    { "/big/many-links", many_links_page, "text/html" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *body = documents[i].make ();

      serve (documents[i].path, &(TestResponse) { .body = body, .content_type = documents[i].type });
    }

  serve ("/xml/evil.dtd", &(TestResponse) { .body = dtd, .content_type = "application/xml-dtd" });
  serve ("/xml/oob.dtd", &(TestResponse) { .body = oob, .content_type = "application/xml-dtd" });
  serve ("/xml/exfil", &(TestResponse) { .body = "", .content_type = "text/plain" });
  serve ("/xml/xinclude.txt", &(TestResponse) { .body = SECRET_MARKER, .content_type = "text/plain" });
}

/* The paths a document may make a careless parser fetch. */
static const char * const fetched_by_documents[] = {
  "/xml/evil.dtd", "/xml/oob.dtd", "/xml/exfil", "/xml/xinclude.txt",
};

static void
serve_all (void)
{
  for (guint i = 1; i <= N_GOOD; i++)
    {
      g_autofree char *path = g_strdup_printf ("/good/%u.xml", i);
      g_autofree char *feed = good_feed (i);

      serve (path, &(TestResponse) { .body = feed });
    }

  serve_redirects ();
  serve_bodies ();
  serve_slow ();
  serve_headers ();
  serve_documents ();
}

/* Baselines -------------------------------------------------------------------------- */

static char *
good_url (guint n)
{
  g_autofree char *path = g_strdup_printf ("/good/%u.xml", n);

  return test_server_url (h.server, path);
}

/* A store in @dir subscribed to the good feeds (unless @good is FALSE)
 * and @urls, as a reader's would be before a refresh. */
static void
subscribe (const char *dir,
           gboolean    good,
           GPtrArray  *urls)
{
  g_autofree char *path = store_path (dir);
  g_autoptr(BriefingStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = briefing_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 1; good && i <= N_GOOD; i++)
    {
      g_autofree char *url = good_url (i);

      briefing_store_add_source (store, url, NULL, NULL, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; urls != NULL && i < urls->len; i++)
    {
      briefing_store_add_source (store, g_ptr_array_index (urls, i), NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static const char opml_good[] =
  "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Good</title></head><body>"
  "<outline text=\"News\"><outline text=\"One\" type=\"rss\" xmlUrl=\"http://127.0.0.1/one.xml\"/>"
  "<outline text=\"Two\" type=\"rss\" xmlUrl=\"http://127.0.0.1/two.xml\"/></outline></body></opml>";

/* What the same commands take with nothing hostile in them: the largest
 * of a few runs, since the hostile runs are held to it. */
static void
ensure_baselines (void)
{
  if (h.baseline_mb[KIND_REFRESH] > 0)
    return;

  for (guint i = 0; i < BASELINE_RUNS; i++)
    {
      g_autofree char *refresh_dir = new_dir ("baseline-refresh");
      g_autofree char *add_dir = new_dir ("baseline-add");
      g_autofree char *import_dir = new_dir ("baseline-import");
      g_autofree char *url = good_url (1);
      g_autofree char *opml = g_build_filename (import_dir, "good.opml", NULL);
      const char *refresh_args[] = { "refresh", "--json", NULL };
      const char *add_args[] = { "add", url, NULL };
      const char *import_args[] = { "import-opml", opml, NULL };
      Run *runs[N_KINDS];

      subscribe (refresh_dir, TRUE, NULL);
      g_assert_true (g_file_set_contents (opml, opml_good, -1, NULL));

      runs[KIND_REFRESH] = run_ctl (refresh_dir, 30, 1024, refresh_args);
      runs[KIND_ADD] = run_ctl (add_dir, 30, 1024, add_args);
      runs[KIND_IMPORT] = run_ctl (import_dir, 30, 1024, import_args);

      for (Kind kind = 0; kind < N_KINDS; kind++)
        {
          check_run ("baseline", runs[kind], 30, 1024);
          g_assert_cmpint (runs[kind]->exit_status, ==, 0);
          report ("baseline", kind, runs[kind], 0, "ok", "");
          h.baseline_mb[kind] = MAX (h.baseline_mb[kind], runs[kind]->peak_mb);
          run_free (runs[kind]);
        }
    }
}

/* The memory a run may take: its baseline, ten times the hostile bytes,
 * and the noise between identical runs, at most 256 MB over the baseline. */
static double
memory_bound (Kind    kind,
              guint64 hostile_bytes)
{
  return h.baseline_mb[kind] + MIN (AMPLIFICATION * (hostile_bytes / MB) + MEMORY_NOISE_MB, MEMORY_CAP_MB);
}

/* HTTP cases ----------------------------------------------------------------------- */

typedef enum
{
  EXPECT_ERROR,     /* the hostile source fails, with this error */
  EXPECT_STORED,    /* the hostile source is stored (minus what it should not have) */
  EXPECT_EITHER,    /* either is right, as long as it is clean */
} Expect;

typedef struct _HttpCase HttpCase;

typedef void (*CaseCheck) (const HttpCase *c,
                           const char     *dir,
                           JsonArray      *sources);

struct _HttpCase
{
  const char *name;
  const char *paths[12];    /* the hostile sources */
  Expect      expect;
  const char *error;        /* what each hostile source's error says; NULL: anything */
  guint64     bytes;        /* the hostile bytes a reader could hold, per source */
  CaseCheck   check;
  double      work_seconds; /* parsing and storing a large document, which no timeout covers */
};

static void check_no_leaks (const HttpCase *c, const char *dir, JsonArray *sources);
static void check_links (const HttpCase *c, const char *dir, JsonArray *sources);
static void check_capped (const HttpCase *c, const char *dir, JsonArray *sources);

#define SMALL 4096

/* What 31 MB of entries or text takes to parse, sanitize and index on a
 * busy machine (2.4 s for the 31 MB description when the machine is
 * idle, nearly four times that while two builds share its two cores). */
#define WORK_SECONDS 15.0

static const HttpCase http_cases[] = {
  { "redirect-no-host", { "/redirect/no-host" },
    EXPECT_ERROR, "The server redirected to an invalid address", SMALL, NULL },
  { "redirect-schemes", { "/redirect/file", "/redirect/ftp", "/redirect/javascript", "/redirect/data",
                          "/redirect/about", "/redirect/no-host-x", "/redirect/broken", "/redirect/port",
                          "/redirect/no-authority", "/redirect/userinfo" },
    EXPECT_ERROR, "redirected to an invalid address", SMALL, NULL },
  { "redirect-loops", { "/loop/a", "/loop/self", "/loop/p1", "/cross/a", "/chain/0" },
    EXPECT_ERROR, "The server redirected too many times", SMALL, NULL },
  { "redirect-empty", { "/loop/empty" },
    EXPECT_ERROR, NULL, SMALL, NULL },
  { "body-chunked-2g", { "/body/chunked-2g" },
    EXPECT_ERROR, "larger than 32 MB", BODY_CAP, NULL },
  { "body-endless", { "/body/close-endless" },
    EXPECT_ERROR, "larger than 32 MB", BODY_CAP, NULL },
  { "body-length-2g", { "/body/length-2g" },
    EXPECT_ERROR, "larger than 32 MB", SMALL, NULL },
  { "body-length-lies", { "/body/length-lie-small", "/body/length-garbage", "/body/length-negative" },
    EXPECT_EITHER, NULL, BODY_CAP, NULL },
  { "gzip-bomb-10g", { "/gzip/bomb-10g" },
    EXPECT_ERROR, "larger than 32 MB", BODY_CAP, NULL },
  { "gzip-bomb-endless", { "/gzip/bomb-endless" },
    EXPECT_ERROR, "larger than 32 MB", BODY_CAP, NULL },
  { "gzip-not-gzip", { "/gzip/not-gzip" },
    EXPECT_EITHER, NULL, SMALL, NULL },
  { "drip", { "/slow/drip" },
    EXPECT_ERROR, "The server took too long to answer", SMALL, NULL },
  { "stall-before-headers", { "/slow/stall-headers" },
    EXPECT_ERROR, "The server took too long to answer", SMALL, NULL },
  { "stall-after-headers", { "/slow/stall-body" },
    EXPECT_ERROR, "The server took too long to answer", SMALL, NULL },
  { "stall-mid-body", { "/slow/stall-mid-body" },
    EXPECT_ERROR, "The server took too long to answer", SMALL, NULL },
  { "reset", { "/reset/before", "/reset/mid-body", "/reset/truncated" },
    EXPECT_ERROR, NULL, SMALL, NULL },
  { "header-bytes", { "/header/nul-value", "/header/nul-name", "/header/nul-content-type", "/header/cr-alone",
                      "/header/non-ascii-name", "/header/non-ascii-value", "/header/no-colon", "/header/obs-fold",
                      "/header/control-retry-after", "/header/nul-location" },
    EXPECT_EITHER, NULL, SMALL, NULL },
  { "framing", { "/framing/bad-status", "/framing/status-overflow", "/framing/no-status", "/framing/lf-only",
                 "/framing/two-lengths", "/framing/chunk-overflow", "/framing/chunk-garbage",
                 "/framing/chunked-and-length" },
    EXPECT_EITHER, NULL, SMALL, NULL },
  { "header-1mb", { "/header/1mb", "/header/1mb-status" },
    EXPECT_ERROR, NULL, 1024 * 1024, NULL },
  { "header-flood", { "/header/flood-1mb", "/header/flood-endless" },
    EXPECT_ERROR, NULL, 1024 * 1024, NULL },
  { "xxe", { "/xml/xxe-file", "/xml/xxe-parameter", "/xml/xxe-external-dtd", "/xml/xxe-oob", "/xml/xinclude" },
    EXPECT_EITHER, NULL, SMALL, check_no_leaks },
  { "billion-laughs", { "/xml/billion-laughs", "/xml/billion-laughs-attribute", "/xml/billion-laughs-parameter" },
    EXPECT_EITHER, NULL, SMALL, NULL },
  { "quadratic-entity", { "/xml/quadratic" },
    EXPECT_EITHER, NULL, 200 * 1024, NULL },
  { "quadratic-attribute", { "/xml/quadratic-attribute" },
    EXPECT_EITHER, NULL, 200 * 1024, NULL },
  { "entry-links", { "/xml/links" },
    EXPECT_STORED, NULL, SMALL, check_links },
  { "deep-nesting", { "/json/deep", "/xml/deep" },
    EXPECT_EITHER, NULL, 7 * 1024 * 1024, NULL, WORK_SECONDS },
  { "many-items", { "/big/many-items" },
    EXPECT_STORED, NULL, NEAR_CAP, check_capped, WORK_SECONDS },
  { "many-items-json", { "/big/many-items-json" },
    EXPECT_STORED, NULL, NEAR_CAP, check_capped, WORK_SECONDS },
  { "huge-text", { "/big/huge-text" },
    EXPECT_EITHER, NULL, NEAR_CAP, NULL, WORK_SECONDS },
  { "page-many-feeds", { "/big/many-links" },
    EXPECT_ERROR, NULL, NEAR_CAP, NULL, WORK_SECONDS },
};

static guint
n_paths (const HttpCase *c)
{
  guint n = 0;

  while (n < G_N_ELEMENTS (c->paths) && c->paths[n] != NULL)
    n++;

  return n;
}

static GPtrArray *
hostile_urls (const HttpCase *c)
{
  GPtrArray *urls = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_paths (c); i++)
    g_ptr_array_add (urls, test_server_url (h.server, c->paths[i]));

  return urls;
}

/* The good sources of the refresh are all there, whatever the others did. */
static void
check_good_sources (JsonArray *sources)
{
  for (guint i = 1; i <= N_GOOD; i++)
    {
      g_autofree char *url = good_url (i);
      JsonObject *source = find_by_url (sources, url);

      g_assert_nonnull (source);
      if (source == NULL)
        continue;

      g_assert_cmpstr (member_string (source, "last_error"), ==, NULL);
      g_assert_cmpint (member_int (source, "entries"), ==, GOOD_ITEMS);
    }
}

static const char *
check_hostile_source (const HttpCase *c,
                      JsonArray      *sources,
                      JsonArray      *results,
                      const char     *url)
{
  JsonObject *source = find_by_url (sources, url);
  JsonObject *result = find_by_url (results, url);
  const char *error;

  g_assert_nonnull (source);
  g_assert_nonnull (result);
  if (source == NULL || result == NULL)
    return NULL;

  error = member_string (source, "last_error");
  g_assert_cmpstr (member_string (result, "error"), ==, error);

  switch (c->expect)
    {
    case EXPECT_ERROR:
      g_assert_cmpstr (member_string (result, "status"), ==, "error");
      check_readers_words (error);
      if (c->error != NULL && (error == NULL || strstr (error, c->error) == NULL))
        g_test_message ("%s: expected “%s”, got “%s”", url, c->error, error);
      if (c->error != NULL)
        g_assert_nonnull (error != NULL ? strstr (error, c->error) : NULL);
      break;

    case EXPECT_STORED:
      g_assert_cmpstr (member_string (result, "status"), !=, "error");
      g_assert_null (error);
      g_assert_cmpint (member_int (source, "entries"), >, 0);
      break;

    case EXPECT_EITHER:
    default:
      if (error != NULL)
        check_readers_words (error);
      break;
    }

  return error;
}

static void
test_refresh_case (gconstpointer data)
{
  const HttpCase *c = data;
  g_autofree char *dir = new_dir (c->name);
  g_autoptr(GPtrArray) urls = hostile_urls (c);
  const char *refresh_args[] = { "refresh", "--json", NULL };
  const char *sources_args[] = { "sources", "--json", NULL };
  double limit = TOTAL_TIMEOUT + MARGIN_SECONDS + c->work_seconds;
  double bound;
  g_autoptr(Run) run = NULL;
  g_autoptr(Run) listed = NULL;
  g_autoptr(JsonNode) results = NULL;
  g_autoptr(JsonNode) sources = NULL;
  g_autofree char *first_error = NULL;

  ensure_baselines ();
  bound = memory_bound (KIND_REFRESH, c->bytes * urls->len);

  subscribe (dir, TRUE, urls);
  run = run_ctl (dir, limit, bound, refresh_args);
  check_run (c->name, run, limit, bound);
  g_assert_cmpint (run->exit_status, ==, 0);

  listed = run_query (dir, sources_args);
  g_assert_cmpint (listed->exit_status, ==, 0);
  results = parse_json (run->exit_status == 0 ? run->out : "[]");
  sources = parse_json (listed->out);

  check_good_sources (json_node_get_array (sources));
  for (guint i = 0; i < urls->len; i++)
    {
      const char *error = check_hostile_source (c, json_node_get_array (sources), json_node_get_array (results),
                                                g_ptr_array_index (urls, i));

      if (urls->len > 1)
        g_test_message ("  %-30s %s", c->paths[i], error != NULL ? error : "(stored)");
      if (first_error == NULL && error != NULL)
        first_error = g_strdup (error);
    }

  report (c->name, KIND_REFRESH, run, bound, outcome (run, first_error != NULL ? "error" : "stored"), first_error);

  if (c->check != NULL)
    c->check (c, dir, json_node_get_array (sources));
}

/* Subscribing to a hostile address ends with one line saying why not. */
static void
test_add_case (gconstpointer data)
{
  const HttpCase *c = data;
  g_autoptr(GPtrArray) urls = hostile_urls (c);
  double limit = TOTAL_TIMEOUT + MARGIN_SECONDS + c->work_seconds;
  double bound;

  ensure_baselines ();
  bound = memory_bound (KIND_ADD, c->bytes);

  for (guint i = 0; i < urls->len; i++)
    {
      g_autofree char *dir = new_dir (c->name);
      const char *args[] = { "add", g_ptr_array_index (urls, i), NULL };
      g_autoptr(Run) run = run_ctl (dir, limit, bound, args);
      g_autofree char *name = urls->len > 1 ? g_strdup (c->paths[i]) : g_strdup (c->name);

      check_run (name, run, limit, bound);

      switch (c->expect)
        {
        case EXPECT_ERROR:
          check_error_line (run, c->error);
          break;

        case EXPECT_STORED:
          g_assert_cmpint (run->exit_status, ==, 0);
          break;

        case EXPECT_EITHER:
        default:
          if (run->exit_status != 0)
            check_error_line (run, NULL);
          break;
        }

      report (name, KIND_ADD, run, bound, outcome (run, run->exit_status == 0 ? "stored" : "error"), error_text (run));

      if (c->check != NULL && run->exit_status == 0)
        {
          const char *sources_args[] = { "sources", "--json", NULL };
          g_autoptr(Run) listed = run_query (dir, sources_args);
          g_autoptr(JsonNode) sources = parse_json (listed->out);

          c->check (c, dir, json_node_get_array (sources));
        }
    }
}

/* What the store holds of the hostile sources' briefings: every entry as
 * `show --json` prints it, and the list and sources as printed. */
static char *
dump_store (const char *dir,
            JsonArray  *sources,
            GPtrArray  *shown)
{
  const char *list_args[] = { "list", "--json", NULL };
  g_autoptr(Run) listed = run_query (dir, list_args);
  g_autoptr(JsonNode) entries = parse_json (listed->out);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GArray) good_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GString *dump = g_string_new (listed->out);
  JsonArray *array = json_node_get_array (entries);
  JsonNode *node = json_node_init_array (json_node_alloc (), sources);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_string_append (dump, text);
  json_node_unref (node);

  for (guint i = 1; i <= N_GOOD; i++)
    {
      g_autofree char *url = good_url (i);
      JsonObject *source = find_by_url (sources, url);
      gint64 id = source != NULL ? member_int (source, "id") : -1;

      g_array_append_val (good_ids, id);
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, member_int (entry, "id"));
      const char *show_args[] = { "show", "--json", id, NULL };
      gint64 source_id = member_int (entry, "source_id");
      g_autoptr(Run) show = NULL;
      gboolean good = FALSE;

      for (guint k = 0; k < good_ids->len; k++)
        good |= g_array_index (good_ids, gint64, k) == source_id;
      if (good)
        continue;

      show = run_query (dir, show_args);
      g_assert_cmpint (show->exit_status, ==, 0);
      g_string_append (dump, show->out);
      if (shown != NULL)
        g_ptr_array_add (shown, parse_json (show->out));
    }

  return g_string_free (dump, FALSE);
}

static void
check_no_leaks (const HttpCase *c,
                const char     *dir,
                JsonArray      *sources)
{
  g_autofree char *dump = dump_store (dir, sources, NULL);
  g_autofree char *passwd = NULL;

  g_assert_null (strstr (dump, SECRET_MARKER));
  g_assert_null (strstr (dump, DTD_MARKER));

  /* /etc/passwd's first line, whatever this system has there. */
  if (g_file_get_contents ("/etc/passwd", &passwd, NULL, NULL) && strchr (passwd, '\n') != NULL)
    {
      *strchr (passwd, '\n') = '\0';
      if (strlen (passwd) > 8)
        g_assert_null (strstr (dump, passwd));
    }

  for (guint i = 0; i < G_N_ELEMENTS (fetched_by_documents); i++)
    g_assert_cmpuint (test_server_hits (h.server, fetched_by_documents[i]), ==, 0);
}

/* A document of 700,000 entries is read up to the parser's cap. */
static void
check_capped (const HttpCase *c,
              const char     *dir,
              JsonArray      *sources)
{
  for (guint i = 0; i < n_paths (c); i++)
    {
      g_autofree char *url = test_server_url (h.server, c->paths[i]);
      JsonObject *source = find_by_url (sources, url);

      g_assert_nonnull (source);
      if (source != NULL)
        g_assert_cmpint (member_int (source, "entries"), <=, BRIEFING_FEED_MAX_ENTRIES);
    }
}

static gboolean
is_allowed_link (const char *url)
{
  return url == NULL ||
         g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "mailto:");
}

/* Every address in a stored briefing leads to the web or to mail. */
static void
check_links (const HttpCase *c,
             const char     *dir,
             JsonArray      *sources)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autofree char *dump = dump_store (dir, sources, shown);
  gboolean web_link_kept = FALSE;

  for (guint i = 0; i < shown->len; i++)
    {
      JsonObject *entry = json_node_get_object (g_ptr_array_index (shown, i));
      const char *link = member_string (entry, "link");
      g_autofree char *content = g_ascii_strdown (member_string (entry, "content") ? member_string (entry, "content") : "", -1);
      g_autofree char *summary = g_ascii_strdown (member_string (entry, "summary") ? member_string (entry, "summary") : "", -1);
      JsonNode *enclosures = json_object_get_member (entry, "enclosures");
      JsonNode *image = json_object_get_member (entry, "image");

      g_test_message ("  %-24s stored with the link %s", member_string (entry, "guid"), link);
      g_assert_true (is_allowed_link (link));
      web_link_kept |= g_strcmp0 (link, "http://127.0.0.1/fine") == 0;

      for (guint k = 0; enclosures != NULL && JSON_NODE_HOLDS_ARRAY (enclosures) &&
                        k < json_array_get_length (json_node_get_array (enclosures)); k++)
        g_assert_true (is_allowed_link (member_string (json_array_get_object_element (json_node_get_array (enclosures), k), "url")));
      if (image != NULL && JSON_NODE_HOLDS_OBJECT (image))
        g_assert_true (is_allowed_link (member_string (json_node_get_object (image), "url")));

      for (guint k = 0; k < 2; k++)
        {
          const char *html = k == 0 ? content : summary;

          g_assert_null (strstr (html, "javascript:"));
          g_assert_null (strstr (html, "file:"));
          g_assert_null (strstr (html, "data:"));
        }
    }

  /* The one good link is still there: the check above did not pass by
   * storing no links at all. */
  g_assert_true (web_link_kept);
}

/* Rate limits --------------------------------------------------------------------- */

static const struct
{
  const char *path;
  guint       status;
  const char *retry_after;
  gboolean    honoured;    /* a usable Retry-After, held to a day at most */
} storm[] = {
  { "/storm/429-huge", 429, "99999999999999999999", TRUE },
  { "/storm/429-date", 429, "Fri, 31 Dec 9999 23:59:59 GMT", TRUE },
  { "/storm/503-none", 503, NULL, FALSE },
  { "/storm/503-garbage", 503, "soon", FALSE },
  { "/storm/429-negative", 429, "-5", FALSE },
};

/* A second host that answers every request with 429 or 503, through two
 * refreshes: each time the good sources are stored, every rate-limited
 * one has its error, and a Retry-After it could read is kept (to a day at
 * most) and honoured by the next refresh. */
static void
test_storm (void)
{
  g_autofree char *dir = new_dir ("storm");
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  const char *refresh_args[] = { "refresh", "--json", NULL };
  const char *sources_args[] = { "sources", "--json", NULL };
  double limit = TOTAL_TIMEOUT + MARGIN_SECONDS;
  guint hits[G_N_ELEMENTS (storm)];
  double bound;

  ensure_baselines ();
  bound = memory_bound (KIND_REFRESH, SMALL * G_N_ELEMENTS (storm));

  for (guint i = 0; i < G_N_ELEMENTS (storm); i++)
    {
      test_server_set (h.other, storm[i].path, &(TestResponse) { .status = storm[i].status, .body = "Slow down",
                                                                 .content_type = "text/plain",
                                                                 .retry_after = storm[i].retry_after });
      g_ptr_array_add (urls, test_server_url (h.other, storm[i].path));
    }
  subscribe (dir, TRUE, urls);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(Run) run = NULL;
      g_autoptr(Run) listed = NULL;
      g_autoptr(JsonNode) sources = NULL;
      g_autoptr(BriefingStore) store = NULL;
      g_autoptr(GPtrArray) stored = NULL;
      g_autofree char *path = store_path (dir);
      g_autoptr(GError) error = NULL;
      gint64 now;

      for (guint i = 0; i < G_N_ELEMENTS (storm); i++)
        hits[i] = test_server_hits (h.other, storm[i].path);

      run = run_ctl (dir, limit, bound, refresh_args);
      now = g_get_real_time () / G_USEC_PER_SEC;
      check_run ("storm", run, limit, bound);
      g_assert_cmpint (run->exit_status, ==, 0);
      report (round == 0 ? "storm" : "storm-again", KIND_REFRESH, run, bound, "error",
              "The server asked Briefing to wait");

      listed = run_query (dir, sources_args);
      sources = parse_json (listed->out);
      check_good_sources (json_node_get_array (sources));

      store = briefing_store_open (path, &error);
      g_assert_no_error (error);
      stored = briefing_store_list_sources (store, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < G_N_ELEMENTS (storm); i++)
        {
          const char *url = g_ptr_array_index (urls, i);
          JsonObject *source = find_by_url (json_node_get_array (sources), url);
          const char *last_error = source != NULL ? member_string (source, "last_error") : NULL;
          guint asked = test_server_hits (h.other, storm[i].path) - hits[i];

          g_assert_nonnull (last_error);
          check_readers_words (last_error);
          g_assert_nonnull (last_error != NULL ? strstr (last_error, "asked Briefing to wait") : NULL);

          for (guint k = 0; k < stored->len; k++)
            {
              BriefingSource *s = g_ptr_array_index (stored, k);

              if (g_strcmp0 (briefing_source_get_url (s), url) != 0)
                continue;

              /* However far off the server says, a day at most. */
              g_assert_cmpint (briefing_source_get_retry_after (s), <=, now + 24 * 60 * 60 + 60);
              if (storm[i].honoured)
                g_assert_cmpint (briefing_source_get_retry_after (s), >=, now + 24 * 60 * 60 - 120);
            }

          /* The second time, a server that said when to come back is
           * left alone; one that did not is asked again (a reader's
           * refresh skips our own backoff). */
          if (round == 1)
            g_assert_cmpuint (asked, ==, storm[i].honoured ? 0 : 1);
          else
            g_assert_cmpuint (asked, ==, 1);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (storm); i++)
    {
      g_autofree char *add_dir = new_dir ("storm-add");
      const char *args[] = { "add", g_ptr_array_index (urls, i), NULL };
      double add_bound = memory_bound (KIND_ADD, SMALL);
      g_autoptr(Run) run = run_ctl (add_dir, limit, add_bound, args);

      check_run (storm[i].path, run, limit, add_bound);
      check_error_line (run, "asked Briefing to wait");
      report (storm[i].path, KIND_ADD, run, add_bound, "error", error_text (run));
    }
}

/* OPML ----------------------------------------------------------------------------- */

static char *
opml_document (const char *doctype,
               const char *body)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s\n"
                          "<opml version=\"2.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
                          "<head><title>Hostile</title></head><body>%s</body></opml>", doctype, body);
}

static char *
opml_billion_laughs (void)
{
  g_autofree char *doctype = billion_laughs_doctype ("opml");

  return opml_document (doctype, "<outline text=\"&lol9;\" title=\"&lol9;\" type=\"rss\" "
                                 "xmlUrl=\"http://127.0.0.1/&lol9;.xml\"/>");
}

/* The brief's 140 KB file: an entity of 40,000 characters referenced
 * 33,300 times in attribute values (1.3 GB of text). */
static char *
opml_quadratic (void)
{
  g_autofree char *doctype = quadratic_doctype ("opml", 40000);
  g_autofree char *refs = repeat ("&a;", 333);
  GString *body = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (body, "<outline text=\"%s\" type=\"rss\" xmlUrl=\"http://127.0.0.1/q/%u.xml\"/>", refs, i);
  text = g_string_free (body, FALSE);

  return opml_document (doctype, text);
}

static char *
opml_xxe (void)
{
  g_autofree char *dtd = test_server_url (h.server, "/xml/evil.dtd");
  g_autofree char *oob = test_server_url (h.server, "/xml/oob.dtd");
  g_autofree char *doctype = g_strdup_printf ("<!DOCTYPE opml SYSTEM \"%s\" [\n"
                                              "  <!ENTITY secret SYSTEM \"file://%s\">\n"
                                              "  <!ENTITY %% file SYSTEM \"file://%s\">\n"
                                              "  <!ENTITY %% local SYSTEM \"file://%s\">\n  %%local;\n"
                                              "  <!ENTITY %% dtd SYSTEM \"%s\">\n  %%dtd;\n]>",
                                              dtd, h.secret_path, h.secret_path, h.secret_dtd, oob);

  return opml_document (doctype, "<outline text=\"&secret;\" title=\"&leak;\" type=\"rss\" "
                                 "xmlUrl=\"http://127.0.0.1/&secret;&leak;\"/>"
                                 "<outline text=\"Send\" xmlUrl=\"http://127.0.0.1/&send;\"/>"
                                 "<outline text=\"Plain\" type=\"rss\" xmlUrl=\"http://127.0.0.1/plain.xml\"/>");
}

static char *
opml_xinclude (void)
{
  g_autofree char *remote = test_server_url (h.server, "/xml/xinclude.txt");
  g_autofree char *body = g_strdup_printf ("<xi:include href=\"file://%s\"/><xi:include href=\"%s\" parse=\"text\"/>"
                                           "<outline text=\"Plain\" type=\"rss\" xmlUrl=\"http://127.0.0.1/plain.xml\"/>",
                                           h.secret_path, remote);

  return opml_document ("", body);
}

/* A real subscription list padded past 8 MB. */
static char *
opml_too_large (void)
{
  g_autofree char *padding = repeat ("<!-- padding padding padding padding padding padding padding -->\n",
                                     9 * 1024 * 1024 / 64);

  return opml_document ("", padding);
}

typedef struct
{
  const char *name;
  char     *(*make) (void);
  const char *file;          /* instead of make */
  Expect      expect;
  const char *error;
  guint64     bytes;         /* for the memory bound; 0: the file's size */
} OpmlCase;

static const OpmlCase opml_cases[] = {
  { "opml-billion-laughs", opml_billion_laughs, NULL, EXPECT_EITHER, NULL, 0 },
  { "opml-quadratic-attributes", opml_quadratic, NULL, EXPECT_EITHER, NULL, 0 },
  { "opml-xxe", opml_xxe, NULL, EXPECT_EITHER, NULL, 0 },
  { "opml-xinclude", opml_xinclude, NULL, EXPECT_EITHER, NULL, 0 },
  { "opml-over-8mb", opml_too_large, NULL, EXPECT_ERROR, "larger than 8 MB", 8 * 1024 * 1024 },
  { "opml-dev-zero", NULL, "/dev/zero", EXPECT_ERROR, "larger than 8 MB", 8 * 1024 * 1024 },
};

static void
test_opml_case (gconstpointer data)
{
  const OpmlCase *c = data;
  g_autofree char *dir = new_dir (c->name);
  g_autofree char *path = c->file != NULL ? g_strdup (c->file) : g_build_filename (dir, "hostile.opml", NULL);
  const char *import_args[] = { "import-opml", path, NULL };
  const char *sources_args[] = { "sources", "--json", NULL };
  double limit = MARGIN_SECONDS;
  guint64 bytes = c->bytes;
  g_autoptr(Run) run = NULL;
  double bound;

  ensure_baselines ();

  if (c->make != NULL)
    {
      g_autofree char *text = c->make ();

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      if (bytes == 0)
        bytes = strlen (text);
    }

  bound = memory_bound (KIND_IMPORT, bytes);
  run = run_ctl (dir, limit, bound, import_args);
  check_run (c->name, run, limit, bound);
  report (c->name, KIND_IMPORT, run, bound, outcome (run, run->exit_status == 0 ? "imported" : "error"),
          run->exit_status == 0 ? run->out : error_text (run));

  if (c->expect == EXPECT_ERROR || run->exit_status != 0)
    check_error_line (run, c->error);
  if (c->expect == EXPECT_ERROR || run->killed != NULL)
    return;

  /* Whatever it imported holds nothing from elsewhere. */
  {
    g_autoptr(Run) listed = run_query (dir, sources_args);

    g_assert_cmpint (listed->exit_status, ==, 0);
    g_assert_null (strstr (listed->out, SECRET_MARKER));
    g_assert_null (strstr (listed->out, DTD_MARKER));
    for (guint i = 0; i < G_N_ELEMENTS (fetched_by_documents); i++)
      g_assert_cmpuint (test_server_hits (h.server, fetched_by_documents[i]), ==, 0);
  }
}

/* Set-up ---------------------------------------------------------------------------- */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
test_skip (void)
{
  g_test_skip ("BRIEFINGCTL does not name the built briefingctl");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dtd = NULL;
  int status;

  if (argc > 1 && strcmp (argv[1], "--measure") == 0)
    return measure_main (argc, argv);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* One failed check marks its case and the run goes on: each case says
   * something of its own. */
  g_test_set_nonfatal_assertions ();

  h.ctl = g_strdup (g_getenv ("BRIEFINGCTL"));
  if (h.ctl == NULL || !g_file_test (h.ctl, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_add_func ("/hostile/skipped", test_skip);
      return g_test_run ();
    }

  h.self = g_file_read_link ("/proc/self/exe", NULL);
  h.tmp = g_dir_make_tmp ("briefing-hostile-XXXXXX", NULL);
  g_assert_nonnull (h.self);
  g_assert_nonnull (h.tmp);

  h.secret_path = g_build_filename (h.tmp, "secret.txt", NULL);
  h.secret_dtd = g_build_filename (h.tmp, "secret.dtd", NULL);
  dtd = g_strdup_printf ("<!ENTITY leak \"%s\">", SECRET_MARKER);
  g_assert_true (g_file_set_contents (h.secret_path, SECRET_MARKER "\n", -1, NULL));
  g_assert_true (g_file_set_contents (h.secret_dtd, dtd, -1, NULL));

  h.server = test_server_new ();
  h.other = test_server_new_on_address ("127.0.0.2");
  serve_all ();

  for (guint i = 0; i < G_N_ELEMENTS (http_cases); i++)
    {
      g_autofree char *refresh = g_strdup_printf ("/hostile/refresh/%s", http_cases[i].name);
      g_autofree char *add = g_strdup_printf ("/hostile/add/%s", http_cases[i].name);

      g_test_add_data_func (refresh, &http_cases[i], test_refresh_case);
      g_test_add_data_func (add, &http_cases[i], test_add_case);
    }
  g_test_add_func ("/hostile/refresh/rate-limit-storm", test_storm);
  for (guint i = 0; i < G_N_ELEMENTS (opml_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/hostile/opml/%s", opml_cases[i].name);

      g_test_add_data_func (name, &opml_cases[i], test_opml_case);
    }

  status = g_test_run ();

  g_clear_pointer (&h.server, test_server_free);
  g_clear_pointer (&h.other, test_server_free);
  if (g_getenv ("BRIEFING_HOSTILE_KEEP") == NULL)
    remove_tree (h.tmp);
  else
    g_printerr ("# kept %s\n", h.tmp);

  g_free (h.ctl);
  g_free (h.self);
  g_free (h.tmp);
  g_free (h.secret_path);
  g_free (h.secret_dtd);

  return status;
}
