"""Web addresses and e-mail addresses in a line: the one place that knows what a URL looks like.

Typography rules and fixes leave everything inside one alone (a comma in a query string is not
Chinese punctuation)."""

from __future__ import annotations

import re
from bisect import bisect_right

# Bounded repetition keeps the e-mail branch linear on a long line full of word characters.
URL = re.compile(r"(?:https?://|www\.)[\w\-./?%&=#:~+,;@!$'*()]+|[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")


def url_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the addresses in `text`, in order (cheap when there is none)."""
    if "http" not in text and "www" not in text and "@" not in text:
        return []
    return [match.span() for match in URL.finditer(text)]


def in_url(spans: list[tuple[int, int]], start: int, end: int | None = None) -> bool:
    """Whether the offsets [start, end) overlap an address of `spans` (sorted, non-overlapping)."""
    if not spans:
        return False
    end = start + 1 if end is None else end
    index = bisect_right(spans, (start, float("inf"))) - 1  # the last address starting at or before `start`
    if index >= 0 and spans[index][1] > start:
        return True
    return index + 1 < len(spans) and spans[index + 1][0] < end
