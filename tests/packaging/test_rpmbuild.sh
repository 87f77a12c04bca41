#!/bin/bash
# rpmbuild -bb builds nagios-plugin.spec from the tarball of make dist,
# running the unit tests in %check, and rpm -qlp lists the plugin in
# %{_libdir}/nagios/plugins, the manual page, the README and the license.
# The packaged plugin must run and report the spec's version. --nodeps
# because Debian's rpm database knows none of the Fedora build
# dependencies (libcurl-devel, json-c-devel, check-devel, ...).
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

command -v rpmbuild >/dev/null || fail "rpmbuild not installed (rpm)"
spec=$source_dir/nagios-plugin.spec

spec_version=$(sed -n 's/^Version: *//p' "$spec")
make_version=$(sed -n 's/^VERSION *= *//p' "$source_dir/Makefile")
[ -n "$spec_version" ] || fail "no Version in $spec"
[ "$spec_version" = "$make_version" ] ||
    fail "the spec has Version $spec_version, the Makefile $make_version"

top=$work/rpmbuild
mkdir -p "$top/SOURCES"
tarball=$top/SOURCES/check_lgtm-$spec_version.tar.gz
make -s -C "$source_dir" dist DIST_TARBALL="$tarball" >"$work/dist.log" 2>&1 || {
    show_file "$work/dist.log"
    fail "make dist failed"
}
note "make dist: $(tar -tzf "$tarball" | wc -l) files in $(basename "$tarball")"

if ! rpmbuild -bb --nodeps --define "_topdir $top" "$spec" \
    >"$work/rpmbuild.log" 2>&1; then
    show_file "$work/rpmbuild.log" 60
    fail "rpmbuild -bb failed"
fi
grep -q '^Executing(%check)' "$work/rpmbuild.log" ||
    fail "rpmbuild did not run %check"
unit_summary=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: 0, Errors: 0' \
    "$work/rpmbuild.log" | tail -n 1)
[ -n "$unit_summary" ] || {
    show_file "$work/rpmbuild.log" 60
    fail "%check did not report passing unit tests"
}
note "%check ran the unit tests: $unit_summary"

rpm_file=$(find "$top/RPMS" -name "nagios-plugins-lgtm-$spec_version-*.rpm" |
    head -n 1)
[ -n "$rpm_file" ] || fail "no binary RPM under $top/RPMS"
rpm -qlp "$rpm_file" >"$work/files.txt" 2>"$work/files.err" || {
    show_file "$work/files.err"
    fail "rpm -qlp failed"
}

libdir=$(rpm --eval '%{_libdir}')
mandir=$(rpm --eval '%{_mandir}')
expect_listed() {
    grep -q -x -E "$1" "$work/files.txt" || {
        show_file "$work/files.txt"
        fail "rpm -qlp does not list $2"
    }
}
expect_listed "$libdir/nagios/plugins/check_lgtm" \
    "$libdir/nagios/plugins/check_lgtm"
expect_listed "$mandir/man1/check_lgtm\\.1(\\.gz|\\.xz|\\.bz2)?" \
    "the manual page in $mandir/man1"
expect_listed '.*/README\.md' "the README"
expect_listed '.*/LICENSE' "the license"
note "rpm -qlp $(basename "$rpm_file") lists:" \
    "$(grep -E 'plugins/check_lgtm$|man1/|README|LICENSE' "$work/files.txt" |
        tr '\n' ' ')"

# The packaged plugin runs and reports the spec's version.
mkdir -p "$work/root"
rpm2archive - <"$rpm_file" | tar -xzf - -C "$work/root" ||
    fail "cannot unpack $rpm_file"
status=0
"$work/root$libdir/nagios/plugins/check_lgtm" --version \
    >"$work/version.txt" 2>&1 || status=$?
[ "$status" = 3 ] || fail "the packaged plugin's --version exited $status"
grep -q "^check_lgtm $spec_version " "$work/version.txt" ||
    fail "the packaged plugin reports $(cat "$work/version.txt")"
note "the packaged plugin runs: $(cat "$work/version.txt")"
