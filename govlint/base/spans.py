"""Where something is in a report's text: 1-based lines and columns, `end_column` one past the last
character; columns count Unicode code points (converted only at the edges: UTF-16 for LSP and SARIF)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)  # one per cell and line: no attribute dict each
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def of_line(cls, line: int, column: int, text: str) -> "Span":
        return cls(line, column, line, column + len(text))

    def cover(self, other: "Span") -> "Span":
        start = min((self.line, self.column), (other.line, other.column))
        end = max((self.end_line, self.end_column), (other.end_line, other.end_column))
        return Span(start[0], start[1], end[0], end[1])
