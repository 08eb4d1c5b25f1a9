// gijiroku: the speaker filter, the notice for a link to an ID that is not on the page, and the
// language selector keeping the reader's remark (copy.js has the copy buttons and citations).
// Everything else works without JavaScript (permalinks and their highlight are plain anchors
// and the CSS :target rule).
(function () {
  "use strict";

  // Speaker filter (meetings whose minutes name speakers): hide the other speakers' remarks.
  // A remark opened by its permalink is never hidden: the filter resets to "all speakers".
  function initSpeakerFilter() {
    var box = document.querySelector(".gj-speaker-filter");
    if (!box || box.dataset.ready) return;
    box.dataset.ready = "1";
    box.hidden = false;
    var select = box.querySelector("select");
    function apply() {
      document.querySelectorAll("article.gj-remark").forEach(function (remark) {
        remark.hidden = select.value !== "" && remark.dataset.speaker !== select.value;
      });
    }
    select.addEventListener("change", apply);
    window.addEventListener("hashchange", function () {
      var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.closest("article.gj-remark[hidden]")) {
        select.value = "";
        apply();
        target.scrollIntoView();
      }
    });
  }

  // A meeting page opened at an #anchor that names nothing on it (a mistyped or unknown ID;
  // removed remarks keep their anchors) shows a notice at the top, where the browser leaves
  // the reader, instead of saying nothing. The text comes from the page (strings.yml).
  function showUnknownAnchor() {
    var notice = document.querySelector(".gj-unknown-anchor");
    if (!notice) return;
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep the raw text */ }
    var unknown = id !== "" && !document.getElementById(id);
    notice.textContent = unknown
      ? notice.dataset.template.replace("{id}", function () { return id; }) : "";
    notice.hidden = !unknown;
  }
  window.addEventListener("hashchange", showUnknownAnchor);

  function init() {
    initSpeakerFilter();
    showUnknownAnchor();
  }

  // Language selector: its links already lead to this page in the other language (the plugin
  // renders them per page, so they work without JS); keep the remark the reader is on by
  // adding the current #anchor. Capture phase, and the event stops here: Material's own
  // handler (on body) would instead look the page up in the other language's sitemap, which
  // fails off the published host (it keeps the sitemap's port) and lands on that language's home.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.gj-alternate");
    if (!link) return;
    event.stopPropagation();
    link.href = link.href.split("#")[0] + location.hash;
  }, true);

  // Material's document$ emits on every page load, including instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
