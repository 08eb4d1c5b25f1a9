"""Generate a realistic corpus of N meetings from the bundled real minutes, for scale tests.

    python scripts/make_corpus.py 1000 [--seed 1] [--out /tmp/corpus]

Writes DIR/minutes/<series>/series.yml and DIR/minutes/<series>/NN.txt (NNN when a series has
more than 99 meetings) as *source text in the seed's format* (PDF-extracted: a blank line after
every line, lines wrapped at 40 characters regardless of words, a trailing space at the end of a
paragraph, full-width digits in the header), so the whole pipeline runs on it. Remarks are
re-sampled sentences of the seed's real remarks (their numbers varied), some with ・ items;
meetings are spread over several series and dates. Deterministic for a given seed.

Every other series (the first, third, …) is a 議事録 that names its speakers (○松原座長　…, as
the Ministry of Justice's minutes do): each such series has its own pool of members (a chair
and 9-13 members, surnames drawn from :data:`SURNAMES`, some with variant kanji such as 髙橋
or 渡邊), who recur across its meetings, plus turns of the 事務局 (an office: no speaker page),
so speaker pages exist at scale. The other series stay anonymous 議事要旨 like the seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

from gijiroku.parse.dates import weekday_ja

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "minutes" / "meti-smart-resilient" / "06.txt"
WIDTH = 40  # characters per physical line, as in the seed PDF
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SERIES = [
    ("gen-regional-economy", "re", "地域経済の将来像に関する研究会", "経済産業省"),
    ("gen-digital-society", "ds", "デジタル社会の基盤整備に関する検討会", "デジタル庁"),
    ("gen-human-capital", "hc", "人的資本と地方創生に関する懇談会", "内閣官房"),
    ("gen-sme-finance", "sf", "中小企業金融のあり方に関する研究会", "金融庁"),
    ("gen-resilience", "rs", "強靱な産業基盤に関するワーキンググループ", "経済産業省"),
    ("gen-green-transformation", "gx", "グリーントランスフォーメーション推進会議", "環境省"),
    ("gen-innovation", "in", "地域イノベーション・エコシステム検討会", "文部科学省"),
    ("gen-tourism", "tr", "観光地域づくりと交流人口に関する有識者会議", "観光庁"),
]
SURNAMES = ["藤田", "池山", "山口", "小出", "笹岡", "雨宮", "箱井", "吉田", "後藤", "洲崎", "松井",
            "新谷", "北澤", "青戸", "池本", "金子", "髙橋", "山﨑", "渡邊", "齋藤", "佐々木", "中島", "石川",
            "小林", "加藤", "森", "清水", "岡田", "長谷川", "村上", "近藤", "坂本", "遠藤", "青木"]
MEMBERS = ["松原座長", "井口委員", "宇佐川委員", "大橋委員", "坂田委員", "田中委員", "長山委員", "野村委員",
           "浜口委員", "林委員", "藤井委員", "松江委員", "髙橋委員", "山﨑委員", "渡邊委員", "齋藤委員"]


def seed_sentences(text: str) -> list[str]:
    """The sentences of the seed's remarks and items (○/・ paragraphs, wraps joined)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = "".join(lines[lines.index(next(l for l in lines if l.startswith("○"))) :])
    body = body[: body.rindex("以上")]
    sentences = []
    for part in re.split(r"[○・]", body):
        sentences += [s + "。" for s in part.split("。") if len(s) > 4]
    return sentences


def vary_numbers(sentence: str, rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        digits = "".join(str(rng.randrange(10)) for _ in match[0])
        full = not match[0].isascii()
        return digits.translate(FULL_WIDTH) if full else digits

    return re.sub(r"[0-9]+|[０-９]+", replace, sentence)


def paragraph_lines(text: str) -> list[str]:
    """Wrap a paragraph at WIDTH; the last line carries the PDF's trailing space."""
    lines = [text[i : i + WIDTH] for i in range(0, len(text), WIDTH)]
    lines[-1] += " "
    return lines


def remark_paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    def text(lo: int, hi: int) -> str:
        return "".join(vary_numbers(rng.choice(sentences), rng) for _ in range(rng.randint(lo, hi)))

    if rng.random() < 0.05:
        count = rng.randint(2, 6)
        return [f"○具体的な意見は{str(count).translate(FULL_WIDTH)}点。"] + ["・" + text(1, 3) for _ in range(count)]
    paragraphs = ["○" + text(1, 4)]
    if rng.random() < 0.25:
        paragraphs.append(text(1, 2))
    return paragraphs


def member_pool(rng: random.Random) -> list[str]:
    """A named series' members as they are written in turns and attendance: a chair first."""
    names = rng.sample(SURNAMES, rng.randint(10, 14))
    return [names[0] + "座長"] + [name + "委員" for name in names[1:]]


def named_turns(rng: random.Random, present: list[str], sentences: list[str]) -> list[str]:
    """A 議事録's turns: the chair (present[0]) opens and speaks often, members in between,
    now and then the secretariat; each turn is ○<speaker>　<text>."""
    def text(lo: int, hi: int) -> str:
        return "".join(vary_numbers(rng.choice(sentences), rng) for _ in range(rng.randint(lo, hi)))

    turns = []
    for index in range(rng.randint(22, 34)):
        roll = rng.random()
        speaker = (present[0] if index == 0 or roll < 0.3 else "事務局" if roll < 0.4
                   else rng.choice(present[1:]))
        turns.append(f"○{speaker}\u3000{text(1, 4)}")
    return turns


def meeting_text(rng: random.Random, title: str, number: int, date: dt.date, sentences: list[str],
                 pool: list[str] | None = None) -> str:
    """A meeting's source text: a 議事要旨 of anonymous remarks, or with a member ``pool``
    a 議事録 whose turns name their speakers (the chair and some of the members present)."""
    start = rng.choice([9, 10, 13, 14, 15])
    if pool:
        members = [pool[0]] + rng.sample(pool[1:], rng.randint(min(6, len(pool) - 1), len(pool) - 1))
    else:
        members = rng.sample(MEMBERS, rng.randint(6, 12))
    kind = "議事録" if pool else "議事要旨"
    header = [
        f" {title}（第{str(number).translate(FULL_WIDTH)}回） ",
        f"{kind} ",
        " ",
        f"日時：{date.year}年{str(date.month).translate(FULL_WIDTH)}月{str(date.day).translate(FULL_WIDTH)}日"
        f"（{weekday_ja(date)}）{start}時 00分～{start + 2}時 00分 ",
        "場所：web会議（Cisco Webex） ",
        " ",
        "参加委員 ",
        *paragraph_lines("、".join(members)),
        " ",
        f"{'議事' if pool else '議事要旨'} ",
        "本研究会の報告書案について事務局から説明。委員からの主な意見は以下のとおり。 " if not pool
        else "本研究会の報告書案について事務局から説明の後、意見交換を行った。 ",
        " ",
    ]
    body: list[str] = []
    if pool:
        for turn in named_turns(rng, members, sentences):
            body += paragraph_lines(turn) + [" "]
    for _ in range(0 if pool else rng.randint(22, 34)):
        for paragraph in remark_paragraphs(rng, sentences):
            body += paragraph_lines(paragraph)
        body.append(" ")
    # the extraction's blank line after every line
    return "".join(line + "\n\n" for line in header + body + ["以上 "])


def make_corpus(meetings: int, seed: int, out: Path) -> list[Path]:
    rng = random.Random(seed)
    sentences = seed_sentences(SEED_TEXT.read_text(encoding="utf-8"))
    series = SERIES[: max(1, min(len(SERIES), meetings // 50 or 1))]
    per_series = [meetings // len(series) + (i < meetings % len(series)) for i in range(len(series))]
    written = []
    for index, ((slug, code, title, organiser), count) in enumerate(zip(series, per_series)):
        pool = member_pool(rng) if index % 2 == 0 else None
        folder = out / "minutes" / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "series.yml").write_text(
            f"slug: {slug}\ncode: {code}\ntitle: {title}\norganiser: {organiser}\n", encoding="utf-8")
        date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(365))
        width = 3 if count > 99 else 2
        for number in range(1, count + 1):
            date += dt.timedelta(days=rng.randint(7, 40))
            path = folder / f"{number:0{width}d}.txt"
            path.write_text(meeting_text(rng, title, number, date, sentences, pool), encoding="utf-8")
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meetings", type=int, help="number of meetings to generate")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same corpus)")
    parser.add_argument("--out", type=Path, default=Path("corpus"), help="output directory (default: ./corpus)")
    args = parser.parse_args()
    if args.meetings < 1:
        parser.error("the number of meetings must be at least 1")
    written = make_corpus(args.meetings, args.seed, args.out)
    print(f"wrote {len(written)} meetings under {args.out / 'minutes'}")


if __name__ == "__main__":
    main()
