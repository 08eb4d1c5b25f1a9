"""The largest inputs gijiroku accepts, and reads that refuse anything larger before reading it.

Limits keep one hostile or mistaken file (a whole year of minutes pasted into one source, a
YAML bomb) from taking a build's time and memory; the README's "Limits" table gives the time
and memory measured for the largest accepted source. Every refusal names the file, its size
and the limit.
"""

from __future__ import annotations

from pathlib import Path

from gijiroku.errors import GijirokuError

# A source file (text, PDF or HTML). The largest real minutes seen are a 270 KB day of a
# council (text) and 590 KB PDFs; 4 MiB of UTF-8 text is about 1.4 million characters.
MAX_SOURCE_BYTES = 4 * 1024 * 1024
# The text of a source once decoded or extracted: what 4 MiB of Japanese holds in a two-byte
# encoding (CP932, UTF-16), as a PDF or an HTML page can expand into much more text than bytes.
MAX_SOURCE_CHARS = 2_100_000
# Any YAML file. A meeting YAML is about 1.6 times its source's size (the seed: 20 KB -> 33 KB).
MAX_YAML_BYTES = 16 * 1024 * 1024

LIMITS_HINT = "limits: README, section Limits"


def too_large(file: str, size: int, limit: int, what: str, hint: str) -> GijirokuError:
    return GijirokuError(file, f"{what} too large: {size:,} bytes, the limit is {limit:,}",
                         f"{hint} ({LIMITS_HINT})")


def read_bytes(path: Path, limit: int, what: str, hint: str) -> bytes:
    """The bytes of ``path``; a file over ``limit`` bytes is refused before it is read."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise too_large(str(path), size, limit, what, hint)
        return path.read_bytes()
    except OSError as error:
        raise GijirokuError(str(path), f"cannot read {what}: {error.strerror}",
                            "check the path") from None


def read_text(path: Path, limit: int, what: str, hint: str) -> str:
    """The UTF-8 text of ``path``, refused above ``limit`` bytes before it is read."""
    return utf8_text(read_bytes(path, limit, what, hint), str(path), what, hint)


def utf8_text(content: bytes, file: str, what: str, hint: str) -> str:
    """``content`` decoded as UTF-8; anything else is an error naming ``file`` and the byte."""
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GijirokuError(file, f"{what} is not UTF-8 (byte {error.start})", hint) from None
