"""Property: in a consistent table, changing one cell breaks exactly the identities that contain it."""

import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from tables_text import (
    APPLICATION_KEYS,
    application_rows,
    pingtan_2025_applications,
    review_rows,
    tab,
    wrap_report,
)

from govlint.model.identities import check
from govlint.model.report import Report
from govlint.read.source import decode

COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
RESULT_ROWS = [k for k in APPLICATION_KEYS if k.startswith("三.") and k != "三.七"]
REVIEW = [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]
GROUPS = ["复议", "直接起诉", "复议后起诉"]


def failures(text, templates, key):
    report = Report(decode(text.encode(), "r.md"), templates)
    table = report.table(key)
    assert table is not None
    return {(f.identity.rule, f.instance, f.identity.expr) for f in check(table)}


@settings(max_examples=60, deadline=None)
@given(row=st.sampled_from(APPLICATION_KEYS), column=st.integers(0, 6), delta=st.integers(1, 9))
def test_one_changed_application_cell(linter, row, column, delta):
    values = copy.deepcopy(pingtan_2025_applications())
    values[row][column] += delta
    found = failures(wrap_report(tab(application_rows(values)), "三"), linter.formats, "三")
    expected = set()
    identities = {i.rule: i.expr for i in linter.formats[0].table("三").identities if i.rule != "GL406"}
    if row in ("一", "二", "三.七", "四"):
        expected.add(("GL401", COLUMNS[column], identities["GL401"]))
    if row == "三.七" or row in RESULT_ROWS:
        expected.add(("GL402", COLUMNS[column], identities["GL402"]))
    expected.add(("GL403", row, identities["GL403"]))
    assert found == expected


@settings(max_examples=30, deadline=None)
@given(column=st.integers(0, 14), delta=st.integers(1, 9))
def test_one_changed_review_cell(linter, column, delta):
    values = list(REVIEW)
    values[column] += delta
    found = failures(wrap_report(tab(review_rows(values)), "四"), linter.formats, "四")
    group = GROUPS[column // 5]
    assert {(rule, instance) for rule, instance, _ in found} == {("GL404", "本年")}
    assert [expr.split(".")[0] for _, _, expr in found] == [group]


def test_the_consistent_tables_break_nothing(linter):
    assert failures(wrap_report(tab(application_rows(pingtan_2025_applications())), "三"), linter.formats, "三") == set()
    assert failures(wrap_report(tab(review_rows(REVIEW)), "四"), linter.formats, "四") == set()


def test_one_parser_for_identities(linter):
    """The format's identities and a pack's are read by the same parser; `sum(g.*)` is every row of group g."""
    import pytest

    from govlint.model.formats import Term, parse_identity

    assert parse_identity("一 + 二 == 三.七 + sum(三.三.*)") == ((Term("一"), Term("二")), (Term("三.七"), Term("三.三", True)))
    with pytest.raises(ValueError, match="an identity is"):
        parse_identity("一 + 二")
    spec = linter.formats[0].table("三")
    identity = next(i for i in spec.identities if i.expr == "三.三 == sum(三.三.*)")
    members = [row.key for row in spec.rows if row.group == identity.right[0].key]
    assert members == [f"三.三.{i}" for i in range(1, 9)]


def test_a_pack_identity_over_a_wildcard(linter):
    from govlint.model.identities import check_expression

    values = copy.deepcopy(pingtan_2025_applications())
    values["三.三.4"][0] += 1
    report = Report(decode(wrap_report(tab(application_rows(values)), "三").encode(), "r.md"), linter.formats)
    failures = list(check_expression(report.applications, "columns", "三.七 == 三.一 + 三.二 + sum(三.三.*) + sum(三.四.*) + sum(三.五.*) + sum(三.六.*)", "XX101"))
    assert [(f.instance, f.right[2].name, f.right[2].value) for f in failures] == [("自然人", "（三）不予公开各项", 3)]
