// Remark-level Japanese full-text search over the static index written by
// gijiroku/search_index.py (its module docstring documents the index format and the query
// semantics; this file must fold and match exactly as that module does).
//
// Exports: fold, foldWithMap, parseQuery, highlightRanges (pure, given the folding table);
// SearchIndex (loads meta.json and answers queries, fetching only the shards and units files a
// query needs); highlightInElement (marks a query's matches inside a DOM element);
// mountSearchPage (the search page UI: input, theme/meeting filters, results, URL sync).

const MARK = /^[\p{M}\uFF9E\uFF9F]$/u; // combining marks and half-width ﾞﾟ join the preceding character
const SPACES = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const QUOTES = { '"': '"', "\u201c": "\u201d", "\u201d": "\u201d", "\uff02": "\uff02" };

const prepared = new WeakMap();
function prepare(table) {
  let p = prepared.get(table);
  if (!p) {
    const drop = new Set();
    for (const [lo, hi] of table.drop) for (let c = lo; c <= hi; c++) drop.add(c);
    p = { itaiji: new Map(Object.entries(table.itaiji)), drop };
    prepared.set(table, p);
  }
  return p;
}

/** Fold `text`; starts[i]/ends[i] give the range of `text` that UTF-16 unit i of `folded` came from. */
export function foldWithMap(text, table) {
  const { itaiji, drop } = prepare(table);
  const chars = [];
  let index = 0;
  for (const ch of text) {
    chars.push([ch, index]);
    index += ch.length;
  }
  let folded = "";
  const starts = [];
  const ends = [];
  for (let k = 0; k < chars.length; ) {
    let j = k + 1;
    while (j < chars.length && MARK.test(chars[j][0])) j++;
    const start = chars[k][1];
    const end = j < chars.length ? chars[j][1] : text.length;
    for (let ch of text.slice(start, end).normalize("NFKC").toLowerCase()) {
      ch = itaiji.get(ch) ?? ch;
      if (drop.has(ch.codePointAt(0))) continue;
      folded += ch;
      for (let u = 0; u < ch.length; u++) {
        starts.push(start);
        ends.push(end);
      }
    }
    k = j;
  }
  return { folded, starts, ends };
}

export function fold(text, table) {
  return foldWithMap(text, table).folded;
}

/** Folded terms: whitespace-separated words, or quoted phrases; empty terms dropped. */
export function parseQuery(query, table) {
  const raw = [];
  let word = "";
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (ch in QUOTES) {
      let close = query.indexOf(QUOTES[ch], i + 1);
      if (close < 0) close = query.length;
      raw.push(word, query.slice(i + 1, close));
      word = "";
      i = close;
    } else if (SPACES.test(ch)) {
      raw.push(word);
      word = "";
    } else {
      word += ch;
    }
  }
  raw.push(word);
  return raw.map((r) => fold(r, table)).filter((t) => t.length > 0);
}

function countOccurrences(haystack, needle) {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/** Merged [start, end) ranges of `text` covering every occurrence of every folded term. */
export function highlightRanges(text, terms, table) {
  const { folded, starts, ends } = foldWithMap(text, table);
  const spans = [];
  for (const term of terms) {
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + 1)) {
      spans.push([starts[at], ends[at + term.length - 1]]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

function termKeys(term) {
  const cps = Array.from(term);
  if (cps.length === 1) return cps;
  const keys = [];
  for (let i = 0; i + 1 < cps.length; i++) keys.push(cps[i] + cps[i + 1]);
  return keys;
}

const encoder = new TextEncoder();
function fnv1a32(key) {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(key)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

function decodePostings(encoded) {
  const out = new Map();
  let unit = -1;
  for (let i = 0; i < encoded.length; i++) {
    const gap = encoded[i];
    if (gap < 0) {
      unit -= gap;
      out.set(unit, encoded[++i]);
    } else {
      unit += gap;
      out.set(unit, 1);
    }
  }
  return out;
}

// Rank keys are arrays compared lexicographically, smaller first: [-whole, -occurrences, unit].
function compareKeys(a, b) {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export class SearchIndex {
  /** `base`: URL of the index directory (ending in "/"); `fetchJson(url)`: optional loader. */
  constructor(base, meta, fetchJson) {
    this.base = base;
    this.meta = meta;
    this.table = meta.fold;
    this.fetchJson = fetchJson;
    this.shards = new Map();
    this.chunks = new Map();
    this.width = String(meta.shards - 1).length;
  }

  static async load(base, fetchJson = defaultFetchJson) {
    const meta = await fetchJson(new URL("meta.json", base).href);
    if (meta.format !== "gijiroku-search/1") throw new Error(`unsupported search index format ${meta.format}`);
    return new SearchIndex(base, meta, fetchJson);
  }

  _file(rel, cache) {
    if (!cache.has(rel)) cache.set(rel, this.fetchJson(new URL(rel, this.base).href));
    return cache.get(rel);
  }

  async postings(key) {
    const shard = String(fnv1a32(key) % this.meta.shards).padStart(this.width, "0");
    const entries = await this._file(`grams/${shard}.json`, this.shards);
    return decodePostings(entries[key] ?? []);
  }

  async unit(number) {
    const chunks = this.meta.chunks;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid] <= number) lo = mid;
      else hi = mid - 1;
    }
    const records = await this._file(`units/${String(lo).padStart(4, "0")}.json`, this.chunks);
    return records[number - chunks[lo]];
  }

  meetings() {
    return this._file(this.meta.meetings, this.chunks);
  }

  /**
   * The best `limit` matches of `query`, ranked. Returns {terms, results, total}: each result is
   * the unit record plus `highlights` ([start, end) ranges of its text); `total` is the exact
   * number of matches, or null when it is unknown because only the best candidates were
   * verified (then `candidates` is an upper bound).
   */
  async query(query, { theme = "", meeting = "", limit = 20 } = {}) {
    const terms = parseQuery(query, this.table);
    const filters = [theme && `theme:${theme}`, meeting && `meeting:${meeting}`].filter(Boolean);
    if (terms.length === 0 && filters.length === 0) return { terms, results: [], total: 0, candidates: 0 };
    const whole = terms.join("");
    const wholeKeys = terms.length > 1 ? termKeys(whole) : [];
    const needed = [...new Set([...filters, ...terms.flatMap(termKeys), ...wholeKeys])];
    const lists = new Map(await Promise.all(needed.map(async (k) => [k, await this.postings(k)])));

    const required = [...filters, ...new Set(terms.flatMap(termKeys))].map((k) => lists.get(k));
    required.sort((a, b) => a.size - b.size);
    const candidates = [];
    for (const unit of required[0].keys()) {
      if (!required.every((list) => list.has(unit))) continue;
      let occurrences = 0;
      for (const term of terms) occurrences += Math.min(...termKeys(term).map((k) => lists.get(k).get(unit)));
      const wholeBound = terms.length === 0 ? 0 : wholeKeys.every((k) => lists.get(k).has(unit)) ? 1 : 0;
      candidates.push({ unit, bound: [-wholeBound, -occurrences, unit] });
    }
    candidates.sort((a, b) => compareKeys(a.bound, b.bound));

    // Verify candidates in order of their best possible rank; a verified match is final once no
    // unverified candidate can outrank it (a real key is never better than its bound).
    const results = [];
    const verified = [];
    let next = 0;
    while (results.length < limit) {
      if (verified.length && (next >= candidates.length || compareKeys(verified[0].key, candidates[next].bound) < 0)) {
        results.push(verified.shift().result);
        continue;
      }
      if (next >= candidates.length) break;
      const batch = candidates.slice(next, next + Math.max(limit - results.length, 10));
      next += batch.length;
      const records = await Promise.all(batch.map((c) => this.unit(c.unit)));
      batch.forEach((c, i) => {
        const record = records[i];
        const folded = fold(record.text, this.table);
        const counts = terms.map((t) => countOccurrences(folded, t));
        if (counts.some((n) => n === 0)) return;
        const occurrences = counts.reduce((a, b) => a + b, 0);
        const key = [terms.length && folded.includes(whole) ? -1 : 0, -occurrences, c.unit];
        verified.push({ key, result: { ...record, highlights: highlightRanges(record.text, terms, this.table) } });
      });
      verified.sort((a, b) => compareKeys(a.key, b.key));
    }
    // Postings of terms of at most two characters are exact, so nothing needs verifying to count.
    const exact = next >= candidates.length || terms.every((t) => Array.from(t).length <= 2);
    const total = next >= candidates.length ? results.length + verified.length : exact ? candidates.length : null;
    return { terms, results, total, candidates: candidates.length };
  }
}

async function defaultFetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/**
 * Wrap every match of `query` inside `el` in <mark class="gs-hit"> (text nodes are split, no
 * character is added). Matches may span several text nodes. Returns the number of marks added.
 */
export function highlightInElement(el, query, table) {
  const terms = parseQuery(query, table);
  if (terms.length === 0) return 0;
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */, {
    acceptNode: (node) =>
      node.parentElement && node.parentElement.closest("script, style, mark.gs-hit") ? 2 /* REJECT */ : 1,
  });
  const nodes = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push({ node, start: text.length });
    text += node.data;
  }
  let marks = 0;
  // From the last range backwards, so splitting a node never shifts an unprocessed range.
  for (const [s, e] of highlightRanges(text, terms, table).reverse()) {
    for (let n = nodes.length - 1; n >= 0; n--) {
      const { node, start } = nodes[n];
      const end = start + node.data.length;
      if (end <= s || start >= e) continue;
      const from = Math.max(s, start) - start;
      const to = Math.min(e, end) - start;
      const range = doc.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const mark = doc.createElement("mark");
      mark.className = "gs-hit";
      range.surroundContents(mark);
      marks++;
    }
  }
  return marks;
}

function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const SNIPPET_BEFORE = 40;
const SNIPPET_LENGTH = 160;

/** A snippet of `text` around its first highlight, matches in <mark>; cuts are shown by CSS only. */
export function renderSnippet(doc, text, highlights) {
  const p = el(doc, "p", "gs-snippet");
  let from = highlights.length ? Math.max(0, highlights[0][0] - SNIPPET_BEFORE) : 0;
  let to = Math.min(text.length, from + SNIPPET_LENGTH);
  from = Math.max(0, Math.min(from, to - SNIPPET_LENGTH));
  // Never cut a surrogate pair in half.
  if (from > 0 && /[\udc00-\udfff]/.test(text[from])) from--;
  if (to < text.length && /[\udc00-\udfff]/.test(text[to])) to++;
  if (from > 0) p.classList.add("gs-cut-start");
  if (to < text.length) p.classList.add("gs-cut-end");
  let at = from;
  for (const [s, e] of highlights) {
    if (e <= from || s >= to) continue;
    const ms = Math.max(s, from);
    if (ms > at) p.append(text.slice(at, ms));
    p.append(el(doc, "mark", "gs-hit", text.slice(ms, Math.min(e, to))));
    at = Math.min(e, to);
  }
  if (at < to) p.append(text.slice(at, to));
  return p;
}

/**
 * Mount the search page UI in `container`. Options: `indexBase` (URL of the index directory),
 * `siteRoot` (URL of the site root, to resolve unit URLs), `pageSize`. Reads q, theme and meeting
 * from the page URL, shows results on load, and keeps the URL in step as the user types.
 * Dispatches "gijiroku-search:results" on `container` after each render.
 */
export async function mountSearchPage(container, { indexBase, siteRoot, pageSize = 20 }) {
  const doc = container.ownerDocument;
  const win = doc.defaultView;
  const params = new URLSearchParams(win.location.search);
  const form = el(doc, "form", "gs-form");
  form.setAttribute("role", "search");
  form.addEventListener("submit", (event) => event.preventDefault());
  const input = el(doc, "input", "gs-input");
  Object.assign(input, { type: "search", name: "q", value: params.get("q") ?? "", autocomplete: "off" });
  input.setAttribute("aria-label", "検索語");
  input.placeholder = "検索語（スペース区切りで AND、\"…\" で完全一致）";
  const themeSelect = el(doc, "select", "gs-filter");
  themeSelect.name = "theme";
  themeSelect.setAttribute("aria-label", "テーマで絞り込む");
  const meetingSelect = el(doc, "select", "gs-filter");
  meetingSelect.name = "meeting";
  meetingSelect.setAttribute("aria-label", "会議で絞り込む");
  const status = el(doc, "p", "gs-status");
  status.setAttribute("aria-live", "polite");
  const list = el(doc, "ol", "gs-results");
  const more = el(doc, "button", "gs-more", "さらに表示");
  more.type = "button";
  more.hidden = true;
  form.append(input, themeSelect, meetingSelect);
  container.replaceChildren(form, status, list, more);

  const addOption = (select, value, label) => {
    const option = el(doc, "option", "", label);
    option.value = value;
    select.append(option);
  };
  addOption(themeSelect, "", "すべてのテーマ");
  addOption(meetingSelect, "", "すべての会議");
  // Options given in the URL exist before the lists load, so the filter applies at once.
  if (params.get("meeting")) addOption(meetingSelect, params.get("meeting"), params.get("meeting"));
  meetingSelect.value = params.get("meeting") ?? "";

  let index;
  try {
    index = await SearchIndex.load(new URL(indexBase, win.location.href).href);
  } catch (error) {
    status.textContent = `検索インデックスを読み込めませんでした（${error.message}）。`;
    return;
  }
  const themeLabels = new Map(index.meta.themes.map((t) => [t.slug, t.label]));
  for (const t of index.meta.themes) addOption(themeSelect, t.slug, `${t.label}（${t.count}）`);
  themeSelect.value = params.get("theme") ?? "";
  const root = new URL(siteRoot, win.location.href);

  let generation = 0;
  let shown = pageSize;
  async function run() {
    const mine = ++generation;
    const q = input.value;
    const theme = themeSelect.value;
    const meeting = meetingSelect.value;
    const url = new URL(win.location.href);
    for (const [k, v] of [["q", q], ["theme", theme], ["meeting", meeting]]) {
      if (v) url.searchParams.set(k, v);
      else url.searchParams.delete(k);
    }
    win.history.replaceState(win.history.state, "", url);
    const answer = await index.query(q, { theme, meeting, limit: shown });
    if (mine !== generation) return; // a newer query is running
    render(answer, q, theme, meeting);
    container.dispatchEvent(new win.CustomEvent("gijiroku-search:results", { detail: { count: answer.results.length } }));
  }

  function render(answer, q, theme, meeting) {
    list.replaceChildren();
    const filtered = Boolean(theme || meeting);
    if (answer.terms.length === 0 && !filtered) {
      status.textContent = "検索語を入力してください。語をスペースで区切るとすべてを含む発言を、\"…\" で囲むとその語句をそのまま含む発言を探します。";
      more.hidden = true;
      return;
    }
    if (answer.results.length === 0) {
      status.textContent =
        `「${q.trim()}」を含む発言は見つかりませんでした。` +
        (filtered ? "テーマや会議の絞り込みを外すか、" : "") +
        (answer.terms.length > 1 ? "語の数を減らすか、" : "") +
        "短い語や別の表記で試してください（全角・半角、大文字・小文字、強靱/強靭などの異体字は区別しません）。";
      more.hidden = true;
      return;
    }
    status.textContent =
      answer.total === null ? `${answer.results.length}件を表示（最大 ${answer.candidates}件）` : `${answer.total}件`;
    for (const unit of answer.results) {
      const li = el(doc, "li", "gs-result");
      const target = new URL(unit.url, root);
      if (q.trim()) target.searchParams.set("h", q.trim());
      const a = el(doc, "a", "gs-link");
      a.href = target.href;
      a.append(
        el(doc, "span", "gs-meeting", unit.title),
        el(doc, "span", "gs-date", unit.date),
        el(doc, "span", "gs-number", `発言 ${unit.number}`),
      );
      li.append(a, renderSnippet(doc, unit.text, unit.highlights));
      if (unit.themes.length) {
        const chips = el(doc, "ul", "gs-themes");
        for (const slug of unit.themes) chips.append(el(doc, "li", "gs-chip", themeLabels.get(slug) ?? slug));
        li.append(chips);
      }
      list.append(li);
    }
    more.hidden = answer.total !== null && answer.results.length >= answer.total;
    more.hidden ||= answer.total === null && answer.results.length >= answer.candidates;
  }

  let timer;
  let composing = false;
  const schedule = () => {
    shown = pageSize;
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  };
  input.addEventListener("compositionstart", () => (composing = true));
  input.addEventListener("compositionend", () => {
    composing = false;
    schedule();
  });
  input.addEventListener("input", () => composing || schedule());
  themeSelect.addEventListener("change", schedule);
  meetingSelect.addEventListener("change", schedule);
  more.addEventListener("click", () => {
    shown += pageSize;
    run();
  });
  await run();

  // The meeting list is not needed for a query; load it after the first results.
  const meetings = await index.meetings();
  const current = meetingSelect.value;
  meetingSelect.replaceChildren();
  addOption(meetingSelect, "", "すべての会議");
  for (const m of meetings) addOption(meetingSelect, m.id, `${m.date} ${m.title}`);
  meetingSelect.value = current;
}
