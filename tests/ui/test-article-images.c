/* test-article-images.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <webkit/webkit.h>

#include "article-test-util.h"
#include "briefing-article-view.h"
#include "briefing-entry.h"
#include "briefing-image-loader.h"
#include "briefing-session.h"
#include "briefing-source.h"
#include "briefing-store.h"
#include "briefing-test-server.h"

/* Images in the article view that cannot be shown. A feed served from
 * 127.0.0.1 names lead photos and body images that load, that the
 * server answers with 404, that sit on a port nobody listens on, and
 * (with remote images turned off) that were never fetched. It is
 * subscribed to through the real session and each briefing shown in a
 * real BriefingArticleView on the display.
 *
 * A photo that loads takes its frame; one that cannot be shown must
 * leave no empty frame with a broken-image icon: the page gets as short
 * as the same briefing without the photo, except for the caption and
 * credit, which stay. The page's height is read from WebKit's snapshot
 * of the whole document. A screenshot of a collapsed lead photo is kept
 * in BRIEFING_SCREENSHOT_DIR. */

#define LOAD_TIMEOUT_MS  20000
#define POLL_MS          100
#define IMAGE_WIDTH      640
#define IMAGE_HEIGHT     360

/* A shown photo is at least this much taller than a collapsed one: the
 * view is 720 px wide, the image 16:9. */
#define SHOWN_MIN_PX     200

/* The images the server has. */
static const char * const image_paths[] = { "/img/ok.png", "/img/chart.png", "/img/not-fetched.png" };

typedef struct
{
  TestServer          *server;

  BriefingStore       *store;
  BriefingSession     *session;
  BriefingImageLoader *image_loader;
  GHashTable          *entries;   /* title -> BriefingEntry */

  GtkWindow           *window;
  BriefingArticleView *view;
  WebKitWebView       *web_view;
} Harness;

static gboolean have_display;

/* The server ---------------------------------------------------------------- */

#define LEAD_ITEM \
  "<item><guid>%s</guid><title>%s</title>" \
  "<media:content url=\"%s\" medium=\"image\" width=\"640\" height=\"360\">" \
  "<media:description>The harbour at dawn, before the ferries leave</media:description>" \
  "<media:credit>Photo: Example Agency</media:credit></media:content>" \
  "<description>&lt;p&gt;%s&lt;/p&gt;</description></item>"

#define BODY_ITEM \
  "<item><guid>%s</guid><title>%s</title>" \
  "<description>&lt;p&gt;%s&lt;/p&gt;&lt;p&gt;Before the picture.&lt;/p&gt;" \
  "&lt;p&gt;&lt;img src=\"%s\" width=\"640\" height=\"360\" alt=\"A chart\"&gt;&lt;/p&gt;" \
  "&lt;p&gt;After the picture.&lt;/p&gt;</description></item>"

#define PLAIN_ITEM \
  "<item><guid>%s</guid><title>%s</title><description>&lt;p&gt;%s&lt;/p&gt;</description></item>"

#define TEXT "Ferries kept to their timetable on Monday as the strike that had closed the harbour for a week " \
             "ended overnight, and the port authority said the backlog would clear by the weekend."

/* Everything the server does not have is answered 404. */
static char *
build_feed (Harness *harness)
{
  g_autoptr(GString) feed = g_string_new (NULL);
  g_autofree char *base = test_server_url (harness->server, "/");
  g_autofree char *ok = test_server_url (harness->server, "/img/ok.png");
  g_autofree char *missing = test_server_url (harness->server, "/img/missing.png");
  g_autofree char *body_ok = test_server_url (harness->server, "/img/chart.png");
  g_autofree char *body_missing = test_server_url (harness->server, "/img/missing-chart.png");
  g_autofree char *not_fetched = test_server_url (harness->server, "/img/not-fetched.png");

  g_string_append_printf (feed,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                          "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"><channel>"
                          "<title>Harbour News</title><link>%s</link><description>Images</description>",
                          base);
  g_string_append_printf (feed, LEAD_ITEM, "lead-ok", "Lead photo shown", ok, TEXT);
  g_string_append_printf (feed, LEAD_ITEM, "lead-missing", "Lead photo missing", missing, TEXT);
  g_string_append_printf (feed, LEAD_ITEM, "lead-unreachable", "Lead photo host down",
                          "http://127.0.0.1:1/img/down.png", TEXT);
  g_string_append_printf (feed, LEAD_ITEM, "lead-not-fetched", "Lead photo not fetched", not_fetched, TEXT);
  g_string_append_printf (feed, PLAIN_ITEM, "no-photo", "No photo", TEXT);
  g_string_append_printf (feed, BODY_ITEM, "body-ok", "Body image shown", TEXT, body_ok);
  g_string_append_printf (feed, BODY_ITEM, "body-missing", "Body image missing", TEXT, body_missing);
  g_string_append (feed, "</channel></rss>");

  return g_string_free (g_steal_pointer (&feed), FALSE);
}

static GBytes *
make_image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, IMAGE_WIDTH, IMAGE_HEIGHT);
  g_autoptr(GError) error = NULL;
  char *buffer;
  gsize size;

  gdk_pixbuf_fill (pixbuf, 0x3a6ea5ff);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL))
    g_error ("Cannot make the test image: %s", error->message);

  return g_bytes_new_take (buffer, size);
}

/* The harness --------------------------------------------------------------- */

static guint
image_requests (Harness *harness)
{
  guint requests = 0;

  for (guint i = 0; i < G_N_ELEMENTS (image_paths); i++)
    requests += test_server_hits (harness->server, image_paths[i]);

  return requests;
}

static void
subscribe (Harness *harness)
{
  g_autofree char *url = test_server_url (harness->server, "/feed.xml");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BriefingSource) source = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  BriefingQuery query = { 0, };

  briefing_session_subscribe_async (harness->session, url, NULL, NULL, article_test_done_cb, &result);
  source = briefing_session_subscribe_finish (harness->session, article_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  query.source_id = briefing_source_get_id (source);
  listed = briefing_store_list_entries (harness->store, &query, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < listed->len; i++)
    {
      BriefingEntry *row = g_ptr_array_index (listed, i);
      g_autoptr(BriefingEntry) entry = briefing_store_get_entry (harness->store, briefing_entry_get_id (row),
                                                                 &error);

      char *title;

      g_assert_no_error (error);
      title = g_strdup (briefing_entry_get_title (entry));
      g_hash_table_insert (harness->entries, title, g_steal_pointer (&entry));
    }

  g_assert_cmpuint (g_hash_table_size (harness->entries), ==, 7);
}

static Harness *
harness_new (void)
{
  Harness *harness = g_new0 (Harness, 1);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "briefing.db", NULL);
  g_autoptr(GBytes) image = make_image ();
  g_autofree char *feed = NULL;
  g_autoptr(GError) error = NULL;

  harness->server = test_server_new ();
  for (guint i = 0; i < G_N_ELEMENTS (image_paths); i++)
    test_server_set (harness->server, image_paths[i],
                     &(TestResponse) { .content_type = "image/png", .body = g_bytes_get_data (image, NULL),
                                       .body_len = g_bytes_get_size (image) });
  feed = build_feed (harness);
  test_server_set (harness->server, "/feed.xml", &(TestResponse) { .body = feed });

  harness->store = briefing_store_open (path, &error);
  g_assert_no_error (error);
  harness->session = briefing_session_new (harness->store);
  harness->image_loader = briefing_image_loader_new (briefing_session_get_image_cache (harness->session));
  harness->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  subscribe (harness);

  harness->window = GTK_WINDOW (gtk_window_new ());
  /* Shorter than any page, so that a page's height is its own. */
  gtk_window_set_default_size (harness->window, 720, 240);
  gtk_window_set_title (harness->window, "Article images");
  harness->view = g_object_new (BRIEFING_TYPE_ARTICLE_VIEW, "hexpand", TRUE, "vexpand", TRUE, NULL);
  briefing_article_view_set_image_loader (harness->view, harness->image_loader);
  harness->web_view = WEBKIT_WEB_VIEW (gtk_widget_get_first_child (GTK_WIDGET (harness->view)));
  gtk_window_set_child (harness->window, GTK_WIDGET (harness->view));
  gtk_window_present (harness->window);
  while (!gtk_widget_get_mapped (GTK_WIDGET (harness->window)))
    g_main_context_iteration (NULL, TRUE);

  return harness;
}

static void
harness_free (Harness *harness)
{
  gtk_window_destroy (harness->window);
  g_clear_pointer (&harness->entries, g_hash_table_unref);
  g_clear_object (&harness->image_loader);
  g_clear_object (&harness->session);
  g_clear_object (&harness->store);
  g_clear_pointer (&harness->server, test_server_free);
  g_free (harness);
}

/* Showing and measuring ------------------------------------------------------ */

static GdkTexture *
snapshot (Harness              *harness,
          WebKitSnapshotRegion  region)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture;

  webkit_web_view_get_snapshot (harness->web_view, region, WEBKIT_SNAPSHOT_OPTIONS_NONE, NULL,
                                article_test_done_cb, &result);
  texture = webkit_web_view_get_snapshot_finish (harness->web_view, article_test_wait_for_result (&result), &error);
  g_assert_no_error (error);

  return texture;
}

static int
page_height (Harness *harness)
{
  g_autoptr(GdkTexture) texture = snapshot (harness, WEBKIT_SNAPSHOT_REGION_FULL_DOCUMENT);

  return gdk_texture_get_height (texture);
}

static void
show (Harness    *harness,
      const char *title)
{
  BriefingEntry *entry = g_hash_table_lookup (harness->entries, title);
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_MS * 1000;

  g_assert_nonnull (entry);
  briefing_article_view_set_entry (harness->view, entry);

  /* The new page starts loading, then finishes. */
  while (webkit_web_view_is_loading (harness->web_view) ||
         g_strcmp0 (webkit_web_view_get_title (harness->web_view), title) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      article_test_settle (POLL_MS / 4);
    }
}

/* The page's height once its photo has loaded: the frame is reserved
 * from the width and height the feed gave, so it is known at once. */
static int
shown_height (Harness    *harness,
              const char *title)
{
  guint requests = image_requests (harness);
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_MS * 1000;

  show (harness, title);
  while (image_requests (harness) == requests)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      article_test_settle (POLL_MS);
    }
  article_test_settle (POLL_MS * 3);

  return page_height (harness);
}

/* The page's height once it is no taller than @at_most, which a page
 * whose photo failed gets to as soon as the failure is known. */
static int
collapsed_height (Harness    *harness,
                  const char *title,
                  int         at_most)
{
  gint64 deadline = g_get_monotonic_time () + LOAD_TIMEOUT_MS * 1000;
  int height;

  show (harness, title);
  while ((height = page_height (harness)) > at_most)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("“%s” kept a page %d px tall, more than %d px: the photo's frame stayed", title, height, at_most);
      article_test_settle (POLL_MS);
    }

  return height;
}

static void
save_screenshot (Harness    *harness,
                 const char *name)
{
  const char *dir = g_getenv ("BRIEFING_SCREENSHOT_DIR");
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  g_mkdir_with_parents (dir, 0755);
  texture = snapshot (harness, WEBKIT_SNAPSHOT_REGION_FULL_DOCUMENT);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* The tests ------------------------------------------------------------------ */

static void
test_lead_photo (void)
{
  Harness *harness;
  int with_photo, without_photo, missing, unreachable, not_fetched;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }

  harness = harness_new ();

  with_photo = shown_height (harness, "Lead photo shown");
  show (harness, "No photo");
  without_photo = page_height (harness);
  g_test_message ("page heights: with the photo %d px, without one %d px", with_photo, without_photo);
  g_assert_cmpint (with_photo, >, without_photo + SHOWN_MIN_PX);

  /* Answered 404, or nobody listening: the caption and credit stay, the
   * frame goes. */
  missing = collapsed_height (harness, "Lead photo missing", with_photo - SHOWN_MIN_PX);
  save_screenshot (harness, "article-lead-photo-missing.png");
  unreachable = collapsed_height (harness, "Lead photo host down", with_photo - SHOWN_MIN_PX);
  g_test_message ("page heights: photo missing %d px, host down %d px", missing, unreachable);
  g_assert_cmpint (missing, >, without_photo);
  g_assert_cmpint (unreachable, ==, missing);

  /* Remote images off: a photo never fetched is not shown, and leaves no
   * frame either; one fetched before still shows. */
  briefing_image_loader_set_load_remote_images (harness->image_loader, FALSE);
  not_fetched = collapsed_height (harness, "Lead photo not fetched", with_photo - SHOWN_MIN_PX);
  g_assert_cmpint (not_fetched, ==, missing);
  show (harness, "Lead photo shown");
  article_test_settle (POLL_MS * 5);
  g_assert_cmpint (page_height (harness), ==, with_photo);

  harness_free (harness);
}

static void
test_body_image (void)
{
  Harness *harness;
  int shown, missing;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }

  harness = harness_new ();

  shown = shown_height (harness, "Body image shown");
  missing = collapsed_height (harness, "Body image missing", shown - SHOWN_MIN_PX);
  g_test_message ("page heights: body image shown %d px, missing %d px", shown, missing);

  harness_free (harness);
}

int
main (int   argc,
      char *argv[])
{
  /* Tests only: WebKit's sandbox cannot start as root in a container,
   * and compositing needs a GPU Xvfb does not have. */
  g_setenv ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1", FALSE);
  g_setenv ("WEBKIT_DISABLE_COMPOSITING_MODE", "1", FALSE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add_func ("/article-images/lead-photo", test_lead_photo);
  g_test_add_func ("/article-images/body-image", test_body_image);

  return g_test_run ();
}
