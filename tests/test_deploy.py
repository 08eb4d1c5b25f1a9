"""Publishing: the site's address comes from SITE_URL (mkdocs.yml's ``site_url: !ENV SITE_URL``),
the GitHub Pages workflow builds with the README's command and SITE_URL, and a site built with
SITE_URL carries that address while one built without carries none (relative links, no
placeholder)."""

from __future__ import annotations

import csv
import functools
import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from mkdocs.config import load_config

from gijiroku.site.plugin import is_dev_address, published_site_url
from gijiroku.site.views import site_link
from support.paths import ROOT
from support.readme import quick_start_commands, section
from support.site import CONFIGS, LANGS, build_env, built_site, run_build

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
# An address no file of the project mentions, so finding it proves it came from SITE_URL.
PUBLISHED = "https://pages.example.net/minutes-site/"
PLACEHOLDER = "example.github.io"
MEETING = "meetings/sr06/"


# --- the workflow ---------------------------------------------------------------------------

def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def steps(job: str) -> list[dict]:
    return workflow()["jobs"][job]["steps"]


def step_using(job: str, action: str) -> dict:
    found = [s for s in steps(job) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"{job} uses {action} {len(found)} times"
    return found[0]


def test_workflow_builds_with_the_readme_command_and_site_url():
    build, _ = quick_start_commands()
    runs = [s for s in steps("build") if "run" in s]
    assert [s["run"].strip() for s in runs] == [build]
    pages = step_using("build", "actions/configure-pages")
    assert runs[0]["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}" % pages["id"]
    order = [s.get("uses", "run").split("@")[0] for s in steps("build")]
    assert order == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "run",
                     "actions/upload-pages-artifact"]


def test_workflow_uploads_the_built_site_and_deploys_it():
    config = load_config(str(CONFIGS["real"]))
    uploaded = step_using("build", "actions/upload-pages-artifact")["with"]["path"]
    assert (ROOT / uploaded).resolve() == Path(config.site_dir).resolve()
    data = workflow()
    assert data["jobs"]["deploy"]["needs"] == "build"
    deploy = step_using("deploy", "actions/deploy-pages")
    assert data["jobs"]["deploy"]["environment"]["url"] == "${{ steps.%s.outputs.page_url }}" % deploy["id"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]


def test_readme_documents_the_deploy():
    text = section("Publish / deploy")
    for needed in ("SITE_URL", "site_url: !ENV SITE_URL", ".github/workflows/pages.yml",
                   "mkdocs gh-deploy", "mkdocs serve", "SITE_URL is not set"):
        assert needed in text, needed
    assert "site_url: !ENV SITE_URL" in CONFIGS["real"].read_text(encoding="utf-8")


# --- addresses: unit level ------------------------------------------------------------------

@pytest.mark.parametrize(("site_url", "url", "here", "anchor", "expected"), [
    ("https://a.org/g/", "meetings/sr06/", "data/remarks.csv", "sr06-04",
     "https://a.org/g/meetings/sr06/#sr06-04"),
    ("https://a.org/g/en/", "meetings/sr06/", "data/remarks.csv", "", "https://a.org/g/en/meetings/sr06/"),
    ("", "meetings/sr06/", "data/remarks.csv", "sr06-04", "../meetings/sr06/#sr06-04"),
    ("", "meetings/sr06/", "meetings/index.html", "sr06-04", "sr06/#sr06-04"),
    ("", "meetings/sr06/", "", "", "meetings/sr06/"),
    ("", "themes/dx/2/", "data/meetings/sr06.json", "x", "../../themes/dx/2/#x"),
])
def test_site_link_is_absolute_with_an_address_and_relative_without(site_url, url, here, anchor, expected):
    assert site_link(site_url, url, here, anchor) == expected


@pytest.mark.parametrize(("url", "dev_addr", "expected"), [
    ("http://127.0.0.1:8000/", ("127.0.0.1", 8000), True),
    ("http://127.0.0.1:8000/gijiroku/", ("127.0.0.1", 8000), True),
    ("http://[::1]:8000/", ("[::1]", 8000), True),
    ("http://127.0.0.1:8001/", ("127.0.0.1", 8000), False),
    ("https://127.0.0.1:8000/", ("127.0.0.1", 8000), False),
    ("https://owner.github.io/gijiroku/", ("127.0.0.1", 8000), False),
])
def test_is_dev_address(url, dev_addr, expected):
    assert is_dev_address(url, dev_addr) is expected


@pytest.mark.parametrize("config_name", ["mkdocs.yml", "mkdocs.en.yml"])
@pytest.mark.parametrize(("env", "site_url", "expected"), [
    (None, None, None),  # mkdocs build, SITE_URL unset
    (PUBLISHED, PUBLISHED, PUBLISHED),  # mkdocs build with SITE_URL
    (None, "http://127.0.0.1:8000/", None),  # mkdocs serve put its address in site_url
    (PUBLISHED, "http://127.0.0.1:8000/minutes-site/", PUBLISHED),  # the same, with SITE_URL
])
def test_published_site_url_is_never_the_local_preview(monkeypatch, config_name, env, site_url,
                                                       expected):
    monkeypatch.delenv("SITE_URL", raising=False)
    if env:
        monkeypatch.setenv("SITE_URL", env)
    config = load_config(str(ROOT / config_name))
    assert config.site_url == env
    config.site_url = site_url
    assert published_site_url(config) == expected


# --- addresses: built sites -----------------------------------------------------------------

@functools.cache
def built_with_site_url() -> tuple[Path, str]:
    """The real site built with SITE_URL=PUBLISHED, and the build's log."""
    site = Path(tempfile.mkdtemp(prefix="gijiroku-site-published-"))
    result = run_build(CONFIGS["real"], site, site_url=PUBLISHED)
    assert result.returncode == 0, result.stderr
    return site, result.stderr


@functools.cache
def build_log_without_site_url() -> str:
    site = Path(tempfile.mkdtemp(prefix="gijiroku-site-unset-"))
    try:
        result = run_build(CONFIGS["real"], site)
        assert result.returncode == 0, result.stderr
        return result.stderr
    finally:
        shutil.rmtree(site, ignore_errors=True)


@pytest.fixture(scope="module", autouse=True)
def _remove_the_published_build():
    yield
    if built_with_site_url.cache_info().currsize:
        shutil.rmtree(built_with_site_url()[0], ignore_errors=True)


def csv_urls(site: Path, lang: str) -> list[str]:
    """The permalinks in the CSVs language ``lang``'s pages link: the default language's, as
    one copy of each data file serves every language (data/remarks-<series>.zip, each holding
    remarks-<series>.csv)."""
    urls = []
    for path in sorted((site / "data").glob("remarks-*.zip")):
        with zipfile.ZipFile(path) as archive:
            text = archive.read(path.stem + ".csv").decode("utf-8-sig")
        urls += [row["url"] for row in csv.DictReader(io.StringIO(text))]
    assert urls
    return urls


def sitemap_locs(site: Path, lang: str) -> list[str]:
    return re.findall(r"<loc>(.*?)</loc>", (site / LANGS[lang] / "sitemap.xml").read_text(encoding="utf-8"))


def canonical(site: Path, lang: str, path: str = MEETING) -> list[str]:
    html = (site / LANGS[lang] / path / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<link rel="canonical" href="([^"]*)"', html)


def site_url_attribute(site: Path, lang: str, path: str = MEETING) -> list[str]:
    html = (site / LANGS[lang] / path / "index.html").read_text(encoding="utf-8")
    return re.findall(r'<div class="gj" data-site-url="([^"]*)"', html)


@pytest.mark.parametrize("lang", list(LANGS))
def test_with_site_url_every_build_time_address_is_at_it(lang):
    site, _ = built_with_site_url()
    root = PUBLISHED + LANGS[lang]
    urls = csv_urls(site, lang)
    csv_root = PUBLISHED  # the shared CSVs link the default language's pages
    assert urls and all(re.fullmatch(re.escape(csv_root) + r"meetings/[^/]+/#[^/]+", u) for u in urls), urls[:3]
    assert f"{csv_root}{MEETING}#sr06-04" in urls
    locs = sitemap_locs(site, lang)
    assert f"{root}{MEETING}" in locs and all(loc.startswith(root) for loc in locs)
    assert canonical(site, lang) == [f"{root}{MEETING}"]
    assert site_url_attribute(site, lang) == [root]


def test_with_site_url_the_build_does_not_say_it_is_unset():
    _, log = built_with_site_url()
    assert "SITE_URL is not set" not in log


@pytest.mark.parametrize("lang", list(LANGS))
def test_without_site_url_links_are_relative_and_resolve(lang):
    site = built_site("real")  # the README's command: SITE_URL unset
    urls = csv_urls(site, lang)
    assert urls and not any(urlsplit(u).scheme or u.startswith("/") for u in urls), urls[:3]
    for url in urls:  # relative to the CSV itself: they resolve wherever the site is served
        target = urlsplit(urljoin("/data/remarks.csv", url))
        page = site / target.path.lstrip("/") / "index.html"
        assert f'id="{target.fragment}"' in page.read_text(encoding="utf-8"), url
    assert sitemap_locs(site, lang) == []  # a sitemap needs absolute URLs: none rather than wrong ones
    assert canonical(site, lang) == [] and site_url_attribute(site, lang) == []


def test_without_site_url_no_file_of_the_site_carries_an_address():
    site = built_site("real")
    carrying = [str(p.relative_to(site)) for p in sorted(site.rglob("*"))
                if p.is_file() and PLACEHOLDER.encode() in p.read_bytes()]
    assert carrying == []


def test_without_site_url_the_build_says_so_once_in_an_info_line():
    said = [line for line in build_log_without_site_url().splitlines() if "SITE_URL is not set" in line]
    assert len(said) == 1 and said[0].startswith("INFO"), said
    assert "Publish / deploy" in said[0] and "README" in said[0]


def test_test_builds_ignore_the_shells_site_url(monkeypatch):
    monkeypatch.setenv("SITE_URL", PUBLISHED)
    assert "SITE_URL" not in build_env() and build_env(PUBLISHED)["SITE_URL"] == PUBLISHED
