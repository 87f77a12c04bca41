#!/bin/bash
# End to end with a real Nagios 4: the daemon runs check_lgtm through the
# command check_lgtm of contrib/nagios/check_lgtm.cfg against the LGTM API
# simulator, with the token in the file that $USER10$ names. The results
# that Nagios records in its service perfdata file must show OK with the
# projects perfdata. Then the token file gets a token without the
# projects:read scope, and the next result must be CRITICAL naming that
# scope. No file that Nagios writes may contain a token.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=nagios_config.sh
. "$(dirname "$0")/nagios_config.sh"

require_plugin
command -v nagios4 >/dev/null || fail "nagios4 not installed (nagios4-core)"

projects=137
make_certs
good_token=$(new_token "$work/good.token")
scopeless_token=$(new_token "$work/scopeless.token")
start_simulator --projects "$projects" --token "$good_token" \
    --token "$scopeless_token="

cat >"$work/services.cfg" <<EOF
define host {
    use                     generic-host
    host_name               lgtm-simulator
    address                 127.0.0.1
}

define service {
    use                     generic-service
    host_name               lgtm-simulator
    service_description     LGTM API
    check_command           check_lgtm!$sim_url!--ca-file=$work/certs/ca.pem --projects-warning=1:
}
EOF
write_nagios_config "$source_dir/contrib/nagios/check_lgtm.cfg" \
    "$work/services.cfg"
nagios=$work/nagios
cp "$work/good.token" "$nagios/lgtm.token"

nagios4 -v "$nagios/nagios.cfg" >"$work/verify.log" 2>&1 || {
    show_file "$work/verify.log"
    fail "nagios4 -v rejected the test configuration"
}
start_background nagios4 "$nagios/nagios.cfg" >"$work/nagios.out" 2>&1
nagios_pid=$last_pid

# Wait up to $2 seconds for a perfdata line of state $1, and print it.
wait_for_result() {
    local state=$1 limit=$2 tries=0 line
    while [ "$tries" -lt $((limit * 10)) ]; do
        line=$(grep -a "^LGTM API	$state	" "$nagios/service-perfdata" \
            2>/dev/null | tail -n 1 || true)
        if [ -n "$line" ]; then
            printf '%s\n' "$line"
            return 0
        fi
        kill -0 "$nagios_pid" 2>/dev/null || return 1
        tries=$((tries + 1))
        sleep 0.1
    done
    return 1
}

explain() {
    show_file "$nagios/service-perfdata"
    show_file "$nagios/nagios.log" 20
    show_file "$work/nagios.out" 20
}

ok_line=$(wait_for_result OK 40) || {
    explain
    fail "Nagios recorded no OK result within 40 s"
}
note "Nagios recorded: $ok_line"
perfdata=$(printf '%s\n' "$ok_line" | cut -f4)
counted=$(printf '%s\n' "$perfdata" | tr ' ' '\n' |
    sed -n 's/^projects=\([0-9]*\);.*/\1/p')
[ "$counted" = "$projects" ] ||
    fail "perfdata projects=$counted, expected $projects: $perfdata"
printf '%s\n' "$perfdata" | grep -q 'pages=2;' ||
    fail "perfdata lacks pages=2: $perfdata"
note "projects=$counted parsed from the perfdata Nagios recorded"

cp "$work/scopeless.token" "$nagios/lgtm.token"
critical_line=$(wait_for_result CRITICAL 40) || {
    explain
    fail "no CRITICAL result within 40 s after the scope-less token"
}
note "Nagios recorded: $critical_line"
printf '%s\n' "$critical_line" | cut -f3 | grep -q 'projects:read' ||
    fail "the CRITICAL output does not name the scope projects:read"

stop_background "$nagios_pid"
for token in "$good_token" "$scopeless_token"; do
    if grep -r -l -F "$token" "$nagios" | grep -v '/lgtm.token$'; then
        fail "a file that Nagios wrote contains the token"
    fi
done
note "no file that Nagios wrote contains a token"
