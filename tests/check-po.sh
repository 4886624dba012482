#!/bin/sh
# Checks that every translation in po/LINGUAS exists, compiles with
# msgfmt --check (format strings, plural forms against the Plural-Forms
# header, the header itself) and is complete: no untranslated and no
# fuzzy message. It checks the .po files as they are; bring them up to
# date with the sources first (meson compile briefing-update-po).
set -eu
top=${1:?usage: check-po.sh SOURCE_ROOT}
cd "$top/po"

if ! command -v msgfmt >/dev/null; then
  echo "skip: msgfmt (gettext) is not installed"
  exit 77
fi

languages=$(grep -v '^#' LINGUAS | tr -s ' \t' '\n\n' | sed '/^$/d')
status=0

for po in *.po; do
  [ -e "$po" ] || continue
  if ! printf '%s\n' "$languages" | grep -qx "${po%.po}"; then
    echo "not ok: po/$po is not listed in po/LINGUAS"
    status=1
  fi
done

for lang in $languages; do
  if [ ! -f "$lang.po" ]; then
    echo "not ok: po/LINGUAS lists $lang, but there is no po/$lang.po"
    status=1
    continue
  fi
  # msgfmt writes its statistics to stderr, with the errors.
  if ! report=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$lang.po" 2>&1); then
    printf '%s\n' "$report"
    echo "not ok: po/$lang.po does not compile"
    status=1
    continue
  fi
  if printf '%s\n' "$report" | grep -qE 'fuzzy|untranslated'; then
    echo "not ok: po/$lang.po is incomplete: $report"
    status=1
    continue
  fi
  echo "ok: po/$lang.po: $report"
done

exit $status
