// Tells Bootstrap Italia where its vendored fonts live (set before its bundle loads).
(function () {
  var script = document.currentScript;
  window.__PUBLIC_PATH__ = script.getAttribute("data-fonts");
  // Video.js (inside the bundle) would inject an inline <style> that the CSP refuses; Trama shows no video.
  window.VIDEOJS_NO_DYNAMIC_STYLE = true;
})();
