#!/usr/bin/env bash
# Refreshes static/vendor/ from the npm packages pinned in package.json.
# The vendored files are committed, so `make run` never needs Node or the network.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --no-save --ignore-scripts >/dev/null  # esbuild's binary comes as a package
bi=node_modules/bootstrap-italia
dest=static/vendor/bootstrap-italia
rm -rf "$dest" static/vendor/htmx
mkdir -p "$dest/css" "$dest/js" "$dest/svg" "$dest/fonts" static/vendor/htmx
# Without its source map comment: collectstatic (hashed names) would look for the .map, which is not vendored.
sed 's|/\*# sourceMappingURL=[^*]*\*/||' "$bi/dist/css/bootstrap-italia.min.css" > "$dest/css/bootstrap-italia.min.css"
# Only the plugins the pages use (scripts/frontend/bootstrap-italia-trama.js), not the 1 MB bundle.
node_modules/.bin/esbuild scripts/frontend/bootstrap-italia-trama.js --bundle --minify --format=iife \
  --target=es2018 --log-level=warning --outfile="$dest/js/bootstrap-italia.trama.min.js" \
  --banner:js="/*! Bootstrap Italia $(node -p "require('./$bi/package.json').version") (BSD-3-Clause, ../LICENSE) with Popper $(node -p "require('./node_modules/@popperjs/core/package.json').version") (MIT, LICENSE.popper): built by scripts/vendor.sh */"
cp node_modules/@popperjs/core/LICENSE.md "$dest/js/LICENSE.popper"
cp "$bi/dist/svg/sprites.svg" "$dest/svg/"
for family in Titillium_Web Lora Roboto_Mono; do
  mkdir -p "$dest/fonts/$family"
  cp "$bi"/dist/fonts/$family/*.woff2 "$bi"/dist/fonts/$family/*.woff "$dest/fonts/$family/"
  cp "$bi"/dist/fonts/$family/*.txt "$dest/fonts/$family/"
done
cp "$bi/LICENSE" "$dest/LICENSE"
node -p "require('./$bi/package.json').version" > "$dest/VERSION"
cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
cp node_modules/htmx.org/LICENSE static/vendor/htmx/LICENSE
node -p "require('./node_modules/htmx.org/package.json').version" > static/vendor/htmx/VERSION
# axe-core: the accessibility checker the browser tests inject (never served to users).
rm -rf static/vendor/axe-core && mkdir -p static/vendor/axe-core
cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE static/vendor/axe-core/
node -p "require('./node_modules/axe-core/package.json').version" > static/vendor/axe-core/VERSION
# swagger-ui-dist: the browsable API documentation (/api/v1/docs/), its bundle and stylesheet only.
rm -rf static/vendor/swagger-ui && mkdir -p static/vendor/swagger-ui
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js \
  node_modules/swagger-ui-dist/LICENSE node_modules/swagger-ui-dist/NOTICE static/vendor/swagger-ui/
# Without its source map comment, as Bootstrap Italia's: collectstatic's hashed names would look for the .map.
sed 's|/\*# sourceMappingURL=[^*]*\*/||' node_modules/swagger-ui-dist/swagger-ui.css > static/vendor/swagger-ui/swagger-ui.css
node -p "require('./node_modules/swagger-ui-dist/package.json').version" > static/vendor/swagger-ui/VERSION
echo "vendored bootstrap-italia $(cat $dest/VERSION), htmx $(cat static/vendor/htmx/VERSION), swagger-ui $(cat static/vendor/swagger-ui/VERSION)"
