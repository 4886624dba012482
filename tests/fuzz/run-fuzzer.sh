#!/bin/sh
# Runs a libFuzzer target briefly over seed folders that exist.
#   run-fuzzer.sh ARTIFACT_DIR FUZZER SEED...
# A SEED is a folder, a libFuzzer dictionary (*.dict) or JSON Lines.
# FUZZ_SECONDS bounds the run (else FUZZ_DEFAULT_SECONDS, which meson sets
# per target, else 20); new inputs go to a scratch folder that is removed
# afterwards, never into the seeds (FUZZ_CORPUS names a folder to keep
# them in instead); an input that crashes, leaks or hangs (runs longer
# than FUZZ_TIMEOUT, 10 seconds by default) is kept in ARTIFACT_DIR.
set -eu

artifacts=$1
fuzzer=$2
shift 2
mkdir -p "$artifacts"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/briefing-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
corpus=${FUZZ_CORPUS:-$scratch/new}
mkdir -p "$corpus"

# Seeds are folders, a dictionary of tokens (*.dict), or JSON Lines files
# of {"payload": ...} records (the XSS vectors), split into one seed each
# with Debian's python3.
seeds=""
dict=""
for seed in "$@"; do
  if [ -d "$seed" ]; then
    seeds="$seeds $seed"
  elif [ -f "$seed" ] && [ "${seed%.dict}" != "$seed" ]; then
    dict="-dict=$seed"
  elif [ -f "$seed" ] && [ -x /usr/bin/python3 ]; then
    mkdir -p "$scratch/lines"
    /usr/bin/python3 - "$seed" "$scratch/lines" <<'PY'
import json, os, sys
with open(sys.argv[1], encoding="utf-8") as lines:
    for number, line in enumerate(lines):
        try:
            payload = json.loads(line).get("payload")
        except ValueError:
            continue
        if isinstance(payload, str):
            with open(os.path.join(sys.argv[2], "%05d" % number), "w", encoding="utf-8") as seed:
                seed.write(payload)
PY
    seeds="$seeds $scratch/lines"
  fi
done

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=${FUZZ_LEAKS:-0}:abort_on_error=0:allocator_may_return_null=1}"
export G_SLICE=always-malloc

# A crash, a hang or a memory blow-up fails the test: libFuzzer's own
# exit code for a finding is 77, which meson would report as a skip.
# Leak checking is off here (FUZZ_LEAKS=1 turns it on): a fuzzing run
# found one inside json-glib's json_parser_load_from_data() that no
# single run of the input reproduces, and the suite must not fail on
# chance. Crashes and hangs are what this run is for. For the same
# reason the suite's runs start from a fixed seed (FUZZ_SEED, 1 unless
# set; 0 lets libFuzzer pick one): a run in CI explores what the runs
# before it explored, and longer random runs (README.md) look further.
# shellcheck disable=SC2086
"$fuzzer" -error_exitcode=1 -timeout_exitcode=1 -detect_leaks="${FUZZ_LEAKS:-0}" -seed="${FUZZ_SEED:-1}" \
  -max_total_time="${FUZZ_SECONDS:-${FUZZ_DEFAULT_SECONDS:-20}}" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -max_len=262144 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" $dict "$corpus" $seeds
