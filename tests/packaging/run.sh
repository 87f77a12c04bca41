#!/bin/bash
# Runs every packaging test (tests/packaging/test_*.sh): the contrib
# configurations under the real Icinga 2 and Nagios 4, Nagios running
# check_lgtm end to end, --extra-opts, the manual page, make install and
# rpmbuild. As root it first installs the Debian packages that are
# missing. Prints one line per test and ends with "N passed, N failed";
# exits 1 when a test failed.
#
# Environment: CHECK_LGTM_BIN (default plugin/check_lgtm, built with make
# when missing), LGTM_SOURCE_DIR, PYTHON, KEEP_WORK=1 (see lib.sh), and
# TEST_TIMEOUT, the seconds one test may take (default 150).
set -u

here=$(cd "$(dirname "$0")" && pwd)
export LGTM_SOURCE_DIR=${LGTM_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
export CHECK_LGTM_BIN=${CHECK_LGTM_BIN:-$LGTM_SOURCE_DIR/plugin/check_lgtm}
export PYTHON=${PYTHON:-python3}
timeout_seconds=${TEST_TIMEOUT:-150}
packages="icinga2-bin icinga2-common nagios4-core rpm groff-base"

missing_packages() {
    local package status
    for package in $packages; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        case "$status" in
        *"ok installed") ;;
        *) printf ' %s' "$package" ;;
        esac
    done
}

# Install without starting the packages' own services: a policy-rc.d
# that denies every start is put in place for the install only, unless
# the machine already has one.
install_packages() {
    local missing=$1 policy=/usr/sbin/policy-rc.d added_policy=no status=0
    if [ "$(id -u)" -ne 0 ]; then
        echo "run.sh: missing packages; as root run:" \
            "apt-get install -y$missing" >&2
        return 1
    fi
    echo "run.sh: installing$missing"
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        added_policy=yes
    fi
    # shellcheck disable=SC2086 # one word per package
    apt-get update -q >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends $missing >/dev/null || status=$?
    [ "$added_policy" = no ] || rm -f "$policy"
    return "$status"
}

missing=$(missing_packages)
if [ -n "$missing" ] && ! install_packages "$missing"; then
    echo "0 passed, 1 failed"
    exit 1
fi

if [ ! -x "$CHECK_LGTM_BIN" ]; then
    echo "run.sh: building $CHECK_LGTM_BIN"
    make -s -C "$LGTM_SOURCE_DIR" >/dev/null || {
        echo "run.sh: make failed" >&2
        echo "0 passed, 1 failed"
        exit 1
    }
fi

passed=0
failed=0
failed_names=""
started=$(date +%s)
for test in "$here"/test_*.sh; do
    name=$(basename "$test" .sh)
    log=$(mktemp "${TMPDIR:-/tmp}/check_lgtm-$name.log.XXXXXX")
    test_started=$(date +%s)
    status=0
    timeout --kill-after=10 "$timeout_seconds" bash "$test" >"$log" 2>&1 ||
        status=$?
    seconds=$(($(date +%s) - test_started))
    if [ "$status" = 0 ]; then
        passed=$((passed + 1))
        echo "PASS $name (${seconds} s)"
        sed -e 's/^/    /' "$log"
    else
        failed=$((failed + 1))
        failed_names="$failed_names $name"
        [ "$status" != 124 ] ||
            echo "    timed out after $timeout_seconds s" >>"$log"
        echo "FAIL $name (${seconds} s, exit $status)"
        sed -e 's/^/    /' "$log"
    fi
    rm -f "$log"
done

echo "packaging tests took $(($(date +%s) - started)) s"
[ -z "$failed_names" ] || echo "failed:$failed_names"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
