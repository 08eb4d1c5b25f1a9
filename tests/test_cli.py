"""The CLI: user mistakes give one clear message and exit 2; no file is half-written."""

import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from gijiroku.cli import main
from gijiroku.parse.fingerprint import without_fingerprint
from support.paths import FIXTURES, MINUTES, SEED

SERIES_YML = (FIXTURES / "parse" / "series.yml").read_text(encoding="utf-8")


@pytest.fixture
def series_dir(tmp_path):
    directory = tmp_path / "minutes" / "fixtures"
    directory.mkdir(parents=True)
    (directory / "series.yml").write_text(SERIES_YML, encoding="utf-8")
    return directory


BAD_INPUTS = [
    # (bytes, where, what is wrong, what to do)
    (b"", ":1:", "empty", "text file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ":3:", "binary", "--encoding"),  # NUL on line 3
    ("会議\n日時：2021年6月1日\n本文のみ。\n".encode(), ":3:", "no remarks found", "○"),
    ("会議（第１回）\n日時：未定\n○発言。\n以上\n".encode(), ":2:", "no meeting date", "日時："),
    (b"\x82\xa0\xff\xfe\x80", ":1:", "not valid UTF-8", "--encoding cp932"),
]


@pytest.mark.parametrize(("data", "where", "what", "todo"), BAD_INPUTS)
def test_bad_input_is_a_clear_error(series_dir, data, where, what, todo):
    source = series_dir / "01.txt"
    source.write_bytes(data)
    output = series_dir / "out.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "gijiroku", "parse", str(source), "-o", str(output)],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert f"01.txt{where}" in result.stderr
    assert what in result.stderr and todo in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


HEAD = "テスト研究会（第１回）\n議事要旨\n日時：令和３年６月１日（火）13時00分～15時00分\n場所：オンライン\n"

SUSPICIOUS_INPUTS = [
    # (minutes text, where, what looks wrong, what to do): a warning, the parse still succeeds
    (HEAD + "○課題。（Ａ）次の発言。\n○人材。\n以上\n", ":5:", "another turn ((A)", "（Ａ）"),
    (HEAD + "○課題。\n出席者：山田\n○人材。\n以上\n", ":6:", "a header line (出席者", "one meeting"),
    (HEAD + "○課題。\n散会\n続き。\n○人材。\n以上\n", ":6:", "a closing line (散会)",
     "several meetings"),
    (HEAD + "○課題\n- 3 -\nの続き。\n○人材。\n以上\n", ":6:", "page-number: -3-",
     "page convention"),
    (HEAD + "○課題。\n" + HEAD + "○人材。\n以上\n", ":6:", "several meetings", "its own file"),
    # paragraphs end with a trailing space (as in the seed): the label lines lack it
    (HEAD.replace("\n", " \n") + "○議事 \n" + "（Ａ）一。\n（Ｂ）二。\n（Ｃ）三。\n（Ｄ）四。\n以上 \n",
     ":6:", "5 source lines start with a turn marker", "swallowed"),
    (HEAD + "○" + "課題を述べる。" * 3000 + "\n○人材。\n以上\n", ":5:",
     "holds 100% of the meeting's text", "own line"),
]


@pytest.mark.parametrize(("text", "where", "what", "todo"), SUSPICIOUS_INPUTS)
def test_suspicious_input_is_a_warning_with_a_hint(series_dir, text, where, what, todo):
    source = series_dir / "01.txt"
    source.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gijiroku", "check", "--strict", str(source)],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout.splitlines()
    (warning,) = [n for n, line in enumerate(output)
                  if f"01.txt{where} warning:" in line and what in line]
    assert output[warning + 1].startswith("  hint: ") and todo in output[warning + 1]
    assert "Traceback" not in result.stderr
    without_strict = CliRunner().invoke(main, ["check", str(source)])
    assert without_strict.exit_code == 0


def test_check_strict_passes_clean_minutes_and_errors_still_exit_2(series_dir):
    shutil.copy(FIXTURES / "parse" / "named-council.txt", series_dir / "01.txt")
    runner = CliRunner()
    clean = runner.invoke(main, ["check", "--strict", "--root", str(series_dir.parent)])
    assert clean.exit_code == 0 and "warning" not in clean.output
    (series_dir / "02.txt").write_bytes(b"")
    assert runner.invoke(main, ["check", "--strict", "--root", str(series_dir.parent)]).exit_code == 2


def test_parse_all_reports_a_failing_file_and_writes_the_others(series_dir):
    shutil.copy(SEED, series_dir / "06.txt")
    (series_dir / "05.txt").write_bytes(b"")
    (series_dir / "07.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["parse", "--all", "--root", str(series_dir.parent)])
    assert result.exit_code == 2
    assert "05.txt:1: error:" in result.output and "07.txt:1: error:" in result.output
    assert (series_dir / "06.yaml").is_file()
    assert not (series_dir / "05.yaml").exists() and not (series_dir / "07.yaml").exists()


def test_parse_to_stdout_and_all(series_dir):
    shutil.copy(SEED, series_dir / "06.txt")
    runner = CliRunner()
    stdout = runner.invoke(main, ["parse", str(series_dir / "06.txt"), "--root", str(series_dir.parent)])
    assert stdout.exit_code == 0 and "id: fx06-01" in stdout.output
    assert runner.invoke(main, ["parse", "--all", "--root", str(series_dir.parent)]).exit_code == 0
    # Warnings go to standard error; standard output is the YAML alone, the YAML --all writes
    # but for its fingerprint (the line that lets --all skip it next time)
    written = (series_dir / "06.yaml").read_text(encoding="utf-8")
    assert written != stdout.stdout and without_fingerprint(written) == stdout.stdout
    assert "warning: the header says （月）" in stdout.stderr


def test_check_reports_warnings_and_stale_yaml(series_dir):
    shutil.copy(SEED, series_dir / "06.txt")
    runner = CliRunner()
    runner.invoke(main, ["parse", "--all", "--root", str(series_dir.parent)])
    ok = runner.invoke(main, ["check", "--root", str(series_dir.parent)])
    assert ok.exit_code == 0 and "06.txt:7: warning:" in ok.output and "28 remarks" in ok.output
    published = series_dir / "06.yaml"
    published.write_text(published.read_text(encoding="utf-8").replace("title: ", "title: 旧", 1),
                         encoding="utf-8")
    stale = runner.invoke(main, ["check", "--root", str(series_dir.parent)])
    assert stale.exit_code == 2 and "stale" in stale.output


def test_check_of_bundled_minutes_passes():
    result = CliRunner().invoke(main, ["check", "--root", str(MINUTES)])
    assert result.exit_code == 0, result.output


def test_forced_encoding(series_dir):
    source = series_dir / "01.txt"
    source.write_bytes("会議（第１回）\n日時：令和3年6月1日\n○発言。\n以上\n".encode("euc_jp"))
    result = CliRunner().invoke(main, ["parse", str(source), "--encoding", "euc_jp",
                                       "--root", str(series_dir.parent)])
    assert result.exit_code == 0 and "encoding: euc_jp" in result.output
