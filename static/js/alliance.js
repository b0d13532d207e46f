/* Behaviour of the project's pages, kept out of the HTML so the Content-Security-Policy
   can forbid inline scripts and event handlers (script-src 'self'). */
(function () {
  "use strict";

  // A <select data-autosubmit> submits its form when changed (the language switcher);
  // its form keeps a <noscript> button for browsers without JavaScript.
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
      if (typeof target.form.requestSubmit === "function") {
        target.form.requestSubmit();
      } else {
        target.form.submit();
      }
    }
  });
})();
