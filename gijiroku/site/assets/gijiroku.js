// gijiroku: the speaker filter, the notice for a link to an ID that is not on the page, the
// forwarding of a remark's permalink to the part of a long meeting that shows it, the
// language selector keeping the reader's remark, and the j/k keys between remarks (copy.js has
// the copy buttons and citations).
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

  // A long meeting is split into parts (site/parts.py): every remark's permalink is the
  // meeting's first page, meetings/<id>/#<remark-id>. On any part, an #id that is on another
  // part is sent on to it (replacing the address, so Back does not return to the detour), with
  // the query (?h=, the search highlight) and the hash kept. The map (views.parts_map) lists
  // each part's remarks as runs of IDs; an item's ID is its remark's plus "-<k>"; an ID on no
  // part (retired, unknown) belongs to part 1, whose notices show it.
  function inRun(id, run) {
    if (id === run[0] || id === run[1]) return true;
    var a = /^(.*?)(\d+)$/.exec(run[0]), b = /^(.*?)(\d+)$/.exec(run[1]), x = /^(.*?)(\d+)$/.exec(id);
    if (!a || !b || !x || x[1] !== a[1] || x[2].length !== a[2].length) return false;
    var n = parseInt(x[2], 10);
    return n >= parseInt(a[2], 10) && n <= parseInt(b[2], 10);
  }
  function partOf(parts, id) {
    for (var k = 0; k < parts.length; k++) {
      if (parts[k].ids.some(function (run) { return inRun(id, run); })) return parts[k];
    }
    return null;
  }
  function forwardToPart() {
    var data = document.getElementById("gj-parts");
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep the raw text */ }
    if (!data || id === "" || document.getElementById(id)) return false;
    var parts = JSON.parse(data.textContent);
    var part = partOf(parts, id) || partOf(parts, id.replace(/-[^-]*$/, "")) || parts[0];
    if (!part.href) return false;  // this page: an unknown ID (part 1 shows the notice)
    location.replace(part.href + location.search + location.hash);
    return true;
  }
  window.addEventListener("hashchange", forwardToPart);

  function init() {
    if (forwardToPart()) return;
    initSpeakerFilter();
    showUnknownAnchor();
  }

  // Language selector: its links already lead to this page in the other language (the plugin
  // renders them per page, so they work without JS; remarks keep their IDs across languages).
  // Keep the reader's state: the query string (the search page's ?q=…&theme=…, which it keeps
  // up to date) and the place: the #anchor while its target is in view, otherwise, once the
  // reader has scrolled, the remark in view. Set just before the link is followed (click,
  // middle click, context menu), in the capture phase, and the event stops here: Material's
  // own handler (on body) would instead look the page up in the other language's sitemap,
  // which fails off the published host (it keeps the sitemap's port) and lands on that
  // language's home.
  function visible(element, top) {
    var r = element.getBoundingClientRect();
    return r.height > 0 && r.bottom > top && r.top < window.innerHeight;
  }

  // The remark or item the reader is at: the innermost block across the reading line (a
  // quarter down the part of the window below the header), else the first block below it.
  function blockInView(top) {
    var line = top + (window.innerHeight - top) / 4;
    var best = null;
    var blocks = document.querySelectorAll(".gj-remark[id], .gj-item[id], .gj-retired[id]");
    for (var i = 0; i < blocks.length; i++) {
      var r = blocks[i].getBoundingClientRect();
      if (r.height === 0 || r.bottom <= line) continue;  // hidden (speaker filter), or above
      if (r.top <= line) {
        best = blocks[i];  // blocks come in document order: an item after its remark
      } else {
        if (!best && r.top < window.innerHeight) best = blocks[i];
        break;
      }
    }
    return best;
  }

  function placeHash() {
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep the raw text */ }
    var target = id && document.getElementById(id);
    if ((target && visible(target, top)) || window.scrollY === 0) return location.hash;
    var block = blockInView(top);
    return block ? "#" + encodeURIComponent(block.id) : location.hash;
  }

  function keepState(event) {
    var link = event.target.closest && event.target.closest("a.gj-alternate");
    if (!link) return;
    event.stopPropagation();
    link.href = link.href.split(/[?#]/)[0] + location.search + placeHash();
  }
  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, keepState, true);
  });

  // Keyboard: j and k go to the next and the previous remark of a meeting page (or entry of a
  // theme page), skipping those the speaker filter hides, by setting the address's #anchor:
  // the remark is scrolled to and highlighted (:target) as if its link was followed. Material's
  // own keys are f, s and / (search), p and , (previous page), n and . (next page). Never while
  // typing in a field or with a modifier key.
  // Where the reader is among the remarks: [i, i] at remark i (the #anchor's, while in view, or
  // the one across the reading line of blockInView), [i - 1, i] between two (i = remarks.length
  // past the last); the keys go to the one after the first or before the second.
  function remarkPlace(remarks, top) {
    var id = location.hash.slice(1);
    try { id = decodeURIComponent(id); } catch (e) { /* keep the raw text */ }
    var target = id && document.getElementById(id);
    var remark = target && visible(target, top) && target.closest("article.gj-remark");
    var at = remark ? remarks.indexOf(remark) : -1;
    if (at >= 0) return [at, at];
    var line = top + (window.innerHeight - top) / 4;
    for (var i = 0; i < remarks.length; i++) {
      var r = remarks[i].getBoundingClientRect();
      if (r.bottom <= line) continue;
      return r.top <= line ? [i, i] : [i - 1, i];
    }
    return [remarks.length - 1, remarks.length];
  }

  function stepByKey(event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "j" && event.key !== "k") return;
    var field = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (field || event.target.isContentEditable) return;
    var remarks = Array.prototype.filter.call(
      document.querySelectorAll("article.gj-remark[id]"), function (r) { return !r.hidden; });
    if (!remarks.length) return;
    var header = document.querySelector(".md-header");
    var place = remarkPlace(remarks, header ? header.getBoundingClientRect().bottom : 0);
    var next = remarks[event.key === "j" ? place[0] + 1 : place[1] - 1];
    if (!next) return;
    event.preventDefault();
    location.hash = "#" + encodeURIComponent(next.id);
  }
  document.addEventListener("keydown", stepByKey);

  // Material's document$ emits on every page load, including instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
