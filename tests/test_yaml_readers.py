"""Our YAML reads the same in every reader: PyYAML (YAML 1.1) and a YAML 1.2 reader (ruamel.yaml
in 1.2 mode, as npm ``yaml`` and yaml-rs read it). A string that looks like a number, boolean,
null or date in either version is quoted: ``hash: 6389e401`` unquoted is Infinity in YAML 1.2."""

from io import StringIO

import pytest
import yaml
from ruamel.yaml import YAML

from gijiroku.serialize import dump_yaml
from support.paths import FIXTURES, MINUTES

# The YAML we write (meetings, registries) and the data YAML committed beside it (series,
# translations, theme corrections), bundled and in the test fixtures.
WRITTEN = sorted([*MINUTES.glob("*/*.y*ml"), *(FIXTURES / "parse").glob("*.y*ml"),
                  *(FIXTURES / "site" / "minutes").glob("*/*.y*ml")])

# Strings that some YAML reader takes for something else when written plain (by version):
ADVERSARIAL = [
    "6389e401", "1e5", "0e0", "1e-5", "+.5e3",  # 1.2 floats (digits-e-digits: 1.4 % of hashes)
    "0o17",  # 1.2 octal
    "0x1F", "0b101", "0777", "1_000", "12:30", "190:20:30", "08:45",  # 1.1 ints
    ".inf", "-.Inf", ".NaN", "-.NaN", "1.", ".5",  # floats
    "yes", "No", "on", "OFF", "y", "N", "true", "False",  # 1.1 (spec) and 1.2 booleans
    "~", "null", "Null", "NULL", "",  # nulls
    "2024-12-17", "2024-1-7", "2024-12-17T10:00:00Z", "2024-12-17 10:00:00 +09:00",  # dates
]
# Plain strings that must stay readable as they are (not every digit-ish text is quoted).
PLAIN = ["123e", "e12", "1.2.3", "0x", "abc", "第6回", "sr06-21"]


def yaml12(text: str):
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    return reader.load(StringIO(text))


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_written_yaml_reads_the_same_in_yaml_1_2(path):
    text = path.read_text(encoding="utf-8")
    assert yaml12(text) == yaml.safe_load(text)


@pytest.mark.parametrize("value", ADVERSARIAL + PLAIN)
def test_a_string_stays_a_string_in_both_versions(value):
    document = {"hash": value, "flow": {"text": value}, "list": [value]}
    text = dump_yaml(document)
    assert yaml.safe_load(text) == document
    assert yaml12(text) == document


@pytest.mark.parametrize("value", PLAIN)
def test_ordinary_strings_are_not_quoted(value):
    assert dump_yaml({"k": value}) == f"{{k: {value}}}\n"
