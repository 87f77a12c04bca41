#!/bin/bash
# make install DESTDIR=... puts the plugin into PLUGINDIR (default
# PREFIX/lib/nagios/plugins) and the manual page into MANDIR/man1
# (default PREFIX/share/man), and honours PREFIX and PLUGINDIR.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

run_install() {
    local destdir=$1
    shift
    make -s -C "$source_dir" install DESTDIR="$destdir" "$@" \
        >"$work/install.log" 2>&1 || {
        show_file "$work/install.log"
        fail "make install DESTDIR=$destdir $* failed"
    }
}

expect_file() {
    [ -f "$1" ] || {
        (cd "$work" && find . -type f) >&2
        fail "make install did not create $1"
    }
    [ "$(stat -c %a "$1")" = "$2" ] ||
        fail "$1 has mode $(stat -c %a "$1"), expected $2"
}

run_install "$work/default"
expect_file "$work/default/usr/local/lib/nagios/plugins/check_lgtm" 755
expect_file "$work/default/usr/local/share/man/man1/check_lgtm.1" 644
note "default: /usr/local/lib/nagios/plugins/check_lgtm," \
    "/usr/local/share/man/man1/check_lgtm.1"

run_install "$work/rpm-like" PREFIX=/usr PLUGINDIR=/usr/lib64/nagios/plugins
expect_file "$work/rpm-like/usr/lib64/nagios/plugins/check_lgtm" 755
expect_file "$work/rpm-like/usr/share/man/man1/check_lgtm.1" 644
note "PREFIX=/usr PLUGINDIR=/usr/lib64/nagios/plugins: both in place"

built=$source_dir/plugin/check_lgtm
cmp -s "$built" "$work/default/usr/local/lib/nagios/plugins/check_lgtm" ||
    fail "the installed plugin differs from $built"
cmp -s "$source_dir/check_lgtm.1" \
    "$work/default/usr/local/share/man/man1/check_lgtm.1" ||
    fail "the installed manual page differs from check_lgtm.1"
