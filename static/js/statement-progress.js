// Polls a statement's import progress and reloads the page when the import is done.
// A static file (no inline script), so a strict Content-Security-Policy allows it.
(function () {
  "use strict";
  var bar = document.querySelector("[data-progress-url]");
  if (!bar) { return; }
  var url = bar.getAttribute("data-progress-url");
  var inner = bar.querySelector(".progress-bar");
  var label = document.querySelector("[data-progress-label]");
  // The width is set here, not in a style attribute, which the CSP refuses (style-src 'self').
  inner.style.width = inner.getAttribute("data-percent") + "%";
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        inner.style.width = data.percent + "%";
        bar.setAttribute("aria-valuenow", data.percent);
        if (label) { label.textContent = data.progress + " / " + data.total; }
        if (data.status === "ready") { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
})();
