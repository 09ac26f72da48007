// Small page behaviours declared in the markup, so that no template needs inline script
// (the Content-Security-Policy allows scripts from this site only; see docs/security.md).
//   data-confirm="Question?"  on a button or link: ask before going on; on a form: before
//                             it is sent
//   data-autosubmit           on a select or input: submit its form when it changes
//   data-print                on a button: print the page
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const asking = event.target.closest("[data-confirm]");
    if (asking && !window.confirm(asking.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  }, true);
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (form.hasAttribute("data-confirm") && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener("change", function (event) {
    const field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      field.form.submit();
    }
  });
})();
