#!/bin/bash
# End to end with a real Icinga 2 daemon: its checker runs check_lgtm
# through the CheckCommand of contrib/icinga2/command-lgtm.conf against
# the LGTM API simulator:
# - token-in-env has the token in vars.lgtm_token, so in env.LGTM_TOKEN,
#   and must be OK with the projects perfdata;
# - scopeless-token-file has a token file that contains a token without
#   the projects:read scope, and must be CRITICAL naming that scope;
# - all-arguments sets every argument of the CheckCommand but -6 and must
#   be OK, so each argument must map to an option that check_lgtm accepts.
# The daemon's own log of each command line (notice level) must show each
# argument and no token.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

require_plugin
command -v icinga2 >/dev/null || fail "icinga2 not installed (icinga2-bin)"

projects=42
make_certs
good_token=$(new_token "$work/good.token")
scopeless_token=$(new_token "$work/scopeless.token")
start_simulator --projects "$projects" --token "$good_token" \
    --token "$scopeless_token="

icinga=$work/icinga2
mkdir -p "$icinga/data" "$icinga/log" "$icinga/cache" "$icinga/spool" \
    "$icinga/run" "$work/ca-dir"
cp "$work/certs/ca.pem" "$work/ca-dir/"
openssl rehash "$work/ca-dir" || fail "openssl rehash failed"
printf '[lgtm_e2e]\nmax-pages = 10\n' >"$work/extra.ini"

cat >"$icinga/services.conf" <<EOF
object Host "lgtm-simulator" {
	check_command = "dummy"
	enable_active_checks = false
}

template Service "lgtm-simulator" {
	host_name = "lgtm-simulator"
	check_command = "lgtm"
	check_interval = 1s
	retry_interval = 1s
	vars.lgtm_url = "$sim_url"
	vars.lgtm_ca_file = "$work/certs/ca.pem"
}

object Service "token-in-env" {
	import "lgtm-simulator"
	vars.lgtm_token = "$good_token"
}

object Service "scopeless-token-file" {
	import "lgtm-simulator"
	vars.lgtm_token_file = "$work/scopeless.token"
}

// The proxy is never used: --noproxy exempts the simulator's address.
object Service "all-arguments" {
	import "lgtm-simulator"
	vars.lgtm_token = "$good_token"
	vars.lgtm_warning = 5
	vars.lgtm_critical = 10
	vars.lgtm_projects_warning = "1:"
	vars.lgtm_projects_critical = "1:"
	vars.lgtm_certificate = "30,14"
	vars.lgtm_timeout = "20:unknown"
	vars.lgtm_ca_path = "$work/ca-dir"
	vars.lgtm_insecure = true
	vars.lgtm_client_cert = "$work/certs/client.pem"
	vars.lgtm_client_key = "$work/certs/client.key"
	vars.lgtm_ip_address = "127.0.0.1"
	vars.lgtm_ipv4 = true
	vars.lgtm_proxy = "http://127.0.0.1:9"
	vars.lgtm_noproxy = "127.0.0.1"
	vars.lgtm_max_pages = 20
	vars.lgtm_max_body_size = 1048576
	vars.lgtm_user_agent = "check_lgtm-icinga2-e2e"
	vars.lgtm_extra_opts = "lgtm_e2e@$work/extra.ini"
}
EOF

# This standalone node defines no Endpoint and Zone objects, because with
# them but without an ApiListener the checker runs no check. The zone
# layout of a distributed setup is what test_icinga2_config.sh validates.
cat >"$icinga/icinga2.conf" <<EOF
const PluginDir = "$(dirname "$plugin")"
const PluginContribDir = PluginDir
const ManubulonPluginDir = PluginDir
const NodeName = "icinga-test.localdomain"
const ZoneName = NodeName

include <itl>
include <plugins>

object CheckerComponent "checker" { }

object PerfdataWriter "perfdata" {
	service_perfdata_path = "$icinga/spool/service-perfdata"
	service_temp_path = "$icinga/spool/service-perfdata.tmp"
	host_perfdata_path = "$icinga/spool/host-perfdata"
	host_temp_path = "$icinga/spool/host-perfdata.tmp"
	service_format_template = "\$service.name\$\t\$service.state\$\t\$service.perfdata\$\t\$service.output\$"
	rotation_interval = 1s
}

include "$source_dir/contrib/icinga2/command-lgtm.conf"
include "$icinga/services.conf"
EOF

export ICINGA2_USER=root ICINGA2_GROUP=root
paths=(-DConfiguration.DataDir="$icinga/data"
    -DConfiguration.LogDir="$icinga/log"
    -DConfiguration.CacheDir="$icinga/cache"
    -DConfiguration.SpoolDir="$icinga/spool"
    -DConfiguration.InitRunDir="$icinga/run"
    -DConfiguration.PidPath="$icinga/run/icinga2.pid")

icinga2 daemon -C -c "$icinga/icinga2.conf" "${paths[@]}" \
    >"$work/validate.log" 2>&1 || {
    show_file "$work/validate.log"
    fail "icinga2 daemon -C rejected the test configuration"
}
start_background icinga2 daemon -c "$icinga/icinga2.conf" "${paths[@]}" \
    -x notice >"$work/daemon.log" 2>&1
daemon_pid=$last_pid

# Wait up to 30 s for a perfdata line of service $1 in state $2, and print
# the first such line.
wait_for_result() {
    local tries=0 line
    while [ "$tries" -lt 300 ]; do
        line=$(cat "$icinga"/spool/service-perfdata.[0-9]* 2>/dev/null |
            grep -a "^$1	$2	" | head -n 1 || true)
        if [ -n "$line" ]; then
            printf '%s\n' "$line"
            return 0
        fi
        kill -0 "$daemon_pid" 2>/dev/null || return 1
        tries=$((tries + 1))
        sleep 0.1
    done
    return 1
}

explain() {
    show_file "$work/daemon.log" 30
    cat "$icinga"/spool/service-perfdata.[0-9]* >"$work/perfdata" 2>/dev/null
    show_file "$work/perfdata" 20
}

ok_line=$(wait_for_result token-in-env OK) || {
    explain
    fail "Icinga 2 recorded no OK result for token-in-env within 30 s"
}
note "Icinga 2 recorded: $(printf '%s' "$ok_line" | cut -c1-150)"
counted=$(printf '%s\n' "$ok_line" | cut -f3 | tr ' ' '\n' |
    sed -n 's/^projects=\([0-9]*\);.*/\1/p')
[ "$counted" = "$projects" ] ||
    fail "perfdata projects=$counted, expected $projects: $ok_line"
note "projects=$counted parsed from the perfdata Icinga 2 recorded"

critical_line=$(wait_for_result scopeless-token-file CRITICAL) || {
    explain
    fail "no CRITICAL result for scopeless-token-file within 30 s"
}
note "Icinga 2 recorded: $(printf '%s' "$critical_line" | cut -f1,2,4)"
printf '%s\n' "$critical_line" | cut -f4 | grep -q 'projects:read' ||
    fail "the CRITICAL output does not name the scope projects:read"

all_line=$(wait_for_result all-arguments OK) || {
    explain
    fail "no OK result for all-arguments within 30 s"
}
note "Icinga 2 recorded: $(printf '%s' "$all_line" | cut -f1,2,4 |
    cut -c1-150)"

stop_background "$daemon_pid"
grep -q "Running command '.*check_lgtm'" "$work/daemon.log" || {
    show_file "$work/daemon.log" 30
    fail "the daemon log shows no check_lgtm command line"
}
if grep -a "Running command" "$work/daemon.log" |
    grep -q -F -e "$good_token" -e "$scopeless_token" -e "--token "; then
    fail "a command line in the daemon log contains a token"
fi
sed -n "s/.*Running command \(.*\): PID [0-9]*$/\1/p" "$work/daemon.log" |
    sort -u >"$work/command-lines"
keys=$(sed -n 's/^\t\t"\(-[-a-z0-9]*\)" = {$/\1/p' \
    "$source_dir/contrib/icinga2/command-lgtm.conf")
[ -n "$keys" ] || fail "no argument keys found in command-lgtm.conf"
for key in $keys; do
    [ "$key" != -6 ] || continue
    grep -q -e "'$key'" -e "'$key=" "$work/command-lines" || {
        show_file "$work/command-lines"
        fail "no command line in the daemon log has $key"
    }
done
note "the daemon's command lines used every argument but -6; none has a" \
    "token"
