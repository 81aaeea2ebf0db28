"""Reports of one body across years: which report is which (body, year), and which other report a
cross-report rule (`HistoryRule`) is handed.

The reports of a run and of its history are indexed by their normalised issuing body; a rule that
needs "previous" gets the nearest earlier year of the same body (only the year just before when the
rule is `consecutive`), a rule that needs "same-year" gets another file of the run with the same
body and year. History files (not checked themselves) never count as duplicates.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Iterable

from govlint.checks.history import HistoryRule, YearFacts


class HistoryIndex:
    def __init__(self, run: Iterable[YearFacts], history: Iterable[YearFacts] = ()):
        self.run = list(run)
        # body → year → its reports, and each body's years in order: "the nearest earlier year" is a
        # bisection, not a scan of the body's reports (an evaluator's folder may hold thousands).
        self._by_body: dict[str, dict[int, list[YearFacts]]] = defaultdict(lambda: defaultdict(list))
        seen = set()
        for facts in [*self.run, *history]:
            if facts.body is None or facts.year is None or facts.path in seen:
                continue
            seen.add(facts.path)
            self._by_body[facts.body][facts.year].append(facts)
        self._years = {body: sorted(years) for body, years in self._by_body.items()}
        self._run_paths = {facts.path for facts in self.run}

    def __len__(self) -> int:
        return sum(len(found) for years in self._by_body.values() for found in years.values())

    def previous(self, this: YearFacts, consecutive: bool = False) -> YearFacts | None:
        """The report of the nearest earlier year of the same body (a file of the run before a history
        file of the same year, then the first by path); None if there is none, or — when
        `consecutive` — if that year is not the one just before."""
        if this.body is None or this.year is None or this.body not in self._years:
            return None
        years = self._years[this.body]
        index = bisect_left(years, this.year)
        if index == 0:
            return None
        year = years[index - 1]
        if consecutive and year != this.year - 1:
            return None
        return min(self._by_body[this.body][year], key=lambda f: (f.path not in self._run_paths, f.path))

    def same_year(self, this: YearFacts) -> YearFacts | None:
        """Another file of the run that is the same body's report for the same year."""
        if this.body is None or this.year is None or this.body not in self._years:
            return None
        return min((f for f in self._by_body[this.body].get(this.year, ()) if f.path != this.path and f.path in self._run_paths),
                   key=lambda f: f.path, default=None)

    def other_for(self, rule: HistoryRule, this: YearFacts) -> YearFacts | None:
        """What `rule` declared it needs, for `this` report."""
        if rule.needs == "same-year":
            return self.same_year(this)
        return self.previous(this, rule.consecutive)
