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

  // "Being prepared" page: ask again after Retry-After; once the status URL redirects (the PDF is
  // stored), start the download and say so. Without this script the "Check again" link does the same.
  var status = document.querySelector("[data-report-status]");
  if (status && !status.hasAttribute("data-failed") && window.fetch) {
    var ready = status.querySelector(".preparing-ready");
    var download = status.getAttribute("data-download-url");
    var polls = 0;
    var poll = function () {
      polls += 1;
      window.fetch(window.location.href, { redirect: "manual", cache: "no-store", credentials: "same-origin" })
        .then(function (response) {
          if (response.type === "opaqueredirect" || (response.status >= 300 && response.status < 400)) {
            if (ready) { ready.hidden = false; }
            window.location.assign(download);
            return;
          }
          var wait = parseInt(response.headers.get("Retry-After") || "5", 10);
          schedule(wait);
        }, function () { schedule(10); });
    };
    var schedule = function (seconds) {
      if (polls >= 60) { return; }  // about ten minutes at most; the link still works
      var wait = Math.min(Math.max(isNaN(seconds) ? 5 : seconds, 2), 15);
      window.setTimeout(poll, wait * 1000);
    };
    schedule(parseInt(status.getAttribute("data-retry-after") || "5", 10));
  }
})();
