// gijiroku: copy buttons of the "cite" panels (and one accessibility fix, below). Everything else works without JavaScript
// (permalinks and their highlight are plain anchors and the CSS :target rule).
(function () {
  "use strict";

  function copy(text) {
    // Exposed for tests and for anyone scripting the page: the last text a button copied.
    window.gijirokuLastCopied = text;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      (ok ? resolve : reject)();
    });
  }

  function init() {
    // Material's search overlay is a role="dialog" without a name (axe: aria-dialog-name).
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "検索");
    document.querySelectorAll("button.gj-copy").forEach(function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.copy);
        var status = button.closest(".gj-cite").querySelector(".gj-status");
        copy(source.textContent).then(
          function () { status.textContent = "コピーしました (copied)"; },
          function () { status.textContent = "コピーできませんでした。選択してコピーしてください。"; }
        );
      });
    });
  }

  // Material's document$ emits on every page load, including instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
