#!/bin/sh
# Refreshes the explorer's vendored JavaScript in web/static/vendor from the
# npm registry, at the pinned versions below: `make vendor-ui`. It needs
# node/npm only when run; the repository keeps the files it copies (the
# built, minified scripts and each package's LICENSE), not node_modules.
# npm pack checks each tarball against the registry's integrity hash.
set -eu

CYTOSCAPE=3.35.0       # cytoscape: the graph view (MIT)
FCOSE=2.2.0            # cytoscape-fcose: the force-directed layout (MIT)
COSE_BASE=2.2.0        # cose-base: needed by fcose (MIT)
LAYOUT_BASE=2.0.1      # layout-base: needed by cose-base (MIT)
WORLD_ATLAS=2.0.2      # world-atlas: Natural Earth land outline for the place map (ISC; the data is public domain)

here=$(cd "$(dirname "$0")" && pwd)
dest="$here/static/vendor"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm pack --silent "cytoscape@$CYTOSCAPE" "cytoscape-fcose@$FCOSE" "cose-base@$COSE_BASE" "layout-base@$LAYOUT_BASE" "world-atlas@$WORLD_ATLAS" >/dev/null
for p in cytoscape-$CYTOSCAPE cytoscape-fcose-$FCOSE cose-base-$COSE_BASE layout-base-$LAYOUT_BASE world-atlas-$WORLD_ATLAS; do
	mkdir "$p"
	tar -xzf "$p.tgz" -C "$p"
done

mkdir -p "$dest"
rm -f "$dest"/*.js "$dest"/*.json "$dest"/LICENSE.*
cp cytoscape-$CYTOSCAPE/package/dist/cytoscape.min.js "$dest/cytoscape.min.js"
cp cytoscape-$CYTOSCAPE/package/LICENSE "$dest/LICENSE.cytoscape"
cp layout-base-$LAYOUT_BASE/package/layout-base.js "$dest/layout-base.js"
cp layout-base-$LAYOUT_BASE/package/LICENSE "$dest/LICENSE.layout-base"
cp cose-base-$COSE_BASE/package/cose-base.js "$dest/cose-base.js"
cp cose-base-$COSE_BASE/package/LICENSE "$dest/LICENSE.cose-base"
cp cytoscape-fcose-$FCOSE/package/cytoscape-fcose.js "$dest/cytoscape-fcose.js"
cp cytoscape-fcose-$FCOSE/package/LICENSE "$dest/LICENSE.cytoscape-fcose"
cp world-atlas-$WORLD_ATLAS/package/land-110m.json "$dest/land-110m.json"
cp world-atlas-$WORLD_ATLAS/package/LICENSE "$dest/LICENSE.world-atlas"

cat >"$dest/README.md" <<EOF
# Vendored front-end libraries

Copied from the npm registry by \`make vendor-ui\` (web/vendor-ui.sh); do not
edit by hand. Each file is the package's own build, unchanged; each licence
is beside it.

| file | package | version | licence |
|---|---|---|---|
| cytoscape.min.js | cytoscape | $CYTOSCAPE | MIT (LICENSE.cytoscape) |
| cytoscape-fcose.js | cytoscape-fcose | $FCOSE | MIT (LICENSE.cytoscape-fcose) |
| cose-base.js | cose-base | $COSE_BASE | MIT (LICENSE.cose-base) |
| layout-base.js | layout-base | $LAYOUT_BASE | MIT (LICENSE.layout-base) |
| land-110m.json | world-atlas | $WORLD_ATLAS | ISC (LICENSE.world-atlas); the land outline of Natural Earth 1:110m, public domain |
EOF
echo "vendored cytoscape $CYTOSCAPE, cytoscape-fcose $FCOSE, cose-base $COSE_BASE, layout-base $LAYOUT_BASE, world-atlas $WORLD_ATLAS into $dest"
