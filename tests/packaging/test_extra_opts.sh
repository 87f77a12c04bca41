#!/bin/bash
# --extra-opts with the real plugin against the LGTM API simulator. The
# URL, the token and the CA file read from an ini file must give the same
# state and output as the same options on the command line. That holds
# for a token with the projects:read scope (OK) and one without it
# (CRITICAL). Also tested: a named section of the default file from
# NAGIOS_CONFIG_PATH, the command line overriding the file, and a missing
# section (UNKNOWN).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

require_plugin
make_certs
good_token=$(new_token "$work/good.token")
scopeless_token=$(new_token "$work/scopeless.token")
start_simulator --projects 250 --token "$good_token" \
    --token "$scopeless_token="
ca=$work/certs/ca.pem

# Run the plugin, and store its exit code in $work/NAME.rc and its
# output, with measured times replaced by T, in $work/NAME.out.
run_plugin() {
    local name=$1 status=0
    shift
    env -u LGTM_TOKEN "$plugin" "$@" >"$work/$name.raw" 2>&1 || status=$?
    echo "$status" >"$work/$name.rc"
    sed -E 's/[0-9]+\.[0-9]+/T/g' "$work/$name.raw" >"$work/$name.out"
}

assert_same() {
    local first=$1 second=$2
    cmp -s "$work/$first.rc" "$work/$second.rc" ||
        fail "exit code $(cat "$work/$first.rc") on the command line," \
            "$(cat "$work/$second.rc") with --extra-opts"
    if ! diff -u "$work/$first.out" "$work/$second.out" >"$work/diff"; then
        show_file "$work/diff"
        fail "the output with --extra-opts differs from the command line"
    fi
}

assert_no_token_in_output() {
    if grep -q -F -e "$good_token" -e "$scopeless_token" "$work/$1.raw"
    then
        fail "the output of $1 contains a token"
    fi
}

write_ini() {
    (umask 077 && cat >"$1")
}

for case in good scopeless; do
    token=$(cat "$work/$case.token")
    write_ini "$work/$case.ini" <<EOF
# check_lgtm options for the simulator
[check_lgtm]
url = $sim_url
token = $token
ca-file = $ca
projects-warning = 1:
EOF
    run_plugin "$case-cli" --url "$sim_url" --token "$token" \
        --ca-file "$ca" --projects-warning 1:
    run_plugin "$case-ini" "--extra-opts=@$work/$case.ini"
    assert_same "$case-cli" "$case-ini"
    assert_no_token_in_output "$case-ini"
    note "$case token: same result from the ini file:" \
        "$(head -n 1 "$work/$case-ini.raw" | cut -c1-90)"
done

[ "$(cat "$work/good-ini.rc")" = 0 ] ||
    fail "the ini file with the good token did not give OK"
grep -q '^LGTM OK: 250 projects' "$work/good-ini.raw" ||
    fail "expected 250 projects: $(head -n 1 "$work/good-ini.raw")"
[ "$(cat "$work/scopeless-ini.rc")" = 2 ] ||
    fail "the token without the scope did not give CRITICAL"
head -n 1 "$work/scopeless-ini.raw" | grep -q 'projects:read' ||
    fail "the CRITICAL line does not name projects:read"

# The default file from NAGIOS_CONFIG_PATH, a named section, and the
# command line winning over the file's wrong URL.
mkdir -p "$work/etc"
write_ini "$work/etc/plugins.ini" <<EOF
[check_disk]
warning = 10%

[lgtm_prod]
url = https://127.0.0.1:1
token-file = $work/good.token
ca-file = $ca
EOF
NAGIOS_CONFIG_PATH=$work/etc run_plugin default-file \
    --extra-opts lgtm_prod --url "$sim_url"
[ "$(cat "$work/default-file.rc")" = 0 ] || {
    show_file "$work/default-file.raw"
    fail "--extra-opts lgtm_prod from NAGIOS_CONFIG_PATH did not give OK"
}
note "default file and section lgtm_prod, --url overriding: OK"

NAGIOS_CONFIG_PATH=$work/etc run_plugin no-section --extra-opts=lgtm_test
[ "$(cat "$work/no-section.rc")" = 3 ] ||
    fail "a missing section did not give UNKNOWN"
grep -q '^LGTM UNKNOWN: section \[lgtm_test\] not found' \
    "$work/no-section.raw" || {
    show_file "$work/no-section.raw"
    fail "the UNKNOWN line does not name the missing section"
}
note "missing section: $(head -n 1 "$work/no-section.raw" | cut -d'|' -f1)"
