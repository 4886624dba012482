#!/bin/sh
# Checks that po/POTFILES.in lists every source file with translatable
# strings, and only files that exist, in sorted order.
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

marked=$( (grep -lE '\b(N_|C_|NC_|_)\(' src/*.c src/*/*.c 2>/dev/null || true;
           grep -l 'translatable="yes"' src/*/*.ui src/*/*/*.ui 2>/dev/null || true) | LC_ALL=C sort -u)
for file in $marked; do
  if ! printf '%s\n' "$listed" | grep -qx "$file"; then
    echo "not ok: $file has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists all $(printf '%s\n' "$marked" | wc -l) files with translatable strings"
exit $status
