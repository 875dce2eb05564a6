#!/usr/bin/env bash
# Builds every libFuzzer target and runs each for SECONDS (default 60).
# Exits non-zero if any target finds a crash, a leak, a timeout (>10 s per input) or runs out of memory;
# the finding is written to Fuzz/findings/<target>/ and becomes a regression test.
#
#   scripts/fuzz.sh          # 60 s per target
#   scripts/fuzz.sh 600      # 10 minutes per target
#   scripts/fuzz.sh 300 FuzzReviewRules   # only the named targets
#   FUZZ_TARGETS="FuzzManifest" scripts/fuzz.sh 300   # the same, from the environment
#
# Build: swift build -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING --scratch-path .build-fuzz
# (a separate build folder, ignored by git). Without -DFUZZING each target is compiled but only says what it is;
# what the targets share (the libFuzzer driver, the warm-up, "only this error type") is in Sources/FuzzSupport.
set -uo pipefail
seconds="${1:-60}"
shift || true
cd "$(dirname "$0")/.."

# Lazy globals (allocated once inside swift_once, never freed) are not leaks: Fuzz/lsan.supp.
# Targets and their seed corpora (Fuzz/corpus/<target>/). Add new targets here.
targets=(FuzzXLSX FuzzYAML FuzzCSV FuzzValues FuzzParameters FuzzReviewRules FuzzWorkbookWriter FuzzManifest FuzzMapping)
if [ "$#" -gt 0 ]; then targets=("$@"); fi   # scripts/fuzz.sh 300 FuzzReviewRules: only the named targets
if [ -n "${FUZZ_TARGETS:-}" ]; then read -r -a targets <<< "$FUZZ_TARGETS"; fi

scratch=.build-fuzz
# -Xcc instruments the C code too (libyaml inside Yams) for coverage and ASan.
flags=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xcc -fsanitize=fuzzer-no-link,address --scratch-path "$scratch")
for target in "${targets[@]}"; do
    if ! swift build "${flags[@]}" --product "$target"; then
        echo "fuzz.sh: build of $target failed" >&2
        exit 2
    fi
done
bin="$(swift build "${flags[@]}" --show-bin-path)"

failed=()
for target in "${targets[@]}"; do
    work="$scratch/corpus/$target"          # new inputs go here, not into the committed seeds
    findings="Fuzz/findings/$target"
    mkdir -p "$work" "$findings"
    echo "== $target for ${seconds}s"
    SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp" "$bin/$target" "$work" "Fuzz/corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$findings/" 2>&1 | tail -n 25
    status=${PIPESTATUS[0]}
    if [ "$status" -ne 0 ]; then
        echo "fuzz.sh: $target found a problem (exit $status); see $findings/" >&2
        failed+=("$target")
    else
        rmdir "$findings" 2>/dev/null || true
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: findings in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz.sh: no findings in ${targets[*]} (${seconds}s each)"
