// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // The copy button next to the private link (hidden until this script runs).
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target || !navigator.clipboard) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value).then(function () {
        button.textContent = button.getAttribute("data-copied-text") || label;
        window.setTimeout(function () { button.textContent = label; }, 2500);
      }, function () {
        target.select();
      });
    });
  });

  // Move focus to the error summary so screen-reader and keyboard users land on it.
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }

  // "Don't know" beside a number or text box clears the box, and typing clears "Don't know".
  document.querySelectorAll(".number-row input, textarea.textarea").forEach(function (input) {
    var dontKnow = document.getElementById(input.id + "-dk");
    if (!dontKnow || dontKnow.type !== "checkbox") {
      return;
    }
    input.addEventListener("input", function () {
      if (input.value.trim() !== "") { dontKnow.checked = false; }
    });
    dontKnow.addEventListener("change", function () {
      if (dontKnow.checked) { input.value = ""; }
    });
  });
})();
