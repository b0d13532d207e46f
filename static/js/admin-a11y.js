// Django's two-list selector (SelectFilter2.js) puts an aria-label on a plain <span> (the search
// icon), which ARIA forbids; give those spans the role of an image so that the label is valid.
(function () {
  "use strict";
  function fix(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (span) {
      span.setAttribute("role", "img");
    });
  }
  new MutationObserver(function () { fix(document); }).observe(document.documentElement, { childList: true, subtree: true });
})();
