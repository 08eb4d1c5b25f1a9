// Remark-level Japanese full-text search over the static index written by
// gijiroku/search/index.py (its module docstring documents the index format and the query
// semantics; this file must fold and match exactly as that module does).
//
// Exports: fold, foldWithMap, parseQuery, highlightRanges (pure, given the folding table);
// tokenize, stem, queryTerms (the English mode, meta.json "language": "en"); termAlternatives
// (forgiving Japanese terms). A `lexicon` is what meta.json adds to the folding table:
// {variants (okurigana table, Japanese), spelling (British → American table, English)}.
// SearchIndex (loads meta.json and answers queries, fetching only the shards and units files a
// query needs); highlightInElement (marks a query's matches inside a DOM element);
// mountSearchPage (the search page UI: input, theme/meeting filters, results, URL sync).

import { snowballEnglish } from "./snowball-english.js";

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

/** Each character of the folded clusters (NFKC, lowercase, itaiji; nothing dropped yet) as [ch, start, end]. */
function* foldedChars(text, table) {
  const { itaiji } = prepare(table);
  const chars = [];
  let index = 0;
  for (const ch of text) {
    chars.push([ch, index]);
    index += ch.length;
  }
  for (let k = 0; k < chars.length; ) {
    let j = k + 1;
    while (j < chars.length && MARK.test(chars[j][0])) j++;
    const start = chars[k][1];
    const end = j < chars.length ? chars[j][1] : text.length;
    for (const ch of text.slice(start, end).normalize("NFKC").toLowerCase()) yield [itaiji.get(ch) ?? ch, start, end];
    k = j;
  }
}

/** Fold `text`; starts[i]/ends[i] give the range of `text` that UTF-16 unit i of `folded` came from. */
export function foldWithMap(text, table) {
  const { drop } = prepare(table);
  let folded = "";
  const starts = [];
  const ends = [];
  for (const [ch, start, end] of foldedChars(text, table)) {
    if (drop.has(ch.codePointAt(0))) continue;
    folded += ch;
    for (let u = 0; u < ch.length; u++) {
      starts.push(start);
      ends.push(end);
    }
  }
  return { folded, starts, ends };
}

export function fold(text, table) {
  return foldWithMap(text, table).folded;
}

// English mode (see "Languages" in gijiroku/search/index.py): the same ranges and steps as there.
const CJK = [[0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x3ffff]];
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const JOINER = /^[\p{Cf}\p{Mn}]$/u;

/** English-mode tokens of `text`: [{token (stemmed), start, end}], text.slice(start, end) the original. */
export function tokenize(text, table, spelling = NO_SPELLING) {
  const { drop } = prepare(table);
  const tokens = [];
  let word = null;
  const flush = () => {
    if (word) tokens.push({ ...word, token: stem(word.token, spelling) });
    word = null;
  };
  for (const [ch, start, end] of foldedChars(text, table)) {
    const cp = ch.codePointAt(0);
    if (drop.has(cp)) {
      if (!JOINER.test(ch)) flush(); // whitespace separates; format characters join
    } else if (!WORD_CHAR.test(ch)) {
      flush();
    } else if (CJK.some(([lo, hi]) => lo <= cp && cp <= hi)) {
      flush();
      tokens.push({ token: ch, start, end });
    } else if (word) {
      word.token += ch;
      word.end = end;
    } else {
      word = { token: ch, start, end };
    }
  }
  flush();
  return tokens;
}

const NO_SPELLING = { min_stem: 0, endings: [], words: {} };

/** `word` in American spelling, by the table of gijiroku/data/spelling_en.yml (meta.json "spelling"). */
function american(word, spelling) {
  if (Object.hasOwn(spelling.words, word)) return spelling.words[word];
  for (const [british, ending] of spelling.endings) {
    if (word.endsWith(british) && word.length - british.length >= spelling.min_stem) {
      return word.slice(0, -british.length) + ending;
    }
  }
  return word;
}

/** The Snowball English stem of a lowercase ASCII word in American spelling (gijiroku.search.tokens.stem). */
export function stem(word, spelling = NO_SPELLING) {
  if (!/^[a-z]+$/.test(word)) return word;
  return snowballEnglish(american(word, spelling));
}

/** Folded terms: whitespace-separated words, or quoted phrases; empty terms dropped. */
export function parseQuery(query, table) {
  return rawTerms(query).map((r) => fold(r, table)).filter((t) => t.length > 0);
}

/** The terms of a query in `language`: folded strings ("ja") or arrays of stemmed tokens ("en"). */
export function queryTerms(query, table, language = "ja", lexicon = {}) {
  if (language === "ja") return parseQuery(query, table);
  return rawTerms(query)
    .map((r) => tokenize(r, table, lexicon.spelling).map((t) => t.token))
    .filter((t) => t.length > 0);
}

function rawTerms(query) {
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
  return raw;
}

// Forgiving Japanese queries (gijiroku/search/variants.py documents them): a term is searched
// as its alternatives, {text, wordStart}; `variants` is meta.json's okurigana table.
const MAX_ALTERNATIVES = 16;
const KANA_WORD_START_BELOW = 4;
const HIRAGANA_WORD = /^[\u3041-\u3096\u30fc]*[\u3041-\u3096][\u3041-\u3096\u30fc]*$/;
const isKatakana = (ch) => ch >= "\u30a1" && ch <= "\u30ff";
const toKatakana = (text) =>
  Array.from(text, (c) => (c === "\u30fc" ? c : String.fromCharCode(c.charCodeAt(0) + 0x60))).join("");

const formIndexes = new WeakMap();
function formIndex(variants) {
  let p = formIndexes.get(variants);
  if (!p) {
    const index = new Map();
    variants.forEach((forms, number) => forms.forEach((f) => index.has(f) || index.set(f, number)));
    p = { index, longest: Math.max(0, ...Array.from(index.keys(), (f) => Array.from(f).length)) };
    formIndexes.set(variants, p);
  }
  return p;
}

/** The spellings of `term` with each variant word in it written in each of its forms. */
function okuriganaSpellings(term, variants) {
  const { index, longest } = formIndex(variants);
  const cps = Array.from(term);
  const pieces = [];
  let i = 0;
  let start = 0;
  while (i < cps.length) {
    let match = null;
    for (let n = Math.min(longest, cps.length - i); n > 0 && match === null; n--) {
      const candidate = cps.slice(i, i + n).join("");
      if (index.has(candidate)) match = candidate;
    }
    if (match === null) {
      i++;
      continue;
    }
    pieces.push([cps.slice(start, i).join("")]);
    pieces.push([match, ...variants[index.get(match)].filter((f) => f !== match)]);
    i = start = i + Array.from(match).length;
  }
  pieces.push([cps.slice(start).join("")]);
  let spellings = [""];
  // The first MAX_ALTERNATIVES of the product (the last piece varying fastest); a prefix beyond
  // the first MAX_ALTERNATIVES can never start one of them.
  for (const piece of pieces) spellings = spellings.flatMap((s) => piece.map((p) => s + p)).slice(0, MAX_ALTERNATIVES);
  return [...new Set(spellings)];
}

const isCjkToken = (token) => {
  const cps = Array.from(token);
  return cps.length === 1 && CJK.some(([lo, hi]) => lo <= cps[0].codePointAt(0) && cps[0].codePointAt(0) <= hi);
};

/** The alternatives of a term: a Japanese term's spellings; an English term itself, unless it is
 * Japanese (every token a kana or CJK character): then its characters' alternatives, as tokens. */
export function termAlternatives(term, variants = []) {
  if (Array.isArray(term)) {
    if (term.length === 0 || !term.every(isCjkToken)) return [{ text: term, wordStart: false }];
    return termAlternatives(term.join(""), variants).map((a) => ({ text: Array.from(a.text), wordStart: a.wordStart }));
  }
  const found = okuriganaSpellings(term, variants).map((text) => ({ text, wordStart: false }));
  if (HIRAGANA_WORD.test(term)) {
    found.push({ text: toKatakana(term), wordStart: Array.from(term).length < KANA_WORD_START_BELOW });
  }
  return found.filter((a) => !found.some((b) => b.text !== a.text && a.text.includes(b.text) && !b.wordStart));
}

/** Positions where an alternative occurs in `haystack` (a folded string, or an array of tokens). */
function positions(haystack, alternative) {
  const found = [];
  const needle = alternative.text;
  if (typeof haystack === "string") {
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      if (!alternative.wordStart || at === 0 || !isKatakana(haystack[at - 1])) found.push(at);
    }
    return found;
  }
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (!needle.every((token, k) => haystack[i + k] === token)) continue;
    if (!alternative.wordStart || i === 0 || !isKatakana(haystack[i - 1])) found.push(i);
  }
  return found;
}

/** Occurrences of a term (any of its alternatives) in `haystack`. */
function countOccurrences(haystack, term, variants) {
  return termAlternatives(term, variants).reduce((n, a) => n + positions(haystack, a).length, 0);
}

/** What terms are matched against: the folded text ("ja") or its tokens ("en"). */
function analysed(text, table, language, lexicon) {
  return language === "ja" ? fold(text, table) : tokenize(text, table, lexicon.spelling).map((t) => t.token);
}

function joinTerms(terms) {
  return terms.length && Array.isArray(terms[0]) ? terms.flat() : terms.join("");
}

/** Merged [start, end) ranges of `text` covering every occurrence of every term (any spelling). */
export function highlightRanges(text, terms, table, language = "ja", lexicon = {}) {
  let units, starts, ends;
  if (language === "ja") ({ folded: units, starts, ends } = foldWithMap(text, table));
  else {
    const tokens = tokenize(text, table, lexicon.spelling);
    units = tokens.map((t) => t.token);
    starts = tokens.map((t) => t.start);
    ends = tokens.map((t) => t.end);
  }
  const spans = [];
  for (const alternative of terms.flatMap((term) => termAlternatives(term, lexicon.variants))) {
    const n = alternative.text.length; // UTF-16 units of a string, tokens of an array
    for (const at of positions(units, alternative)) spans.push([starts[at], ends[at + n - 1]]);
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

/** A term's postings keys (gijiroku.search.query.term_keys): its distinct tokens, its one
 * character, or a cover of its bigrams (every other one from the first, and the last). */
function termKeys(term) {
  if (Array.isArray(term)) return [...new Set(term)];
  const cps = Array.from(term);
  if (cps.length === 1) return cps;
  const keys = [];
  for (let i = 0; i + 1 < cps.length; i += 2) keys.push(cps[i] + cps[i + 1]);
  if (cps.length % 2 === 1) keys.push(cps[cps.length - 2] + cps[cps.length - 1]);
  return [...new Set(keys)];
}

/** Keys of the whole query (Japanese terms joined) that its terms' keys mostly are already:
 * each term's keys and the bigram across each join (the whole's own cover would fetch others). */
function joinedKeys(terms) {
  const keys = terms.flatMap(termKeys);
  for (let i = 0; i + 1 < terms.length; i++) keys.push(Array.from(terms[i]).at(-1) + Array.from(terms[i + 1])[0]);
  return [...new Set(keys)];
}

const encoder = new TextEncoder();
function fnv1a32(key) {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(key)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

// The digits of a postings string (gijiroku.search.index._DIGITS): 5 bits a digit, most
// significant first; a value of 32 or more marks a digit that is not a number's last.
const DIGIT = new Map(Array.from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", (d, v) => [d, v]));

/** The numbers of a postings string or of meta.json's rows (gijiroku.search.index.decode_numbers). */
function decodeNumbers(encoded) {
  const numbers = [];
  let n = 0;
  for (let i = 0; i < encoded.length; i++) {
    const value = DIGIT.get(encoded[i]);
    n = n * 32 + (value & 31);
    if (value < 32) {
      numbers.push(n);
      n = 0;
    }
  }
  return numbers;
}

/** {unit number: count} of a postings string (gijiroku.search.index.decode_postings). */
function decodePostings(encoded) {
  const out = new Map();
  const numbers = decodeNumbers(encoded);
  let unit = -1;
  for (let i = 0; i < numbers.length; i++) {
    const value = numbers[i];
    unit += Math.floor(value / 2) + 1;
    out.set(unit, value % 2 ? numbers[++i] + 2 : 1);
  }
  return out;
}

/** The record of a unit row (gijiroku.search.index.unit_record); `translation` from a texts file. */
function unitRecord(row, meta, translation = null) {
  const [id, page, meeting, series, num, date, number, speaker, themes, text] = row;
  const record = { id, url: `${page}#${id}`, meeting };
  if (series !== null) record.series = meta.series[series].slug;
  Object.assign(record, { num, date, number });
  if (speaker) record.speaker = speaker;
  Object.assign(record, { themes: themes.map((t) => meta.themes[t].slug), text });
  if (translation !== null) Object.assign(record, { text: translation, original: text });
  return record;
}

/** What a unit's terms are matched against (gijiroku.search.index.searchable_text): its text; in
 * English also its Japanese original and its themes' labels, a line each. */
function searchableText(record, themeLabels, language) {
  if (language === "ja") return record.text;
  const labels = record.themes.map((slug) => themeLabels.get(slug) ?? slug);
  return [record.text, ...(record.original ? [record.original] : []), ...labels].join("\n");
}

/** The record as shown: highlights of its text, or of its original when only that matched. */
function shown(record, highlights) {
  const n = record.text.length;
  const start = n + 1;
  const end = start + (record.original ?? "").length;
  const inside = highlights.filter(([s, e]) => start <= s && e <= end).map(([s, e]) => [s - start, e - start]);
  if (record.original && inside.length && !highlights.some(([s]) => s < n)) {
    return { ...record, text: record.original, highlights: inside };
  }
  return { ...record, highlights: highlights.filter(([s]) => s < n).map(([s, e]) => [s, Math.min(e, n)]) };
}

// Rank keys are arrays compared lexicographically, smaller first: [-whole, -occurrences, unit],
// after the date (its index in dates.json, negated for newest) in a date sort.
function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The sort orders of a query (the page's `sort` parameter); the first is the default. */
export const SORTS = ["relevance", "newest", "oldest"];

/** The filter key of a speaker: the folded name (gijiroku.search.index.speaker_key). */
export function speakerKey(name, table) {
  return `speaker:${fold(name, table)}`;
}

// A remark or item ID (gijiroku.search.query.id_query): series code and meeting number, then numbers.
const ID_QUERY = /^[a-z][a-z0-9]*[0-9]+(?:-[0-9]+){1,2}$/;

/** The unit ID a query is, folded (ＳＲ０６－１９ is sr06-19), or "". */
export function idQuery(query, table) {
  const folded = fold(query.trim(), table).replaceAll("\u2212", "-");
  return ID_QUERY.test(folded) ? folded : "";
}

/** Every unit number's date index from dates.json (gijiroku.search.index.unit_dates). */
function decodeDates(data) {
  const out = new Array(data.units.length / data.width);
  for (let n = 0; n < out.length; n++) out[n] = parseInt(data.units.slice(n * data.width, (n + 1) * data.width), 36);
  return out;
}

/** The index of the first date >= `date` (or > it, with `after`) in the ascending `dates`. */
function dateBound(dates, date, after) {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < date || (after && dates[mid] === date)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SearchIndex {
  /** `base`: URL of the index directory (ending in "/"); `fetchJson(url)`: optional loader. */
  constructor(base, meta, fetchJson) {
    this.base = base;
    this.meta = meta;
    this.table = meta.fold;
    this.language = meta.language ?? "ja";
    this.lexicon = { variants: meta.variants ?? [], spelling: meta.spelling ?? NO_SPELLING };
    this.variants = this.lexicon.variants;
    this.fetchJson = fetchJson;
    this.shards = new Map();
    this.chunks = new Map();
    // The first unit number of each units file (gijiroku.search.index.chunk_starts).
    this.starts = [];
    let start = 0;
    for (const rows of decodeNumbers(meta.rows)) {
      this.starts.push(start);
      start += rows;
    }
    this.width = String(meta.shards - 1).length;
    this.themeLabels = new Map(meta.themes.map((t) => [t.slug, t.label]));
  }

  static async load(base, fetchJson = defaultFetchJson) {
    const meta = await fetchJson(new URL("meta.json", base).href);
    if (meta.format !== "gijiroku-search/2") throw new Error(`unsupported search index format ${meta.format}`);
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
    const chunks = this.starts;
    let lo = 0;
    let hi = chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (chunks[mid] <= number) lo = mid;
      else hi = mid - 1;
    }
    const name = `${String(lo).padStart(4, "0")}.json`;
    const translated = this.meta.texts.includes(lo);
    const [rows, texts] = await Promise.all([
      this._file(`${this.meta.units_at}units/${name}`, this.chunks),
      translated ? this._file(`texts/${name}`, this.chunks) : null,
    ]);
    return unitRecord(rows[number - chunks[lo]], this.meta, translated ? texts[number - chunks[lo]] : null);
  }

  meetings() {
    return this._file(this.meta.meetings, this.chunks);
  }

  speakers() {
    return this._file(this.meta.speakers, this.chunks);
  }

  /** {dates (ascending), of (each unit number's index into dates)}, fetched once. */
  async dates() {
    if (!this._dates) {
      this._dates = this._file(this.meta.dates, this.chunks).then((data) => ({ dates: data.dates, of: decodeDates(data) }));
    }
    return this._dates;
  }

  /** The record of the unit whose ID `query` is (gijiroku.search.query.jump), or null. */
  async jump(query) {
    const id = idQuery(query, this.table);
    if (!id) return null;
    const units = [...(await this.postings(`id:${id}`)).keys()];
    return units.length ? this.unit(Math.min(...units)) : null;
  }

  /**
   * The best `limit` matches of `query`, ranked. Returns {terms, results, total}: each result is
   * the unit record plus `highlights` ([start, end) ranges of its text); `total` is the exact
   * number of matches, or null when it is unknown because only the best candidates were
   * verified (then `candidates` is an upper bound). `jump` is the unit whose ID the query is,
   * or null. Options: the filters theme, meeting, series, speaker, from, to (ISO dates,
   * inclusive) and sort (one of SORTS), as gijiroku.search.query.Filters.
   */
  async query(query, { theme = "", meeting = "", series = "", speaker = "", from = "", to = "", sort = "relevance", limit = 20 } = {}) {
    const terms = queryTerms(query, this.table, this.language, this.lexicon);
    const filters = [
      theme && `theme:${theme}`,
      meeting && `meeting:${meeting}`,
      series && `series:${series}`,
      speaker.trim() && speakerKey(speaker, this.table),
    ].filter(Boolean);
    const jumping = this.jump(query); // fetched alongside the query's own files
    const byDate = Boolean(from || to) || sort !== "relevance";
    const dated = byDate ? await this.dates() : null;
    if (terms.length === 0 && filters.length === 0 && !(from || to)) {
      return { terms, results: [], total: 0, candidates: 0, jump: await jumping };
    }
    // The date range as indexes into dates.json: [lowest, highest).
    const lowest = dated && from ? dateBound(dated.dates, from, false) : 0;
    const highest = dated && to ? dateBound(dated.dates, to, true) : Infinity;
    const datePart = (unit) => (sort === "newest" ? [-dated.of[unit]] : sort === "oldest" ? [dated.of[unit]] : []);
    const whole = joinTerms(terms);
    const spellings = terms.map((term) => termAlternatives(term, this.variants).map((a) => termKeys(a.text)));
    const wholeKeys = (a) => (typeof whole === "string" && a.text === whole ? joinedKeys(terms) : termKeys(a.text));
    const wholeSpellings = terms.length > 1 ? termAlternatives(whole, this.variants).map(wholeKeys) : [];
    const needed = [...new Set([...filters, ...spellings.flat(2), ...wholeSpellings.flat()])];
    const lists = new Map(await Promise.all(needed.map(async (k) => [k, await this.postings(k)])));

    // A term's bound in a unit: its alternatives' bounds added up (an alternative's is the least
    // count of its keys, 0 unless the unit holds them all). A unit is a candidate when it holds
    // every filter key and every term has a bound above 0.
    const bound = (keys, unit) => Math.min(...keys.map((k) => lists.get(k).get(unit) ?? 0));
    const filterLists = filters.map((k) => lists.get(k)).sort((a, b) => a.size - b.size);
    const termUnits = (alternatives) => new Set(alternatives.flatMap((keys) => [...lists.get(keys[0]).keys()]));
    const first = filterLists.length
      ? new Set(filterLists[0].keys())
      : terms.length
        ? termUnits(spellings[0])
        : Array.from({ length: this.meta.units }, (_, n) => n); // a date range alone
    const candidates = [];
    for (const unit of first) {
      if (!filterLists.every((list) => list.has(unit))) continue;
      if (dated && !(lowest <= dated.of[unit] && dated.of[unit] < highest)) continue;
      const counts = spellings.map((alternatives) => alternatives.reduce((n, keys) => n + bound(keys, unit), 0));
      if (counts.some((n) => n === 0)) continue;
      const occurrences = counts.reduce((a, b) => a + b, 0);
      const wholeBound = terms.length === 0 ? 0 : terms.length === 1 || wholeSpellings.some((keys) => bound(keys, unit) > 0) ? 1 : 0;
      candidates.push({ unit, bound: [...(dated ? datePart(unit) : []), -wholeBound, -occurrences, unit] });
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
        const searchable = searchableText(record, this.themeLabels, this.language);
        const text = analysed(searchable, this.table, this.language, this.lexicon);
        const counts = terms.map((t) => countOccurrences(text, t, this.variants));
        if (counts.some((n) => n === 0)) return;
        const total = counts.reduce((a, b) => a + b, 0);
        const key = [
          ...(dated ? datePart(c.unit) : []),
          terms.length && countOccurrences(text, whole, this.variants) ? -1 : 0,
          -total,
          c.unit,
        ];
        const highlights = highlightRanges(searchable, terms, this.table, this.language, this.lexicon);
        verified.push({ key, result: shown(record, highlights) });
      });
      verified.sort((a, b) => compareKeys(a.key, b.key));
    }
    // Postings of terms of at most two characters (or one token) are exact, so nothing needs
    // verifying to count.
    const exact =
      next >= candidates.length ||
      terms.every((term) => {
        const alternatives = termAlternatives(term, this.variants);
        const { text, wordStart } = alternatives[0];
        return alternatives.length === 1 && !wordStart && (Array.isArray(text) ? text.length <= 1 : Array.from(text).length <= 2);
      });
    const total = next >= candidates.length ? results.length + verified.length : exact ? candidates.length : null;
    return { terms, results, total, candidates: candidates.length, jump: await jumping };
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
export function highlightInElement(el, query, table, language = "ja", lexicon = {}) {
  const terms = queryTerms(query, table, language, lexicon);
  if (terms.length === 0) return 0;
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */, {
    acceptNode: (node) =>
      node.parentElement && node.parentElement.closest("script, style, mark.gs-hit") ? 2 /* REJECT */ : 1,
  });
  const nodes = [];
  let text = "";
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // A newline between nodes, so that English words in adjacent paragraphs stay apart; the
    // Japanese folding drops it, so matches still run across nodes (and PDF line wraps).
    if (nodes.length) text += "\n";
    nodes.push({ node, start: text.length });
    text += node.data;
  }
  let marks = 0;
  // From the last range backwards, so splitting a node never shifts an unprocessed range.
  for (const [s, e] of highlightRanges(text, terms, table, language, lexicon).reverse()) {
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
 * The search page's words from `table`: strings.yml's search.* entries in one language, keys
 * without the prefix, {name} placeholders (gijiroku/site/search.py puts them in the container's
 * data-strings).
 */
export function pageWords(table) {
  const fill = (key, values) => table[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  return {
    ...table,
    sorts: { relevance: table.sort_relevance, newest: table.sort_newest, oldest: table.sort_oldest },
    loadError: (message) => fill("load_error", { message }),
    none: (q, filtered, fewer) =>
      (q ? fill("none_query", { q }) : table.none_filters) +
      fill("try", { filters: filtered ? table.try_filters : "", fewer: fewer ? table.try_fewer : "" }),
    count: (n) => fill(n === 1 ? "count_one" : "count", { n }),
    partial: (shown, most) => fill("partial", { shown, most }),
    remark: (number) => fill("remark", { number }),
    meeting: (code, num) => (num == null ? code : fill("meeting", { code, num })),
    jump: (id) => fill("jump", { id }),
    option: (label, count) => fill("option", { label, count }),
  };
}

/** The page's URL parameters (language-neutral names and values): [name, default]. */
const PARAMS = [["q", ""], ["theme", ""], ["meeting", ""], ["series", ""], ["speaker", ""], ["from", ""], ["to", ""], ["sort", "relevance"]];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The search state in a URL's query string; unknown sorts and malformed dates are ignored. */
export function stateFromParams(params) {
  const state = Object.fromEntries(PARAMS.map(([k, d]) => [k, params.get(k) ?? d]));
  if (!SORTS.includes(state.sort)) state.sort = "relevance";
  for (const k of ["from", "to"]) if (!ISO_DATE.test(state[k])) state[k] = "";
  return state;
}

/** `url` with the state's parameters set (defaults left out, so a plain search stays short). */
export function urlWithState(url, state) {
  const out = new URL(url);
  for (const [k, d] of PARAMS) {
    if (state[k] && state[k] !== d) out.searchParams.set(k, state[k]);
    else out.searchParams.delete(k);
  }
  return out;
}

/**
 * Mount the search page UI in `container`. Options: `indexBase` (URL of the index directory),
 * `siteRoot` (URL of the site root, to resolve unit URLs and theme pages, themes/<slug>/),
 * `pageSize`, `strings` (the words, see pageWords; default: the container's data-strings JSON). Reads the state
 * (PARAMS) from the page URL and shows results on load; typing replaces the URL, a filter or
 * sort change adds a history entry, and back/forward restore the state. A query that is a remark
 * or item ID shows a link straight to it above the results. Dispatches "gijiroku-search:results"
 * on `container` after each render.
 */
export async function mountSearchPage(container, { indexBase, siteRoot, pageSize = 20, strings }) {
  const doc = container.ownerDocument;
  const t = pageWords(strings ?? JSON.parse(container.dataset.strings));
  const win = doc.defaultView;
  const initial = stateFromParams(new URLSearchParams(win.location.search));
  const form = el(doc, "form", "gs-form");
  form.setAttribute("role", "search");
  form.addEventListener("submit", (event) => event.preventDefault());
  const input = el(doc, "input", "gs-input");
  Object.assign(input, { type: "search", name: "q", autocomplete: "off" });
  input.setAttribute("aria-label", t.input);
  input.placeholder = t.placeholder;
  const select = (name, label) => {
    const node = el(doc, "select", "gs-filter");
    node.name = name;
    node.setAttribute("aria-label", label);
    return node;
  };
  const themeSelect = select("theme", t.by_theme);
  const meetingSelect = select("meeting", t.by_meeting);
  const seriesSelect = select("series", t.by_series);
  // Visibly labelled controls: speaker (typed, with the known names offered), dates, sort.
  const labelled = (text, control) => {
    const label = el(doc, "label", "gs-field");
    label.append(el(doc, "span", "gs-field-name", text), control);
    return label;
  };
  const speakerInput = el(doc, "input", "gs-speaker");
  Object.assign(speakerInput, { type: "search", name: "speaker", autocomplete: "off" });
  const speakerList = el(doc, "datalist");
  speakerList.id = "gs-speakers";
  speakerInput.setAttribute("list", speakerList.id);
  const fromInput = el(doc, "input", "gs-date-input");
  Object.assign(fromInput, { type: "date", name: "from" });
  const toInput = el(doc, "input", "gs-date-input");
  Object.assign(toInput, { type: "date", name: "to" });
  const sortSelect = el(doc, "select", "gs-sort");
  sortSelect.name = "sort";
  const filterRow = el(doc, "div", "gs-filters");
  filterRow.append(
    labelled(t.by_speaker, speakerInput),
    speakerList,
    labelled(t.from, fromInput),
    labelled(t.to, toInput),
    labelled(t.sort, sortSelect),
  );
  const status = el(doc, "p", "gs-status");
  status.setAttribute("aria-live", "polite");
  const jumpBox = el(doc, "p", "gs-jump");
  jumpBox.hidden = true;
  const list = el(doc, "ol", "gs-results");
  const more = el(doc, "button", "gs-more", t.more);
  more.type = "button";
  more.hidden = true;
  form.append(input, themeSelect, meetingSelect, seriesSelect, filterRow);
  container.replaceChildren(form, jumpBox, status, list, more);

  const addOption = (node, value, label) => {
    const option = el(doc, "option", "", label);
    option.value = value;
    node.append(option);
  };
  addOption(themeSelect, "", t.all_themes);
  addOption(meetingSelect, "", t.all_meetings);
  addOption(seriesSelect, "", t.all_series);
  for (const sort of SORTS) addOption(sortSelect, sort, t.sorts[sort]);

  const controls = { q: input, theme: themeSelect, meeting: meetingSelect, series: seriesSelect, speaker: speakerInput, from: fromInput, to: toInput, sort: sortSelect };
  /** Show `state` in the controls; a value a list does not hold (yet) gets an option of its own. */
  const showState = (state) => {
    for (const [k, control] of Object.entries(controls)) {
      if (control.tagName === "SELECT" && state[k] && ![...control.options].some((o) => o.value === state[k])) {
        addOption(control, state[k], state[k]);
      }
      control.value = state[k];
    }
  };
  const currentState = () => Object.fromEntries(Object.entries(controls).map(([k, control]) => [k, control.value]));
  showState(initial);

  let index;
  try {
    index = await SearchIndex.load(new URL(indexBase, win.location.href).href);
  } catch (error) {
    status.textContent = t.loadError(error.message);
    return;
  }
  const themeLabels = new Map(index.meta.themes.map((theme) => [theme.slug, theme.label]));
  const seriesInfo = new Map((index.meta.series ?? []).map((s) => [s.slug, s]));
  for (const theme of index.meta.themes) addOption(themeSelect, theme.slug, t.option(theme.label, theme.count));
  for (const s of index.meta.series ?? []) addOption(seriesSelect, s.slug, t.option(s.title, s.count));
  // Options added for URL values above precede the real ones; keep only the real ones.
  for (const node of [themeSelect, seriesSelect]) {
    const seen = new Set();
    for (const option of [...node.options].reverse()) {
      if (seen.has(option.value)) option.remove();
      seen.add(option.value);
    }
  }
  showState(initial);
  const root = new URL(siteRoot, win.location.href);

  let generation = 0;
  let shown = pageSize;
  /** Run the query of the controls; `history`: "push" (a new entry), "replace" or "none". */
  async function run(history = "replace") {
    const mine = ++generation;
    const state = currentState();
    const url = urlWithState(win.location.href, state);
    if (history === "push" && url.href !== win.location.href) win.history.pushState(null, "", url);
    else if (history !== "none") win.history.replaceState(win.history.state, "", url);
    const answer = await index.query(state.q, { ...state, limit: shown });
    if (mine !== generation) return; // a newer query is running
    render(answer, state);
    container.dispatchEvent(new win.CustomEvent("gijiroku-search:results", { detail: { count: answer.results.length } }));
  }

  function meetingLabel(unit) {
    const series = seriesInfo.get(unit.series);
    return series ? t.meeting(series.code, unit.num) : unit.title ?? unit.meeting;
  }

  function target(unit, q) {
    const href = new URL(unit.url, root);
    if (q) href.searchParams.set("h", q);
    return href;
  }

  function renderJump(unit) {
    jumpBox.replaceChildren();
    jumpBox.hidden = !unit;
    if (!unit) return;
    const a = el(doc, "a", "gs-jump-link", t.jump(unit.id));
    a.href = new URL(unit.url, root).href;
    jumpBox.append(a, " ", el(doc, "span", "gs-meeting", meetingLabel(unit)), " ", el(doc, "span", "gs-date", unit.date));
  }

  function render(answer, state) {
    list.replaceChildren();
    renderJump(answer.jump);
    const q = state.q.trim();
    const filtered = Boolean(state.theme || state.meeting || state.series || state.speaker.trim() || state.from || state.to);
    if (answer.terms.length === 0 && !filtered) {
      status.textContent = t.prompt;
      more.hidden = true;
      return;
    }
    if (answer.results.length === 0) {
      // An ID that names a unit is answered by its link above; its text is rarely in a remark.
      status.textContent = answer.jump ? "" : t.none(q, filtered, answer.terms.length > 1);
      more.hidden = true;
      return;
    }
    status.textContent =
      answer.total === null ? t.partial(answer.results.length, answer.candidates) : t.count(answer.total);
    for (const unit of answer.results) {
      const li = el(doc, "li", "gs-result");
      const a = el(doc, "a", "gs-link");
      a.href = target(unit, q).href;
      a.append(
        el(doc, "span", "gs-meeting", meetingLabel(unit)),
        el(doc, "span", "gs-date", unit.date),
        el(doc, "span", "gs-number", t.remark(unit.number)),
      );
      const facts = el(doc, "p", "gs-facts");
      facts.append(el(doc, "code", "gs-id", unit.id));
      if (unit.speaker) facts.append(" ", el(doc, "span", "gs-speaker-name", unit.speaker));
      li.append(a, facts, renderSnippet(doc, unit.text, unit.highlights));
      if (unit.themes.length) {
        const chips = el(doc, "ul", "gs-themes");
        for (const slug of unit.themes) {
          const chip = el(doc, "li", "gs-chip");
          const link = el(doc, "a", "", themeLabels.get(slug) ?? slug);
          link.href = new URL(`themes/${encodeURIComponent(slug)}/`, root).href;
          chip.append(link);
          chips.append(chip);
        }
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
  const changed = () => {
    shown = pageSize;
    clearTimeout(timer);
    run("push");
  };
  input.addEventListener("compositionstart", () => (composing = true));
  input.addEventListener("compositionend", () => {
    composing = false;
    schedule();
  });
  input.addEventListener("input", () => composing || schedule());
  for (const control of [themeSelect, meetingSelect, seriesSelect, speakerInput, fromInput, toInput, sortSelect]) {
    control.addEventListener("change", changed);
  }
  more.addEventListener("click", () => {
    shown += pageSize;
    run();
  });
  win.addEventListener("popstate", () => {
    showState(stateFromParams(new URLSearchParams(win.location.search)));
    shown = pageSize;
    run("none");
  });
  await run();

  // The meeting and speaker lists are not needed for a query; load them after the first results.
  const [meetings, speakers] = await Promise.all([index.meetings(), index.meta.speakers ? index.speakers() : []]);
  const current = meetingSelect.value;
  meetingSelect.replaceChildren();
  addOption(meetingSelect, "", t.all_meetings);
  for (const m of meetings) addOption(meetingSelect, m.id, `${m.date} ${m.title}`);
  meetingSelect.value = current;
  for (const s of speakers) addOption(speakerList, s.name, t.option(s.name, s.count));
}
