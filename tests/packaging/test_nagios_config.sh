#!/bin/bash
# nagios4 -v accepts a minimal configuration that reads the command
# definitions and the example services of contrib/nagios, with the
# $USER1$ and $USER10$ macros of contrib/nagios/resource.cfg.example.
# It also checks that no contrib command line passes --token or names
# LGTM_TOKEN, so the token stays out of the command line.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=nagios_config.sh
. "$(dirname "$0")/nagios_config.sh"

command -v nagios4 >/dev/null || fail "nagios4 not installed (nagios4-core)"

contrib=$source_dir/contrib/nagios
write_nagios_config "$contrib/check_lgtm.cfg" "$contrib/example-service.cfg"

# The resource.cfg example must define the macros the commands use.
for macro in USER1 USER10; do
    grep -q "^\\\$$macro\\\$=" "$contrib/resource.cfg.example" ||
        fail "resource.cfg.example does not define \$$macro\$"
done

if ! nagios4 -v "$work/nagios/nagios.cfg" >"$work/verify.log" 2>&1; then
    show_file "$work/verify.log"
    fail "nagios4 -v rejected the configuration"
fi
grep -q 'Total Errors: *0' "$work/verify.log" || {
    show_file "$work/verify.log"
    fail "nagios4 -v reported errors"
}
grep -q 'Checked 2 services' "$work/verify.log" ||
    fail "expected the 2 example services"
note "nagios4 -v accepted contrib/nagios: $(grep -c 'command_name' \
    "$contrib/check_lgtm.cfg") commands, 2 services"

command_lines=$(grep -h 'command_line' "$contrib"/*.cfg)
if printf '%s\n' "$command_lines" | grep -q -e '--token[ =]' -e 'LGTM_TOKEN'
then
    fail "a contrib command line passes the token itself"
fi
note "no command line carries the token itself"
