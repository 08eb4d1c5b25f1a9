"""The ``<head>`` of every page: link previews (Open Graph, Twitter card), the description,
the ``hreflang`` alternates and the structured data (schema.org JSON-LD) of meeting pages.

Pure functions of the :class:`~gijiroku.site.views.Site` and a page; the HTML is in the
autoescaped partials ``gijiroku/site/theme/gijiroku/partials/head.html`` (Material's own meta
tags with ours, included by the theme's ``main.html``) and ``preview.html`` (the preview tags,
also used by the share pages ``r/<id>/``).

Each page kind gets a :class:`PageMeta` (its description, Open Graph type and structured data);
the plugin turns it into the page's :class:`Head` with what only the build knows (the page's
absolute URL, the other languages). Absolute URLs need ``site_url``: without it the tags that
must be absolute (``og:url``, ``og:image``) are left out rather than given a wrong address, and
the alternates are relative.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urljoin

from markupsafe import Markup

from gijiroku.series import Series
from gijiroku.site import views
from gijiroku.site.corpus import MeetingDoc, Unit
from gijiroku.site.i18n import Strings, load_strings
from gijiroku.site.theme_info import ThemeInfo
from gijiroku.site.views import Site

#: Longest description, in characters: link previews show two or three lines of it.
DESCRIPTION_LIMIT = 160
#: The minutes are of Japanese government meetings, whose times are Japan Standard Time.
MEETING_TIMEZONE = "+09:00"
_TAG = re.compile(r"<[^>]*>")
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)
_SPACE = re.compile(r"\s+")


class PageMeta(NamedTuple):
    """What a page kind says about itself in its head. ``json_ld`` is a schema.org document
    (a JSON-serialisable dict) or None; ``og_type`` is ``website`` or ``article``."""

    description: str
    og_type: str = "website"
    json_ld: dict[str, Any] | None = None


class Alternate(NamedTuple):
    """A ``<link rel="alternate" hreflang>``: ``lang`` is a language code or ``x-default``."""

    lang: str
    href: str


@dataclass(frozen=True)
class Head:
    """The head data of one page. Invariants: ``url`` and ``image`` are absolute or "" (never a
    relative or placeholder address); ``description`` is plain text of at most
    :data:`DESCRIPTION_LIMIT` characters; ``json_ld`` is the script's content, safe inside
    ``<script>`` (:func:`json_ld_script`), or ""."""

    title: str
    description: str
    site_name: str
    og_type: str
    url: str
    image: str
    locale: str
    locale_alternates: tuple[str, ...]
    alternates: tuple[Alternate, ...]
    json_ld: Markup | str = ""

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


# --- text ----------------------------------------------------------------------------------

def clean(text: str) -> str:
    """``text`` on one line: runs of whitespace (newlines too) made one space."""
    return _SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` (cleaned) cut to at most ``limit`` characters, with "…" when cut."""
    text = clean(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def first_paragraph(page_html: str) -> str:
    """The plain text of the first non-empty ``<p>`` of a page's HTML ("" for none)."""
    for match in _PARAGRAPH.finditer(page_html):
        text = clean(html.unescape(_TAG.sub("", match.group(1))))
        if text:
            return text
    return ""


def json_ld_script(data: dict[str, Any]) -> Markup:
    """``data`` as JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&``
    are written as ``\\u003c`` … so that no text of the minutes (``</script>``, ``<!--``) can end
    the script or start markup; the JSON means the same."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# --- what each page kind says ----------------------------------------------------------------

def unit_text(site: Site, doc: MeetingDoc, unit: Unit) -> str:
    """A unit's text in the site's language: its translation if any, else the Japanese."""
    translation = site.translation(doc, unit)
    return translation.text if translation else unit.text


def meeting_summary(site: Site, doc: MeetingDoc) -> str:
    """What a meeting is about: its agenda when the source has one, else its first remarks."""
    agenda = doc.minutes.meeting.agenda
    if agenda:
        return site.t("head.agenda", items=("、" if site.lang == "ja" else "; ").join(agenda))
    text = ""
    for unit in site.units[doc.id]:
        if unit.parent is None:
            text = joined(site, text, clean(unit_text(site, doc, unit)))
            if len(text) >= DESCRIPTION_LIMIT:
                break
    return text


def joined(site: Site, *texts: str) -> str:
    """Sentences one after the other: Japanese text needs no space between them."""
    return ("" if site.lang == "ja" else " ").join(t for t in texts if t)


def meeting_description(site: Site, doc: MeetingDoc) -> str:
    lead = site.t("head.meeting", date=views.meeting_date(site, doc).shown,
                  organiser=views.series_organiser(site, doc.series),
                  series=views.series_title(site, doc.series), kind=views.meeting_kind(site, doc))
    return shorten(joined(site, lead, meeting_summary(site, doc)))


def meeting_start(doc: MeetingDoc, time: str | None) -> str:
    """The meeting's date, with ``time`` ("HH:MM") and the Japanese offset when known."""
    date = doc.minutes.meeting.date
    return f"{date}T{time}:00{MEETING_TIMEZONE}" if time else date


def meeting_json_ld(site: Site, doc: MeetingDoc, description: str, url: str) -> dict[str, Any]:
    """The meeting as a schema.org ``Event`` organised by the ministry (an ``Organization``),
    part of its study group (an ``EventSeries``), and the minutes as a ``Report`` about it, part
    of the series' minutes (a ``CreativeWorkSeries``). ``url``: the page's absolute URL or ""."""
    m = doc.minutes.meeting
    organiser = {"@type": "Organization", "name": views.series_organiser(site, doc.series)}
    series = views.series_title(site, doc.series)
    event: dict[str, Any] = {
        "@type": "Event", "@id": "#event", "name": views.meeting_title(site, doc),
        "startDate": meeting_start(doc, m.start), "organizer": organiser,
        "superEvent": {"@type": "EventSeries", "name": series}}
    if m.start and m.end:
        event["endDate"] = meeting_start(doc, m.end)
    if m.venue:
        event["location"] = {"@type": "Place", "name": m.venue}
    report: dict[str, Any] = {
        "@type": "Report", "@id": "#minutes", "name": views.meeting_name_text(site, doc),
        "description": description, "inLanguage": site.lang, "about": {"@id": "#event"},
        "author": organiser, "isPartOf": {"@type": "CreativeWorkSeries", "name": series},
        "identifier": doc.id, "dateCreated": m.date}
    if url:
        report["url"] = url
    return {"@context": "https://schema.org", "@graph": [event, report]}


def meeting_meta(site: Site, doc: MeetingDoc, url: str) -> PageMeta:
    description = meeting_description(site, doc)
    return PageMeta(description, "article", meeting_json_ld(site, doc, description, url))


def theme_meta(site: Site, theme: ThemeInfo) -> PageMeta:
    tags = site.theme_units(theme.id)
    meetings = len({doc.id for doc, _, _ in tags})
    about = theme.description_en if site.lang == "en" else theme.description
    return PageMeta(shorten(joined(site, site.t("head.theme", name=views.theme_name(site, theme),
                                                 count=len(tags), meetings=meetings), about or "")))


def series_meta(site: Site, series: Series, docs: list[MeetingDoc]) -> PageMeta:
    """A series' page: ``docs`` are its meetings."""
    return PageMeta(shorten(site.t("head.series", name=views.series_title(site, series),
                                   organiser=views.series_organiser(site, series),
                                   meetings=len(docs), remarks=sum(len(d.remarks) for d in docs))))


def speaker_meta(site: Site, slug: str, key: str) -> PageMeta:
    """A speaker's page (``key``) or, with key "", the series' speakers index."""
    series = next(s for s in site.corpus.series() if s.slug == slug)
    title = views.series_title(site, series)
    if not key:
        return PageMeta(shorten(site.t("head.speakers", series=title)))
    person = views.person_of(site, slug, key)
    return PageMeta(shorten(site.t("head.speaker", name=person.name + person.role, series=title,
                                   remarks=len(person.remarks), meetings=len(person.meetings))))


def corpus_counts(site: Site) -> dict[str, int]:
    return {"meetings": len(site.corpus.meetings),
            "series": len({doc.series.slug for doc in site.corpus.meetings}),
            "remarks": sum(len(doc.remarks) for doc in site.corpus.meetings),
            "themes": len(site.themes)}


def listing_meta(site: Site, stem: str) -> PageMeta:
    """A top page's: ``stem`` is home, themes, meetings, report, glossary, data or search."""
    return PageMeta(shorten(site.t(f"head.{stem}", **corpus_counts(site))))


# --- a page's head ---------------------------------------------------------------------------

def page_alternates(roots: dict[str, str], language: str, page_url: str) -> list[dict[str, Any]]:
    """The same page in each language of the site (``roots``: language -> path from this
    build's root to that language's root; the first is the default language), as the language
    selector (theme/partials/alternate.html) and the head's alternates use them: ``lang``,
    ``href`` (relative to the page), ``current``. The builds share their URL layout."""
    up = "../" * page_url.count("/")
    return [{"lang": lang, "href": up + root + page_url or "./", "current": lang == language}
            for lang, root in roots.items()]


def hreflang_links(alternates: list[dict[str, Any]], page_absolute: str) -> tuple[Alternate, ...]:
    """The head's ``hreflang`` links: each language's page, then ``x-default`` (the default
    language's, the first). Absolute when the page's own absolute URL is known, else relative."""
    if not alternates:
        return ()

    def href(relative: str) -> str:
        return urljoin(page_absolute, relative) if page_absolute else relative

    links = [Alternate(alt["lang"], href(alt["href"])) for alt in alternates]
    return (*links, Alternate("x-default", links[0].href))


def locales(languages: list[str]) -> dict[str, str]:
    """Each language's Open Graph locale (``head.locale`` in strings.yml: ja_JP, en_US)."""
    return {lang: load_strings(lang)("head.locale") for lang in languages}


def page_head(t: Strings, meta: PageMeta, *, title: str, site_name: str, url: str, image: str,
              alternates: tuple[Alternate, ...], locale_of: dict[str, str]) -> Head:
    """The head of a page. ``url``/``image``: absolute or "" (see :class:`Head`)."""
    own = locale_of.get(t.language) or t("head.locale")
    others = tuple(loc for lang, loc in locale_of.items() if lang != t.language)
    return Head(title=title, description=shorten(meta.description), site_name=site_name,
                og_type=meta.og_type, url=url, image=image, locale=own, locale_alternates=others,
                alternates=alternates,
                json_ld=json_ld_script(meta.json_ld) if meta.json_ld is not None else "")


def absolute_or_empty(site_url: str, url: str) -> str:
    """``url`` (site-relative) made absolute on ``site_url``; "" when there is no site_url."""
    return views.absolute_url(site_url, url) if site_url else ""


# --- share pages r/<id>/ (plugin option share_pages) -----------------------------------------

def share_path(unit_id: str) -> str:
    """The site-relative URL of a remark's share page."""
    return f"r/{unit_id}/"


class Shared(NamedTuple):
    """A remark with a share page: a live remark, or one a corrected source no longer has
    (retired: its anchor on the meeting page leads to a notice), whose shared link must keep
    working. ``text`` is in the site's language when translated."""

    doc: MeetingDoc
    id: str
    speaker: dict[str, Any] | None
    text: str


def share_title(site: Site, shared: Shared) -> str:
    meeting = views.meeting_name_text(site, shared.doc)
    if shared.speaker:
        return site.t("head.share_title", speaker=views.speaker_name(site, shared.speaker),
                      meeting=meeting)
    return site.t("head.share_title_anonymous", id=shared.id, meeting=meeting)


def share_context(site: Site, shared: Shared, *, site_name: str, image: str, icon: str,
                  locale_of: dict[str, str]) -> dict[str, Any]:
    """The context of ``gijiroku/share.html`` for a remark: a page whose preview is the remark
    (speaker, meeting, text) and which sends the reader to the remark's anchor on its meeting's
    page (``target``, relative: it works wherever the site is served; ``canonical`` is
    absolute when site_url is set). ``icon``: the site's favicon (site-relative URL)."""
    here = share_path(shared.id)
    up = "../" * here.count("/")
    # the page that shows the remark (a part of a split meeting: no forwarding script needed)
    target = up + site.unit_url(shared.doc, shared.id) + "#" + shared.id
    head = page_head(site.t, PageMeta(shorten(shared.text), "article"),
                     title=share_title(site, shared), site_name=site_name,
                     url=absolute_or_empty(site.site_url, here), image=image, alternates=(),
                     locale_of=locale_of)
    canonical = site.permalink(shared.doc, shared.id, here)
    return views.context(site, head=head, target=target, canonical=canonical, icon=up + icon)


def shared_remarks(site: Site) -> list[Shared]:
    """Every remark (not item) of the site, and every retired remark or item (a link once
    shared keeps working): one share page each."""
    out = []
    for doc in site.corpus.meetings:
        out += [Shared(doc, unit.id, unit.speaker, unit_text(site, doc, unit))
                for unit in site.units[doc.id] if unit.parent is None]
        out += [Shared(doc, entry.id, None,
                       entry.text or site.t("meeting.retired_notice", id=entry.id))
                for entry in doc.minutes.retired]
    return out
