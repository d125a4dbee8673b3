// The parts of Bootstrap Italia that Trama's pages use, bundled by scripts/vendor.sh (esbuild) into
// static/vendor/bootstrap-italia/js/bootstrap-italia.trama.min.js. The full bundle (1 MB: carousels, video
// player, autocomplete, and a font loader that injects an inline <style> the CSP refuses) is not served.
// A page that needs another component adds its plugin here and runs `make vendor`.
// Each plugin registers its data attributes (data-bs-toggle=...) when loaded; bootstrap-italia's package.json
// marks them free of side effects, so they are named on window.bootstrap to keep them in the bundle.
import init from "bootstrap-italia/dist/plugins/init.js"; // focus rings for keyboard users (TrackFocus)
import NavBarCollapsible from "bootstrap-italia/dist/plugins/navbar-collapsible.js"; // the menu button, off-canvas
import Dropdown from "bootstrap-italia/dist/plugins/dropdown.js"; // the menus of the header

window.bootstrap = { init, NavBarCollapsible, Dropdown };
