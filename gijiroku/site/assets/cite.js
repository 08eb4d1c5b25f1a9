// gijiroku citations in the browser: the Japanese and English prose, BibTeX and CSL-JSON of one
// remark or item, made from what the meeting page carries in its data block
// (gijiroku.site.cite.browser_facts: the meeting's title, date and official source, the series'
// names, the English title, kind and date; browser_units: each unit's label and page). An ES
// module without side effects: copy.js imports it on meeting pages, and tests/js/cite.test.mjs
// checks that it writes exactly what gijiroku/site/cite.py writes.

// BibTeX counts every brace, escaped or not, when it finds where a field ends, so braces are
// written as commands whose own braces balance (as cite.py's _BIBTEX_SPECIALS).
const BIBTEX_SPECIALS = {
  "\\": "\\textbackslash{}", "{": "\\textbraceleft{}", "}": "\\textbraceright{}",
  "%": "\\%", "&": "\\&", "$": "\\$", "#": "\\#", "_": "\\_", "^": "\\^{}", "~": "\\~{}",
};
const BIBTEX_SPECIAL = /[\\{}%&$#_^~]/g;

/** TeX specials escaped in one pass (so escapes are not re-escaped). */
export function bibtexEscape(text) {
  return text.replace(BIBTEX_SPECIAL, (char) => BIBTEX_SPECIALS[char]);
}

/** ``value`` as Python's json.dumps(value, ensure_ascii=False) writes it: ", " and ": " between
 * members (JSON.stringify writes strings and numbers the same way). */
export function pythonJson(value) {
  if (Array.isArray(value)) return "[" + value.map(pythonJson).join(", ") + "]";
  if (value !== null && typeof value === "object") {
    return "{" + Object.entries(value).map(([key, item]) => JSON.stringify(key) + ": " + pythonJson(item)).join(", ") + "}";
  }
  return JSON.stringify(value);
}

/** The units of browser_units() (``[id, label, page]`` each, label "4" for a remark, "4-1" for
 * its first item) by ID, as cite() takes them. */
export function unitsById(rows) {
  return new Map(rows.map(([id, label, page]) => [id, { id, label, page }]));
}

function unitJa(unit) {
  return `発言${unit.label}`;
}

function unitEn(unit) {
  const dash = unit.label.indexOf("-");
  return dash < 0 ? `remark ${unit.label}` : `remark ${unit.label.slice(0, dash)}, item ${unit.label.slice(dash + 1)}`;
}

function bibtexField(name, value) {
  return `  ${name} = {${value}}`;
}

/** What the citations of a meeting's units on a page in ``language`` share (cite.py's
 * meeting_citation): ``facts`` is browser_facts(). */
export function meetingCitation(facts, language) {
  const series = facts.series;
  const [year, month, day] = facts.date.split("-").map(Number);
  const titleJa = facts.title + facts.kind;
  const organiserEn = series.organiser_en || series.organiser;
  const titleEn = `${facts.title_en}, ${facts.kind_en}`;
  const en = language === "en";
  const organiser = en ? organiserEn : series.organiser;
  const container = en ? series.title_en || series.title : series.title;
  return {
    language,
    titleJa,
    titleEn,
    sourceUrl: facts.source_url || null,
    jaHead: `${series.organiser}「${titleJa}」${year}年${month}月${day}日、`,
    enHead: `${organiserEn}, "${titleEn}" (「${titleJa}」, in Japanese), ${facts.date_en}, `,
    bibtexAuthor: bibtexField("author", "{" + bibtexEscape(organiser) + "}"),
    bibtexMeeting: [
      bibtexField("howpublished", bibtexEscape(container)),
      bibtexField("year", String(year)),
      bibtexField("month", String(month)),
      bibtexField("date", facts.date),
    ].join(",\n"),
    csl: {
      "container-title": container, author: [{ literal: organiser }], publisher: organiser,
      genre: en ? facts.kind_en : facts.kind, issued: { "date-parts": [[year, month, day]] },
    },
  };
}

/** The citations of ``unit`` (from unitsById()) at ``url``: {ja, en, bib, csl} as cite.py's
 * MeetingCitation.cite. ``translated``: the page shows our translation of the unit. */
export function cite(meeting, unit, url, translated = false) {
  const source = meeting.sourceUrl;
  const en = meeting.language === "en";
  const uJa = unitJa(unit);
  const uEn = unitEn(unit);
  const ja = `${meeting.jaHead}p.${unit.page}、${uJa}（${unit.id}）、${url}` + (source ? `（出典：${source}）` : "");
  const translationNote = translated ? "; unofficial English translation" : "";
  const enText = `${meeting.enHead}p. ${unit.page}, ${uEn} (${unit.id})${translationNote}. ${url}`
    + (source ? ` (official source: ${source})` : "");
  const titleJa = `${meeting.titleJa} ${uJa}`;
  let title, note;
  if (en) {
    title = `${meeting.titleEn}, ${uEn}`;
    note = `Original title: 「${meeting.titleJa}」 (in Japanese). ${uEn} (${unit.id})`
      + (translated ? ". Unofficial English translation" : "");
  } else {
    title = titleJa;
    note = `${uJa} (${unit.id})`;
  }
  if (source) note += `; ${en ? "official source" : "出典"}: ${source}`;
  const bib = `@misc{${unit.id},\n` + [
    meeting.bibtexAuthor,
    bibtexField("title", "{" + bibtexEscape(title) + "}"),
    meeting.bibtexMeeting,
    bibtexField("pages", String(unit.page)),
    bibtexField("note", bibtexEscape(note)),
    bibtexField("url", url),
  ].join(",\n") + "\n}";
  const csl = { id: unit.id, type: "document", title, ...meeting.csl, page: String(unit.page),
                number: unit.id, URL: url, language: en && translated ? "en" : "ja" };
  if (en) csl["original-title"] = titleJa;
  const notes = en && translated ? ["Unofficial English translation"] : [];
  if (source) notes.push(`${en ? "Official source" : "出典"}: ${source}`);
  if (notes.length) csl.note = notes.join("; ");
  return { ja, en: enText, bib, csl: pythonJson(csl) };
}
