"""Evaluating a format's arithmetic identities (勾稽关系) on a matched table.

An identity `a + b == c + d` is checked once per column (`over: columns`, the terms are row keys)
or once per data row (`over: rows`, the terms are column keys). An instance whose cells are not
all readable numbers is skipped: a finding is only made from numbers that were actually written.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from govlint.model.formats import Identity, Term, parse_identity
from govlint.model.matching import CellValue, StandardTable


@dataclass(frozen=True)
class Part:
    term: Term
    name: str
    value: int | Decimal
    cells: tuple[CellValue, ...]


@dataclass(frozen=True)
class Failure:
    identity: Identity
    instance: str  # the column key (over columns) or the row key (over rows)
    instance_name: str
    left: tuple[Part, ...]
    right: tuple[Part, ...]
    at: CellValue  # the cell a person should look at

    def describe(self, lang: str = "zh") -> str:
        """“自然人：一 147 + 二 3 = 150，但 （七）总计 144 + 四 6 = 150” (row and column names stay Chinese)."""
        def side(parts):
            text = side_text(parts, lang)
            return text if len(parts) == 1 else f"{text} = {sum(p.value for p in parts)}"

        if lang == "en":
            return f"{self.instance_name}: {side(self.left)}, but {side(self.right)}"
        return f"{self.instance_name}：{side(self.left)}，但 {side(self.right)}"


def check(table: StandardTable, rule: str | None = None) -> Iterator[Failure]:
    for identity in table.spec.identities:
        if rule is None or identity.rule == rule:
            yield from _check(table, identity)


def check_expression(table: StandardTable, over: str, expr: str, rule: str) -> Iterator[Failure]:
    """An identity written in a rule pack, checked like the format's own (unknown keys skip it)."""
    left, right = parse_identity(expr)
    yield from _check(table, Identity(rule, over, left, right, expr))


def _check(table: StandardTable, identity: Identity) -> Iterator[Failure]:
    if identity.over == "columns":
        rows = {row.key: row for row in table.rows if row.key}
        groups = {key: row.spec.group for key, row in rows.items()}  # what sum(g.*) adds up
        for column in table.columns:
            lookup = lambda key: (rows[key].cell(column.key),) if key in rows else None  # noqa: E731
            failure = _instance(table, identity, lookup, groups, column.key, lambda column=column: column_display(column))
            if failure:
                yield failure
    else:
        groups = {c.key: c.group for c in table.columns}
        for row in table.rows:
            if not row.key or not row.cells:
                continue
            lookup = lambda key, row=row: (row.cell(key),) if key in groups else None  # noqa: E731
            failure = _instance(table, identity, lookup, groups, row.key, lambda row=row: row_display(row, table))
            if failure:
                yield failure


def _instance(table, identity, lookup, groups, instance, instance_name) -> Failure | None:
    """`groups`: each key the table has → the group it belongs to."""
    sides = []
    for terms in (identity.left, identity.right):
        parts = []
        for term in terms:
            if term.wildcard:
                members = [k for k, group in groups.items() if group == term.key]
                if not members:
                    return None
                cells = tuple(cell for k in members for cell in (lookup(k) or (None,)))
            else:
                cells = lookup(term.key)
                if cells is None:
                    return None  # an optional row or column this table does not have
            if any(cell is None or not cell.valid for cell in cells):
                return None  # unreadable: skip rather than guess
            parts.append((term, sum(cell.value for cell in cells), cells))
        sides.append(parts)
    if sum(p[1] for p in sides[0]) == sum(p[1] for p in sides[1]):
        return None
    # Names are only worth building for a failure.
    left, right = (tuple(Part(term, _term_name(table, term), value, cells) for term, value, cells in side) for side in sides)
    return Failure(identity, instance, instance_name(), left, right, _pointed_cell(left, right))


def _pointed_cell(left, right) -> CellValue:
    """The single total a person should look at: a lone term on either side, else the first term."""
    for side in (left, right):
        if len(side) == 1 and len(side[0].cells) == 1:
            return side[0].cells[0]
    return left[0].cells[0]


def _term_name(table: StandardTable, term: Term) -> str:
    if term.wildcard:
        return group_display(table.spec, term.key)
    row = table.spec.row(term.key)
    if row is not None:
        return key_display(table.spec, row)
    return column_display(table.spec.column(term.key))


def key_display(spec, row) -> str:
    """A row as the template numbers it: "一、本年新收…", "（七）总计", "（三）1.属于国家秘密" (the number
    of the row whose item it is goes first)."""
    group = spec.row(row.group) if row.group else None
    prefix = (group.number or "") if group is not None else ""
    return f"{prefix}{row.number or ''}{_short(row.label)}"


def group_display(spec, key: str) -> str:
    """sum(三.三.*) → "（三）不予公开各项"."""
    group = spec.row(key)
    return f"{group.number or ''}{_short(group.label)}各项" if group is not None else f"{key}各项"


def _short(label: str) -> str:
    return label.split("（")[0]


def cell_display(table: StandardTable, row_key: str, column_key: str) -> str:
    """"一、本年新收政府信息公开申请数量·总计"; a table without row labels (四) names the column only."""
    row = table.spec.row(row_key)
    column = column_display(table.spec.column(column_key))
    return f"{key_display(table.spec, row)}·{column}" if row is not None and row.label else column


def column_display(column) -> str:
    return f"{column.group}·{column.label}" if column.group else column.label


def row_display(row, table: StandardTable) -> str:
    if row.spec is not None:
        return key_display(table.spec, row.spec) if row.spec.label else table.spec.title
    return row.label.strip()


def side_text(parts: tuple[Part, ...], lang: str = "zh") -> str:
    """"（一）予以公开 7 + （二）部分公开 6"; zeros left out of long sums."""
    shown = [p for p in parts if p.value != 0] if len(parts) > 4 else list(parts)
    text = " + ".join(f"{p.name} {p.value}" for p in shown) or ("all 0" if lang == "en" else "各项均为 0")
    if len(shown) < len(parts) and shown:
        text += " (the rest 0)" if lang == "en" else "（其余为 0）"
    return text
