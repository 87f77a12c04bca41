#!/bin/sh
# Counts LGTM projects the way a user without check_lgtm would: one curl
# and one jq per page, following "nextPageUrl" until it is absent.
# Usage: curl-jq.sh URL TOKEN-FILE [CURL-OPTION...]
# Prints the number of projects. URL is the first page's full URL.
set -eu

url=${1:?usage: curl-jq.sh URL TOKEN-FILE [CURL-OPTION...]}
token_file=${2:?usage: curl-jq.sh URL TOKEN-FILE [CURL-OPTION...]}
shift 2
IFS= read -r token <"$token_file"
total=0

while [ -n "$url" ]; do
    # curl -q ignores ~/.curlrc. jq prints the page's project count, then
    # the next URL if there is one.
    page=$(curl -q -sSf -H "Authorization: Bearer $token" "$@" "$url" |
        jq -r '(.data | length), (.nextPageUrl // empty)')
    count=${page%%[!0-9]*}
    if [ -z "$count" ]; then
        echo "curl-jq.sh: no project count in the page at $url" >&2
        exit 2
    fi
    # Drop the count and the newline after it; nothing is left on the
    # last page.
    url=${page#"$count"}
    url=${url#?}
    total=$((total + count))
done
echo "$total"
