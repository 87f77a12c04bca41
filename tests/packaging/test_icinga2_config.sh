#!/bin/bash
# shellcheck disable=SC2016 # single-quoted patterns contain Icinga macros
# icinga2 daemon -C accepts a minimal configuration laid out as on a
# master: contrib/icinga2/command-lgtm.conf in the global zone
# global-templates, the two example files in zones.d/master, a host for
# each example and the satellite endpoint that example-agent.conf names.
# Then, from the objects Icinga 2 compiled, it checks that the token
# macro lgtm_token is used only in env, that the arguments the issue
# names are there, and that check_lgtm --help lists every argument key.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

require_plugin
command -v icinga2 >/dev/null || fail "icinga2 not installed (icinga2-bin)"

contrib=$source_dir/contrib/icinga2
zones=$work/zones.d
mkdir -p "$zones/global-templates" "$zones/master" "$work/cache"
cp "$contrib/command-lgtm.conf" "$zones/global-templates/"
cp "$contrib"/example-*.conf "$zones/master/"

cat >"$zones/master/hosts.conf" <<'EOF'
object Host "lgtm.example.com" {
	check_command = "dummy"
	vars.lgtm_url = "https://lgtm.example.com"
}

object Host "lgtm-behind-satellite.example.com" {
	check_command = "dummy"
	vars.lgtm_url = "https://lgtm-internal.example.com"
	vars.agent_endpoint = "satellite1.example.com"
}
EOF

cat >"$work/icinga2.conf" <<EOF
const PluginDir = "$(dirname "$plugin")"
const PluginContribDir = "$(dirname "$plugin")"
const ManubulonPluginDir = "$(dirname "$plugin")"
const NodeName = "master1.example.com"
const ZoneName = "master"

include <itl>
include <plugins>

object Endpoint NodeName { }
object Zone ZoneName { endpoints = [ NodeName ] }
object Zone "global-templates" { global = true }
object Endpoint "satellite1.example.com" { }
object Zone "satellite1.example.com" {
	endpoints = [ "satellite1.example.com" ]
	parent = ZoneName
}

include_zones "lgtm", "$zones"
EOF

# Run as root without switching to the nagios user, and keep the object
# and variable dumps in $work instead of /var/cache/icinga2.
export ICINGA2_USER=root ICINGA2_GROUP=root
cache_define="-DConfiguration.CacheDir=$work/cache"

if ! icinga2 daemon -C -c "$work/icinga2.conf" "$cache_define" \
    >"$work/validate.log" 2>&1; then
    show_file "$work/validate.log"
    fail "icinga2 daemon -C rejected the configuration"
fi
grep -q 'Instantiated 2 Services' "$work/validate.log" || {
    show_file "$work/validate.log"
    fail "expected the 2 example services to be instantiated"
}
note "icinga2 daemon -C accepted the configuration with 2 services"

icinga2 object list --type CheckCommand --name lgtm "$cache_define" \
    >"$work/command.txt" 2>&1 || {
    show_file "$work/command.txt"
    fail "icinga2 object list found no CheckCommand lgtm"
}

# The token macro appears once: as the value of env.LGTM_TOKEN.
token_uses=$(grep -c '\$lgtm_token\$' "$work/command.txt" || true)
grep -q '^ *\* LGTM_TOKEN = "\$lgtm_token\$"$' "$work/command.txt" ||
    fail "env.LGTM_TOKEN is not \"\$lgtm_token\$\""
[ "$token_uses" = 1 ] ||
    fail "\$lgtm_token\$ used $token_uses times, expected once (in env)"
grep -q -- '--token"\? *$' "$work/command.txt" &&
    fail "the CheckCommand has a --token argument"
note "the token macro is used only in env.LGTM_TOKEN"

for macro in lgtm_url lgtm_token_file lgtm_warning lgtm_critical \
    lgtm_projects_warning lgtm_projects_critical lgtm_certificate \
    lgtm_timeout lgtm_ca_file; do
    grep -q "value = \"\\\$$macro\\\$\"" "$work/command.txt" ||
        fail "no argument takes \$$macro\$"
done
grep -q 'set_if = "\$lgtm_insecure\$"' "$work/command.txt" ||
    fail "lgtm_insecure is not a set_if argument"

# Every argument key must be an option that check_lgtm --help lists.
"$plugin" --help >"$work/help.txt" || true
keys=$(sed -n 's/^    \* \(-[-a-z0-9]*\)$/\1/p' "$work/command.txt")
[ -n "$keys" ] || fail "no argument keys found in the compiled command"
for key in $keys; do
    grep -q -- "$key\\b" "$work/help.txt" ||
        fail "argument $key is not an option in check_lgtm --help"
done
note "arguments checked against check_lgtm --help:" "$(tr '\n' ' ' <<<"$keys")"
