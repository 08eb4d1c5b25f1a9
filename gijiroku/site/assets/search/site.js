// gijiroku search on every page of the site (an ES module; gijiroku/site/search.py adds it).
// - On the search page (an element #gj-search), mount the search UI.
// - On arrival from a result (?h=QUERY#remark-id), mark the matched words inside the target
//   remark's own text; the remark itself is highlighted by the CSS :target rule. <mark> only
//   wraps existing text nodes, so nothing is added to what the reader sees or copies.
import { highlightInElement, mountSearchPage, SearchIndex } from "./search.js";

// This file is served from assets/search/; the index lives in search/ at the site root.
const siteRoot = new URL("../../", import.meta.url);
const indexBase = new URL("search/", siteRoot);

const page = document.getElementById("gj-search");
if (page) mountSearchPage(page, { indexBase: indexBase.href, siteRoot: siteRoot.href });

async function markArrival() {
  const query = new URLSearchParams(location.search).get("h");
  const id = decodeURIComponent(location.hash.slice(1));
  const text = query && id ? document.getElementById(id)?.querySelector(":scope > .gj-text") : null;
  if (!text) return;
  const index = await SearchIndex.load(indexBase.href);
  const marks = highlightInElement(text, query, index.table, index.language, index.lexicon);
  text.closest("[id]").dataset.searchMarks = String(marks); // for tests and styling
}

markArrival();
