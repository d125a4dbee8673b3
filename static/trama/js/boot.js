// Tells Bootstrap Italia where its vendored fonts live (set before its bundle loads).
(function () {
  var script = document.currentScript;
  window.__PUBLIC_PATH__ = script.getAttribute("data-fonts");
})();
