// search.js under `node --test`. Run by tests/test_search_js.py, which builds the indexes with
// the Python builder into $GIJIROKU_SEARCH_WORK (seed/, tiny/) and writes the Python reference
// ranking of every query in expected.json.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import {
  fold,
  foldWithMap,
  parseQuery,
  highlightRanges,
  idQuery,
  queryTerms,
  SearchIndex,
  stateFromParams,
  stem,
  termAlternatives,
  tokenize,
  urlWithState,
} from "../../gijiroku/site/assets/search/search.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const work = process.env.GIJIROKU_SEARCH_WORK;
assert.ok(work, "GIJIROKU_SEARCH_WORK is not set; run through pytest tests/test_search_js.py");
const table = JSON.parse(readFileSync(join(root, "gijiroku/data/fold.json"), "utf8"));
const cases = JSON.parse(readFileSync(join(root, "tests/fixtures/fold_cases.json"), "utf8"));
const expected = JSON.parse(readFileSync(join(work, "expected.json"), "utf8"));
const english = JSON.parse(readFileSync(join(root, "tests/fixtures/stem_cases.json"), "utf8"));

async function open(name) {
  const fetched = [];
  const fetchJson = async (url) => {
    fetched.push(url.slice(url.indexOf(`/${name}/`) + name.length + 2));
    return JSON.parse(readFileSync(fileURLToPath(url), "utf8"));
  };
  const index = await SearchIndex.load(pathToFileURL(join(work, name) + "/").href, fetchJson);
  return { index, fetched };
}

test("fold agrees with the Python table", () => {
  for (const [text, folded] of cases.fold) assert.equal(fold(text, table), folded, JSON.stringify(text));
});

test("parseQuery agrees with the Python table", () => {
  for (const [query, terms] of cases.parse) assert.deepEqual(parseQuery(query, table), terms, query);
});

test("highlights land on the original characters", () => {
  for (const c of cases.highlight) {
    const marked = highlightRanges(c.text, parseQuery(c.query, table), table).map(([s, e]) => c.text.slice(s, e));
    assert.deepEqual(marked, c.marked, c.query);
  }
});

test("foldWithMap maps every folded UTF-16 unit back to the original", () => {
  for (const [text] of cases.fold) {
    const { folded, starts, ends } = foldWithMap(text, table);
    assert.equal(starts.length, folded.length);
    assert.equal(ends.length, folded.length);
    for (let i = 0; i < folded.length; i++) assert.ok(starts[i] < ends[i] && ends[i] <= text.length);
  }
});

test("the index carries the same folding table", async () => {
  const { index } = await open("seed");
  assert.deepEqual(index.table, table);
});

test("every query returns the Python reference ranking", async () => {
  const { index } = await open("seed");
  for (const [q, ids] of Object.entries(expected.seed)) {
    const answer = await index.query(q, { limit: Infinity });
    assert.deepEqual(answer.results.map((r) => r.id), ids, q);
    assert.equal(answer.total, ids.length, q);
  }
});

test("the best few results equal the head of the full ranking", async () => {
  for (const [q, ids] of Object.entries(expected.seed)) {
    for (const limit of [1, 3, 5]) {
      const { index } = await open("seed"); // cold, so lazy verification starts from scratch
      const answer = await index.query(q, { limit });
      assert.deepEqual(answer.results.map((r) => r.id), ids.slice(0, limit), `${q} limit ${limit}`);
    }
  }
});

test("a query fetches only the shards of its keys and the units files it shows", async () => {
  const { index, fetched } = await open("seed");
  await index.query("リモートワーク", { limit: 20 });
  const shards = fetched.filter((f) => f.startsWith("grams/"));
  const units = fetched.filter((f) => f.startsWith("units/"));
  assert.ok(shards.length <= 4, shards.join(" ")); // a cover of its bigrams: リモ ート ワー ーク
  assert.equal(units.length, 1);
  assert.ok(index.meta.shards > shards.length);
});

test("highlights of results match Python", async () => {
  const { index } = await open("seed");
  for (const [q, highlights] of Object.entries(expected.highlights)) {
    const answer = await index.query(q, { limit: Infinity });
    assert.deepEqual(Object.fromEntries(answer.results.map((r) => [r.id, r.highlights])), highlights, q);
  }
});

test("ranking and filters on hand-made units", async () => {
  const { index } = await open("tiny");
  for (const [key, ids] of Object.entries(expected.tiny)) {
    const [q, theme, meeting] = JSON.parse(key);
    const answer = await index.query(q, { theme, meeting, limit: Infinity });
    assert.deepEqual(answer.results.map((r) => r.id), ids, key);
  }
});

test("date range, series and speaker filters and the date sorts agree with Python", async () => {
  const { index, fetched } = await open("filtered");
  assert.ok(expected.filtered.some(([, , ids]) => ids.length > 1));
  for (const [q, options, ids] of expected.filtered) {
    for (const limit of [1, 2, Infinity]) {
      const answer = await index.query(q, { ...options, limit });
      assert.deepEqual(answer.results.map((r) => r.id), ids.slice(0, limit), JSON.stringify([q, options, limit]));
    }
  }
  assert.ok(fetched.includes("dates.json"));
});

test("an ID query jumps to its unit as in Python; relevance queries never fetch dates.json", async () => {
  const { index, fetched } = await open("filtered");
  for (const [q, id] of Object.entries(expected.jump)) {
    const answer = await index.query(q, { limit: 5 });
    assert.equal(answer.jump?.id ?? null, id, q);
  }
  assert.ok(!fetched.includes("dates.json"));
  for (const [q, id] of Object.entries(expected.id_query)) assert.equal(idQuery(q, table), id, q);
});

test("the page state round-trips through the URL; unknown sorts and bad dates are dropped", () => {
  const state = { q: "地域 金融", theme: "dx", meeting: "", series: "alpha", speaker: "藤田 部会長", from: "2021-01-01", to: "", sort: "newest" };
  const url = urlWithState("https://example.org/search/?q=old&x=1", state);
  assert.equal(url.searchParams.get("x"), "1");
  assert.ok(!url.searchParams.has("meeting") && !url.searchParams.has("to"));
  assert.deepEqual(stateFromParams(url.searchParams), state);
  assert.ok(!urlWithState("https://example.org/search/", { ...state, sort: "relevance" }).searchParams.has("sort"));
  const bad = stateFromParams(new URLSearchParams("sort=random&from=2021-1-1&to=yesterday"));
  assert.deepEqual([bad.sort, bad.from, bad.to], ["relevance", "", ""]);
});

test("lazy verification never lets a weaker verified match overtake an unverified one", async () => {
  for (const limit of [1, 2, 3, 16, 17]) {
    const { index } = await open("decoy");
    const answer = await index.query("地域金融", { limit });
    assert.deepEqual(answer.results.map((r) => r.id), expected.decoy.slice(0, limit), `limit ${limit}`);
  }
});

test("a total is exact or unknown when a longer term's keys are one bigram (域金域金: 域金 twice)", async () => {
  const { index } = await open("repeat");
  const answer = await index.query("域金域金", { limit: 1 });
  assert.deepEqual(answer.results.map((r) => r.id), expected.repeat.slice(0, 1));
  assert.equal(answer.candidates, 18); // every unit holds 域金
  assert.ok(answer.total === null || answer.total === expected.repeat.length, String(answer.total));
});

test("a Japanese term has the same alternatives as in Python (okurigana table from meta.json, kana)", async () => {
  const { index } = await open("seed");
  assert.ok(index.variants.length >= 100);
  for (const [term, alternatives] of Object.entries(expected.alternatives)) {
    const got = termAlternatives(term, index.variants).map((a) => [a.text, a.wordStart]);
    assert.deepEqual(got, alternatives, term);
  }
});

test("an empty query returns nothing", async () => {
  const { index } = await open("seed");
  assert.deepEqual((await index.query(" \u3000")).results, []);
});

test("the Snowball port stems every word of the seed translation as Python does", async () => {
  const { index } = await open("en");
  const words = Object.entries(expected.stems);
  assert.ok(words.length > 500);
  for (const [word, stemmed] of words) assert.equal(stem(word, index.lexicon.spelling), stemmed, word);
});

test("English mode: stem, tokenize, query terms and highlights agree with the Python table", async () => {
  const { index } = await open("en");
  const { spelling } = index.lexicon;
  const table = index.table;
  for (const [word, stemmed] of english.stem) assert.equal(stem(word, spelling), stemmed, word);
  for (const [text, tokens] of english.tokenize) {
    assert.deepEqual(tokenize(text, table, spelling).map((t) => t.token), tokens, JSON.stringify(text));
  }
  for (const [query, terms] of english.parse) {
    assert.deepEqual(queryTerms(query, table, "en", index.lexicon), terms, query);
  }
  for (const c of english.highlight) {
    const ranges = highlightRanges(c.text, queryTerms(c.query, table, "en", index.lexicon), table, "en", index.lexicon);
    assert.deepEqual(ranges.map(([s, e]) => c.text.slice(s, e)), c.marked, c.query);
  }
});

test("English mode: an index with language en returns the Python reference ranking", async () => {
  const { index } = await open("en");
  assert.equal(index.language, "en");
  for (const [q, ids] of Object.entries(expected.en)) {
    for (const limit of [1, Infinity]) {
      const answer = await (await open("en")).index.query(q, { limit });
      assert.deepEqual(answer.results.map((r) => r.id), ids.slice(0, limit), `${q} limit ${limit}`);
    }
  }
  const answer = await index.query("digital region", { limit: Infinity });
  assert.deepEqual(Object.fromEntries(answer.results.map((r) => [r.id, r.highlights])), expected.en_highlights);
  // a match in the Japanese original shows the original; one in a theme label marks nothing
  for (const [q, rows] of Object.entries(expected.en_shown)) {
    const shown = (await index.query(q, { limit: Infinity })).results.map((r) => [r.id, r.text, r.highlights]);
    assert.deepEqual(shown, rows, q);
  }
});
