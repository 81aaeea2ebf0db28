"""Baselines: adopt govlint on years of published reports without fixing them all first.

`--write-baseline FILE` records today's findings; `--baseline FILE` hides exactly those. A finding
is keyed by its path, its code and a fingerprint of the text it points at (the line's text and
the span's text), not by its line number, so an edit elsewhere does not bring it back. Entries
that no longer match anything are reported so the baseline can be pruned.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from govlint.base.diagnostics import Diagnostic
from govlint.base.errors import GovlintError

SCHEMA_VERSION = 1


class BaselineError(GovlintError):
    pass


def fingerprint(diagnostic: Diagnostic, lines: list[str]) -> str:
    span = diagnostic.span
    line = lines[span.line - 1] if 0 < span.line <= len(lines) else ""
    covered = line[span.column - 1: span.end_column - 1] if span.line == span.end_line else line[span.column - 1:]
    digest = hashlib.sha256(f"{diagnostic.code}\0{line.strip()}\0{covered}\0{diagnostic.message}".encode("utf-8"))
    return digest.hexdigest()[:20]


def entry_key(diagnostic: Diagnostic, lines: list[str]) -> tuple[str, str, str]:
    return (Path(diagnostic.path).as_posix(), diagnostic.code, fingerprint(diagnostic, lines))


def write(path: Path, keyed: list[tuple[tuple[str, str, str], Diagnostic]]) -> int:
    counts = Counter(key for key, _ in keyed)
    messages = {key: d.message for key, d in keyed}
    entries = [{"path": p, "code": c, "fingerprint": f, "count": n, "message": messages[(p, c, f)]}
               for (p, c, f), n in sorted(counts.items())]
    data = json.dumps({"schema_version": SCHEMA_VERSION, "tool": "govlint", "entries": entries}, ensure_ascii=False, indent=1)
    try:
        path.write_text(data + "\n", encoding="utf-8")
    except OSError as error:
        raise BaselineError(f"{path}: cannot write the baseline ({error.strerror or type(error).__name__})") from None
    return len(keyed)


@dataclass
class Baseline:
    remaining: Counter

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise BaselineError(f"{path}: not a govlint baseline ({error})") from None
        if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION or not isinstance(data.get("entries"), list):
            raise BaselineError(f"{path}: not a govlint baseline (schema_version {SCHEMA_VERSION} expected)")
        remaining = Counter()
        for entry in data["entries"]:
            try:
                remaining[(entry["path"], entry["code"], entry["fingerprint"])] += int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: malformed entry {entry!r}") from None
        return cls(remaining)

    def hides(self, key: tuple[str, str, str]) -> bool:
        if self.remaining[key] > 0:
            self.remaining[key] -= 1
            return True
        return False

    def stale(self, checked_paths: set[str]) -> list[tuple[str, str, str]]:
        """Entries of the checked files that matched nothing this run."""
        return sorted(key for key, left in self.remaining.items() if left > 0 and key[0] in checked_paths)
