#!/usr/bin/env bash
# Vendors Leaflet's built files into internal/web/static/vendor/leaflet, so that
# `go build` embeds them and needs neither npm nor the network. Run from anywhere:
#   internal/web/gen/vendor.sh
# It fetches the pinned version's package from the npm registry (npm pack checks
# its integrity) and copies dist/leaflet.js, dist/leaflet.css, dist/images and the
# licence. Bump LEAFLET_VERSION and rerun to upgrade; commit the result.
set -euo pipefail
LEAFLET_VERSION=1.9.4
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../static/vendor/leaflet"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "leaflet@$LEAFLET_VERSION" >/dev/null && tar xzf "leaflet-$LEAFLET_VERSION.tgz")
rm -rf "$out"
mkdir -p "$out/images"
cp "$tmp/package/dist/leaflet.js" "$tmp/package/dist/leaflet.css" "$out/"
cp "$tmp/package/dist/images/"*.png "$out/images/"
cp "$tmp/package/LICENSE" "$out/LICENSE"
echo "leaflet@$LEAFLET_VERSION (BSD-2-Clause), from the npm registry by internal/web/gen/vendor.sh" > "$out/VERSION"
echo "vendored leaflet@$LEAFLET_VERSION into $out" >&2
