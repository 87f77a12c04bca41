#!/bin/sh
# Installs the Debian packages that the build, the tests and the demo need.
# As root it runs apt-get for whatever is missing. As another user it
# prints the one command to run and fails.
set -eu

packages="make gcc pkg-config libcurl4-openssl-dev libjson-c-dev libssl-dev \
check python3 openssl locales clang-format clang-tidy cppcheck clang \
libclang-rt-dev valgrind"
locale_name="de_DE.UTF-8"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for package in $packages; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
        case "$status" in
        *"ok installed") ;;
        *) missing="$missing $package" ;;
        esac
    done
else
    echo "install-deps: dpkg-query not found; install the equivalents of:" \
        "$packages" >&2
    exit 0
fi

# The unit tests parse ranges under a comma-decimal locale as well.
need_locale=no
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
    need_locale=yes
fi

if [ -z "$missing" ] && [ "$need_locale" = no ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    [ -n "$missing" ] &&
        echo "install-deps: missing packages; run as root:" \
            "apt-get install -y$missing" >&2
    [ "$need_locale" = yes ] &&
        echo "install-deps: locale $locale_name missing; run as root:" \
            "sed -i 's/^# *$locale_name/$locale_name/' /etc/locale.gen" \
            "&& locale-gen" >&2
    exit 1
fi

if [ -n "$missing" ]; then
    echo "install-deps: installing$missing"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends $missing
fi

if [ "$need_locale" = yes ]; then
    echo "install-deps: generating locale $locale_name"
    if grep -q "^# *$locale_name" /etc/locale.gen; then
        sed -i "s/^# *$locale_name/$locale_name/" /etc/locale.gen
    elif ! grep -q "^$locale_name" /etc/locale.gen; then
        echo "$locale_name UTF-8" >>/etc/locale.gen
    fi
    locale-gen >/dev/null
fi
