# shellcheck shell=bash
# Shared helpers of the packaging tests, sourced by each test_*.sh.
#
# Each test gets its own temporary directory in $work, removed on exit,
# and stops every process it started with start_background. Everything
# listens on 127.0.0.1 only.
#
# Environment:
#   LGTM_SOURCE_DIR  the repository (default: two levels above this file)
#   CHECK_LGTM_BIN   the plugin (default: $LGTM_SOURCE_DIR/plugin/check_lgtm)
#   PYTHON           python3 for the simulator
#   KEEP_WORK=1      keep $work for inspection

set -eu

test_name=$(basename "$0" .sh)
source_dir=${LGTM_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
plugin=${CHECK_LGTM_BIN:-$source_dir/plugin/check_lgtm}
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/check_lgtm-$test_name.XXXXXX")
background_pids=""

cleanup() {
    for pid in $background_pids; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $background_pids; do
        wait "$pid" 2>/dev/null || true
    done
    if [ "${KEEP_WORK:-0}" = 1 ]; then
        echo "$test_name: kept $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "$test_name: FAIL: $*" >&2
    exit 1
}

note() {
    echo "$test_name: $*"
}

# Show a file on stderr, indented, to explain a failure.
show_file() {
    if [ -f "$1" ]; then
        echo "--- $1" >&2
        sed -e 's/^/    /' "$1" | tail -n "${2:-40}" >&2
    fi
}

# Start a command in the background and remember its process id, so that
# cleanup stops it. Sets last_pid.
start_background() {
    "$@" &
    last_pid=$!
    background_pids="$background_pids $last_pid"
}

# Stop one process started with start_background.
stop_background() {
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# Wait up to $2 seconds (default 10) until file $1 exists and is not
# empty.
wait_for_file() {
    local file=$1 limit=${2:-10} tries=0
    while [ ! -s "$file" ]; do
        tries=$((tries + 1))
        [ "$tries" -le $((limit * 10)) ] || return 1
        sleep 0.1
    done
}

require_plugin() {
    [ -x "$plugin" ] || fail "no plugin at $plugin: run make first"
}

# Create the test CA and certificates in $work/certs.
make_certs() {
    sh "$source_dir/tests/sim/make-certs.sh" "$work/certs" >/dev/null ||
        fail "make-certs.sh failed"
}

# Start the LGTM API simulator over HTTPS on 127.0.0.1 with the given
# extra arguments (e.g. --projects 137 --token T). Sets sim_port and
# sim_url for the test. Needs make_certs first.
start_simulator() {
    rm -f "$work/sim.port"
    start_background "$python" "$source_dir/tests/sim/lgtm_sim.py" \
        --cert "$work/certs/server.pem" --key "$work/certs/server.key" \
        --bind 127.0.0.1 --port-file "$work/sim.port" \
        --log "$work/sim.log" --lifetime 170 "$@" 2>"$work/sim.err"
    if ! wait_for_file "$work/sim.port" 10; then
        show_file "$work/sim.err"
        fail "the simulator did not start"
    fi
    sim_port=$(cat "$work/sim.port")
    # shellcheck disable=SC2034 # used by the tests
    sim_url="https://127.0.0.1:$sim_port"
}

# Write a new random token into file $1, readable by its owner only.
new_token() {
    local token
    token=test-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    (umask 077 && printf '%s\n' "$token" >"$1")
    printf '%s' "$token"
}
