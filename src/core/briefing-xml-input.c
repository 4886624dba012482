/* briefing-xml-input.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "briefing-xml-input"

/* For memmem(). */
#define _GNU_SOURCE

#include "config.h"

#include "briefing-xml-input.h"

#include "briefing-html-entities.h"

#include <libxml/HTMLparser.h>
#include <string.h>

/* Feeds arrive in whatever encoding their CMS felt like, often declared
 * wrongly, and full of HTML entities XML does not know. libxml2 gives up
 * on such documents or silently drops text, so every XML document is first
 * turned into clean UTF-8 here: the encoding is decided (BOM, HTTP
 * charset, XML declaration), mismatched bytes are repaired as
 * Windows-1252, characters XML forbids are dropped, and entity references
 * XML cannot resolve are rewritten as character references. */

static void
append_cp1252 (GString *out,
               guchar   c)
{
  if (c < 0x80)
    g_string_append_c (out, (char) c);
  else
    g_string_append_unichar (out, briefing_windows_1252_to_unichar (c));
}

typedef enum {
  CHARSET_UTF8,
  CHARSET_CP1252,
  CHARSET_OTHER,
} CharsetKind;

static CharsetKind
classify_charset (const char *charset)
{
  static const char * const latin1_names[] = {
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
    "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii", "ansi_x3.4-1968",
    "iso-ir-100", "ibm819", "cp819", "csisolatin1",
  };

  if (charset == NULL)
    return CHARSET_UTF8;

  if (g_ascii_strcasecmp (charset, "utf-8") == 0 || g_ascii_strcasecmp (charset, "utf8") == 0)
    return CHARSET_UTF8;

  for (guint i = 0; i < G_N_ELEMENTS (latin1_names); i++)
    {
      if (g_ascii_strcasecmp (charset, latin1_names[i]) == 0)
        return CHARSET_CP1252;
    }

  return CHARSET_OTHER;
}

/* Decodes UTF-8, repairing each byte that is not part of a valid sequence
 * as Windows-1252: the usual reason is a Windows-1252 feed declared (or
 * defaulted) as UTF-8. */
static void
append_utf8_repaired (GString    *out,
                      const char *data,
                      gsize       len,
                      gboolean   *lossy)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate (p, end - p, &bad))
        {
          g_string_append_len (out, p, end - p);
          return;
        }

      g_string_append_len (out, p, bad - p);

      /* A NUL is not a mis-decoded byte; XML cannot carry it at all. */
      if (*bad != '\0')
        append_cp1252 (out, (guchar) *bad);

      if (lossy != NULL)
        *lossy = TRUE;

      p = bad + 1;
    }
}

/**
 * briefing_text_to_utf8:
 * @charset: (nullable): the declared charset; %NULL means UTF-8
 * @lossy: (out) (optional): set when bytes did not match @charset
 *
 * Decodes @data, never failing: bytes that do not decode are taken as
 * Windows-1252, the commonest cause of a mismatch.
 *
 * Returns: (transfer full): valid UTF-8
 */
char *
briefing_text_to_utf8 (const char *data,
                       gsize       len,
                       const char *charset,
                       gboolean   *lossy)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);

  if (lossy != NULL)
    *lossy = FALSE;

  switch (classify_charset (charset))
    {
    case CHARSET_CP1252:
      for (gsize i = 0; i < len; i++)
        {
          if (data[i] != '\0')
            append_cp1252 (out, (guchar) data[i]);
        }
      break;

    case CHARSET_OTHER:
      {
        g_autofree char *converted = NULL;
        gsize written = 0;

        converted = g_convert (data, len, "UTF-8", charset, NULL, &written, NULL);
        if (converted != NULL && g_utf8_validate (converted, written, NULL))
          {
            g_string_append_len (out, converted, written);
            break;
          }

        if (lossy != NULL)
          *lossy = TRUE;
      }
      G_GNUC_FALLTHROUGH;

    case CHARSET_UTF8:
    default:
      append_utf8_repaired (out, data, len, lossy);
      break;
    }

  return g_string_free (out, FALSE);
}

/**
 * briefing_charset_from_content_type:
 *
 * Returns: (nullable): the charset parameter of an HTTP Content-Type
 */
char *
briefing_charset_from_content_type (const char *content_type)
{
  const char *p;
  const char *end;

  if (content_type == NULL)
    return NULL;

  for (p = strchr (content_type, ';'); p != NULL; p = strchr (p + 1, ';'))
    {
      const char *param = p + 1;

      while (g_ascii_isspace (*param))
        param++;

      if (g_ascii_strncasecmp (param, "charset=", 8) != 0)
        continue;

      param += 8;
      if (*param == '"' || *param == '\'')
        param++;

      for (end = param; *end && *end != ';' && *end != '"' && *end != '\'' && !g_ascii_isspace (*end); end++)
        ;

      if (end > param && end - param < 64)
        return g_strndup (param, end - param);
    }

  return NULL;
}

/* Reads encoding="..." from an XML declaration at the start of @data. */
static char *
declared_encoding (const char *data,
                   gsize       len)
{
  g_autofree char *head = NULL;
  const char *decl_end;
  const char *enc;
  const char *end;
  char quote;

  if (len < 6 || strncmp (data, "<?xml", 5) != 0)
    return NULL;

  head = g_strndup (data, MIN (len, 512));
  decl_end = strstr (head, "?>");
  if (decl_end == NULL)
    return NULL;

  enc = strstr (head, "encoding");
  if (enc == NULL || enc > decl_end)
    return NULL;

  enc += strlen ("encoding");
  while (g_ascii_isspace (*enc) || *enc == '=')
    enc++;

  quote = *enc;
  if (quote != '"' && quote != '\'')
    return NULL;

  end = strchr (enc + 1, quote);
  if (end == NULL || end > decl_end || end - enc > 64)
    return NULL;

  return g_strndup (enc + 1, end - enc - 1);
}

static const char *
skip_bom (const char  *data,
          gsize       *len,
          const char **bom_charset)
{
  const guchar *u = (const guchar *) data;

  *bom_charset = NULL;

  if (*len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      *bom_charset = "UTF-8";
      *len -= 3;
      return data + 3;
    }

  if (*len >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
    *bom_charset = "UTF-32LE";
  else if (*len >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
    *bom_charset = "UTF-32BE";
  else if (*len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    *bom_charset = "UTF-16LE";
  else if (*len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    *bom_charset = "UTF-16BE";
  else if (*len >= 4 && u[0] == '<' && u[1] == 0 && u[2] == '?' && u[3] == 0)
    return (*bom_charset = "UTF-16LE", data);
  else if (*len >= 4 && u[0] == 0 && u[1] == '<' && u[2] == 0 && u[3] == '?')
    return (*bom_charset = "UTF-16BE", data);
  else
    return data;

  {
    gsize bom_len = g_str_has_prefix (*bom_charset, "UTF-32") ? 4 : 2;

    *len -= bom_len;
    return data + bom_len;
  }
}

static gboolean
is_xml_char (gunichar c)
{
  if (c < 0x20)
    return c == '\t' || c == '\n' || c == '\r';

  return (c < 0xD800) || (c >= 0xE000 && c < 0xFFFE) || (c >= 0x10000 && c <= 0x10FFFF);
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || c == ':' || (guchar) c >= 0x80;
}

static gboolean
is_name_char (char c)
{
  return is_name_start (c) || g_ascii_isdigit (c) || c == '-' || c == '.';
}

/* Decoding ----------------------------------------------------------------- */

/* SWAR ("SIMD within a register") tests on eight bytes at once, after
 * Sean Anderson's bit hacks: whether any byte is below @n (n <= 128), or
 * equal to @n. */
#define ONES          G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS         G_GUINT64_CONSTANT (0x8080808080808080)
#define HAS_LESS(x, n) (((x) - ONES * (n)) & ~(x) & HIGHS)
#define HAS_ZERO(x)    (((x) - ONES) & ~(x) & HIGHS)
#define HAS_BYTE(x, n) HAS_ZERO ((x) ^ (ONES * (n)))

static gboolean
is_ascii (const char *data,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) data[i] >= 0x80)
        return FALSE;
    }

  return TRUE;
}

/**
 * briefing_utf8_valid:
 *
 * g_utf8_validate() (a NUL byte counts as invalid, as there) with a fast
 * path for runs of ASCII, which feeds are mostly made of.
 */
gboolean
briefing_utf8_valid (const char *data,
                     gsize       len)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      gunichar c;

      while (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, 8);
          if ((word & HIGHS) != 0 || HAS_ZERO (word))
            break;
          p += 8;
        }

      while (p < end && (guchar) *p < 0x80)
        {
          if (*p == '\0')
            return FALSE;
          p++;
        }

      if (p >= end)
        break;

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

/* Decides the charset (a BOM is the most reliable signal, then the
 * server's word, then the document's own declaration) and decodes @data
 * to UTF-8. Valid UTF-8 and plain ASCII, by far the commonest inputs, are
 * used where they lie; only other documents are copied. */
static const char *
decode_document (const char  *data,
                 gsize        len,
                 const char  *http_charset,
                 GPtrArray   *warnings,
                 char       **owned,
                 gsize       *out_len)
{
  g_autofree char *declared = NULL;
  const char *bom_charset;
  const char *charset;
  gboolean lossy = FALSE;

  *owned = NULL;
  data = skip_bom (data, &len, &bom_charset);

  if (bom_charset == NULL)
    declared = declared_encoding (data, len);

  if (bom_charset != NULL)
    charset = bom_charset;
  else if (http_charset != NULL && *http_charset != '\0')
    charset = http_charset;
  else if (declared != NULL)
    charset = declared;
  else
    charset = "UTF-8";

  switch (classify_charset (charset))
    {
    case CHARSET_CP1252:
      if (is_ascii (data, len))
        {
          *out_len = len;
          return data;
        }

      /* Text that is valid UTF-8 with characters beyond ASCII is UTF-8
       * whatever the label says: Windows-1252 text almost never forms
       * valid multi-byte sequences, while servers label UTF-8 as
       * ISO-8859-1 all the time. */
      if (briefing_utf8_valid (data, len))
        {
          if (warnings != NULL)
            g_ptr_array_add (warnings, g_strdup_printf ("The document is labelled %s but is UTF-8", charset));
          *out_len = len;
          return data;
        }
      break;

    case CHARSET_UTF8:
      if (briefing_utf8_valid (data, len))
        {
          *out_len = len;
          return data;
        }
      break;

    case CHARSET_OTHER:
    default:
      break;
    }

  *owned = briefing_text_to_utf8 (data, len, charset, &lossy);
  *out_len = strlen (*owned);
  if (lossy && warnings != NULL)
    g_ptr_array_add (warnings, g_strdup_printf ("Some bytes were not valid %s and were read as Windows-1252", charset));

  return *owned;
}

/* Cleaning ----------------------------------------------------------------- */

/* The cleaner hands libxml2 the document a buffer at a time, so that a
 * large feed is never held twice: the decoded text stays where it is and
 * only what a buffer holds is rewritten. Constructs XML keeps verbatim
 * (CDATA sections, comments, processing instructions, the DOCTYPE) are
 * found whole, since the whole text is at hand, and then copied across
 * as many buffers as they need. */
struct _BriefingXmlInput
{
  char       *owned;          /* the decoded document, when it had to be converted */
  const char *start;
  const char *pos;
  const char *end;
  const char *verbatim_end;   /* copying a verbatim construct up to here */
  GString    *pending;        /* output that did not fit the last buffer */
  GHashTable *declared;       /* entities the internal subset declares */
  GPtrArray  *warnings;       /* not owned */
  gboolean    drop_doctype;
  gboolean    started;
};

/* Bytes the cleaner must look at: markup, references, characters XML
 * forbids, and the lead bytes of U+FFFE/U+FFFF (0xEF) and of the C1
 * controls (0xC2). */
static const guint8 attention[256] = {
  ['\0'] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
  [0x08] = 1, [0x0B] = 1, [0x0C] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1,
  [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1,
  [0x1B] = 1, [0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['&'] = 1, ['<'] = 1,
  [0xC2] = 1, [0xEF] = 1,
};

/* Returns the first byte from @p that needs attention, or @stop. Most of
 * a feed is plain text; eight bytes are looked at at once. */
static const char *
skip_plain (const char *p,
            const char *stop)
{
  for (;;)
    {
      const char *limit;

      while (stop - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, 8);
          if (HAS_LESS (word, 0x20) || HAS_BYTE (word, '&') || HAS_BYTE (word, '<') ||
              HAS_BYTE (word, 0xC2) || HAS_BYTE (word, 0xEF))
            break;
          p += 8;
        }

      /* The word that stopped the fast loop, byte by byte: it may hold
       * nothing worse than a newline, or the start of a tag, which needs
       * attention only as "<!" or "<?". */
      limit = p + MIN (8, stop - p);
      while (p < limit)
        {
          if (attention[(guchar) *p] &&
              !(*p == '<' && p + 1 < stop && p[1] != '!' && p[1] != '?'))
            return p;
          p++;
        }

      if (p >= stop)
        return p;
    }
}

typedef struct
{
  char *out;
  int   avail;
} Sink;

static void
emit (BriefingXmlInput *input,
      Sink             *sink,
      const char       *text,
      gsize             len)
{
  gsize now = MIN (len, (gsize) sink->avail);

  memcpy (sink->out, text, now);
  sink->out += now;
  sink->avail -= (int) now;

  if (now < len)
    g_string_append_len (input->pending, text + now, len - now);
}

static void
emit_char_ref (BriefingXmlInput *input,
               Sink             *sink,
               gunichar          c)
{
  char ref[16];
  int n;

  /* Numeric references in the C1 range mean Windows-1252 in practice. */
  c = briefing_windows_1252_to_unichar (c);

  if (!is_xml_char (c))
    return;

  n = g_snprintf (ref, sizeof ref, "&#%u;", c);
  emit (input, sink, ref, n);
}

static gboolean
is_predefined_entity (const char *name,
                      gsize       len)
{
  return (len == 3 && strncmp (name, "amp", 3) == 0) ||
         (len == 2 && strncmp (name, "lt", 2) == 0) ||
         (len == 2 && strncmp (name, "gt", 2) == 0) ||
         (len == 4 && strncmp (name, "quot", 4) == 0) ||
         (len == 4 && strncmp (name, "apos", 4) == 0);
}

/* Rewrites the reference at input->pos ('&'): character references are
 * checked, HTML's named entities become character references, and an
 * ampersand that starts nothing XML knows becomes &amp;. */
static void
clean_reference (BriefingXmlInput *input,
                 Sink             *sink)
{
  const char *p = input->pos;
  const char *end = input->end;
  const char *q = p + 1;

  if (q < end && *q == '#')
    {
      gboolean hex = (q + 1 < end && (q[1] == 'x' || q[1] == 'X'));
      const char *digits = q + (hex ? 2 : 1);
      const char *d = digits;
      guint64 value = 0;

      while (d < end && (hex ? g_ascii_isxdigit (*d) : g_ascii_isdigit (*d)) && d - digits < 10)
        {
          value = value * (hex ? 16 : 10) + (hex ? g_ascii_xdigit_value (*d) : g_ascii_digit_value (*d));
          d++;
        }

      if (d > digits && d < end && *d == ';')
        {
          if (value <= 0x10FFFF)
            emit_char_ref (input, sink, (gunichar) value);
          input->pos = d + 1;
          return;
        }
    }
  else if (q < end && is_name_start (*q))
    {
      const char *name = q;
      gsize name_len;

      while (q < end && is_name_char (*q) && q - name < 64)
        q++;
      name_len = q - name;

      if (q < end && *q == ';')
        {
          char name_str[65];
          const htmlEntityDesc *html;

          memcpy (name_str, name, name_len);
          name_str[name_len] = '\0';

          if (is_predefined_entity (name, name_len) ||
              (!input->drop_doctype && input->declared != NULL && g_hash_table_contains (input->declared, name_str)))
            {
              emit (input, sink, p, q + 1 - p);
              input->pos = q + 1;
              return;
            }

          html = htmlEntityLookup ((const xmlChar *) name_str);
          if (html != NULL)
            {
              emit_char_ref (input, sink, html->value);
              input->pos = q + 1;
              return;
            }
        }
    }

  /* A bare ampersand, or a reference nobody defines: keep it as text. */
  emit (input, sink, "&amp;", 5);
  input->pos = p + 1;
}

/* Finds the end of the DOCTYPE at @p, remembering the entities its
 * internal subset declares so that references to them are left for
 * libxml2 to expand (within its own limits). */
static const char *
scan_doctype (BriefingXmlInput *input,
              const char       *p)
{
  const char *end = input->end;
  const char *q = p;
  int brackets = 0;
  char quote = 0;

  for (; q < end; q++)
    {
      if (quote != 0)
        {
          if (*q == quote)
            quote = 0;
          continue;
        }

      if (*q == '"' || *q == '\'')
        quote = *q;
      else if (*q == '[')
        brackets++;
      else if (*q == ']')
        brackets--;
      else if (*q == '>' && brackets <= 0)
        return q + 1;
      else if (brackets > 0 && end - q > 9 && strncmp (q, "<!ENTITY", 8) == 0)
        {
          const char *name = q + 8;
          const char *name_end;

          while (name < end && g_ascii_isspace (*name))
            name++;
          if (name < end && *name == '%')
            continue;

          for (name_end = name; name_end < end && is_name_char (*name_end) && name_end - name < 64; name_end++)
            ;
          if (name_end > name)
            {
              if (input->declared == NULL)
                input->declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_hash_table_add (input->declared, g_strndup (name, name_end - name));
            }
        }
    }

  return end;
}

/* Entity budget -------------------------------------------------------------

 * libxml2 2.9 stops nested expansion ("billion laughs") but not one large
 * entity referenced many times (the "quadratic blow-up": 50,000 characters
 * referenced 50,000 times made 2.5 GB of text from a 200 KB feed), nor
 * entities in attribute values, and it has no xmlCtxtSetMaxAmplification().
 * So before libxml2 sees a DOCTYPE, the text its internal entities would
 * expand to is added up over the whole document, and a document over the
 * budget is read without its DTD: references stay text. So is one whose
 * internal subset declares parameter entities (which can declare further
 * entities out of sight) or gives attributes defaults that refer to
 * entities (which every element would repeat). */

#define EXPANSION_FACTOR 4
#define MAX_EXPANSION (8 * 1024 * 1024)

typedef struct
{
  const char *value;       /* the literal, NULL for an external entity */
  gsize       len;
  guint64     expanded;
  gboolean    computed;
  gboolean    visiting;
} EntityDecl;

static guint64
add_saturating (guint64 a,
                guint64 b)
{
  return a > G_MAXUINT64 - b ? G_MAXUINT64 : a + b;
}

/* Reads the name of a reference at @p ('&'), also one spelt with a
 * character reference for the ampersand ("&#38;name;"), which an entity's
 * value turns into a reference when it is expanded. Returns the name's
 * length, or 0; *@next is set past the reference. */
static gsize
reference_name (const char  *p,
                const char  *end,
                const char **name,
                const char **next)
{
  const char *q = p + 1;
  const char *start;

  if (end - q >= 4 && (strncmp (q, "#38;", 4) == 0))
    q += 4;
  else if (end - q >= 5 && g_ascii_strncasecmp (q, "#x26;", 5) == 0)
    q += 5;

  start = q;
  if (q >= end || !is_name_start (*q))
    return 0;

  while (q < end && is_name_char (*q) && q - start < 64)
    q++;
  if (q >= end || *q != ';')
    return 0;

  *name = start;
  *next = q + 1;

  return q - start;
}

static guint64 entity_expansion (GHashTable *entities, EntityDecl *decl);

/* The text references between @p and @end expand to. */
static guint64
references_expansion (GHashTable *entities,
                      const char *p,
                      const char *end)
{
  guint64 total = 0;

  while (p < end && (p = memchr (p, '&', end - p)) != NULL)
    {
      const char *name;
      const char *next;
      gsize len = reference_name (p, end, &name, &next);
      char key[65];
      EntityDecl *decl;

      if (len == 0)
        {
          p++;
          continue;
        }

      memcpy (key, name, len);
      key[len] = '\0';
      decl = g_hash_table_lookup (entities, key);
      if (decl != NULL)
        total = add_saturating (total, entity_expansion (entities, decl));
      if (total == G_MAXUINT64)
        break;
      p = next;
    }

  return total;
}

/* The length of @decl's text with every reference in it expanded; a loop
 * expands without end. */
static guint64
entity_expansion (GHashTable *entities,
                  EntityDecl *decl)
{
  if (decl->computed)
    return decl->expanded;
  if (decl->visiting)
    return G_MAXUINT64;

  decl->visiting = TRUE;
  decl->expanded = decl->value == NULL ? 0
                 : add_saturating (decl->len, references_expansion (entities, decl->value, decl->value + decl->len));
  decl->visiting = FALSE;
  decl->computed = TRUE;

  return decl->expanded;
}

/* Finds the end of the markup declaration at @p ("<!"), quotes
 * respected. */
static const char *
declaration_end (const char *p,
                 const char *end)
{
  char quote = 0;

  for (; p < end; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }

  return end;
}

/* Reads one <!ENTITY ...> at @p into @entities. Returns FALSE for a
 * parameter entity. */
static gboolean
read_entity_declaration (GHashTable *entities,
                         const char *p,
                         const char *end)
{
  const char *name;
  const char *q = p + strlen ("<!ENTITY");
  EntityDecl *decl;

  while (q < end && g_ascii_isspace (*q))
    q++;
  if (q < end && *q == '%')
    return FALSE;

  name = q;
  while (q < end && is_name_char (*q) && q - name < 64)
    q++;
  if (q == name)
    return TRUE;

  decl = g_new0 (EntityDecl, 1);
  g_hash_table_replace (entities, g_strndup (name, q - name), decl);

  while (q < end && g_ascii_isspace (*q))
    q++;
  if (q < end && (*q == '"' || *q == '\''))
    {
      const char *close = memchr (q + 1, *q, end - q - 1);

      decl->value = q + 1;
      decl->len = (close != NULL ? close : end) - decl->value;
    }

  return TRUE;
}

/* Whether the internal subset between @p and @end, with the document's
 * references from @body on, stays within the budget. */
static gboolean
entities_within_budget (const char *p,
                        const char *end,
                        const char *body,
                        const char *document_end,
                        gsize       document_len)
{
  g_autoptr(GHashTable) entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint64 budget = MIN ((guint64) document_len * EXPANSION_FACTOR, MAX_EXPANSION);

  /* Past "<!DOCTYPE", to the declarations of its internal subset. */
  p += MIN ((gsize) (end - p), strlen ("<!DOCTYPE"));

  while (p < end && (p = memchr (p, '<', end - p)) != NULL)
    {
      const char *decl_end;

      if (end - p >= 4 && strncmp (p, "<!--", 4) == 0)
        {
          const char *close = memmem (p, end - p, "-->", 3);

          p = close != NULL ? close + 3 : end;
          continue;
        }

      decl_end = declaration_end (p, end);
      if (end - p > 8 && strncmp (p, "<!ENTITY", 8) == 0)
        {
          if (!read_entity_declaration (entities, p, decl_end))
            return FALSE;
        }
      else if (end - p > 9 && strncmp (p, "<!ATTLIST", 9) == 0)
        {
          const char *name;
          const char *next;

          for (const char *amp = memchr (p, '&', decl_end - p); amp != NULL;
               amp = memchr (amp + 1, '&', decl_end - amp - 1))
            {
              if (reference_name (amp, decl_end, &name, &next) > 0)
                return FALSE;
            }
        }
      p = decl_end;
    }

  if (g_hash_table_size (entities) == 0)
    return TRUE;

  return references_expansion (entities, body, document_end) <= budget;
}

static const char *
find_terminator (const char *p,
                 const char *end,
                 const char *terminator)
{
  const char *stop = memmem (p, end - p, terminator, strlen (terminator));

  return stop != NULL ? stop + strlen (terminator) : end;
}

static gboolean
starts_with (const char *p,
             const char *end,
             const char *prefix)
{
  gsize len = strlen (prefix);

  return (gsize) (end - p) >= len && memcmp (p, prefix, len) == 0;
}

/* Deals with the byte at input->pos, which needs attention. */
static void
clean_special (BriefingXmlInput *input,
               Sink             *sink)
{
  const char *p = input->pos;
  const char *end = input->end;
  guchar c = (guchar) *p;

  if (c == '&')
    clean_reference (input, sink);
  else if (c == '<')
    {
      if (starts_with (p, end, "<![CDATA["))
        input->verbatim_end = find_terminator (p, end, "]]>");
      else if (starts_with (p, end, "<!--"))
        input->verbatim_end = find_terminator (p, end, "-->");
      else if (starts_with (p, end, "<?"))
        input->verbatim_end = find_terminator (p, end, "?>");
      else if (end - p >= 9 && g_ascii_strncasecmp (p, "<!DOCTYPE", 9) == 0 && input->drop_doctype)
        input->pos = scan_doctype (input, p);
      else if (end - p >= 9 && g_ascii_strncasecmp (p, "<!DOCTYPE", 9) == 0)
        {
          const char *doctype_end = scan_doctype (input, p);

          if (entities_within_budget (p, doctype_end, doctype_end, end, end - input->start))
            input->verbatim_end = doctype_end;
          else
            {
              input->drop_doctype = TRUE;
              input->pos = doctype_end;
              if (input->warnings != NULL)
                g_ptr_array_add (input->warnings,
                                 g_strdup ("The document's entity declarations expand too far and were ignored"));
            }
        }
      else
        {
          emit (input, sink, "<", 1);
          input->pos++;
        }
    }
  else if (c == 0xC2 && end - p >= 2 && (guchar) p[1] >= 0x80 && (guchar) p[1] < 0xA0)
    {
      /* A C1 control is a Windows-1252 character decoded as Latin-1
       * somewhere upstream. */
      char utf8[6];
      int n = g_unichar_to_utf8 (briefing_windows_1252_to_unichar ((guchar) p[1]), utf8);

      emit (input, sink, utf8, n);
      input->pos += 2;
    }
  else if (c == 0xEF && end - p >= 3)
    {
      /* U+FFFE and U+FFFF are valid UTF-8 but not XML characters. */
      gunichar u = g_utf8_get_char (p);
      int n = g_utf8_skip[c];

      if (is_xml_char (u))
        emit (input, sink, p, n);
      input->pos += n;
    }
  else if (c >= 0x80)
    {
      emit (input, sink, p, 1);
      input->pos++;
    }
  else
    input->pos++; /* A control character XML forbids. */
}

/* The XML declaration names the encoding the bytes had; the text is
 * UTF-8 now, so the declaration is replaced. Anything before the first
 * tag (white space, a stray byte order mark, junk some servers prepend)
 * would make the document ill-formed and is skipped. */
static void
clean_start (BriefingXmlInput *input,
             Sink             *sink)
{
  static const char declaration[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  const char *first = memchr (input->pos, '<', input->end - input->pos);

  input->started = TRUE;
  input->pos = first != NULL ? first : input->end;

  if (starts_with (input->pos, input->end, "<?xml") && input->end - input->pos > 5 &&
      g_ascii_isspace (input->pos[5]))
    {
      const char *decl_end = g_strstr_len (input->pos, MIN (input->end - input->pos, 1024), "?>");

      if (decl_end != NULL)
        input->pos = decl_end + 2;
    }

  emit (input, sink, declaration, sizeof declaration - 1);
}

/**
 * briefing_xml_input_read:
 * @buffer: (out caller-allocates): where to write
 * @len: the size of @buffer
 *
 * Fills @buffer with the next part of the document as clean UTF-8 XML;
 * usable as libxml2's xmlInputReadCallback.
 *
 * Returns: the number of bytes written, 0 at the end
 */
int
briefing_xml_input_read (BriefingXmlInput *input,
                         char             *buffer,
                         int               len)
{
  Sink sink = { buffer, len };

  g_return_val_if_fail (input != NULL, -1);
  g_return_val_if_fail (buffer != NULL && len > 0, -1);

  if (input->pending->len > 0)
    {
      gsize now = MIN (input->pending->len, (gsize) len);

      memcpy (sink.out, input->pending->str, now);
      g_string_erase (input->pending, 0, now);
      sink.out += now;
      sink.avail -= (int) now;
    }

  if (!input->started && sink.avail > 0)
    clean_start (input, &sink);

  while (sink.avail > 0 && input->pos < input->end)
    {
      const char *p = input->pos;
      const char *stop;

      if (input->verbatim_end != NULL)
        {
          gsize now = MIN ((gsize) (input->verbatim_end - p), (gsize) sink.avail);

          emit (input, &sink, p, now);
          input->pos += now;
          if (input->pos >= input->verbatim_end)
            input->verbatim_end = NULL;
          continue;
        }

      /* Copy the bytes needing no attention in one go. */
      stop = p + MIN ((gsize) (input->end - p), (gsize) sink.avail);
      p = skip_plain (p, stop);
      if (p > input->pos)
        {
          emit (input, &sink, input->pos, p - input->pos);
          input->pos = p;
          continue;
        }

      clean_special (input, &sink);
    }

  return len - sink.avail;
}

/**
 * briefing_xml_input_new:
 * @http_charset: (nullable): the charset from the HTTP response
 * @flags: with %BRIEFING_XML_INPUT_DROP_DOCTYPE the DOCTYPE is left out,
 *   and references to the entities it declares are kept as text: the way
 *   to read a document whose entities expand beyond libxml2's limits
 * @warnings: (element-type utf8) (nullable): where to note repairs
 *
 * Prepares to hand @data to libxml2 as clean UTF-8 XML: the encoding
 * decided and decoded, characters XML forbids dropped, HTML entities made
 * character references. @data must outlive the input.
 */
BriefingXmlInput *
briefing_xml_input_new (const char            *data,
                        gsize                  len,
                        const char            *http_charset,
                        BriefingXmlInputFlags  flags,
                        GPtrArray             *warnings)
{
  BriefingXmlInput *input = g_new0 (BriefingXmlInput, 1);
  gsize text_len = 0;

  input->drop_doctype = (flags & BRIEFING_XML_INPUT_DROP_DOCTYPE) != 0;

  input->pos = decode_document (data, len, http_charset, warnings, &input->owned, &text_len);
  input->start = input->pos;
  input->end = input->pos + text_len;
  input->warnings = warnings;
  input->pending = g_string_new (NULL);

  return input;
}

void
briefing_xml_input_free (BriefingXmlInput *input)
{
  if (input == NULL)
    return;

  g_free (input->owned);
  g_string_free (input->pending, TRUE);
  g_clear_pointer (&input->declared, g_hash_table_unref);
  g_free (input);
}

/**
 * briefing_xml_input_prepare:
 * @http_charset: (nullable): the charset from the HTTP response
 * @flags: as for briefing_xml_input_new()
 * @warnings: (element-type utf8) (nullable): where to note repairs
 *
 * Returns: (transfer full): the whole document as clean UTF-8 XML
 */
GString *
briefing_xml_input_prepare (const char            *data,
                            gsize                  len,
                            const char            *http_charset,
                            BriefingXmlInputFlags  flags,
                            GPtrArray             *warnings)
{
  g_autoptr(BriefingXmlInput) input = briefing_xml_input_new (data, len, http_charset, flags, warnings);
  GString *xml = g_string_sized_new (len + 64);
  int n;

  do
    {
      g_string_set_size (xml, xml->len + 65536);
      xml->len -= 65536;
      n = briefing_xml_input_read (input, xml->str + xml->len, 65536);
      xml->len += n;
      xml->str[xml->len] = '\0';
    }
  while (n > 0);

  return xml;
}
