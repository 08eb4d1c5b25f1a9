"""Browser helpers: a built site served over HTTP, axe-core's accessibility check, and the
check that a permalink's target is scrolled into view and highlighted. The Playwright fixtures
(browser, page, phone, the served sites) are in tests/browser/conftest.py."""

from __future__ import annotations

import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from support.paths import ROOT
from support.site import LANGS, mount_of

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"  # checked by the browser fixture


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Served:
    """A built site served over HTTP at the path of its ``site_url`` (so absolute links work),
    or at ``mount``. With ``not_found``, a missing address gets the site's 404 page of the
    language its path is in (en/404.html below en/), as a static host serves it."""

    def __init__(self, name: str, root: Path, mount: str | None = None, not_found: bool = False) -> None:
        self.mount = mount or mount_of(name)
        self.site = root

        mount = self.mount

        class Handler(QuietHandler):
            def translate_path(self, path):
                path = urlsplit(path).path
                path = path[len(mount) - 1:] if path.startswith(mount) else "/__outside__"
                return super().translate_path(path)

            def send_head(self):
                local = Path(self.translate_path(self.path))
                if not not_found or local.is_file() or (local / "index.html").is_file():
                    return super().send_head()
                inside = urlsplit(self.path).path[len(mount):]
                lang = next((code for code, folder in LANGS.items() if folder and inside.startswith(folder)), "")
                body = (root / LANGS.get(lang, "") / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}{self.mount}"

    def url(self, path: str = "") -> str:
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def run_axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def target_state(page, element_id: str) -> dict:
    return page.evaluate("""id => {
        const e = document.getElementById(id), s = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return {target: e.matches(':target'), outline: s.outlineStyle, background: s.backgroundColor,
                top: r.top, headerBottom: header.bottom, height: innerHeight};
    }""", element_id)


def assert_highlighted_in_view(page, element_id: str) -> None:
    # Wait for the browser's scroll to the fragment to settle, then check position and style.
    page.wait_for_function("""id => {
        const r = document.getElementById(id).getBoundingClientRect();
        return r.top >= 0 && r.top < innerHeight;
    }""", arg=element_id)
    state = target_state(page, element_id)
    assert state["target"], state
    assert state["outline"] == "solid" and state["background"] != "rgba(0, 0, 0, 0)", state
    assert state["headerBottom"] <= state["top"] < state["height"], state
