/* briefing-article-view.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-article-view"

#include "config.h"

#include "briefing-article-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <webkit/webkit.h>

#include "briefing-entry.h"
#include "briefing-html-sanitizer.h"
#include "briefing-image-loader.h"
#include "briefing-links.h"
#include "briefing-utils.h"

/* The article: a WebKitWebView showing a page rendered from the template
 * in the gresource. The body was sanitized when it was stored; here the
 * page also runs without JavaScript, under a Content-Security-Policy that
 * allows nothing but inline style and images from our own
 * briefing-image: scheme, which the app serves through the image loader.
 * Clicked links open in the browser.
 *
 * The view knows every image on its page: the lead photo, and the body's
 * images as the sanitizer's own tokenizer reads them
 * (briefing_html_map_images()). An image that cannot be shown (its host
 * unreachable, or remote images turned off) is hidden by a user style
 * sheet, which needs no script: a lead photo collapses to its caption
 * and credit instead of leaving an empty frame with a broken-image icon. */
struct _BriefingArticleView
{
  GtkWidget                 parent_instance;

  WebKitWebView            *web_view;
  WebKitUserContentManager *content_manager;
  BriefingImageLoader      *image_loader;
  BriefingEntry            *entry;
  char                     *font;

  /* The page's images by their address on our scheme, and those that
   * could not be shown. */
  GHashTable               *images;
  GHashTable               *failed_images;
};

G_DEFINE_FINAL_TYPE (BriefingArticleView, briefing_article_view, GTK_TYPE_WIDGET)

#define IMAGE_SCHEME "briefing-image"
#define ARTICLE_BASE_URI "briefing-image://article/"

static char *
image_uri (const char *url)
{
  g_autofree char *escaped = g_uri_escape_string (url, NULL, FALSE);

  return g_strconcat (IMAGE_SCHEME "://image/", escaped, NULL);
}

/* Points an image of the body at our scheme, so that the page itself
 * never reaches the network, and notes it as one of the page's. */
static char *
map_image_cb (const char *url,
              gpointer    user_data)
{
  BriefingArticleView *self = user_data;
  char *uri;

  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  /* Inline raster images (the sanitizer allows no others) need no
   * fetching. */
  if (g_str_has_prefix (url, "data:"))
    return NULL;

  uri = image_uri (url);
  g_hash_table_add (self->images, g_strdup (uri));

  return uri;
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static GBytes *
lookup_resource (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_BASE "/article/", name, NULL);

  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static char *
render_meta (BriefingEntry *entry)
{
  g_autofree char *byline = briefing_entry_dup_byline (entry);
  g_autoptr(GString) meta = g_string_new (NULL);
  gint64 published = briefing_entry_get_published (entry);

  if (byline != NULL)
    {
      g_autofree char *escaped = escape (byline);

      /* Translators: the byline of a briefing, "By Jane Doe" */
      g_string_append_printf (meta, _("By %s"), escaped);
    }

  if (published != 0)
    {
      g_autoptr(GDateTime) dt = briefing_local_date_time (published);
      /* Translators: a briefing's date and time, "5 March 2024, 14:30"; the
       * codes are g_date_time_format()'s. */
      g_autofree char *date = dt != NULL ? g_date_time_format (dt, _("%-d %B %Y, %H:%M")) : NULL;
      g_autofree char *escaped = escape (date != NULL ? g_strstrip (date) : NULL);

      if (meta->len > 0)
        g_string_append (meta, "<span class=\"separator\">·</span>");
      g_string_append_printf (meta, "<time>%s</time>", escaped);
    }

  return g_string_free (g_steal_pointer (&meta), FALSE);
}

static char *
render_figure (BriefingArticleView *self,
               BriefingEntry       *entry)
{
  const BriefingImage *image = briefing_entry_get_image (entry);
  g_autofree char *uri = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *alt = NULL;
  GString *figure;

  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  if (image == NULL || image->url == NULL)
    return g_strdup ("");

  uri = image_uri (image->url);
  g_hash_table_add (self->images, g_strdup (uri));
  caption = escape (image->caption);
  credit = escape (image->credit);
  alt = escape (image->caption != NULL ? image->caption : briefing_entry_get_title (entry));

  figure = g_string_new ("<figure class=\"lead\">");
  g_string_append_printf (figure, "<img src=\"%s\" alt=\"%s\"", uri, alt);
  if (image->width > 0 && image->height > 0)
    g_string_append_printf (figure, " width=\"%d\" height=\"%d\"", image->width, image->height);
  g_string_append (figure, ">");

  if (image->caption != NULL || image->credit != NULL)
    {
      g_string_append (figure, "<figcaption>");
      if (image->caption != NULL)
        g_string_append_printf (figure, "<span class=\"caption\">%s</span>", caption);
      if (image->credit != NULL)
        g_string_append_printf (figure, "<span class=\"credit\">%s</span>", credit);
      g_string_append (figure, "</figcaption>");
    }

  g_string_append (figure, "</figure>");

  return g_string_free (figure, FALSE);
}

static char *
render_body (BriefingArticleView *self,
             BriefingEntry       *entry)
{
  const char *body = briefing_entry_get_content (entry);

  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  if (body == NULL)
    body = briefing_entry_get_summary (entry);

  /* A briefing with nothing but a headline says so, rather than leaving
   * a blank page. */
  if (body == NULL)
    {
      g_autofree char *message = escape (_("This briefing has no text. The original may have more."));

      return g_strdup_printf ("<p class=\"empty\">%s</p>", message);
    }

  return briefing_html_map_images (body, map_image_cb, self);
}

static char *
render_original (BriefingEntry *entry)
{
  const char *link = briefing_entry_get_link (entry);
  g_autofree char *href = NULL;
  g_autofree char *label = NULL;

  if (link == NULL)
    return g_strdup ("");

  href = escape (link);
  label = escape (_("Open original"));

  return g_strdup_printf ("<p class=\"original\"><a href=\"%s\">%s</a></p>", href, label);
}

typedef struct
{
  const char *name;
  char       *value;
} Placeholder;

/* The reader's article font, as a CSS declaration. "Serif" and "Sans"
 * are CSS's generic families; any other name goes in quoted, stripped of
 * anything that could end the rule. */
static char *
font_style (const char *font)
{
  g_autoptr(PangoFontDescription) description = NULL;
  g_autofree char *name = NULL;
  const char *family;
  GString *clean;

  if (font == NULL || *font == '\0')
    return g_strdup ("");

  description = pango_font_description_from_string (font);
  family = pango_font_description_get_family (description);
  if (family == NULL)
    return g_strdup ("");

  if (g_ascii_strcasecmp (family, "serif") == 0)
    return g_strdup (":root { --font-family: serif; }");
  if (g_ascii_strcasecmp (family, "sans") == 0 || g_ascii_strcasecmp (family, "sans-serif") == 0)
    return g_strdup (":root { --font-family: sans-serif; }");

  clean = g_string_new (NULL);
  for (const char *p = family; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == ' ' || *p == '-')
        g_string_append_c (clean, *p);
    }
  name = g_string_free (clean, FALSE);

  return g_strdup_printf (":root { --font-family: \"%s\", serif; }", name);
}

/* Expands {{name}} placeholders in one pass, so that values (which may
 * contain anything) are never expanded again. */
static char *
expand_template (const char        *template,
                 const Placeholder *values,
                 guint              n_values)
{
  GString *out = g_string_sized_new (strlen (template) * 2);
  const char *p = template;
  const char *open;

  while ((open = strstr (p, "{{")) != NULL)
    {
      const char *close = strstr (open, "}}");

      if (close == NULL)
        break;

      g_string_append_len (out, p, open - p);
      for (guint i = 0; i < n_values; i++)
        {
          if (strncmp (values[i].name, open + 2, close - open - 2) == 0 &&
              values[i].name[close - open - 2] == '\0')
            g_string_append (out, values[i].value);
        }
      p = close + 2;
    }

  g_string_append (out, p);

  return g_string_free (out, FALSE);
}

/* The article page for @entry; the images on it are noted as it is
 * written. */
static char *
render_page (BriefingArticleView *self,
             BriefingEntry       *entry,
             gboolean             dark)
{
  g_autoptr(GBytes) template = lookup_resource ("article.html");
  g_autoptr(GBytes) css = lookup_resource ("article.css");
  g_autofree char *template_str = NULL;
  const char *title = briefing_entry_get_title (entry);
  char *page;

  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  g_return_val_if_fail (template != NULL && css != NULL, NULL);

  template_str = g_strndup (g_bytes_get_data (template, NULL), g_bytes_get_size (template));

  {
    Placeholder values[] = {
      { "lang", g_strdup ("en") },
      { "theme", g_strdup (dark ? "dark" : "light") },
      { "font", font_style (self->font) },
      { "css", g_strndup (g_bytes_get_data (css, NULL), g_bytes_get_size (css)) },
      { "source", escape (briefing_entry_get_source_title (entry)) },
      { "headline", escape (title != NULL ? title : _("Untitled Briefing")) },
      { "meta", render_meta (entry) },
      { "figure", render_figure (self, entry) },
      { "body", render_body (self, entry) },
      { "original", render_original (entry) },
    };

    page = expand_template (template_str, values, G_N_ELEMENTS (values));

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      g_free (values[i].value);
  }

  return page;
}

static void
reload (BriefingArticleView *self)
{
  g_autofree char *html = NULL;

  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  /* A new page: what failed on the last one may load now. */
  g_hash_table_remove_all (self->images);
  g_hash_table_remove_all (self->failed_images);
  webkit_user_content_manager_remove_all_style_sheets (self->content_manager);

  if (self->entry == NULL)
    {
      webkit_web_view_load_html (self->web_view, "", ARTICLE_BASE_URI);
      return;
    }

  html = render_page (self, self->entry, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  webkit_web_view_load_html (self->web_view, html, ARTICLE_BASE_URI);
}

/* Hides the page's images that could not be shown, with one user style
 * sheet naming each by its address on our scheme (which is all
 * unreserved characters and percent escapes: safe in a CSS string). An
 * img shows its src or one of its srcset candidates, and a picture's img
 * may show one of its sources' candidates. */
static void
hide_failed_images (BriefingArticleView *self)
{
  g_autoptr(WebKitUserStyleSheet) sheet = NULL;
  g_autoptr(GString) css = g_string_new (NULL);
  GHashTableIter iter;
  const char *uri;

  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  g_hash_table_iter_init (&iter, self->failed_images);
  while (g_hash_table_iter_next (&iter, (gpointer *) &uri, NULL))
    {
      g_string_append_printf (css,
                              "%simg[src=\"%s\"], img[srcset~=\"%s\"], img[srcset~=\"%s,\"], "
                              "picture:has(source[srcset~=\"%s\"], source[srcset~=\"%s,\"]) img",
                              css->len > 0 ? ", " : "", uri, uri, uri, uri, uri);
    }
  g_string_append (css, " { display: none !important; }");

  sheet = webkit_user_style_sheet_new (css->str, WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                       WEBKIT_USER_STYLE_LEVEL_USER, NULL, NULL);
  webkit_user_content_manager_remove_all_style_sheets (self->content_manager);
  webkit_user_content_manager_add_style_sheet (self->content_manager, sheet);
}

static void
image_failed (BriefingArticleView *self,
              const char          *uri,
              const GError        *error)
{
  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  /* Only this page's images, once each; a late answer for the last page
   * changes nothing. */
  if (!g_hash_table_contains (self->images, uri) || g_hash_table_contains (self->failed_images, uri))
    return;

  g_debug ("Image not shown: %s", error->message);
  g_hash_table_add (self->failed_images, g_strdup (uri));
  hide_failed_images (self);
}

/* The page inside is not on the accessibility bus with GTK 4.8, so the
 * view itself carries the headline as its name and the lead photo's
 * caption and credit as its description. */
static void
update_accessible (BriefingArticleView *self)
{
  const BriefingImage *image = self->entry != NULL ? briefing_entry_get_image (self->entry) : NULL;
  g_autofree char *description = NULL;

  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  if (image != NULL && (image->caption != NULL || image->credit != NULL))
    description = g_strjoin (" ", image->caption != NULL ? image->caption : "",
                             image->credit != NULL ? image->credit : "", NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->entry != NULL && briefing_entry_get_title (self->entry) != NULL
                                    ? briefing_entry_get_title (self->entry) : _("Article"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? g_strstrip (description) : "",
                                  -1);
}

void
briefing_article_view_set_entry (BriefingArticleView *self,
                                 BriefingEntry       *entry)
{
  g_return_if_fail (BRIEFING_IS_ARTICLE_VIEW (self));

  g_set_object (&self->entry, entry);
  reload (self);
  update_accessible (self);
}

/**
 * briefing_article_view_set_image_loader:
 *
 * Where the page's images come from; without one, none are shown.
 */
void
briefing_article_view_set_image_loader (BriefingArticleView *self,
                                        BriefingImageLoader *image_loader)
{
  g_return_if_fail (BRIEFING_IS_ARTICLE_VIEW (self));
  g_return_if_fail (image_loader == NULL || BRIEFING_IS_IMAGE_LOADER (image_loader));

  if (g_set_object (&self->image_loader, image_loader) && self->entry != NULL)
    reload (self);
}

void
briefing_article_view_set_zoom (BriefingArticleView *self,
                                double               zoom)
{
  g_return_if_fail (BRIEFING_IS_ARTICLE_VIEW (self));

  webkit_web_view_set_zoom_level (self->web_view, CLAMP (zoom, 0.5, 3.0));
}

/**
 * briefing_article_view_set_font:
 * @font: (nullable): a Pango font description; %NULL or empty for the
 *   default
 */
void
briefing_article_view_set_font (BriefingArticleView *self,
                                const char          *font)
{
  g_return_if_fail (BRIEFING_IS_ARTICLE_VIEW (self));

  if (g_strcmp0 (self->font, font) == 0)
    return;

  g_free (self->font);
  self->font = g_strdup (font);
  if (self->entry != NULL)
    reload (self);
}

/* The image scheme ---------------------------------------------------------- */

/* One request of the page for an image on our scheme, and the view that
 * asked, which may be gone by the time the image is there. */
typedef struct
{
  WebKitURISchemeRequest *request;
  GWeakRef                view;
} ImageRequest;

static ImageRequest *
image_request_new (WebKitURISchemeRequest *request,
                   BriefingArticleView    *view)
{
  ImageRequest *image_request = g_new0 (ImageRequest, 1);

  image_request->request = g_object_ref (request);
  g_weak_ref_init (&image_request->view, view);

  return image_request;
}

static void
image_request_free (ImageRequest *image_request)
{
  g_clear_object (&image_request->request);
  g_weak_ref_clear (&image_request->view);
  g_free (image_request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImageRequest, image_request_free)

static void
image_request_fail (ImageRequest *image_request,
                    GError       *error)
{
  g_autoptr(BriefingArticleView) view = g_weak_ref_get (&image_request->view);

  if (view != NULL)
    image_failed (view, webkit_uri_scheme_request_get_uri (image_request->request), error);

  webkit_uri_scheme_request_finish_error (image_request->request, error);
}

static void
image_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ImageRequest) image_request = user_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_read_finish (G_FILE (object), result, &error);
  if (stream == NULL)
    image_request_fail (image_request, error);
  else
    webkit_uri_scheme_request_finish (image_request->request, G_INPUT_STREAM (stream), -1, NULL);
}

static void
image_resolved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ImageRequest) image_request = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = briefing_image_loader_resolve_finish (BRIEFING_IMAGE_LOADER (object), result, &error);
  if (file == NULL)
    {
      image_request_fail (image_request, error);
      return;
    }

  g_file_read_async (file, G_PRIORITY_DEFAULT, NULL, image_read_cb, g_steal_pointer (&image_request));
}

/* The view whose page asks. */
static BriefingArticleView *
view_for_request (WebKitURISchemeRequest *request)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget *view = web_view != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (web_view), BRIEFING_TYPE_ARTICLE_VIEW)
                                     : NULL;

  return view != NULL ? BRIEFING_ARTICLE_VIEW (view) : NULL;
}

static void
handle_image_request (WebKitURISchemeRequest *request,
                      gpointer                user_data)
{
  BriefingArticleView *view = view_for_request (request);
  const char *path = webkit_uri_scheme_request_get_path (request);
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (view == NULL || view->image_loader == NULL)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No images here");
  else if (path == NULL || !g_str_has_prefix (path, "/"))
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such image");
  else if ((url = g_uri_unescape_string (path + 1, NULL)) == NULL)
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Malformed image address");

  if (error != NULL)
    {
      g_autoptr(ImageRequest) image_request = image_request_new (request, view);

      image_request_fail (image_request, error);
      return;
    }

  /* Images may come from where the briefing's feed allows. */
  briefing_image_loader_resolve_async (view->image_loader, url,
                                       view->entry != NULL ? briefing_entry_get_source_url (view->entry) : NULL,
                                       NULL, image_resolved_cb, image_request_new (request, view));
}

static void
ensure_scheme (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      WebKitWebContext *context = webkit_web_context_get_default ();

      webkit_web_context_register_uri_scheme (context, IMAGE_SCHEME, handle_image_request, NULL, NULL);
      webkit_security_manager_register_uri_scheme_as_secure (webkit_web_context_get_security_manager (context),
                                                             IMAGE_SCHEME);
      g_once_init_leave (&registered, 1);
    }
}

/* Navigation ---------------------------------------------------------------- */

static gboolean
on_decide_policy_cb (BriefingArticleView      *self,
                     WebKitPolicyDecision     *decision,
                     WebKitPolicyDecisionType  type,
                     WebKitWebView            *web_view)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* Our own page loads; what the reader clicks goes out through the one
   * door (web and mail addresses only); nothing else navigates. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
      g_str_has_prefix (uri, ARTICLE_BASE_URI))
    return FALSE;

  webkit_policy_decision_ignore (decision);

  if (webkit_navigation_action_is_user_gesture (action) && !g_str_has_prefix (uri, ARTICLE_BASE_URI))
    briefing_open_link (GTK_WIDGET (self), uri);

  return TRUE;
}

static void
on_style_manager_dark_cb (BriefingArticleView *self)
{
  g_assert (BRIEFING_IS_ARTICLE_VIEW (self));

  reload (self);
}

static WebKitSettings *
create_settings (void)
{
  return g_object_new (WEBKIT_TYPE_SETTINGS,
                       "enable-javascript", FALSE,
                       "enable-javascript-markup", FALSE,
                       "auto-load-images", TRUE,
                       "enable-page-cache", FALSE,
                       "enable-html5-database", FALSE,
                       "enable-html5-local-storage", FALSE,
                       "enable-webaudio", FALSE,
                       "enable-webgl", FALSE,
                       "enable-media", FALSE,
                       "enable-developer-extras", FALSE,
                       "enable-back-forward-navigation-gestures", FALSE,
                       "default-font-size", 17,
                       NULL);
}

static void
briefing_article_view_dispose (GObject *object)
{
  BriefingArticleView *self = (BriefingArticleView *)object;

  g_clear_object (&self->entry);
  g_clear_object (&self->image_loader);
  g_clear_pointer (&self->font, g_free);
  g_clear_pointer (&self->images, g_hash_table_unref);
  g_clear_pointer (&self->failed_images, g_hash_table_unref);
  g_clear_pointer ((GtkWidget **) &self->web_view, gtk_widget_unparent);
  g_clear_object (&self->content_manager);

  G_OBJECT_CLASS (briefing_article_view_parent_class)->dispose (object);
}

static void
briefing_article_view_class_init (BriefingArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = briefing_article_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "briefing-article-view");
}

static void
briefing_article_view_init (BriefingArticleView *self)
{
  g_autoptr(WebKitSettings) settings = create_settings ();
  g_autoptr(WebKitNetworkSession) network_session = webkit_network_session_new_ephemeral ();

  ensure_scheme ();

  self->images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failed_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->content_manager = webkit_user_content_manager_new ();
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "settings", settings,
                                 "network-session", network_session,
                                 "user-content-manager", self->content_manager,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (on_decide_policy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_dark_cb), self, G_CONNECT_SWAPPED);
}
