"""Report-shaped mutations of the real reports in tests/fixtures, for the CI fuzz test
(tests/test_fuzz.py) and long campaigns (benchmarks/fuzz.py).

Each mutation is something real text does to a report: lines lost, doubled or swapped, a table's
cells run together or split, digits changed or glued, page numbers and chrome inserted, wraps,
long runs of one character, pieces of other reports spliced in.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
PIECES = ["\t", " ", "\u3000", "|", "---", "#", "## ", "- ", "**", "一、", "十十、", "（一）", "(二)", "1.", "2、", "（1）", "①",
          "-3-", "— 3 —", "第3页", "0", "7", "12", "99999999999999999999", "2023年", "202020年", "1月1日", "12月31日", "2月30日",
          "统计期限", "自", "至", "。", "，", ",", ":", "“", "”", "《", "》", "（", "）", "【", "〔", "http://a.cn/x?y=1,2",
          "a@b.cn", "XX局", "××", "（文字描述）", "编写说明：", "<!-- govlint-disable GL601 -->", "<!-- govlint-disable-next-line",
          "-->", "<!-- govlint-enable -->", "[bookmark: _GoBack]", "<p>", "&nbsp;", "信息处理费", "—", "/", "无", "\ufffd",
          "总计", "自然人", "（七）总计", "结转下年度继续办理", "行政复议", "尚未审结", "均已办结", "一是", "三是", "的的"]


@lru_cache(maxsize=1)
def report_texts() -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8") for folder in ("seeds", "corpus") for path in sorted((FIXTURES / folder).glob("*.txt")))


def mutate(rng: random.Random, text: str, corpus: tuple[str, ...] = ()) -> str:
    """1–6 random report-shaped mutations of `text`."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        if not lines:
            lines = [""]
        kind = rng.randrange(12)
        at = rng.randrange(len(lines))
        if kind == 0:    # lines lost
            del lines[at:at + rng.randint(1, 30)]
        elif kind == 1:  # lines doubled
            lines[at:at] = lines[at:at + rng.randint(1, 20)]
        elif kind == 2:  # two lines swapped
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == 3:  # cells run together (scraped text) or split
            lines[at] = lines[at].replace("\t", "") if rng.random() < 0.5 else lines[at].replace(" ", "\t")
        elif kind == 4:  # digits changed or glued
            lines[at] = "".join(str(rng.randrange(10)) if ch.isdigit() and rng.random() < 0.3 else ch for ch in lines[at])
        elif kind == 5:  # a page number or chrome inserted
            lines.insert(at, rng.choice(["-3-", "— 4 —", "第 5 页 共 9 页", "打印本页 关闭窗口", "字号：大 中 小", "", "\f"]))
        elif kind == 6:  # a hard wrap inside a line
            line = lines[at]
            if len(line) > 2:
                cut = rng.randrange(1, len(line))
                lines[at:at + 1] = [line[:cut], line[cut:]]
        elif kind == 7:  # lines joined
            lines[at:at + 2] = ["".join(lines[at:at + 2])]
        elif kind == 8:  # pieces inserted
            line = lines[at]
            cut = rng.randrange(len(line) + 1)
            lines[at] = line[:cut] + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8))) + line[cut:]
        elif kind == 9:  # a long run of one character
            lines[at] += rng.choice(" ,，X×《》（—0\t@") * rng.choice([50, 500, 5000])
        elif kind == 10 and corpus:  # a piece of another report spliced in
            other = rng.choice(corpus).split("\n")
            start = rng.randrange(len(other))
            lines[at:at] = other[start:start + rng.randint(1, 40)]
        else:            # characters deleted
            line = lines[at]
            if line:
                cut = rng.randrange(len(line))
                lines[at] = line[:cut] + line[cut + rng.randint(1, 5):]
    return "\n".join(lines)
