"""Text that paged output adds to a report and that is not the report: page numbers and running
headers and footers. One normalisation for every input: the PDF reader drops them while it reads
pages; a text report (pasted from a PDF viewer, a converter's Markdown) goes through
`normalise_text` before the grammar (see the second half of this module).

- `is_page_number(line)`: “-3-”, “- 3 -”, “— 3 —”, “3”, “第3页”, “第 3 页 共 5 页”, “3/5”, “Page 3 of 5”.
- `running_lines(candidates)`: the lines that come back at the top or bottom of many pages
  (a running title, “XX局2023年政府信息公开工作年度报告”, “内部资料 注意保存 第3页”), compared with
  their digits ignored, so a footer that carries the page number counts as one line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_DASH = r"[-‐‑‒–—―－~～_·•\s]*"
_NUMBER = r"(?:\d{1,4}|[ivx]{1,5}|[IVX]{1,5})"
PAGE_NUMBER = re.compile(
    rf"^{_DASH}(?:"
    rf"第\s*{_NUMBER}\s*页(?:\s*[,，/／]?\s*共\s*\d{{1,4}}\s*页)?"  # 第3页, 第 3 页 共 5 页
    rf"|共\s*\d{{1,4}}\s*页\s*[,，]?\s*第\s*\d{{1,4}}\s*页"  # 共5页 第3页
    rf"|(?:page|p\.)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?"  # Page 3, Page 3 of 5
    rf"|\d{{1,4}}\s*[/／]\s*\d{{1,4}}"  # 3/5
    rf"|{_NUMBER}"  # 3, - 3 -, — iii —
    rf"){_DASH}$",
    re.IGNORECASE,
)


def is_page_number(line: str) -> bool:
    """A line that is only a page number, however it is dressed."""
    text = line.strip()
    return bool(text) and len(text) <= 24 and bool(PAGE_NUMBER.match(text))


def line_key(line: str) -> str:
    """A line compared across pages: no spaces, every run of digits the same."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def running_lines(candidates: list[list[str]], share: float = 0.5) -> set[str]:
    """Keys (`line_key`) of the lines found among the edge lines of at least half the pages (and of
    at least two): `candidates[i]` holds the first and last lines of page i."""
    pages = len(candidates)
    if pages < 2:
        return set()
    counts = Counter(key for lines in candidates for key in {line_key(line) for line in lines if line.strip()})
    needed = max(2, int(pages * share + 0.999))
    return {key for key, count in counts.items() if count >= needed and len(key) >= 2 and key != "#"}


# ---- the normalisation stage for text layouts ------------------------------------------------------
#
# Text pasted from a PDF viewer, or Markdown a PDF/OCR converter made, keeps the page numbers between
# the pages: “-3-” in the middle of a paragraph or of a table. Before the grammar reads a text report
# such lines are blanked — the line stays (empty), so every line and column the parser gives is the
# original file's, and the line is kept in the map (`Normalised.page_lines`) for GL503 to report once.
# A blank line inside a tab-separated or Word-export table does not end it (grammar/report.lark), so a
# table continued across a page-number line is read as one table, and a caption separated from its
# table by a page number is again the line just above it.
#
# Only decorated page numbers are taken out of a text report (“-3-”, “— 3 —”, “第3页”, “第3页 共5页”,
# “3/5”, “Page 3”): a bare “3” on its own line may be a table cell written one per line.
_BARE = re.compile(rf"^\s*{_NUMBER}\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+\S.*(?<![-‐‑‒–—―－\s])\s*$")  # “- 3”: a Markdown item, not “- 3 -”


#
# Running headers and footers (“XX市人民政府办公室”, “2023年政府信息公开工作年度报告” on every page) are
# known by their place: a line found next to the page numbers — among the two lines before or after
# them — at half the page breaks or more (`running_lines`). Only those occurrences are blanked: the
# title on the first page, or the same words in a sentence, stay. A running line is longer than a
# table cell (RUNNING_MIN_CHARS), so a short label that happens to stand next to two page numbers in a
# table written one cell per line (“其他”) is no running header.
RUNNING_MIN_CHARS = 6
_EDGE = 2  # lines looked at on each side of a page number


@dataclass(frozen=True)
class Normalised:
    text: str  # the text the grammar reads: same lines, page-number and running lines blanked
    page_lines: tuple[tuple[int, str], ...] = ()  # (line number, original text) of the blanked lines


def is_text_page_number(line: str) -> bool:
    """A page number as it is left in pasted text: a line of its own, decorated, not a table cell."""
    if "\t" in line or "|" in line or _BARE.match(line) or _BULLET.match(line):
        return False
    return is_page_number(line)


# A footer (or header) that carries its own page number on the line: “…年度报告 第2页 共5页”,
# “内部资料 - 3 -”. Its words come back at two page breaks or more, the number changing: such lines
# are page lines too.
_WITH_NUMBER = re.compile(
    r"^(?P<words>.*?\S)\s*(?:第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|[-‐‑‒–—―－]\s*\d{1,4}\s*[-‐‑‒–—―－])\s*$"
)


def _numbered_footers(lines: list[str]) -> list[int]:
    groups: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        text = line.strip()
        if not text or "\t" in line or "|" in line or len(text) > 80 or not ("页" in text or "-" in text or "—" in text):
            continue
        match = _WITH_NUMBER.match(text)
        if match and len(match["words"]) >= RUNNING_MIN_CHARS and not is_page_number(text):
            groups.setdefault(line_key(match["words"]), []).append(index)
    return [index for found in groups.values() if len(found) >= 2 for index in found]


def normalise_text(text: str) -> Normalised:
    """The text the grammar reads, with the page-number lines and the running headers and footers
    next to them blanked (see above)."""
    lines = text.split("\n")
    pages = sorted({index for index, line in enumerate(lines) if line.strip() and is_text_page_number(line)} | {*_numbered_footers(lines)})
    if not pages:
        return Normalised(text)
    running = _running(lines, pages)
    removed = sorted((index + 1, lines[index]) for index in {*pages, *running})
    for index in {*pages, *running}:
        lines[index] = ""
    return Normalised("\n".join(lines), tuple(removed))


def _running(lines: list[str], pages: list[int]) -> list[int]:
    """The indexes of the running headers and footers: the lines next to the page numbers that come
    back at half the page breaks or more, at two places at least (a line between two close page
    numbers is next to both, yet it is one line)."""
    page_set = set(pages)
    edges: list[list[int]] = []
    for page in pages:
        near = []
        for step in (-1, 1):
            index, found = page + step, 0
            while 0 <= index < len(lines) and found < _EDGE and index not in page_set:
                if lines[index].strip():
                    near.append(index)
                    found += 1
                index += step
        edges.append([i for i in near if "\t" not in lines[i] and "|" not in lines[i]])
    keys = {key for key in running_lines([[lines[i] for i in near] for near in edges]) if len(key) >= RUNNING_MIN_CHARS}
    places: dict[str, set[int]] = {}
    for index in {i for near in edges for i in near}:
        places.setdefault(line_key(lines[index]), set()).add(index)
    # The document's first line stays: it is the title, which the running header often repeats (a
    # cover page of title, date and page number would otherwise lose the report's name and year).
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    return sorted(i for key in keys if len(places[key]) >= 2 for i in places[key] if i != first)
