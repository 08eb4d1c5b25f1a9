"""The site's Atom feeds (RFC 4287): new meetings site-wide and per series, and per theme the
meetings that discussed it, newest first; one set per language build (``atom*.xml`` and
``en/atom*.xml``, :func:`feed_url`).

One entry per **meeting**, in every feed (README, "Feeds"): a theme's entry lists that
meeting's remarks on the theme, each linked to its permalink. A reader following a theme gets
one notification per meeting rather than one per remark (a meeting with nine DX remarks is one
entry, not nine that push everything else out of the feed), and a feed of the newest
``limit`` entries then spans ``limit`` meetings whatever their length.

Stable: nothing depends on the time of the build. An entry's ``updated`` is its meeting's date
and start time (JST); a feed's is its newest entry's. Ids are ``urn:uuid:`` UUIDs (version 5)
of names made of the stable IDs (``gijiroku:ja:meeting:sr06``), so they never change, even
when the site moves to another address (an id must be an absolute IRI: it cannot be relative
when the site has no ``site_url``).

Links: with ``site_url`` every link is absolute; without, they are relative to the feed's own
address, which RFC 4287 allows (§2: relative references in ``href`` and in HTML content are
resolved against ``xml:base`` or, without it, the document's own URI, RFC 3986 §5.1.3).

Safety: the text is the minutes' (untrusted). The XML is made by ElementTree, which escapes
``&``, ``<`` and ``>`` in text and attributes, so ``]]>`` or ``<script>`` in a remark stays
text; an HTML ``content`` is escaped once as HTML (markupsafe) and then again as XML. Characters
XML 1.0 cannot hold (control characters from a PDF) are dropped.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

from markupsafe import Markup

from gijiroku.site import views
from gijiroku.site.corpus import MeetingDoc, Unit

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# The namespace of the entries' and feeds' UUIDs (uuid5 of the gijiroku: names); never change it.
ID_NAMESPACE = uuid.UUID("6f5f1a5e-3d1c-5b8e-9a57-2f0c6b1d7e41")
JST = "+09:00"  # the minutes' times are Japan time
REMARKS_PER_ENTRY = 10  # a theme entry lists at most this many remarks (the rest: a link)
TEXT_CHARS = 200  # and each remark's first characters (README, "Feeds": sizes)
# Characters XML 1.0 does not allow (§2.2), e.g. a form feed from a PDF's text.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def feed_url(kind: str, key: str = "") -> str:
    """The site URL of a feed: ``atom.xml``, ``atom-series-<slug>.xml``,
    ``atom-theme-<theme ID>.xml``. At the root of the build, not in a folder: Material's
    JavaScript takes every ``<link rel="alternate">`` of a page for a language version and
    fetches ``sitemap.xml`` beside it, which exists only at the root (a 404 on every page
    otherwise)."""
    return "atom.xml" if kind == "site" else f"atom-{kind}-{key}.xml"


def stable_id(*parts: str) -> str:
    """The id of a feed or entry named by ``parts`` (stable IDs): a version 5 UUID URN."""
    return "urn:uuid:" + str(uuid.uuid5(ID_NAMESPACE, ":".join(("gijiroku",) + parts)))


def xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def meeting_time(doc: MeetingDoc) -> str:
    """The meeting's date and start time as an RFC 3339 date-time (midnight when the start is
    not a time)."""
    match = TIME.fullmatch(doc.minutes.meeting.start or "")
    hour, minute = (int(match[1]), int(match[2])) if match else (0, 0)
    return f"{doc.date.isoformat()}T{hour:02d}:{minute:02d}:00{JST}"


class Entry(NamedTuple):
    id: str
    title: str
    updated: str
    author: str
    link: str  # site URL (and #anchor) of the page the entry stands for
    summary: str
    content: Markup | None  # HTML, or None for none
    categories: list[tuple[str, str]]  # (theme ID, theme name)


@dataclass
class Feed:
    """One Atom feed. Invariants: ``url`` is the feed's own site URL; ``entries`` are newest
    first; ``page`` is the site URL of the page the feed follows."""

    id: str
    title: str
    url: str
    page: str
    author: str
    lang: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def updated(self) -> str:
        # A feed without entries (a theme no remark has yet) is as old as the epoch.
        return max((e.updated for e in self.entries), default="1970-01-01T00:00:00Z")


def newest_first(docs: list[MeetingDoc], limit: int) -> list[MeetingDoc]:
    return sorted(docs, key=lambda d: (meeting_time(d), d.id), reverse=True)[:limit]


def organiser(site: views.Site, doc: MeetingDoc, fallback: str) -> str:
    return views.series_organiser(site, doc.series) or fallback


def meeting_entry(site: views.Site, doc: MeetingDoc, author: str) -> Entry:
    """A meeting in the site's and its series' feeds: its name, date, series, remark count and
    themes."""
    themes = {tag.theme: None for unit in site.units[doc.id] for tag in unit.themes}
    categories = [(theme_id, theme_label(site, theme_id)) for theme_id in themes]
    summary = site.t("feed.meeting_summary", date=views.meeting_date(site, doc).shown,
                     series=views.series_title(site, doc.series), n=len(doc.remarks))
    if categories:
        sep = "、" if site.lang == "ja" else ", "
        summary += " " + site.t("feed.meeting_themes", themes=sep.join(name for _, name in categories))
    return Entry(stable_id(site.lang, "meeting", doc.id), views.meeting_name_text(site, doc),
                 meeting_time(doc), organiser(site, doc, author), site.paths.meeting[doc.id],
                 summary, None, categories)


def theme_label(site: views.Site, theme_id: str) -> str:
    info = site.theme(theme_id)
    return views.theme_name(site, info) if info else theme_id


def theme_entry(site: views.Site, theme_id: str, doc: MeetingDoc, units: list[Unit],
                author: str, link: Callable[[str, str], str]) -> Entry:
    """A meeting in a theme's feed: its remarks and items on the theme, each linked to its
    permalink (``link(url, anchor)``), with the first :data:`TEXT_CHARS` of its text."""
    name, n = theme_label(site, theme_id), len(units)
    date = views.meeting_date(site, doc).shown
    paragraphs = [unit_html(site, doc, unit, link) for unit in units[:REMARKS_PER_ENTRY]]
    if n > REMARKS_PER_ENTRY:
        more = site.t("feed.more", n=n - REMARKS_PER_ENTRY)
        paragraphs.append(Markup('<p><a href="{}">{}</a></p>').format(
            link(site.paths.meeting[doc.id], ""), more))
    title = site.t("feed.theme_entry_title", meeting=views.meeting_name_text(site, doc), theme=name, n=n)
    return Entry(stable_id(site.lang, "theme", theme_id, "meeting", doc.id), title,
                 meeting_time(doc), organiser(site, doc, author), site.paths.meeting[doc.id],
                 site.t("feed.theme_summary", date=date, theme=name, n=n),
                 Markup("").join(paragraphs), [(theme_id, name)])


def unit_html(site: views.Site, doc: MeetingDoc, unit: Unit, link: Callable[[str, str], str]) -> Markup:
    """``<p><a href=permalink>ID</a> speaker: text…</p>``, everything from the minutes escaped."""
    translation = site.translation(doc, unit)
    text = translation.text if translation else unit.text
    if len(text) > TEXT_CHARS:
        text = text[:TEXT_CHARS] + "…"
    speaker = views.speaker_name(site, unit.speaker) if unit.speaker else ""
    head = Markup('<a href="{}">{}</a>').format(link(site.paths.meeting[doc.id], unit.id), unit.id)
    return Markup("<p>{} {}{}</p>").format(head, speaker + ": " if speaker else "", text)


def site_feeds(site: views.Site, site_name: str, limit: int) -> list[Feed]:
    """Every feed of the site: site-wide, one per series, one per theme of ``site.themes``."""
    meetings = site.corpus.meetings
    feeds = [Feed(stable_id(site.lang, "feed", "site"), site.t("feed.site_title", site=site_name),
                  feed_url("site"), site.paths.home, site_name, site.lang,
                  [meeting_entry(site, doc, site_name) for doc in newest_first(meetings, limit)])]
    for series, docs in views.series_docs(site.corpus):
        feeds.append(Feed(stable_id(site.lang, "feed", "series", series.slug),
                          site.t("feed.series_title", series=views.series_title(site, series)),
                          feed_url("series", series.slug), site.paths.series[series.slug],
                          views.series_organiser(site, series) or site_name, site.lang,
                          [meeting_entry(site, doc, site_name) for doc in newest_first(docs, limit)]))
    feeds += [theme_feed(site, info.id, site_name, limit) for info in site.themes]
    return feeds


def theme_feed(site: views.Site, theme_id: str, site_name: str, limit: int) -> Feed:
    # The theme's units by meeting, each once (a unit could carry the theme twice).
    units: dict[str, dict[str, Unit]] = {}
    docs: dict[str, MeetingDoc] = {}
    for doc, unit, _ in site.theme_units(theme_id):
        docs[doc.id] = doc
        units.setdefault(doc.id, {}).setdefault(unit.id, unit)
    url = feed_url("theme", theme_id)
    link = link_maker(site.site_url, url)
    entries = [theme_entry(site, theme_id, doc, list(units[doc.id].values()), site_name, link)
               for doc in newest_first(list(docs.values()), limit)]
    return Feed(stable_id(site.lang, "feed", "theme", theme_id),
                site.t("feed.theme_title", theme=theme_label(site, theme_id)), url,
                site.paths.theme[theme_id], site_name, site.lang, entries)


def link_maker(site_url: str, here: str) -> Callable[[str, str], str]:
    """``link(url, anchor)``: site URL ``url`` as an absolute URL on ``site_url``, or, without
    one, relative to the feed at site URL ``here``."""
    def link(url: str, anchor: str = "") -> str:
        if site_url and url == "./":  # the home page's URL
            url = ""
        return views.site_link(site_url, url, here, anchor)

    return link


def atom_xml(feed: Feed, site_url: str) -> str:
    """The feed as an Atom 1.0 document (UTF-8 text with its XML declaration)."""
    link = link_maker(site_url, feed.url)
    root = ET.Element("feed", {"xmlns": ATOM, XML_LANG: feed.lang})

    def add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
        if text:
            element.text = xml_text(text)
        return element

    def author(parent: ET.Element, name: str) -> None:
        add(add(parent, "author"), "name", name)

    add(root, "id", feed.id)
    add(root, "title", feed.title)
    add(root, "updated", feed.updated)
    add(root, "link", rel="self", type="application/atom+xml", href=link(feed.url))
    add(root, "link", rel="alternate", type="text/html", href=link(feed.page))
    author(root, feed.author)
    add(root, "generator", "gijiroku")
    for entry in feed.entries:
        element = add(root, "entry")
        add(element, "id", entry.id)
        add(element, "title", entry.title)
        add(element, "updated", entry.updated)
        add(element, "published", entry.updated)
        author(element, entry.author)
        add(element, "link", rel="alternate", type="text/html", href=link(entry.link))
        for term, label in entry.categories:
            add(element, "category", term=term, label=label)
        add(element, "summary", entry.summary, type="text")
        if entry.content is not None:
            add(element, "content", str(entry.content), type="html")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
