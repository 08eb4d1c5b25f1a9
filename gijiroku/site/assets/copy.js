// gijiroku meeting pages: each remark's and item's copy buttons and citation formats (an ES
// module; the plugin adds it to every page, and it acts only where the meeting page's data,
// <script id="gj-cite-data"> (views.cite_data), is).
// - The permalink (.gj-tools) becomes the absolute address of the unit: from site_url when the
//   build knew it, else from the page's own location, so it is right wherever the site is served.
// - "Copy link" copies that address; "Copy quote + citation" the unit's text as the page shows
//   it (a remark's followed by its items'), then its citation in the page's language; "Citation formats" opens the four formats
//   (cite.js, from the page's data: nothing is fetched).
// - Feedback appears next to the buttons (role=status); where the clipboard refuses, the text is
//   shown selected in a box to copy by hand.
// Without JavaScript a unit shows its text and a plain permalink.
import { cite, meetingCitation, unitsById } from "./cite.js";

// Material's document$ emits every page load (instant navigation included), else once.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(start);
} else {
  start();
}

function start() {
  const dataElement = document.getElementById("gj-cite-data");
  if (!dataElement || dataElement.dataset.ready) return;
  dataElement.dataset.ready = "1";
  mount(JSON.parse(dataElement.textContent));
}

function mount(data) {
  const t = data.strings;
  // The permalinks are the meeting page's, also on a part of a split meeting (data.base).
  const base = data.page || new URL(data.base || "", pageAddress()).href;
  const print = document.querySelector(".gj-print-url");
  if (print && !print.textContent) print.textContent = pageAddress();
  const meeting = meetingCitation(data.facts, data.language);
  const units = unitsById(data.units);
  const translated = new Set(data.translated);
  document.querySelectorAll(".gj-tools").forEach((tools) => {
    const unit = tools.parentElement;
    const url = `${base}#${unit.id}`;
    const link = tools.querySelector(".gj-permalink a");
    link.href = url;
    link.textContent = url;
    const citations = () => cite(meeting, units.get(unit.id), url, translated.has(unit.id));
    const status = element("span", "gj-status", "");
    status.setAttribute("role", "status");
    const copyLink = button(t.copy_link, () => copyWithFeedback(() => url, status, t));
    const copyQuote = button(t.copy_quote, () => copyWithFeedback(
      () => `${unitText(unit)}\n${citations()[data.language]}`, status, t));
    const toggle = button(t.formats, () => togglePanel(tools, toggle, unit.id, citations, data));
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", `cite-${unit.id}`);
    const buttons = element("span", "gj-buttons", "");
    buttons.append(copyLink, copyQuote, toggle, status);
    tools.append(buttons);
  });
}

/** The page's own address, without query or fragment. */
function pageAddress() {
  const url = new URL(location.href);
  url.hash = "";
  url.search = "";
  return url.href;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function button(label, onClick) {
  const node = element("button", "gj-copy md-button", label);
  node.type = "button";
  node.addEventListener("click", onClick);
  return node;
}

/** The text of a unit as its block shows it, a line per paragraph; a remark's is followed by
 * its items' texts, as its citation covers them. */
function unitText(unit) {
  const blocks = [unit.querySelector(":scope > .gj-text"),
                  ...unit.querySelectorAll(":scope > .gj-items > li > .gj-text")];
  return blocks.map((text) => {
    const paragraphs = text.querySelectorAll(":scope > p");
    return paragraphs.length ? Array.from(paragraphs, (p) => p.textContent).join("\n") : text.textContent;
  }).join("\n");
}

function togglePanel(tools, toggle, id, citations, data) {
  let panel = document.getElementById(`cite-${id}`);
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  if (panel) {
    panel.hidden = !open;
    return;
  }
  const texts = citations();
  panel = element("div", "gj-cite-panel", "");
  panel.id = `cite-${id}`;
  for (const [key, label, lang] of data.formats) {
    const row = element("div", "gj-cite-format", "");
    const rowStatus = element("span", "gj-status", "");
    rowStatus.setAttribute("role", "status");
    const copy = button(data.strings.copy, () => copyWithFeedback(() => texts[key], rowStatus, data.strings));
    copy.setAttribute("aria-label", data.strings.copy_format.replace("{format}", label));
    const pre = element("pre", "", texts[key]);
    pre.id = `cite-${key}-${id}`;
    if (lang) pre.lang = lang;
    row.append(element("span", "gj-cite-label", label), copy, rowStatus, pre);
    panel.append(row);
  }
  tools.after(panel);
}

/** Copy what ``make()`` gives and say so in ``status``; if the clipboard refuses, show the text
 * selected in a box after ``status`` so the reader can copy it by hand. */
async function copyWithFeedback(make, status, t) {
  status.parentElement.querySelectorAll(":scope > .gj-manual-copy").forEach((box) => box.remove());
  const text = make();
  // Exposed for tests and for anyone scripting the page: the last text a button copied.
  window.gijirokuLastCopied = text;
  if (await copyText(text)) {
    status.textContent = t.copied;
    clearTimeout(status.clearing);
    status.clearing = setTimeout(() => { status.textContent = ""; }, 8000);
    return;
  }
  status.textContent = t.failed;
  const box = element("textarea", "gj-manual-copy", "");
  box.value = text;
  box.readOnly = true;
  box.rows = Math.min(8, text.split("\n").length + 1);
  status.after(box);
  box.focus();
  box.select();
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) { /* refused (permissions, no user activation): try the old way */ }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch (error) {
    return false;
  } finally {
    area.remove();
  }
}
