#!/bin/sh
# Benchmarks check_lgtm against what users would otherwise run: check_curl
# on the first page, the curl command line fetching every page over one
# connection, and a curl-and-jq shell loop. All of them talk to one nginx
# that serves pre-generated LGTM project pages over HTTPS on 127.0.0.1.
#
# Usage: run.sh [--serve] PATH-TO-check_lgtm [RESULTS-DIR]
#
# With --serve it only starts the server, prints the commands of every
# scenario for profiling by hand, and stops the server after
# BENCH_SERVE_SECONDS (default 900) or on Ctrl-C.
#
# Installs the Debian packages it needs when run as root. Writes the raw
# results (hyperfine JSON, /usr/bin/time samples, the nginx access log, the
# command lines) and table.md into RESULTS-DIR (default build/bench), and
# prints the table.
#
# Environment, all optional:
#   BENCH_SCENARIOS  page counts to run (default "1 100 1000")
#   BENCH_RUNS       hyperfine runs per command (default 50 at 1 page,
#                    20 up to 100 pages, 5 above)
#   BENCH_WARMUP     hyperfine warmup runs per command (default 3; 1 above
#                    100 pages)
#   BENCH_TIME_RUNS  /usr/bin/time runs per command (default 10; 3 above
#                    100 pages)
# Runs are split into up to 5 rounds. The curl-and-jq loop starts two
# processes per page, so above 1 page it gets 500 / PAGES hyperfine runs,
# one per round, and no warmup. At 1,000 pages that is zero runs, so its
# figures come from the one /usr/bin/time run that counts its connections.
set -eu

serve=no
sleep_pid=
if [ "${1:-}" = --serve ]; then
    serve=yes
    shift
fi
plugin=${1:?usage: run.sh [--serve] PATH-TO-check_lgtm [RESULTS-DIR]}
results=${2:-build/bench}
here=$(cd "$(dirname "$0")" && pwd)
scenarios=${BENCH_SCENARIOS:-1 100 1000}
check_curl=/usr/lib/nagios/plugins/check_curl
packages="nginx monitoring-plugins-standard liburiparser1 hyperfine jq time \
curl python3 openssl"

# Every request goes to the local server, never through a proxy.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    no_proxy NO_PROXY

fail() {
    echo "bench: $*" >&2
    exit 1
}

# check_curl needs liburiparser1, which monitoring-plugins-standard only
# recommends, so it is listed on its own.
install_packages() {
    missing=""
    for package in $packages; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        case "$status" in
        *"ok installed") ;;
        *) missing="$missing $package" ;;
        esac
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        fail "missing packages; run as root: apt-get install -y$missing"
    fi
    echo "bench: installing$missing"
    apt_log=$(mktemp "${TMPDIR:-/tmp}/check_lgtm-bench-apt.XXXXXX")
    # shellcheck disable=SC2086 # one word per package
    if ! { apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends $missing; } >"$apt_log" 2>&1; then
        cat "$apt_log" >&2
        rm -f "$apt_log"
        fail "apt-get failed to install$missing"
    fi
    rm -f "$apt_log"
}

free_port() {
    python3 -c 'import socket
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
print(listener.getsockname()[1])'
}

write_nginx_config() {
    cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 64; }
http {
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    keepalive_requests 100000;
    open_file_cache max=2000;
    default_type application/json;

    # One line per request: the connection's serial number, the request's
    # number on it, and "r" when the TLS session was resumed.
    log_format bench '\$connection \$connection_requests '
                     '\$ssl_session_reused \$status \$request_uri';

    # start=pK selects page K, and no start selects page 1.
    map \$arg_start \$page_file {
        "" p1.json;
        "~^p(?<number>[0-9]+)\$" p\$number.json;
        default missing;
    }
    map \$http_authorization \$token_valid {
        "Bearer $token" 1;
        default 0;
    }

    server {
        listen 127.0.0.1:$port ssl;
        ssl_certificate $work/certs/server.pem;
        ssl_certificate_key $work/certs/server.key;
        # Without this line nginx 1.22.1 negotiates TLS 1.2.
        ssl_protocols TLSv1.2 TLSv1.3;
        access_log $work/access.log bench;
        root $work/pages;

        location ~ "^/(?<scenario>s[0-9]+)/api/v1\.0/projects\$" {
            if (\$token_valid = 0) {
                return 403 '{"code":403,"error":"The authorization token you provided was not valid."}';
            }
            try_files /\$scenario/\$page_file =404;
        }
        location / {
            return 404;
        }
    }
}
EOF
}

stop_nginx() {
    [ -s "$work/nginx.pid" ] || return 0
    nginx_pid=$(cat "$work/nginx.pid")
    kill "$nginx_pid" 2>/dev/null || return 0
    tries=0
    while kill -0 "$nginx_pid" 2>/dev/null && [ "$tries" -lt 50 ]; do
        tries=$((tries + 1))
        sleep 0.1
    done
}

cleanup() {
    [ -n "$sleep_pid" ] && kill "$sleep_pid" 2>/dev/null
    stop_nginx
    if [ -s "$work/access.log" ]; then
        cp "$work/access.log" "$results/access.log" 2>/dev/null || true
    fi
    rm -rf "$work"
}

start_nginx() {
    mkdir -p "$work/tmp"
    write_nginx_config
    nginx -q -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" ||
        fail "nginx did not start: $(cat "$work/nginx-error.log")"
    tries=0
    until curl -q -s -o /dev/null --cacert "$ca" \
        --resolve "localhost:$port:127.0.0.1" "https://localhost:$port/"; do
        tries=$((tries + 1))
        [ "$tries" -lt 50 ] || fail "nginx does not answer on port $port"
        sleep 0.1
    done
}

# Set cmd_LABEL to each command of a scenario, as a string for hyperfine
# --shell=none and for eval. The curl command line and the loop reach
# localhost:PORT through --resolve, as the plugins do through -I.
# shellcheck disable=SC2034 # command_of reads cmd_LABEL through eval
define_commands() {
    pages=$1
    base="https://localhost:$port/s$pages"
    first="$base/api/v1.0/projects?limit=100"
    curl_options="--cacert '$ca' --resolve 'localhost:$port:127.0.0.1'"

    cmd_check_lgtm="'$plugin' -u '$base' -I 127.0.0.1 \
--token-file '$work/token' --ca-file '$ca'"
    cmd_check_curl="'$check_curl' -H localhost -I 127.0.0.1 -p $port -S -D \
--ca-cert '$ca' -k 'Authorization: Bearer $token' \
-u '/s$pages/api/v1.0/projects?limit=100'"
    urls="'$first'"
    if [ "$pages" -gt 1 ]; then
        urls="$urls '$first&start=p[2-$pages]'"
    fi
    cmd_curl="curl -q -sSf $curl_options \
-H 'Authorization: Bearer $token' $urls"
    cmd_curl_jq="sh '$here/curl-jq.sh' '$first' '$work/token' $curl_options"

    labels="check_lgtm curl curl_jq"
    if [ "$pages" -eq 1 ]; then
        labels="check_lgtm check_curl curl curl_jq"
    fi
}

command_of() {
    eval "printf '%s' \"\$cmd_$1\""
}

# Run one command once under /usr/bin/time, which gives its first peak RSS
# sample. Count the requests, TCP connections and resumed TLS sessions it
# caused in the server's log, and keep its output.
count_connections() {
    pages=$1
    label=$2
    command=$(command_of "$label")
    before=$(wc -l <"$work/access.log")
    output="$results/s$pages-$label.out"
    # The curl command line prints every page; only its exit status counts.
    [ "$label" = curl ] && output=/dev/null
    status=0
    eval "/usr/bin/time -o '$results/time-s$pages-$label.txt' \
        -f '%M %e %U %S' $command" >"$output" \
        2>"$results/s$pages-$label.err" || status=$?
    # nginx logs a request after sending its last byte, which the client
    # may already have read.
    sleep 0.2
    tail -n "+$((before + 1))" "$work/access.log" | awk \
        -v scenario="s$pages" -v label="$label" -v status="$status" '
        { requests++; if (!($1 in seen)) { seen[$1] = 1; connections++ }
          if ($2 == 1 && $3 == "r") resumed++
          if ($4 != 200) failed++ }
        END { printf "%s\t%s\t%d\t%d\t%d\t%d\t%d\n", scenario, label,
              status, requests, connections, resumed, failed }' \
        >>"$results/connections.tsv"
    if [ "$status" -ne 0 ]; then
        echo "bench: s$pages $label exited with $status:" >&2
        cat "$results/s$pages-$label.out" "$results/s$pages-$label.err" >&2
        exit 1
    fi
}

# Time the commands of LABEL... with hyperfine, in that order.
# Usage: run_hyperfine RUNS WARMUP OUTPUT LABEL...
run_hyperfine() {
    count=$1
    warm=$2
    output=$3
    shift 3
    for label in "$@"; do
        set -- "$@" -n "$label" "$(command_of "$label")"
        shift
    done
    hyperfine -N --style basic --warmup "$warm" --runs "$count" \
        --export-json "$output" "$@" >"$output.log" 2>&1 ||
        fail "hyperfine failed: $(tail -5 "$output.log")"
}

# Take more /usr/bin/time samples of peak RSS (and of wall and CPU time at
# 10 ms resolution), after the one that count_connections took.
run_time() {
    pages=$1
    count=$2
    for label in $labels; do
        command=$(command_of "$label")
        file="$results/time-s$pages-$label.txt"
        i=1
        while [ "$i" -lt "$count" ]; do
            eval "/usr/bin/time -a -o '$file' -f '%M %e %U %S' $command" \
                >/dev/null 2>>"$results/time.err"
            i=$((i + 1))
        done
    done
}

reverse() {
    reversed=
    for word in "$@"; do
        reversed="$word $reversed"
    done
    echo "$reversed"
}

# Measure one scenario. After one run of each command to count its
# connections, the commands are timed in rounds of alternating order, so
# that a change in the machine's speed during the run (other jobs, CPU
# frequency) does not favour one command. report.py merges the rounds.
run_scenario() {
    pages=$1
    define_commands "$pages"
    echo "bench: $pages pages: $labels"
    for label in $labels; do
        printf 's%s %s: %s\n' "$pages" "$label" "$(command_of "$label")"
    done >>"$results/commands.txt"
    for label in $labels; do
        count_connections "$pages" "$label"
    done

    # A 1-page check takes tens of milliseconds, so more runs cost little
    # there and steady its median.
    if [ "$pages" -le 1 ]; then
        count=${BENCH_RUNS:-50}
    elif [ "$pages" -le 100 ]; then
        count=${BENCH_RUNS:-20}
    else
        count=${BENCH_RUNS:-5}
    fi
    if [ "$pages" -le 100 ]; then
        warm=${BENCH_WARMUP:-3}
        samples=${BENCH_TIME_RUNS:-10}
    else
        warm=${BENCH_WARMUP:-1}
        samples=${BENCH_TIME_RUNS:-3}
    fi
    rounds=$((count < 5 ? count : 5))
    per_round=$(((count + rounds - 1) / rounds))
    # Above 1 page the loop is timed on its own, without warmup.
    loop_runs=$((500 / pages))
    timed=$labels
    if [ "$pages" -gt 1 ]; then
        timed=$(echo "$labels" | sed 's/ *curl_jq//')
    fi

    round=1
    while [ "$round" -le "$rounds" ]; do
        order=$timed
        # shellcheck disable=SC2086 # one word per label
        [ $((round % 2)) -eq 0 ] && order=$(reverse $timed)
        # shellcheck disable=SC2086
        run_hyperfine "$per_round" "$warm" \
            "$results/hf-s$pages-r$round.json" $order
        if [ "$timed" != "$labels" ] && [ "$round" -le "$loop_runs" ]; then
            run_hyperfine 1 0 "$results/hf-s$pages-loop-r$round.json" \
                curl_jq
        fi
        round=$((round + 1))
    done

    all_labels=$labels
    labels=$timed
    run_time "$pages" "$samples"
    if [ "$timed" != "$all_labels" ]; then
        labels=curl_jq
        run_time "$pages" "$((loop_runs < 3 ? loop_runs : 3))"
    fi
    labels=$all_labels
}

# Print every scenario's commands and keep the server up for profiling.
serve() {
    for pages in $scenarios; do
        define_commands "$pages"
        echo "# $pages pages"
        for label in $labels; do
            command_of "$label"
            echo
        done
    done | tee "$results/commands.txt"
    lifetime=${BENCH_SERVE_SECONDS:-900}
    echo "bench: serving on 127.0.0.1:$port for $lifetime s; Ctrl-C stops"
    sleep "$lifetime" &
    sleep_pid=$!
    wait "$sleep_pid"
    sleep_pid=
}

describe_machine() {
    {
        echo "nproc: $(nproc)"
        echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo |
            head -1)"
        echo "kernel: $(uname -sr)"
        echo "debian: $(cat /etc/debian_version 2>/dev/null || echo unknown)"
        echo "load average before the run: $load_before"
        echo "check_lgtm: $("$plugin" --version || true)"
        echo "source: $(git -C "$here" describe --always --dirty \
            2>/dev/null || echo unknown)"
        echo "curl: $(curl --version | head -1)"
        echo "check_curl: $("$check_curl" --version 2>&1 | head -1)"
        echo "nginx: $(nginx -v 2>&1)"
        echo "hyperfine: $(hyperfine --version)"
        echo "jq: $(jq --version)"
        for package in libcurl4 libssl3 libjson-c5; do
            echo "$package: $(dpkg-query -W -f='${Version}' "$package" \
                2>/dev/null || echo unknown)"
        done
    } >"$results/machine.txt"
}

[ -x "$plugin" ] || fail "$plugin is not an executable; run make first"
case "$plugin" in
/*) ;;
*) plugin=$(pwd)/$plugin ;;
esac
install_packages
[ -x "$check_curl" ] || fail "$check_curl is missing"

mkdir -p "$results"
results=$(cd "$results" && pwd)
rm -f "$results"/*.json "$results"/*.log "$results"/*.txt "$results"/*.tsv \
    "$results"/*.out "$results"/*.err "$results"/time.err
started=$(date +%s)
# Other jobs on the machine make wall times less reliable than CPU times.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

work=$(mktemp -d "${TMPDIR:-/tmp}/check_lgtm-bench.XXXXXX")
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
# nginx workers run as an unprivileged user and must read the pages.
chmod 755 "$work"

sh "$here/../sim/make-certs.sh" "$work/certs" >/dev/null
ca=$work/certs/ca.pem
token=bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
(umask 077 && printf '%s\n' "$token" >"$work/token")
port=$(free_port)
# shellcheck disable=SC2086
python3 "$here/make-pages.py" "$work/pages" "https://localhost:$port" \
    $scenarios
start_nginx
if [ "$serve" = yes ]; then
    serve
    exit 0
fi
describe_machine

for pages in $scenarios; do
    run_scenario "$pages"
done
stop_nginx

# shellcheck disable=SC2086 # one word per scenario
python3 "$here/report.py" "$results" $scenarios >"$results/table.md"
cat "$results/table.md"
echo
echo "bench: finished in $(($(date +%s) - started)) s; raw results in $results"
