#!/usr/bin/env bash
# Refreshes static/vendor/ from the npm packages pinned in package.json.
# The vendored files are committed, so `make run` never needs Node or the network.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund --no-save --ignore-scripts >/dev/null
bi=node_modules/bootstrap-italia
dest=static/vendor/bootstrap-italia
rm -rf "$dest" static/vendor/htmx
mkdir -p "$dest/css" "$dest/js" "$dest/svg" "$dest/fonts" static/vendor/htmx
cp "$bi/dist/css/bootstrap-italia.min.css" "$dest/css/"
cp "$bi/dist/js/bootstrap-italia.bundle.min.js" "$dest/js/"
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
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css \
  node_modules/swagger-ui-dist/LICENSE node_modules/swagger-ui-dist/NOTICE static/vendor/swagger-ui/
node -p "require('./node_modules/swagger-ui-dist/package.json').version" > static/vendor/swagger-ui/VERSION
echo "vendored bootstrap-italia $(cat $dest/VERSION), htmx $(cat static/vendor/htmx/VERSION), swagger-ui $(cat static/vendor/swagger-ui/VERSION)"
