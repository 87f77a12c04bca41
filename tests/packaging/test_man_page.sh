#!/bin/bash
# groff -man -ww -z reports nothing for check_lgtm.1. The page also names
# the Makefile's version and documents every long option that
# check_lgtm --help lists.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

require_plugin
command -v groff >/dev/null || fail "groff not installed (groff-base)"
page=$source_dir/check_lgtm.1

groff -man -ww -z "$page" >"$work/groff.log" 2>&1 || true
if [ -s "$work/groff.log" ]; then
    show_file "$work/groff.log"
    fail "groff -man -ww -z reported problems in check_lgtm.1"
fi
note "groff -man -ww -z check_lgtm.1: no warnings"

version=$(sed -n 's/^VERSION *= *//p' "$source_dir/Makefile")
grep -q "^\\.TH .*\"check_lgtm $version\"" "$page" ||
    fail "the .TH line does not name check_lgtm $version"

# Render to plain text in long lines without hyphenation, so that no
# option name is split, then look for each option of --help in it.
groff -man -Tascii -P -cbou -rLL=1000n -rHY=0 "$page" >"$work/page.txt" ||
    fail "groff cannot render check_lgtm.1"
"$plugin" --help >"$work/help.txt" || true
options=$(grep -o -E -- '--[a-z][a-z0-9-]+' "$work/help.txt" | sort -u)
for option in $options; do
    grep -q -- "$option" "$work/page.txt" ||
        fail "check_lgtm.1 does not document $option"
done
note "documents all $(echo "$options" | wc -w) long options of --help"
