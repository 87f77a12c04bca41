#!/bin/sh
# Run each libFuzzer target for SECONDS on a copy of its seed corpus under
# BUILD_DIR, so that the committed corpus in tests/fuzz/corpus does not
# grow. A crash, leak, timeout or failed check stops that target and keeps
# its input in BUILD_DIR/artifacts-TARGET and its output in
# BUILD_DIR/TARGET.log. The other targets still run, and the script exits 1
# at the end.
#
# usage: run.sh BUILD_DIR SECONDS TARGET...
set -u

if [ $# -lt 3 ]; then
    echo "usage: $0 BUILD_DIR SECONDS TARGET..." >&2
    exit 2
fi
build=$1
seconds=$2
shift 2
seeds=$(dirname "$0")/corpus
failed=""

for target in "$@"; do
    corpus="$build/corpus-$target"
    artifacts="$build/artifacts-$target"
    log="$build/$target.log"

    rm -rf "$corpus" "$artifacts"
    mkdir -p "$corpus" "$artifacts"
    if [ -d "$seeds/$target" ]; then
        cp "$seeds/$target"/* "$corpus"/
    fi

    echo "fuzz_$target: running for $seconds s, output in $log"
    if "$build/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" >"$log" 2>&1; then
        grep -E '^#[0-9]+[[:space:]]+DONE|^Done ' "$log"
    else
        echo "fuzz_$target failed. Its input is saved in $artifacts," \
            "and the last lines of $log follow."
        tail -n 40 "$log"
        failed="$failed $target"
    fi
done

if [ -n "$failed" ]; then
    echo "fuzzing failed for:$failed. Rerun one input with" \
        "$build/fuzz_TARGET FILE to see the report again." >&2
    exit 1
fi
