#!/bin/sh
# Runs check_lgtm against the bundled LGTM API simulator over HTTPS with a
# private CA made here, prints its output and exit code, and stops the
# simulator. Usage: demo.sh PATH-TO-check_lgtm
set -eu

plugin=${1:?usage: demo.sh PATH-TO-check_lgtm}
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/check_lgtm-demo.XXXXXX")
simulator_pid=

cleanup() {
    if [ -n "$simulator_pid" ]; then
        kill "$simulator_pid" 2>/dev/null || true
        wait "$simulator_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

sh "$here/sim/make-certs.sh" "$work/certs" >/dev/null
token=demo-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
umask 077
printf '%s\n' "$token" >"$work/token"

"$python" "$here/sim/lgtm_sim.py" --cert "$work/certs/server.pem" \
    --key "$work/certs/server.key" --projects 342 --token "$token" \
    --port-file "$work/port" --log "$work/sim.log" --lifetime 60 \
    2>"$work/sim.err" &
simulator_pid=$!

tries=0
while [ ! -s "$work/port" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$simulator_pid" 2>/dev/null; then
        echo "demo: the simulator did not start:" >&2
        cat "$work/sim.err" >&2
        exit 1
    fi
    sleep 0.1
done
port=$(cat "$work/port")

echo "\$ check_lgtm -u https://localhost:$port --token-file TOKEN_FILE" \
    "--ca-file ca.pem --projects-warning 1:"
status=0
"$plugin" -u "https://localhost:$port" --token-file "$work/token" \
    --ca-file "$work/certs/ca.pem" --projects-warning 1: || status=$?
echo "exit code: $status"
exit "$status"
