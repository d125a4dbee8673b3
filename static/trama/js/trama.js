// Small behaviours of Trama's pages; no inline scripts anywhere (a strict CSP stays possible).
document.addEventListener("DOMContentLoaded", function () {
  // Disable submit buttons once a form is sent: a double click must not send it twice
  // (the server refuses duplicates anyway, through the form's one-time token).
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (b) {
        b.setAttribute("disabled", "disabled");
        b.setAttribute("aria-busy", "true");
      });
    });
  });
});
// New member rows added through htmx must keep the formset's counter right.
document.addEventListener("htmx:afterSwap", function (event) {
  var total = document.getElementById("id_persone-TOTAL_FORMS");
  var button = document.getElementById("add-person");
  if (!total || !button || event.detail.target.id !== "people-rows") return;
  var rows = document.querySelectorAll("#people-rows .person-row").length;
  total.value = rows;
  var url = new URL(button.getAttribute("hx-get"), window.location.href);
  url.searchParams.set("index", rows);
  button.setAttribute("hx-get", url.pathname + url.search);
  htmx.process(button);
});
// A <details data-open-for="id_target" data-open-value="chiusa"> opens when that select takes that value
// (the closure's fields, once closing is the step chosen).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("details[data-open-for]").forEach(function (details) {
    var select = document.getElementById(details.getAttribute("data-open-for"));
    if (!select) return;
    select.addEventListener("change", function () {
      if (select.value === details.getAttribute("data-open-value")) details.open = true;
    });
  });
});
// A table wider than a phone scrolls inside its .table-responsive box: that box then takes the keyboard focus
// (arrow keys scroll it) and is named after the table, so that keyboard and screen-reader users reach it too.
(function () {
  function label(box) {
    var caption = box.querySelector("caption");
    var section = box.closest("section");
    var heading = section && section.querySelector("h1, h2, h3, h4");
    var text = (caption && caption.textContent) || (heading && heading.textContent) || document.title;
    return text.trim();
  }
  function mark() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
  document.addEventListener("htmx:afterSwap", mark);
})();
