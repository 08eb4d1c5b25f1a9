"""A crawler of built sites: every internal link and anchor must resolve."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


class Links(HTMLParser):
    """The ids of a page and the URLs it links to (a/link href, script/img src)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        url = attrs.get(LINK_ATTRS.get(tag, ""))
        if url:
            self.links.append(url)


def target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path)
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def broken_links(site: Path, mount: str = "/") -> list[str]:
    """Every internal link of every HTML page under ``site`` whose file or anchor is missing;
    the site is served at path ``mount`` (the path of ``site_url``: 404.html links absolutely)."""
    pages = {path: Links() for path in site.rglob("*.html")}
    for path, parser in pages.items():
        parser.feed(path.read_text(encoding="utf-8"))
    problems = []
    for path, parser in pages.items():
        base = mount + path.relative_to(site).as_posix()
        for link in parser.links:
            parts = urlsplit(urljoin(base, link))
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:")):
                continue  # external
            if not parts.path.startswith(mount):
                problems.append(f"{base}: {link} -> outside the site")
                continue
            target = target_file(site, parts.path[len(mount):])
            if not target.is_file():
                problems.append(f"{base}: {link} -> missing {target.relative_to(site)}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{base}: {link} -> no id {parts.fragment!r}")
    return problems
