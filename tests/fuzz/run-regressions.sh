#!/bin/sh
# Runs a libFuzzer target once over each input kept in a regressions
# folder: the crashes, hangs and leaks fuzzing once found, which must
# stay fixed.
#   run-regressions.sh FUZZER REGRESSIONS_DIR
# Given files rather than folders, libFuzzer runs each once and stops.
set -eu

fuzzer=$1
dir=$2

if [ ! -d "$dir" ] || [ -z "$(find "$dir" -type f ! -name '*.md' | head -n 1)" ]; then
  echo "No regression inputs in $dir"
  exit 0
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=1}"
export G_SLICE=always-malloc

# One run of an input is deterministic, so leaks are checked here, unlike
# in run-fuzzer.sh. libFuzzer's own exit code for a finding is 77, which
# meson would report as a skip.
find "$dir" -type f ! -name '*.md' -print0 | sort -z |
  xargs -0 "$fuzzer" -error_exitcode=1 -timeout_exitcode=1 -detect_leaks=1 \
    -timeout=10 -rss_limit_mb=2048
