#!/bin/sh
# Checks that po/POTFILES.in lists every source file with translatable
# strings, and only files that exist, in sorted order. A file has
# translatable strings when it is:
#   - C (.c, .h) calling one of GLib's or gettext's marking functions
#     (_, N_, C_, NC_, Q_, ngettext and the g_d*gettext family);
#   - a GtkBuilder file (.ui) with a translatable="yes" property;
#   - a desktop entry template (.desktop.in) with a Name, GenericName,
#     Comment or Keywords key;
#   - AppStream metadata (.metainfo.xml.in, .appdata.xml.in), whose
#     name, summary and description xgettext always takes;
#   - a GSettings schema with a summary, a description or a translatable
#     default (l10n=).
set -eu
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
status=0

for file in $listed; do
  if [ ! -f "$file" ]; then
    echo "not ok: po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done

if [ "$listed" != "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then
  echo "not ok: po/POTFILES.in is not sorted"
  status=1
fi

# Prints the files under src/ and data/ named like one of the patterns
# given whose text matches the extended regular expression $1.
files_matching() {
  regex=$1
  shift
  for pattern in "$@"; do
    find src data -type f -name "$pattern" -exec grep -lE "$regex" {} + 2>/dev/null || true
  done
}

marked=$( (files_matching '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext2?)[[:space:]]*\(' \
             '*.c' '*.h';
           files_matching 'translatable="(yes|true|1)"' '*.ui';
           files_matching '^(Name|GenericName|Comment|Keywords)=' '*.desktop.in' '*.desktop.in.in';
           files_matching '<(name|summary|description)[ >]' '*.metainfo.xml.in' '*.appdata.xml.in';
           files_matching '<summary|<description|l10n=' '*.gschema.xml' '*.gschema.xml.in') |
         LC_ALL=C sort -u)
for file in $marked; do
  if ! printf '%s\n' "$listed" | grep -qx "$file"; then
    echo "not ok: $file has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists all $(printf '%s\n' "$marked" | wc -l) files with translatable strings"
exit $status
