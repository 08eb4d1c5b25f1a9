"""Stage 1, decode: raw bytes -> text, detecting the encoding of Japanese minutes.

Detection order: a byte-order mark (UTF-8, UTF-16 LE/BE) wins; then strict UTF-8; then the
legacy Japanese codecs, scored by how Japanese the result looks, because CP932 and EUC-JP
bytes often decode without error in the other codec but yield nonsense.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from gijiroku.errors import GijirokuError

LEGACY_CODECS = ("cp932", "euc_jp")
_IMPLAUSIBLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Decoded:
    text: str  # line endings still as in the source
    encoding: str


def decode(data: bytes, file: str, encoding: str | None = None) -> Decoded:
    """Decode ``data``; ``encoding`` forces a codec (the CLI's ``--encoding``)."""
    if not data.strip():
        raise GijirokuError(
            file, "the file is empty", "pass a text file of minutes (議事録/議事要旨)", line=1
        )
    if encoding:
        return Decoded(_decode_forced(data, file, encoding), encoding)
    for bom, codec in BOMS:
        if data.startswith(bom):
            return Decoded(_decode_forced(data, file, codec), codec)
    if b"\x00" in data:
        raise GijirokuError(
            file,
            "the file looks binary (it contains NUL bytes and no UTF-16 byte-order mark)",
            "pass the minutes as text; for UTF-16 without a BOM use --encoding utf-16-le",
            line=_line_of(data, data.index(b"\x00")),
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        candidates = [c for c in LEGACY_CODECS if _decodes_plausibly(data, c)]
        if not candidates:
            raise GijirokuError(
                file,
                "the file is not valid UTF-8, CP932 (Shift_JIS) or EUC-JP "
                f"(first bad byte at offset {utf8_error.start})",
                "if you know the encoding, pass it, e.g. --encoding cp932",
                line=_line_of(data, utf8_error.start),
            ) from None
        best = max(candidates, key=lambda codec: _japanese_score(data.decode(codec)))
        return Decoded(data.decode(best), best)


def _decode_forced(data: bytes, file: str, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise GijirokuError(
            file, f"unknown encoding {encoding!r}", "use e.g. utf-8, cp932, euc_jp or utf-16"
        ) from None
    except UnicodeDecodeError as error:
        raise GijirokuError(
            file,
            f"the file is not valid {encoding} (bad byte at offset {error.start})",
            "check the encoding; try --encoding cp932, euc_jp or utf-8",
            line=_line_of(data, error.start),
        ) from None


def _decodes_plausibly(data: bytes, codec: str) -> bool:
    """True when ``data`` decodes and yields no control or private-use characters.

    CP932 maps many invalid-looking bytes to private-use code points, so "it decodes" alone
    would accept random binary data as Japanese text.
    """
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return False
    return not _IMPLAUSIBLE.search(text)


def _japanese_score(text: str) -> int:
    """Hiragana count: high for real Japanese, near zero for mojibake.

    EUC-JP bytes read as CP932 turn hiragana into half-width katakana, and CP932 bytes are
    mostly invalid as EUC-JP, so the codec that yields the most hiragana is the right one.
    """
    return sum("\u3041" <= char <= "\u309f" for char in text)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
