import pytest

from gijiroku.errors import GijirokuError
from gijiroku.parse.decode import decode

TEXT = "○地域の中小企業について議事要旨を読む。\n以上\n"


@pytest.mark.parametrize(
    ("data", "expected_encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("cp932"), "cp932"),
        (TEXT.encode("euc_jp"), "euc_jp"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (TEXT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    ],
)
def test_detects_encoding(data, expected_encoding):
    decoded = decode(data, "x.txt")
    assert decoded.encoding == expected_encoding
    assert decoded.text.lstrip("\ufeff") == TEXT


def test_forced_encoding_wins():
    assert decode(TEXT.encode("euc_jp"), "x.txt", encoding="euc_jp").text == TEXT


@pytest.mark.parametrize(
    ("data", "encoding", "message", "hint"),
    [
        (b"", None, "empty", "text file"),
        (b"  \n\n", None, "empty", "text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", None, "binary", "--encoding"),
        (b"\x80\x81\xff\xfe\xfd abc", None, "not valid UTF-8", "--encoding cp932"),
        (TEXT.encode("cp932"), "utf-8", "not valid utf-8", "--encoding"),
        (TEXT.encode("utf-8"), "klingon", "unknown encoding", "cp932"),
    ],
)
def test_bad_bytes_give_clear_errors(data, encoding, message, hint):
    with pytest.raises(GijirokuError) as caught:
        decode(data, "bad.txt", encoding)
    rendered = caught.value.render()
    assert rendered.startswith("bad.txt")
    assert message in rendered
    assert hint in rendered
