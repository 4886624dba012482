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
#include "briefing-image-loader.h"
#include "briefing-links.h"
#include "briefing-utils.h"

/* The article: a WebKitWebView showing a page rendered from the template
 * in the gresource. The body was sanitized when it was stored; here the
 * page also runs without JavaScript, under a Content-Security-Policy that
 * allows nothing but inline style and images from our own
 * briefing-image: scheme, which the app serves. Clicked links open in the
 * browser. */
struct _BriefingArticleView
{
  GtkWidget      parent_instance;

  WebKitWebView *web_view;
  BriefingEntry *entry;
  char          *font;
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

static void
append_image_uri (GString    *out,
                  const char *attr_value,
                  gssize      len)
{
  g_autoptr(GString) url = g_string_new_len (attr_value, len);
  g_autofree char *uri = NULL;

  /* Inline raster images (the sanitizer allows no others) need no
   * fetching; everything else goes through our scheme. */
  if (g_str_has_prefix (url->str, "data:"))
    {
      g_string_append (out, url->str);
      return;
    }

  /* The sanitizer escaped '&' in attribute values. */
  g_string_replace (url, "&amp;", "&", 0);
  uri = image_uri (url->str);
  g_string_append (out, uri);
}

/* "url 2x, url 640w": each candidate's URL is rewritten, its descriptor
 * kept. As in the HTML spec, a URL runs to the next white space (so the
 * comma inside a data: URL is not a separator). */
static void
append_srcset (GString    *out,
               const char *value)
{
  const char *p = value;
  gboolean first = TRUE;

  for (;;)
    {
      const char *url;
      const char *descriptor;

      while (*p == ',' || g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;

      url = p;
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;

      if (!first)
        g_string_append (out, ", ");
      first = FALSE;

      /* A URL glued to the next candidate's comma ends before it. */
      append_image_uri (out, url, p - url - (p > url && p[-1] == ',' ? 1 : 0));

      descriptor = p;
      while (*p != '\0' && *p != ',')
        p++;
      if (p > descriptor)
        {
          g_autofree char *text = g_strstrip (g_strndup (descriptor, p - descriptor));

          if (*text != '\0')
            g_string_append_printf (out, " %s", text);
        }
    }
}

/* Points every src and srcset at our scheme, so that the page itself never
 * reaches the network. The body is our sanitizer's output, whose
 * attributes are always double-quoted. */
static char *
rewrite_image_urls (const char *html)
{
  GString *out = g_string_sized_new (strlen (html) + 256);
  const char *p = html;

  for (;;)
    {
      const char *src = strstr (p, " src=\"");
      const char *srcset = strstr (p, " srcset=\"");
      gboolean is_srcset = srcset != NULL && (src == NULL || srcset < src);
      const char *hit = is_srcset ? srcset : src;
      g_autofree char *value = NULL;
      const char *end;

      if (hit == NULL)
        break;

      hit += is_srcset ? strlen (" srcset=\"") : strlen (" src=\"");
      g_string_append_len (out, p, hit - p);

      end = strchr (hit, '"');
      if (end == NULL)
        {
          p = hit + strlen (hit);
          break;
        }

      value = g_strndup (hit, end - hit);
      if (is_srcset)
        append_srcset (out, value);
      else
        append_image_uri (out, value, -1);

      p = end;
    }

  g_string_append (out, p);

  return g_string_free (out, FALSE);
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
      g_autofree char *date = dt != NULL ? g_date_time_format (dt, _("%-d %B %Y, %H:%M")) : NULL;
      g_autofree char *escaped = escape (date != NULL ? g_strstrip (date) : NULL);

      if (meta->len > 0)
        g_string_append (meta, "<span class=\"separator\">·</span>");
      g_string_append_printf (meta, "<time>%s</time>", escaped);
    }

  return g_string_free (g_steal_pointer (&meta), FALSE);
}

static char *
render_figure (BriefingEntry *entry)
{
  const BriefingImage *image = briefing_entry_get_image (entry);
  g_autofree char *uri = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *alt = NULL;
  GString *figure;

  if (image == NULL || image->url == NULL)
    return g_strdup ("");

  uri = image_uri (image->url);
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
render_body (BriefingEntry *entry)
{
  const char *body = briefing_entry_get_content (entry);

  if (body == NULL)
    body = briefing_entry_get_summary (entry);

  /* A briefing with nothing but a headline says so, rather than leaving
   * a blank page. */
  if (body == NULL)
    {
      g_autofree char *message = escape (_("This briefing has no text. The original may have more."));

      return g_strdup_printf ("<p class=\"empty\">%s</p>", message);
    }

  return rewrite_image_urls (body);
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

/**
 * briefing_article_render:
 *
 * Returns: (transfer full): the article page for @entry
 */
char *
briefing_article_render (BriefingEntry *entry,
                         gboolean       dark,
                         const char    *font)
{
  g_autoptr(GBytes) template = lookup_resource ("article.html");
  g_autoptr(GBytes) css = lookup_resource ("article.css");
  g_autofree char *template_str = NULL;
  const char *title = briefing_entry_get_title (entry);
  char *page;

  g_return_val_if_fail (template != NULL && css != NULL, NULL);

  template_str = g_strndup (g_bytes_get_data (template, NULL), g_bytes_get_size (template));

  {
    Placeholder values[] = {
      { "lang", g_strdup ("en") },
      { "theme", g_strdup (dark ? "dark" : "light") },
      { "font", font_style (font) },
      { "css", g_strndup (g_bytes_get_data (css, NULL), g_bytes_get_size (css)) },
      { "source", escape (briefing_entry_get_source_title (entry)) },
      { "headline", escape (title != NULL ? title : _("Untitled Briefing")) },
      { "meta", render_meta (entry) },
      { "figure", render_figure (entry) },
      { "body", render_body (entry) },
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

  if (self->entry == NULL)
    {
      webkit_web_view_load_html (self->web_view, "", ARTICLE_BASE_URI);
      return;
    }

  html = briefing_article_render (self->entry, adw_style_manager_get_dark (adw_style_manager_get_default ()),
                                  self->font);
  webkit_web_view_load_html (self->web_view, html, ARTICLE_BASE_URI);
}

/* The page inside is not on the accessibility bus with GTK 4.8, so the
 * view itself carries the headline as its name and the lead photo's
 * caption and credit as its description. */
static void
update_accessible (BriefingArticleView *self)
{
  const BriefingImage *image = self->entry != NULL ? briefing_entry_get_image (self->entry) : NULL;
  g_autofree char *description = NULL;

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

static void
image_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_read_finish (G_FILE (object), result, &error);
  if (stream == NULL)
    webkit_uri_scheme_request_finish_error (request, error);
  else
    webkit_uri_scheme_request_finish (request, G_INPUT_STREAM (stream), -1, NULL);
}

static void
image_resolved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WebKitURISchemeRequest) request = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = briefing_image_loader_resolve_finish (result, &error);
  if (file == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  g_file_read_async (file, G_PRIORITY_DEFAULT, NULL, image_read_cb, g_steal_pointer (&request));
}

/* The address of the feed of the briefing a view shows: where on the
 * network its images may come from. */
static const char *
request_origin (WebKitURISchemeRequest *request)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget *view = web_view != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (web_view), BRIEFING_TYPE_ARTICLE_VIEW)
                                     : NULL;
  BriefingEntry *entry = view != NULL ? BRIEFING_ARTICLE_VIEW (view)->entry : NULL;

  return entry != NULL ? briefing_entry_get_source_url (entry) : NULL;
}

static void
handle_image_request (WebKitURISchemeRequest *request,
                      gpointer                user_data)
{
  const char *path = webkit_uri_scheme_request_get_path (request);
  g_autofree char *url = NULL;

  if (path == NULL || !g_str_has_prefix (path, "/"))
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such image");

      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  url = g_uri_unescape_string (path + 1, NULL);
  if (url == NULL)
    {
      g_autoptr(GError) error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Malformed image address");

      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  briefing_image_loader_resolve_async (url, request_origin (request), NULL, image_resolved_cb,
                                       g_object_ref (request));
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
  g_clear_pointer (&self->font, g_free);
  g_clear_pointer ((GtkWidget **) &self->web_view, gtk_widget_unparent);

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

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "settings", settings,
                                 "network-session", network_session,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (on_decide_policy_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_dark_cb), self, G_CONNECT_SWAPPED);
}
