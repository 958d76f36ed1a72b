#!/usr/bin/env bash
# browser-check: build the corpus knowledge base with --html and check the
# site in a real browser, Debian's headless Chromium (installed with apt if
# missing). It opens the pages straight from disk, as a reader offline
# would, lets their scripts run, and asserts on the DOM they leave:
#   - the search box on the index finds problems by title words (?q=),
#     every hit links to a page that exists;
#   - a search with no match shows no hit;
#   - the search works from a problem page too (links relative to ../);
#   - a problem page shows its answers and their provenance.
# Run: make browser-check   (or scripts/browser-check.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
	echo "browser-check: installing Debian's chromium" >&2
	apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go run ./cmd/canon build --html -o "$work/kb" testdata/corpus >/dev/null
site="$work/kb/site"

fail() { echo "browser-check: FAIL: $*" >&2; exit 1; }

# The flags a sandboxed, offline machine needs; a fresh profile each run.
dom() {
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$work/profile" --virtual-time-budget=3000 \
		--dump-dom "$1" 2>/dev/null
}

# results prints the hrefs of the search hits in a dumped page.
results() {
	sed -n 's/.*<ol class="results"[^>]*>\(.*\)<\/ol>.*/\1/p' | grep -o 'href="[^"]*"' | sed 's/href="//; s/"$//' || true
}

hits=$(dom "file://$site/index.html?q=jwt%20authentication" | results)
[ -n "$hits" ] || fail "searching the index for 'jwt authentication' shows no hit"
n=0
for h in $hits; do
	[ -f "$site/$h" ] || fail "hit $h leads nowhere"
	grep -qi 'jwt' "$site/$h" || fail "hit $h is not about JWT"
	n=$((n + 1))
done
echo "browser-check: index search 'jwt authentication': $n hits, all pages exist"

none=$(dom "file://$site/index.html?q=zzqxqzz" | results)
[ -z "$none" ] || fail "a search for nonsense shows hits: $none"
echo "browser-check: nonsense search: no hits"

page=$(ls "$site/problems" | grep -m1 'event-loop' || ls "$site/problems" | head -1)
pdom=$(dom "file://$site/problems/$page?q=bloom%20filter")
phits=$(echo "$pdom" | results)
[ -n "$phits" ] || fail "searching from problems/$page shows no hit"
for h in $phits; do
	[ -f "$site/problems/$h" ] || fail "hit $h from a problem page leads nowhere"
done
echo "$pdom" | grep -q 'class="answer best"' || fail "problems/$page shows no answer"
echo "$pdom" | grep -q 'Sources: <code>' || fail "problems/$page shows no provenance"
echo "browser-check: problem page $page: answers, provenance, search from ../ ok"
echo "browser-check: ok ($(chromium --version 2>/dev/null))"
