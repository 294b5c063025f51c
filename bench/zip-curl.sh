#!/usr/bin/env bash
# The curl and openssl recipe of docs/protocol.md, as the zip-and-curl
# baseline runs it: the archive goes into $WORK_DIR instead of a mktemp
# folder, and the time of each step is written to stderr as "step NAME MS".
# As in the recipe, the secret reaches openssl as a command-line argument.
#
# Environment: URL (API prefix), SITE, SITE_DIR, WORK_DIR,
# STATIC_DEPLOY_SECRET.
set -eu
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
URL=${URL%/}
archive=$WORK_DIR/site.zip
rm -f "$archive"

t0=$(now_ms)
(cd "$SITE_DIR" && zip -q -r -X "$archive" . -x '.git/*' '*/.git/*')
t1=$(now_ms)
id=$(openssl rand -hex 16)
timestamp=$(date +%s)
sha256=$(openssl dgst -sha256 -r "$archive" | cut -d' ' -f1)
signature=$(printf 'static-deploy/1\ndeploy\n%s\n%s\n%s\n%s\n' \
    "$SITE" "$id" "$timestamp" "$sha256" |
  openssl dgst -sha256 -hmac "$STATIC_DEPLOY_SECRET" -r | cut -d' ' -f1)
t2=$(now_ms)
curl --silent --show-error --fail-with-body \
  -H "X-Static-Deploy-Version: 1" \
  -H "X-Static-Deploy-Operation: deploy" \
  -H "X-Static-Deploy-Target: $SITE" \
  -H "X-Static-Deploy-Id: $id" \
  -H "X-Static-Deploy-Timestamp: $timestamp" \
  -H "X-Static-Deploy-Content-SHA256: $sha256" \
  -H "X-Static-Deploy-Signature: sha256=$signature" \
  -F "archive=@$archive;type=application/zip" \
  "$URL/deploy"
t3=$(now_ms)
rm -f "$archive"
echo "step zip $((t1 - t0))" >&2
echo "step sign $((t2 - t1))" >&2
echo "step curl $((t3 - t2))" >&2
