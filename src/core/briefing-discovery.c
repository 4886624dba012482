/* briefing-discovery.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-discovery"

#include "config.h"

#include "briefing-discovery.h"
#include "briefing-url.h"
#include "briefing-utils.h"

#include <libxml/HTMLparser.h>
#include <string.h>

/* Finds the feeds a web page advertises, so that a reader can subscribe
 * by pasting the address of the site rather than hunting for its feed. */

/* A site offers a few feeds. A page offering half a million made the
 * duplicate check below (each link against all before it) run for hours,
 * and the reader could not have chosen among them anyway. */
#define MAX_LINKS 32

/* Feeds are advertised in <head>, at the top of a page; libxml2 builds a
 * tree of whatever it is given, about a kilobyte per element, so a page
 * of 30 MB of links took 600 MB to read whole. */
#define MAX_PAGE (2 * 1024 * 1024)

static const char * const feed_types[] = {
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/json",
  "application/rdf+xml",
  "application/x.atom+xml",
  "text/xml",
  "application/xml",
};

void
briefing_feed_link_free (BriefingFeedLink *link)
{
  if (link == NULL)
    return;

  g_free (link->url);
  g_free (link->title);
  g_free (link->type);
  g_free (link);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? briefing_strip_to_null ((const char *) value) : NULL;

  xmlFree (value);

  return copy;
}

static gboolean
rel_is_alternate (const char *rel)
{
  g_auto(GStrv) words = NULL;

  if (rel == NULL)
    return FALSE;

  words = g_strsplit_set (rel, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (words[i], "alternate") == 0)
        return TRUE;
    }

  return FALSE;
}

static const char *
feed_type (const char *type)
{
  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (feed_types); i++)
    {
      if (g_ascii_strncasecmp (type, feed_types[i], strlen (feed_types[i])) == 0)
        return feed_types[i];
    }

  return NULL;
}

static void
collect (xmlNode    *node,
         const char *base,
         GPtrArray  *links,
         guint       depth)
{
  for (; node != NULL && links->len < MAX_LINKS; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (g_ascii_strcasecmp ((const char *) node->name, "link") == 0)
        {
          g_autofree char *rel = prop (node, "rel");
          g_autofree char *type = prop (node, "type");
          g_autofree char *href = prop (node, "href");
          const char *known = feed_type (type);

          if (rel_is_alternate (rel) && known != NULL && href != NULL)
            {
              g_autofree char *url = briefing_resolve_url (base, href);
              gboolean duplicate = FALSE;

              for (guint i = 0; i < links->len; i++)
                duplicate |= g_strcmp0 (((BriefingFeedLink *) g_ptr_array_index (links, i))->url, url) == 0;

              if (!duplicate && briefing_url_is_web (url))
                {
                  BriefingFeedLink *link = g_new0 (BriefingFeedLink, 1);

                  link->url = g_steal_pointer (&url);
                  link->title = prop (node, "title");
                  link->type = g_strdup (known);
                  g_ptr_array_add (links, link);
                }
            }
        }

      /* Feeds are advertised in <head>; the body need not be searched
       * deeply, and a hostile page must not make us recurse far. */
      if (depth < 8)
        collect (node->children, base, links, depth + 1);
    }
}

/**
 * briefing_discover_feeds:
 *
 * Returns: (transfer full) (element-type BriefingFeedLink): the feeds the
 *   page links to, in page order; empty when there are none
 */
GPtrArray *
briefing_discover_feeds (const char *html,
                         gsize       len,
                         const char *base_url)
{
  GPtrArray *links = g_ptr_array_new_with_free_func ((GDestroyNotify) briefing_feed_link_free);
  g_autofree char *base = g_strdup (base_url);
  htmlDocPtr doc;
  xmlNode *root;

  doc = htmlReadMemory (html, (int) MIN (len, MAX_PAGE), base_url, NULL,
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == NULL)
    return links;

  root = xmlDocGetRootElement (doc);

  /* <base href> changes what relative links mean. */
  for (xmlNode *head = root != NULL ? root->children : NULL; head != NULL; head = head->next)
    {
      if (head->type != XML_ELEMENT_NODE || g_ascii_strcasecmp ((const char *) head->name, "head") != 0)
        continue;

      for (xmlNode *child = head->children; child != NULL; child = child->next)
        {
          g_autofree char *href = NULL;

          if (child->type != XML_ELEMENT_NODE || g_ascii_strcasecmp ((const char *) child->name, "base") != 0)
            continue;

          href = prop (child, "href");
          if (href != NULL)
            {
              g_autofree char *resolved = briefing_resolve_url (base_url, href);

              g_free (base);
              base = g_steal_pointer (&resolved);
            }
          break;
        }
    }

  collect (root, base, links, 0);
  xmlFreeDoc (doc);

  return links;
}
