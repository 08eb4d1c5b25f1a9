// cite.js under `node --test`. Run by tests/test_cite_js.py, which writes the vectors (what the
// browser gets, and what gijiroku/site/cite.py writes for the same unit) to $GIJIROKU_CITE_VECTORS.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { bibtexEscape, cite, meetingCitation, pythonJson, unitsById } from "../../gijiroku/site/assets/cite.js";

const path = process.env.GIJIROKU_CITE_VECTORS;
assert.ok(path, "GIJIROKU_CITE_VECTORS is not set; run through pytest tests/test_cite_js.py");
const vectors = JSON.parse(readFileSync(path, "utf8"));

test("every unit's citations are cite.py's", () => {
  assert.ok(vectors.length > 100);
  for (const v of vectors) {
    const unit = unitsById(v.units).get(v.unit.id);
    assert.deepEqual(unit, v.unit);
    const got = cite(meetingCitation(v.facts, v.language), unit, v.url, v.translated);
    assert.deepEqual(got, v.expected, `${v.unit.id} ${v.language} translated=${v.translated}`);
  }
});

test("units are looked up by ID, in the page's order", () => {
  const units = unitsById([["a", "1", 1], ["a-1", "1-1", 2], ["b", "2", 2]]);
  assert.deepEqual([...units.keys()], ["a", "a-1", "b"]);
  assert.deepEqual(units.get("a-1"), { id: "a-1", label: "1-1", page: 2 });
});

test("BibTeX escaping is one pass", () => {
  assert.equal(bibtexEscape("50% & $1_a#"), "50\\% \\& \\$1\\_a\\#");
  assert.equal(bibtexEscape("{x}\\"), "\\textbraceleft{}x\\textbraceright{}\\textbackslash{}");
  assert.equal(bibtexEscape("^~\\{}"), "\\^{}\\~{}\\textbackslash{}\\textbraceleft{}\\textbraceright{}");
});

test("JSON as Python's json.dumps writes it", () => {
  assert.equal(pythonJson({ a: [1, { b: "\"\n\u0001é" }], c: null }), '{"a": [1, {"b": "\\"\\n\\u0001é"}], "c": null}');
});
