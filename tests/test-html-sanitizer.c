/* test-html-sanitizer.c
 *
 * Copyright 2026 Briefing developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "briefing-html-sanitizer.h"

#define BASE "https://example.com/news/story.html"

typedef struct
{
  const char *input;
  const char *expected;     /* The exact output, or NULL when nothing readable is left. */
} SanitizeCase;

/* Test messages are TAP comments: one line, valid UTF-8. */
static void
note (const char *what,
      const char *text)
{
  g_autofree char *escaped = g_strescape (text != NULL ? text : "(null)", NULL);

  g_test_message ("%s: %s", what, escaped);
}

static char *
sanitize (const char *html,
          const char *base_url)
{
  return briefing_html_sanitize (html, base_url, NULL, BRIEFING_SANITIZE_NONE, NULL);
}

/* Checks each case, and that each expected output is a fixed point: what
 * the sanitizer writes, it keeps as it is. */
static void
check_cases (const SanitizeCase *cases,
             gsize               n_cases,
             const char         *base_url)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *output = sanitize (cases[i].input, base_url);

      note ("input", cases[i].input);
      g_assert_cmpstr (output, ==, cases[i].expected);

      if (cases[i].expected != NULL)
        {
          g_autofree char *again = sanitize (cases[i].expected, base_url);

          g_assert_cmpstr (again, ==, cases[i].expected);
        }
    }
}

static const SanitizeCase element_cases[] = {
  { "<p>Hello <b>bold</b> and <i>italic</i></p>", "<p>Hello <b>bold</b> and <i>italic</i></p>" },
  { "<p><em>a</em> <strong>b</strong> <u>c</u> <s>d</s> <del>e</del> <ins>f</ins> <sub>g</sub> "
    "<sup>h</sup> <small>i</small> <mark>j</mark> <cite>k</cite> <q>l</q> <dfn>m</dfn> <kbd>n</kbd> "
    "<samp>o</samp> <var>p</var> <code>q</code></p>",
    "<p><em>a</em> <strong>b</strong> <u>c</u> <s>d</s> <del>e</del> <ins>f</ins> <sub>g</sub> "
    "<sup>h</sup> <small>i</small> <mark>j</mark> <cite>k</cite> <q>l</q> <dfn>m</dfn> <kbd>n</kbd> "
    "<samp>o</samp> <var>p</var> <code>q</code></p>" },
  { "<section><header>H</header><article><aside>A</aside><nav>N</nav><main>M</main></article>"
    "<footer>F</footer></section>",
    "<section><header>H</header><article><aside>A</aside><nav>N</nav><main>M</main></article>"
    "<footer>F</footer></section>" },
  { "<pre><code>int x;\n  y();</code></pre>", "<pre><code>int x;\n  y();</code></pre>" },
  { "<dl><dt>Term</dt><dd>Definition</dd></dl>", "<dl><dt>Term</dt><dd>Definition</dd></dl>" },
  { "<details><summary>More</summary>Hidden</details>", "<details><summary>More</summary>Hidden</details>" },
  { "<table><caption>C</caption><thead><tr><th scope=\"COL\" headers=\"h\">H</th></tr></thead>"
    "<tbody><tr><td colspan=\"2\" rowspan=\"x\">D</td></tr></tbody><tfoot><tr><td>F</td></tr></tfoot></table>",
    "<table><caption>C</caption><thead><tr><th scope=\"col\" headers=\"h\">H</th></tr></thead>"
    "<tbody><tr><td colspan=\"2\">D</td></tr></tbody><tfoot><tr><td>F</td></tr></tfoot></table>" },
  { "<ol start=\"3\" reversed type=\"a\"><li value=\"7\">x</li><li value=\"seven\">y</li></ol>",
    "<ol start=\"3\" reversed=\"\" type=\"a\"><li value=\"7\">x</li><li>y</li></ol>" },
  { "<ol type=\"disc\"><li>x</li></ol>", "<ol><li>x</li></ol>" },
  { "<time datetime=\"2024-05-01T10:00Z\">May 1</time>", "<time datetime=\"2024-05-01T10:00Z\">May 1</time>" },
  { "<abbr title=\"World Wide Web\">WWW</abbr> <dfn title=\"t\">d</dfn>",
    "<abbr title=\"World Wide Web\">WWW</abbr> <dfn title=\"t\">d</dfn>" },
  { "<p lang=\"fr-CA\" dir=\"RTL\" class=\"x\" id=\"y\" style=\"color:red\" onclick=\"x()\" data-x=\"1\">t</p>",
    "<p lang=\"fr-CA\" dir=\"rtl\">t</p>" },
  { "<p dir=\"sideways\" lang=\"x y\">t</p>", "<p>t</p>" },
  { "<span title=\"no\">s</span><div align=\"center\">d</div>", "<span>s</span><div>d</div>" },
  /* h1 belongs to the article view. */
  { "<h1>Title</h1><h2>Two</h2><h3>Three</h3><h4>4</h4><h5>5</h5><h6>6</h6>",
    "<h2>Title</h2><h2>Two</h2><h3>Three</h3><h4>4</h4><h5>5</h5><h6>6</h6>" },
  { "<p>Line<br>break<br/>again</p><hr>", "<p>Line<br>break<br>again</p><hr>" },
  /* Unwrapped: the content stays. */
  { "<font color=\"red\">Red</font> <center>centred</center> <blink>x</blink> <custom-el>c</custom-el>",
    "Red centred x c" },
  { "<html><body><p>doc</p></body></html>", "<p>doc</p>" },
  /* Dropped with their content. */
  { "<p>a<script>alert(1)</script>b</p>", "<p>ab</p>" },
  { "<style>@import 'https://evil.example/x.css';</style><p>x</p>", "<p>x</p>" },
  { "<iframe src=\"https://evil.example/\">fallback</iframe>y", "y" },
  { "<frameset><frame src=\"x\"></frameset>y", "y" },
  { "<object data=\"x.swf\"><param name=\"a\" value=\"b\">fallback</object>y", "y" },
  { "<embed src=\"x.swf\">y", "y" },
  { "<applet code=\"x.class\">fallback</applet>y", "y" },
  { "<form action=\"https://evil.example/\"><input name=\"a\"><button formaction=\"x\">b</button>"
    "<textarea>t</textarea><select><option>o</option></select>text</form>y", "y" },
  { "<noscript><p>Enable JavaScript</p></noscript>y", "y" },
  { "<template><p>x</p></template>y", "y" },
  { "<canvas>c</canvas><audio src=\"a.mp3\">a</audio><video src=\"v.mp4\">v</video>y", "y" },
  { "<title>T</title><xmp><b>x</b></xmp><noembed>e</noembed><noframes>f</noframes>y", "y" },
  { "<svg><script>alert(1)</script><text>t</text></svg>y", "y" },
  { "<math><mtext>m</mtext></math>y", "y" },
  /* Unclosed tags, mixed case, nesting repaired. */
  { "<DIV><P>Mixed <B>Case</B></P></DIV>", "<div><p>Mixed <b>Case</b></p></div>" },
  { "<p>unclosed <b>bold", "<p>unclosed <b>bold</b></p>" },
  { "<ul><li>one<li>two</ul>", "<ul><li>one</li><li>two</li></ul>" },
  { "<p>one<p>two", "<p>one</p><p>two</p>" },
  { "<b><i>x</b></i>", "<b><i>x</i></b>" },
  /* Text is escaped; control characters go. */
  { "a < b & c > d \"q\" 'a'", "a &lt; b &amp; c &gt; d &quot;q&quot; 'a'" },
  { "Tom &amp; Jerry &lt;3 &copy; &eacute;", "Tom &amp; Jerry &lt;3 © é" },
  { "a\x01" "b\x7f" "c\x1b" "d", "abcd" },
  { "caf\xe9 ok", "caf\xef\xbf\xbd ok" },
  { "<p>don&#146;t &#150; &#128;5</p>", "<p>don\xe2\x80\x99t \xe2\x80\x93 \xe2\x82\xac" "5</p>" },
  { "<img src=\"/a.jpg\" alt=\"An &quot;alt&quot; &amp; more\" title=\"t\" width=\"640px\" height=\"50%\">",
    "<img src=\"https://example.com/a.jpg\" alt=\"An &quot;alt&quot; &amp; more\" title=\"t\" width=\"640\">" },
  /* Nothing readable. */
  { "", NULL },
  { "   \n\t ", NULL },
  { "<span>   </span>", NULL },
  { "<p></p><div> <br> </div><p>&nbsp;</p>", NULL },
  { "<hr><br>", NULL },
  { "<!-- just a comment -->", NULL },
  /* Emptied elements go, but the space between words stays. */
  { "<p>a<span> </span>b</p>", "<p>a b</p>" },
  { "<p>a<a href=\"/x\"></a>b</p>", "<p>ab</p>" },
};

static void
test_elements (void)
{
  g_assert_null (sanitize (NULL, BASE));
  check_cases (element_cases, G_N_ELEMENTS (element_cases), BASE);
}

static const SanitizeCase attack_cases[] = {
  { "<img src=x onerror=alert(1)>", "<img src=\"https://example.com/news/x\">" },
  { "<IMG SRC=\"x\" ONERROR=\"alert(1)\">", "<img src=\"https://example.com/news/x\">" },
  { "<a href=\"javascript:alert(1)\">x</a>", "x" },
  { "<a href=\"JAVASCRIPT:alert(1)\">x</a>", "x" },
  { "<a href=\"jAvAsCrIpT&colon;alert(1)\">x</a>", "x" },
  { "<a href=\" &#14; javascript:alert(1)\">x</a>", "x" },
  { "<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "x" },
  { "<a href=\"jav\tascript:alert(1)\">x</a>", "x" },
  { "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>", "x" },
  { "<a href=\"&Tab;javascript:alert(1)\">x</a>", "x" },
  { "<a href=\"javascript&NewLine;:alert(1)\">x</a>", "x" },
  { "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>", "x" },
  { "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058alert(1)\">x</a>", "x" },
  { "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>", "x" },
  { "<a href=\"vbscript:msgbox(1)\">x</a>", "x" },
  { "<a href=\"livescript:x\">x</a>", "x" },
  { "<a href=\"file:///etc/passwd\">x</a>", "x" },
  { "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "x" },
  { "<a href=\"data:image/png;base64,AAAA\">x</a>", "x" },
  { "<img src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\">", NULL },
  { "<img src=\"data:text/html;base64,AAAA\">", NULL },
  { "<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">" },
  { "<img src=\"file:///etc/passwd\">", NULL },
  { "<img src=\"mailto:a@example.com\">", NULL },
  { "<img src=\"a.jpg\" srcset=\"javascript:alert(1) 1x, b.jpg 2x\">",
    "<img src=\"https://example.com/news/a.jpg\" srcset=\"https://example.com/news/b.jpg 2x\">" },
  { "<img src=\"a.jpg\" srcset=\"javascript:alert(1)\">", "<img src=\"https://example.com/news/a.jpg\">" },
  { "<img src=\"a.jpg\" srcset=\"b.jpg onerror=alert(1)\">", "<img src=\"https://example.com/news/a.jpg\">" },
  { "<blockquote cite=\"javascript:alert(1)\">q</blockquote>", "<blockquote>q</blockquote>" },
  { "<div style=\"background:url(javascript:alert(1))\">x</div>", "<div>x</div>" },
  { "<p style=\"behavior: url(x.htc); -moz-binding: url(x.xml#xss)\">x</p>", "<p>x</p>" },
  { "<base href=\"https://evil.example/\"><a href=\"x\">l</a>",
    "<a href=\"https://example.com/news/x\" rel=\"noopener noreferrer\">l</a>" },
  { "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">y", "y" },
  { "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">y", "y" },
  { "<form action=\"javascript:alert(1)\"><input type=\"submit\"></form>y", "y" },
  { "<object data=\"javascript:alert(1)\"></object>y", "y" },
  { "<svg/onload=alert(1)>", NULL },
  { "<svg><a xlink:href=\"javascript:alert(1)\"><text>t</text></a></svg>", NULL },
  { "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>", NULL },
  { "<isindex action=\"javascript:alert(1)\" type=\"image\">", NULL },
  { "<body onload=\"alert(1)\">x", "x" },
  { "<SCRIPT SRC=//evil.example/x.js></SCRIPT>y", "y" },
  { "<ScRiPt>alert(1)</sCrIpT>y", "y" },
  { "<p>a<!-- --><script>alert(1)</script> -->b</p>", "<p>a --&gt;b</p>" },
  { "<!--<script>alert(1)</script>-->y", "y" },
  { "<![CDATA[<script>alert(1)</script>]]>x", "&lt;![CDATA[]]&gt;x" },
  { "</p></body></html><script>alert(1)</script><p>after</p>", "<p>after</p>" },
  { "<a href=\"https://ok.example/\" onmouseover=\"alert(1)\" target=\"_blank\" rel=\"opener\">x</a>",
    "<a href=\"https://ok.example/\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"https://ok.example/\" title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">x</a>",
    "<a href=\"https://ok.example/\" title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" "
    "rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"https://ok.example/\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
    "xlink:href=\"javascript:alert(1)\">x</a>",
    "<a href=\"https://ok.example/\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"mailto:desk@example.com\">mail</a>",
    "<a href=\"mailto:desk@example.com\" rel=\"noopener noreferrer\">mail</a>" },
  { "<a href=\"https://ok.example/a\"onclick=\"x\">x</a>",
    "<a href=\"https://ok.example/a\" rel=\"noopener noreferrer\">x</a>" },
  { "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>y", "y" },
  { "<style><img src=x onerror=alert(1)></style>y", "y" },
  { "<textarea><script>alert(1)</script></textarea>y", "y" },
  { "<title><img src=x onerror=alert(1)></title>y", "y" },
  { "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>y", "y" },
  { "<img src=\"x\" style=\"width:expression(alert(1))\">", "<img src=\"https://example.com/news/x\">" },
};

static const char * const hostile_payloads[] = {
  "<scr<script>ipt>alert(1)</script>",
  "<<script>alert(1)//<</script>",
  "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
  "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
  "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
  "<a onmouseover=\"alert(document.cookie)\">xxs link</a>",
  "<IMG SRC=# onmouseover=\"alert('xxs')\">",
  "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
  "<img src=x:alert(alt) onerror=eval(src) alt=xss>",
  "<IMG SRC=\"jav&#x0D;ascript:alert('XSS');\">",
  "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
  "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
  "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
  "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
  "<IMG SRC=\"`<javascript:alert>`('XSS')\"",
  "<iframe src=http://xss.rocks/scriptlet.html <",
  "<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">",
  "<BGSOUND SRC=\"javascript:alert('XSS');\">",
  "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
  "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
  "<svg><style>{font-family:'<iframe/onload=confirm(1)>'}</style></svg>",
  "<math><mi//xlink:href=\"data:x,<script>alert(4)</script>\">",
  "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TD BACKGROUND=\"javascript:alert('XSS')\">x",
  "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072"
  "\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029'\\0029\">",
  "<a href=\"\x01javascript:alert(1)\">x</a>",
  "<a href=\"java&#x0000000009;script:alert(1)\">x</a>",
  "<a href=\"&#x6a;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3a;alert(1)\">x</a>",
  "<form><button formaction=javascript:alert(1)>X</button>",
  "<details open ontoggle=alert(1)>",
  "<select><noembed></select><script>alert(1)</script>",
  "<a href=\"javascript&colon;alert&lpar;1&rpar;\">x</a>",
  "<img srcset=\",,,,,javascript:alert(1) 1x\" src=\"a.png\">",
  "<picture><source srcset=\"javascript:alert(1)\"><img src=\"a.png\"></picture>",
  "<div><p title=\"</div><script>alert(1)</script>\">",
  "<p id=\"</p><script>alert(1)</script>\">",
  "<a href=\"\\u006A\\u0061vascript:alert(1)\">x</a>",
};

static void
assert_harmless (const char *output)
{
  g_autofree char *lower = output != NULL ? g_ascii_strdown (output, -1) : NULL;

  if (lower == NULL)
    return;

  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "<iframe"));
  g_assert_null (strstr (lower, "<svg"));
  g_assert_null (strstr (lower, "<math"));
  g_assert_null (strstr (lower, "<style"));
  g_assert_null (strstr (lower, "<form"));
  g_assert_null (strstr (lower, "<input"));
  g_assert_null (strstr (lower, "<button"));
  g_assert_null (strstr (lower, " on"));
  g_assert_null (strstr (lower, "style="));
  g_assert_null (strstr (lower, "=\"javascript:"));
  g_assert_null (strstr (lower, "=\"data:text"));
}

static void
test_attacks (void)
{
  check_cases (attack_cases, G_N_ELEMENTS (attack_cases), BASE);

  for (guint i = 0; i < G_N_ELEMENTS (attack_cases); i++)
    {
      g_autofree char *output = sanitize (attack_cases[i].input, BASE);

      assert_harmless (output);
    }

  for (guint i = 0; i < G_N_ELEMENTS (hostile_payloads); i++)
    {
      g_autofree char *output = sanitize (hostile_payloads[i], BASE);
      g_autofree char *without_base = sanitize (hostile_payloads[i], NULL);

      note ("payload", hostile_payloads[i]);
      note ("output", output);
      assert_harmless (output);
      assert_harmless (without_base);
    }
}

static const SanitizeCase url_cases[] = {
  { "<a href=\"other.html\">x</a>", "<a href=\"https://example.com/news/other.html\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"/root\">x</a>", "<a href=\"https://example.com/root\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"../up\">x</a>", "<a href=\"https://example.com/up\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"?q=1\">x</a>", "<a href=\"https://example.com/news/story.html?q=1\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"#notes\">x</a>", "<a href=\"https://example.com/news/story.html#notes\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"//cdn.example/x\">x</a>", "<a href=\"https://cdn.example/x\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"  https://example.org/?a=1&amp;b=2  \">x</a>",
    "<a href=\"https://example.org/?a=1&amp;b=2\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"HTTP://EXAMPLE.ORG/\">x</a>", "<a href=\"HTTP://EXAMPLE.ORG/\" rel=\"noopener noreferrer\">x</a>" },
  { "<img src=\"photo 1.jpg\">", "<img src=\"https://example.com/news/photo%201.jpg\">" },
  { "<img src=\"100%.jpg\">", "<img src=\"https://example.com/news/100%25.jpg\">" },
  { "<img src=\"a&quot;b.jpg\">", "<img src=\"https://example.com/news/a%22b.jpg\">" },
  { "<img src=\"/i.jpg\" srcset=\"/i-640.jpg 640w,/i-1280.jpg 1280w\">",
    "<img src=\"https://example.com/i.jpg\" srcset=\"https://example.com/i-640.jpg 640w, "
    "https://example.com/i-1280.jpg 1280w\">" },
  { "<img src=\"a.png\" srcset=\"data:image/png;base64,AAAA 1x, b.png 2x\">",
    "<img src=\"https://example.com/news/a.png\" srcset=\"data:image/png;base64,AAAA 1x, "
    "https://example.com/news/b.png 2x\">" },
  { "<q cite=\"/source\">quoted</q>", "<q cite=\"https://example.com/source\">quoted</q>" },
  { "<picture><source srcset=\"/p.webp\" type=\"image/webp\" media=\"(min-width: 600px)\" src=\"x\">"
    "<img src=\"/p.jpg\"></picture>",
    "<picture><source srcset=\"https://example.com/p.webp\" type=\"image/webp\" "
    "media=\"(min-width: 600px)\"><img src=\"https://example.com/p.jpg\"></picture>" },
  /* <source> means nothing outside <picture>. */
  { "<p><source srcset=\"/p.webp\">text</p>", "<p>text</p>" },
};

static const SanitizeCase url_cases_without_base[] = {
  { "<a href=\"relative\">x</a>", "x" },
  { "<img src=\"relative.jpg\">", NULL },
  { "<a href=\"//cdn.example/x\">x</a>", "<a href=\"https://cdn.example/x\" rel=\"noopener noreferrer\">x</a>" },
  { "<a href=\"https://ok.example/\">x</a>", "<a href=\"https://ok.example/\" rel=\"noopener noreferrer\">x</a>" },
};

static const SanitizeCase url_cases_http_base[] = {
  { "<a href=\"//cdn.example/x\">x</a>", "<a href=\"http://cdn.example/x\" rel=\"noopener noreferrer\">x</a>" },
  { "<img src=\"img/a.jpg\">", "<img src=\"http://plain.example/dir/img/a.jpg\">" },
};

/* A feed can set any base, xml:base included. */
static const SanitizeCase url_cases_hostile_base[] = {
  { "<a href=\"x\">x</a>", "x" },
  { "<img src=\"x.jpg\">", NULL },
  { "<a href=\"https://ok.example/\">x</a>", "<a href=\"https://ok.example/\" rel=\"noopener noreferrer\">x</a>" },
  /* Against this base, a path that starts with "//" once its dot
   * segments are gone, and no host: no address at all. */
  { "<a href=\"/.//evil.example/\">x</a>", "x" },
  { "<img src=\"/..//evil.example/x.jpg\">", NULL },
};

static void
test_urls (void)
{
  check_cases (url_cases, G_N_ELEMENTS (url_cases), BASE);
  check_cases (url_cases_without_base, G_N_ELEMENTS (url_cases_without_base), NULL);
  check_cases (url_cases_http_base, G_N_ELEMENTS (url_cases_http_base), "http://plain.example/dir/");
  check_cases (url_cases_hostile_base, G_N_ELEMENTS (url_cases_hostile_base), "javascript:alert(1)//");
}

static const SanitizeCase pixel_cases[] = {
  { "<p>Text<img src=\"https://example.com/p.gif\" width=\"1\" height=\"1\"></p>", "<p>Text</p>" },
  { "<img src=\"https://example.com/p.gif\" width=\"0\" height=\"0\">", NULL },
  { "<img src=\"https://example.com/p.gif\" width=\"2px\" height=\" 2 \">", NULL },
  { "<img src=\"https://example.com/p.gif\" style=\"width:1px;height:1px\">", NULL },
  { "<img src=\"https://example.com/p.gif\" width=\"1\" style=\"border:0; HEIGHT: 0\">", NULL },
  { "<img src=\"https://example.com/p.gif\" width=\"1\">", "<img src=\"https://example.com/p.gif\" width=\"1\">" },
  { "<img src=\"https://example.com/p.gif\" width=\"300\" height=\"1\">",
    "<img src=\"https://example.com/p.gif\" width=\"300\" height=\"1\">" },
  { "<img src=\"http://feeds.feedburner.com/~r/Example/~4/abcdef\" height=\"1\" width=\"1\" alt=\"\"/>", NULL },
  { "<img src=\"http://feeds.feedburner.com/~r/Example/~4/abcdef\">", NULL },
  { "<img src=\"http://feeds.feedburner.com/~ff/Example?d=yIl2AUoC8zA\" border=\"0\">", NULL },
  { "<img src=\"https://pixel.wp.com/g.gif?blog=1\">", NULL },
  { "<img src=\"https://stats.wordpress.com/b.gif?host=x\">", NULL },
  { "<img src=\"https://pixel.quantserve.com/pixel/p-1.gif\">", NULL },
  { "<img src=\"https://www.google-analytics.com/collect?v=1\">", NULL },
  { "<img src=\"https://ad.doubleclick.net/x.gif\">", NULL },
  { "<img src=\"http://feedads.g.doubleclick.net/~a/abc/0/di\">", NULL },
  { "<img src=\"https://notdoubleclick.net/x.gif\">", "<img src=\"https://notdoubleclick.net/x.gif\">" },
  { "<img src=\"http://feeds.feedburner.com/images/logo.png\">",
    "<img src=\"http://feeds.feedburner.com/images/logo.png\">" },
  { "<a href=\"https://example.com/\"><img src=\"https://pixel.wp.com/g.gif\"></a>", NULL },
  { "<p>Story.</p><div class=\"feedflare\"><a href=\"http://feeds.feedburner.com/~ff/x?a=1\">"
    "<img src=\"http://feeds.feedburner.com/~ff/x?d=1\" border=\"0\"></a></div>"
    "<img src=\"http://feeds.feedburner.com/~r/x/~4/y\" height=\"1\" width=\"1\" alt=\"\"/>",
    "<p>Story.</p>" },
};

static void
test_tracking_pixels (void)
{
  check_cases (pixel_cases, G_N_ELEMENTS (pixel_cases), BASE);
}

static const SanitizeCase lead_cases[] = {
  { "<p><img src=\"https://example.com/photos/lead.jpg\"></p><p>Body</p>", "<p>Body</p>" },
  { "<img src=\"http://example.com/photos/lead.jpg?w=640#top\"><p>Body</p>", "<p>Body</p>" },
  { " \n <img src=\"/photos/lead.jpg\"> <p>Body</p>", "<p>Body</p>" },
  { "<div><a href=\"https://example.com/photos/lead.jpg\"><img src=\"/photos/lead.jpg\"></a></div><p>Body</p>",
    "<p>Body</p>" },
  { "<figure><img src=\"/photos/lead.jpg\"><figcaption>Caption</figcaption></figure><p>Body</p>",
    "<p>Body</p>" },
  { "<picture><source srcset=\"/photos/lead.webp\" type=\"image/webp\"><img src=\"/photos/lead.jpg\"></picture>"
    "<p>Body</p>", "<p>Body</p>" },
  /* After text it is part of the story. */
  { "<p>Intro</p><img src=\"/photos/lead.jpg\">",
    "<p>Intro</p><img src=\"https://example.com/photos/lead.jpg\">" },
  { "<img src=\"/photos/other.jpg\"><p>Body</p>", "<img src=\"https://example.com/photos/other.jpg\"><p>Body</p>" },
  { "<img src=\"/photos/lead.jpg\">", NULL },
};

static void
test_lead_image (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (lead_cases); i++)
    {
      g_autofree char *output = briefing_html_sanitize (lead_cases[i].input, BASE,
                                                        "https://example.com/photos/lead.jpg",
                                                        BRIEFING_SANITIZE_NONE, NULL);

      note ("input", lead_cases[i].input);
      g_assert_cmpstr (output, ==, lead_cases[i].expected);
    }
}

typedef struct
{
  const char *input;
  const char *output;
  const char *url;
  int         width;
  int         height;
  const char *caption;
  const char *credit;
} FigureCase;

static const FigureCase figure_cases[] = {
  { "<figure><img src=\"/img/a.jpg\" width=\"1200\" height=\"800\" alt=\"x\">"
    "<figcaption>Crowds gather in Paris. <span class=\"credit\">Photo: Jane Doe/AP</span></figcaption>"
    "</figure><p>Body text.</p>",
    "<p>Body text.</p>", "https://example.com/img/a.jpg", 1200, 800,
    "Crowds gather in Paris.", "Photo: Jane Doe/AP" },
  { "<figure><img src=\"a.jpg\"><figcaption>Caption here <small>\xc2\xa9 Reuters</small></figcaption></figure>",
    NULL, "https://example.com/news/a.jpg", 0, 0, "Caption here", "\xc2\xa9 Reuters" },
  { "<figure><img src=\"a.jpg\" width=\"50%\"><figcaption><p>Two</p><p>paragraphs</p>"
    "<cite>Agency</cite></figcaption></figure>",
    NULL, "https://example.com/news/a.jpg", 0, 0, "Two paragraphs", "Agency" },
  { "<figure><img src=\"a.jpg\"><figcaption>A man walks. (Photo: <span class=\"image-Copyright\">AP</span>)"
    "</figcaption></figure>",
    NULL, "https://example.com/news/a.jpg", 0, 0, "A man walks.", "AP" },
  { "<figure><img src=\"a.jpg\"><figcaption>Harbour at dawn | <em class=\"Byline\">Sam Lee</em>"
    "</figcaption></figure>",
    NULL, "https://example.com/news/a.jpg", 0, 0, "Harbour at dawn", "Sam Lee" },
  { "<figure><img src=\"a.jpg\"><figcaption><span class=\"photo-source\">Source: NASA</span></figcaption>"
    "</figure><p>x</p>",
    "<p>x</p>", "https://example.com/news/a.jpg", 0, 0, NULL, "Source: NASA" },
  { "<figure><img src=\"a.jpg\"><figcaption>Just a caption</figcaption></figure>",
    NULL, "https://example.com/news/a.jpg", 0, 0, "Just a caption", NULL },
  { "<figure><img src=\"a.jpg\"></figure><p>No caption</p>",
    "<p>No caption</p>", "https://example.com/news/a.jpg", 0, 0, NULL, NULL },
  /* The first figure with a usable photo is the one taken. */
  { "<figure><img src=\"javascript:x\"><figcaption>bad</figcaption></figure>"
    "<figure><img src=\"https://example.com/p.gif\" width=\"1\" height=\"1\"></figure>"
    "<figure><noscript><img src=\"n.jpg\"></noscript></figure>"
    "<figure><picture><img src=\"b.jpg\" height=\"90\"></picture><figcaption>good</figcaption></figure>",
    "<figure><figcaption>bad</figcaption></figure>", "https://example.com/news/b.jpg", 0, 90, "good", NULL },
  { "<p>Text first</p><figure><figure><img src=\"a.jpg\"></figure><figcaption>Outer</figcaption></figure>",
    "<p>Text first</p>", "https://example.com/news/a.jpg", 0, 0, "Outer", NULL },
  { "<p><img src=\"a.jpg\"></p>", "<p><img src=\"https://example.com/news/a.jpg\"></p>", NULL, 0, 0, NULL, NULL },
};

static void
test_lead_figure (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (figure_cases); i++)
    {
      const FigureCase *c = &figure_cases[i];
      g_autoptr(BriefingImage) image = NULL;
      g_autofree char *output = NULL;

      note ("input", c->input);
      output = briefing_html_sanitize (c->input, BASE, NULL, BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, &image);
      g_assert_cmpstr (output, ==, c->output);

      if (c->url == NULL)
        {
          g_assert_null (image);
          continue;
        }

      g_assert_nonnull (image);
      g_assert_cmpstr (image->url, ==, c->url);
      g_assert_cmpint (image->width, ==, c->width);
      g_assert_cmpint (image->height, ==, c->height);
      g_assert_cmpstr (image->caption, ==, c->caption);
      g_assert_cmpstr (image->credit, ==, c->credit);
    }
}

static void
test_lead_figure_flags (void)
{
  static const char html[] = "<figure><img src=\"a.jpg\"><figcaption>Cap</figcaption></figure>";
  static BriefingImage sentinel;
  BriefingImage *image = &sentinel;
  g_autofree char *with_flag = NULL;
  g_autofree char *without_flag = NULL;

  /* Without the flag the figure stays, and the out parameter is cleared. */
  without_flag = briefing_html_sanitize (html, BASE, NULL, BRIEFING_SANITIZE_NONE, &image);
  g_assert_null (image);
  g_assert_cmpstr (without_flag, ==,
                   "<figure><img src=\"https://example.com/news/a.jpg\"><figcaption>Cap</figcaption></figure>");

  /* Without somewhere to put it, the figure stays too. */
  with_flag = briefing_html_sanitize (html, BASE, NULL, BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, NULL);
  g_assert_cmpstr (with_flag, ==, without_flag);

  image = &sentinel;
  g_assert_null (briefing_html_sanitize (NULL, BASE, NULL, BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, &image));
  g_assert_null (image);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;

  return count;
}

/* Output grows at most linearly with the input. */
static void
assert_bounded (const char *input,
                const char *output)
{
  if (output != NULL)
    g_assert_cmpuint (strlen (output), <=, 8 * strlen (input) + 1024);
}

static char *
repeat (const char *unit,
        gsize       times,
        const char *tail)
{
  GString *out = g_string_sized_new (strlen (unit) * times + 64);

  for (gsize i = 0; i < times; i++)
    g_string_append (out, unit);
  g_string_append (out, tail);

  return g_string_free (out, FALSE);
}

static void
test_limits (void)
{
  g_autofree char *bold = repeat ("<b>", 1024 * 1024 / 3, "<p>tail</p>");
  g_autofree char *divs = repeat ("<div>", 100000, "deep<p>tail</p>");
  g_autofree char *end_tags = NULL;
  g_autofree char *mismatched = NULL;
  g_autofree char *attributes = NULL;
  g_autoptr(GString) levels = g_string_new (NULL);
  g_autofree char *output = NULL;

  output = sanitize (bold, BASE);
  g_assert_cmpstr (output, ==, "<p>tail</p>");
  g_clear_pointer (&output, g_free);

  /* Deep content is flattened, never lost. */
  output = sanitize (divs, BASE);
  g_assert_nonnull (strstr (output, "deep"));
  g_assert_nonnull (strstr (output, "tail"));
  g_assert_cmpuint (count_occurrences (output, "<div>"), <=, 256);
  assert_bounded (divs, output);
  g_clear_pointer (&output, g_free);

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (levels, "<div>L%u ", i);
  output = sanitize (levels->str, BASE);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *word = g_strdup_printf ("L%u ", i);

      g_assert_nonnull (strstr (output, word));
    }
  g_clear_pointer (&output, g_free);

  /* End tags that match nothing, against a deep stack. */
  end_tags = repeat ("</i>", 130000, "<p>tail</p>");
  mismatched = repeat ("<b>", 130000, end_tags);
  output = sanitize (mismatched, BASE);
  g_assert_cmpstr (output, ==, "<p>tail</p>");
  g_clear_pointer (&output, g_free);

  /* libxml2 compares each attribute with all the others on the tag. */
  attributes = repeat (" a=1 b=2 c=3", 30000, ">link</a>");
  memcpy (attributes, "<a href=/x ", strlen ("<a href=/x "));
  output = sanitize (attributes, BASE);
  g_assert_cmpstr (output, ==, "<a href=\"https://example.com/x\" rel=\"noopener noreferrer\">link</a>");
  g_clear_pointer (&output, g_free);
}

static void
test_limits_text (void)
{
  static const char * const units[] = {
    "<p>x", "<li>x", "<td>x", "<a href=x>y</a>", "a&amp;", "&#146;", "<<<<", "<b><div></b>",
    "<source>", "<select><option>", "<figure>", "<x y=1>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_autofree char *input = repeat (units[i], 512 * 1024 / strlen (units[i]), "<p>tail</p>");
      g_autofree char *output = sanitize (input, BASE);
      g_autofree char *text = briefing_html_to_text (input);

      note ("unit", units[i]);
      assert_bounded (input, output);
      if (text != NULL)
        g_assert_cmpuint (strlen (text), <=, strlen (input));
    }
}

static void
test_to_text (void)
{
  static const struct {
    const char *html;
    const char *text;
  } cases[] = {
    { "", NULL },
    { "   \n ", NULL },
    { "<p> </p><br>", NULL },
    { "<b>Bold</b>", "Bold" },
    { "Hello <b>big</b> world", "Hello big world" },
    { "<p>One</p><p>Two</p>", "One Two" },
    { "Line<br>break<br/>again", "Line break again" },
    { "a<b>b</b>c", "abc" },
    { "<ul><li>One<li>Two</ul><table><tr><td>a</td><td>b</td></tr></table>", "One Two a b" },
    { "AT&amp;T &lt;3 &copy; &eacute; &#233; &#xE9; &hellip; &apos;", "AT&T <3 \xc2\xa9 \xc3\xa9 \xc3\xa9 \xc3\xa9 \xe2\x80\xa6 '" },
    { "AT&T &unknown; &amp", "AT&T &unknown; &amp" },
    { "5 < 6 and 7 > 3", "5 < 6 and 7 > 3" },
    { "<script>alert(1)</script>Text<style>p { color: red }</style>", "Text" },
    { "<SCRIPT type=\"text/javascript\">if (a < b) { x(\"</p>\"); }</SCRIPT>after", "after" },
    { "<!-- comment -->Visible<!-- unterminated", "Visible" },
    { "  lots   of\n\n white\tspace  ", "lots of white space" },
    { "non&nbsp;breaking\xc2\xa0space", "non breaking space" },
    { "&#146;quoted&#148;", "\xe2\x80\x99quoted\xe2\x80\x9d" },
    { "<a href=\"x\" title=\"a > b\">link</a>", "link" },
    { "&lt;b&gt;Bold&lt;/b&gt;", "<b>Bold</b>" },
    { "Caf\xc3\xa9", "Caf\xc3\xa9" },
    { "bad \xff byte", "bad \xef\xbf\xbd byte" },
    { "&#0;x&#1;y&#xD800;z", "\xef\xbf\xbdxy\xef\xbf\xbdz" },
    { "<img src=x alt=y>z", "z" },
    { "x<?php echo 1; ?>y<!DOCTYPE html>z", "xyz" },
    { "ctrl\x01" "chars\x7f", "ctrlchars" },
  };

  g_assert_null (briefing_html_to_text (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = briefing_html_to_text (cases[i].html);

      note ("html", cases[i].html);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* The corpus */

static const char * const allowed_elements[] = {
  "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "b",
  "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "q", "dfn", "kbd", "samp",
  "var", "time", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr",
  "th", "td", "figure", "figcaption", "img", "picture", "source", "a", "span", "div", "section",
  "article", "header", "footer", "aside", "main", "nav", "details", "summary",
};

static const char * const allowed_attributes[] = {
  "*:lang", "*:dir", "a:href", "a:title", "a:rel", "img:src", "img:srcset", "img:alt", "img:title",
  "img:width", "img:height", "source:srcset", "source:type", "source:media", "blockquote:cite",
  "q:cite", "del:cite", "ins:cite", "time:datetime", "abbr:title", "dfn:title", "th:colspan",
  "th:rowspan", "th:headers", "th:scope", "td:colspan", "td:rowspan", "td:headers", "td:scope",
  "ol:start", "ol:reversed", "ol:type", "li:value",
};

static gboolean
in_list (const char * const *list,
         gsize               len,
         const char         *value)
{
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_strcasecmp (list[i], value) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
attribute_allowed (const char *element,
                   const char *name)
{
  g_autofree char *any = g_strconcat ("*:", name, NULL);
  g_autofree char *specific = g_strconcat (element, ":", name, NULL);

  return in_list (allowed_attributes, G_N_ELEMENTS (allowed_attributes), any) ||
         in_list (allowed_attributes, G_N_ELEMENTS (allowed_attributes), specific);
}

/* Whether a browser would load @value (controls and white space removed)
 * with a scheme we allow. URLs without a scheme are relative, harmless. */
static gboolean
url_is_safe (const char *value,
             gboolean    image)
{
  static const char * const data_types[] = { "png", "gif", "jpeg", "webp", "avif" };
  g_autoptr(GString) url = g_string_new (NULL);
  g_autofree char *scheme = NULL;
  gsize len = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if ((guchar) *p > ' ' && *p != 0x7F)
        g_string_append_c (url, *p);
    }

  if (!g_ascii_isalpha (url->str[0]))
    return TRUE;
  while (g_ascii_isalnum (url->str[len]) || (url->str[len] != '\0' && strchr ("+-.", url->str[len]) != NULL))
    len++;
  if (url->str[len] != ':')
    return TRUE;

  scheme = g_ascii_strdown (url->str, len);
  if (g_str_equal (scheme, "http") || g_str_equal (scheme, "https") || g_str_equal (scheme, "mailto"))
    return TRUE;
  if (!image || !g_str_equal (scheme, "data"))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (data_types); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("data:image/%s;base64,", data_types[i]);

      if (g_ascii_strncasecmp (url->str, prefix, strlen (prefix)) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Each candidate of a srcset, parsed as browsers do: a URL runs to white
 * space, so data: URLs keep their commas. */
static gboolean
srcset_is_safe (const char *value)
{
  const char *p = value;

  for (;;)
    {
      g_autofree char *url = NULL;
      const char *start;

      while (g_ascii_isspace (*p) || *p == ',')
        p++;
      if (*p == '\0')
        return TRUE;

      for (start = p; *p != '\0' && !g_ascii_isspace (*p); p++)
        ;
      url = g_strndup (start, p - start);
      if (!url_is_safe (url, TRUE))
        return FALSE;

      while (*p != '\0' && *p != ',')
        p++;
    }
}

static gboolean
attribute_is_escape (const char *element,
                     const char *name,
                     const char *value)
{
  static const char * const url_attributes[] = {
    "href", "src", "cite", "action", "formaction", "xlink:href", "background", "poster", "data",
  };

  if (g_ascii_strncasecmp (name, "on", 2) == 0 || g_ascii_strcasecmp (name, "style") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (name, "srcset") == 0 && !srcset_is_safe (value))
    return TRUE;
  if (in_list (url_attributes, G_N_ELEMENTS (url_attributes), name) &&
      !url_is_safe (value, g_ascii_strcasecmp (element, "img") == 0))
    return TRUE;

  /* Stricter than needed: anything off the allowlist is a leak. */
  return !attribute_allowed (element, name);
}

typedef struct
{
  guint       escapes;
  GHashTable *names;    /* nullable: element names seen */
} Inspection;

static void
inspect_element (Inspection *inspection,
                 xmlNode    *node)
{
  const char *name = (const char *) node->name;
  xmlNode *root = xmlDocGetRootElement (node->doc);
  gboolean wrapper = node == root || (node->parent == root && g_str_equal (name, "body"));

  if (wrapper)
    return;

  if (inspection->names != NULL)
    g_hash_table_add (inspection->names, g_strdup (name));

  if (!in_list (allowed_elements, G_N_ELEMENTS (allowed_elements), name))
    {
      if (inspection->names == NULL)
        g_test_message ("escape: element <%s>", name);
      inspection->escapes++;
    }

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlChar *value = xmlNodeGetContent ((xmlNode *) attr);

      if (attribute_is_escape (name, (const char *) attr->name, value != NULL ? (const char *) value : ""))
        {
          if (inspection->names == NULL)
            note ((const char *) attr->name, (const char *) value);
          inspection->escapes++;
        }
      xmlFree (value);
    }
}

/* Parses @html as a browser would meet it, and walks every element. */
static void
inspect (const char *html,
         Inspection *inspection)
{
  g_autofree char *document = g_strconcat ("<html><body>", html, "</body></html>", NULL);
  xmlDoc *doc = htmlReadMemory (document, strlen (document), NULL, "UTF-8",
                                HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC);
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  xmlNode *node = root;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        inspect_element (inspection, node);

      if (node->children != NULL)
        {
          node = node->children;
          continue;
        }
      while (node != root && node->next == NULL)
        node = node->parent;
      node = node != root ? node->next : NULL;
    }

  if (doc != NULL)
    xmlFreeDoc (doc);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
element_names (const char *html)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Inspection inspection = { 0, names };
  g_autofree const char **list = NULL;

  if (html != NULL)
    inspect (html, &inspection);

  list = (const char **) g_hash_table_get_keys_as_array (names, NULL);
  qsort (list, g_hash_table_size (names), sizeof (char *), compare_strings);

  return g_strjoinv (" ", (char **) list);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
keep_image (const char *url,
            gpointer    user_data)
{
  return NULL;
}

static char *
map_image (const char *url,
           gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strdup (url));
  if (g_str_has_prefix (url, "data:"))
    return NULL;

  return g_strdup_printf ("mapped:%u?q=\"&", seen->len);
}

/* The article view's images, read from the sanitizer's output by its
 * tokenizer: every img src and srcset candidate, decoded, and nothing
 * that only looks like one in text or in another attribute. */
static void
test_map_images (void)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *body = NULL;
  g_autofree char *mapped = NULL;
  g_autofree char *kept = NULL;

  body = briefing_html_sanitize ("<p>A src=\"fake.jpg\" in text, and srcset=\"b.jpg 2x\"</p>"
                                 "<img src=\"a.jpg?w=1&amp;h=2\" alt='src=\"alt.jpg\"' "
                                 "srcset=\"a.jpg 1x, b.jpg?x=1,2 2x, data:image/png;base64,iVBORw0KGgo= 3x\">"
                                 "<picture><source srcset=\"c.webp 640w\" type=\"image/webp\"><img src=\"c.jpg\"></picture>"
                                 "<a href=\"d.jpg\" title=\"src=&quot;e.jpg&quot;\">link</a>",
                                 "https://example.com/news/", NULL, BRIEFING_SANITIZE_NONE, NULL);
  g_assert_nonnull (body);

  kept = briefing_html_map_images (body, keep_image, NULL);
  g_assert_cmpstr (kept, ==, body);

  mapped = briefing_html_map_images (body, map_image, seen);
  g_assert_cmpuint (seen->len, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "https://example.com/news/a.jpg?w=1&h=2");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "https://example.com/news/a.jpg");
  g_assert_cmpstr (g_ptr_array_index (seen, 2), ==, "https://example.com/news/b.jpg?x=1,2");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (seen, 3), "data:image/png;base64,"));
  g_assert_cmpstr (g_ptr_array_index (seen, 4), ==, "https://example.com/news/c.webp");
  g_assert_cmpstr (g_ptr_array_index (seen, 5), ==, "https://example.com/news/c.jpg");

  /* The new URLs escaped as attribute values, the descriptors kept, the
   * data: image left alone, and the text and other attributes as they were. */
  g_assert_nonnull (strstr (mapped, "src=\"mapped:1?q=&quot;&amp;\""));
  g_assert_nonnull (strstr (mapped, "srcset=\"mapped:2?q=&quot;&amp; 1x, mapped:3?q=&quot;&amp; 2x, "
                                    "data:image/png;base64,iVBORw0KGgo= 3x\""));
  g_assert_nonnull (strstr (mapped, "<source srcset=\"mapped:5?q=&quot;&amp; 640w\""));
  g_assert_nonnull (strstr (mapped, "src=\"mapped:6?q=&quot;&amp;\""));
  g_assert_nonnull (strstr (mapped, "A src=&quot;fake.jpg&quot; in text"));
  g_assert_nonnull (strstr (mapped, "alt=\"src=&quot;alt.jpg&quot;\""));
  g_assert_nonnull (strstr (mapped, "href=\"https://example.com/news/d.jpg\""));
  g_assert_null (strstr (mapped, "example.com/news/a.jpg"));
  g_assert_null (strstr (mapped, "example.com/news/c."));
}

static void
test_xss_corpus (void)
{
  const char *dir = g_getenv ("BRIEFING_CORPORA_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint vectors = 0, escapes = 0, with_expected = 0, same_elements = 0, idempotent = 0;

  if (dir == NULL)
    {
      g_test_skip ("BRIEFING_CORPORA_DIR is not set");
      return;
    }

  path = g_build_filename (dir, "xss", "vectors.jsonl", NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("No xss/vectors.jsonl in BRIEFING_CORPORA_DIR");
      return;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(BriefingImage) image = NULL;
      g_autofree char *output = NULL;
      g_autofree char *again = NULL;
      g_autofree char *text = NULL;
      Inspection inspection = { 0, NULL };
      JsonNode *root;
      const char *payload;
      const char *expected;

      if (*g_strstrip (lines[i]) == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;

      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root) ||
          (payload = member_string (json_node_get_object (root), "payload")) == NULL)
        continue;

      vectors++;
      output = briefing_html_sanitize (payload, "https://example.com/feed/", NULL,
                                       BRIEFING_SANITIZE_EXTRACT_LEAD_FIGURE, &image);
      text = briefing_html_to_text (payload);

      inspect (output != NULL ? output : "", &inspection);
      if (inspection.escapes > 0)
        {
          note ("escaped", payload);
          note ("output", output);
        }
      escapes += inspection.escapes > 0;

      again = briefing_html_sanitize (output, "https://example.com/feed/", NULL, BRIEFING_SANITIZE_NONE, NULL);
      idempotent += g_strcmp0 (again, output) == 0;

      /* Mapping no image changes nothing of what the sanitizer wrote. */
      if (output != NULL)
        {
          g_autofree char *kept = briefing_html_map_images (output, keep_image, NULL);

          g_assert_cmpstr (kept, ==, output);
        }

      expected = member_string (json_node_get_object (root), "expected");
      if (expected != NULL)
        {
          g_autofree char *ours = element_names (output);
          g_autofree char *theirs = element_names (expected);

          with_expected++;
          same_elements += g_str_equal (ours, theirs);
        }
    }

  g_test_message ("xss corpus: vectors=%u escapes=%u crashes=0", vectors, escapes);
  g_test_message ("xss corpus: %u of %u vectors with an expected output have the same element names",
                  same_elements, with_expected);
  g_test_message ("xss corpus: %u of %u outputs sanitize to themselves", idempotent, vectors);

  g_assert_cmpuint (vectors, >, 0);
  g_assert_cmpuint (escapes, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sanitizer/elements", test_elements);
  g_test_add_func ("/sanitizer/attacks", test_attacks);
  g_test_add_func ("/sanitizer/urls", test_urls);
  g_test_add_func ("/sanitizer/tracking-pixels", test_tracking_pixels);
  g_test_add_func ("/sanitizer/lead-image", test_lead_image);
  g_test_add_func ("/sanitizer/lead-figure", test_lead_figure);
  g_test_add_func ("/sanitizer/lead-figure-flags", test_lead_figure_flags);
  g_test_add_func ("/sanitizer/limits", test_limits);
  g_test_add_func ("/sanitizer/limits-text", test_limits_text);
  g_test_add_func ("/sanitizer/to-text", test_to_text);
  g_test_add_func ("/sanitizer/map-images", test_map_images);
  g_test_add_func ("/sanitizer/xss-corpus", test_xss_corpus);

  return g_test_run ();
}
