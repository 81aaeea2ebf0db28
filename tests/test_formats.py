"""Templates are data: both national formats load, a third format needs only a YAML file, and a
broken template is an error naming file, line and key."""

import shutil

import pytest
from tables_text import wrap_report, zero_tables

from govlint.engine.linter import Linter
from govlint.model.formats import (
    FormatError,
    builtin_format_dir,
    load_format,
    load_formats,
)
from govlint.read.source import decode


def test_both_national_formats():
    formats = {t.key: t for t in load_formats()}
    assert set(formats) == {"2019", "2021"}
    assert formats["2021"].applies_to(2023) and not formats["2021"].applies_to(2020)
    assert formats["2019"].applies_to(2020) and not formats["2019"].applies_to(2021)
    assert [t.key for t in formats["2019"].tables] == ["二.一", "二.五", "二.六", "二.八", "二.九", "三", "四"]
    applications = formats["2021"].table("三")
    assert len(applications.rows) == 29 and [c.key for c in applications.columns][-1] == "总计"
    assert formats["2019"].table("二.五").column("本年增减").type == "signed"
    assert formats["2021"].table("二.八").column("本年收费金额").type == "decimal"
    assert {i.rule for i in applications.identities} == {"GL401", "GL402", "GL403", "GL406"}


def made_up_format(folder):
    """A 2027 format that renames the columns of 第二十条第（一）项 — a YAML file, no code."""
    text = (builtin_format_dir() / "2021.yaml").read_text(encoding="utf-8")
    text = text.replace('format: "2021"', 'format: "2027"').replace("name: 国办公开办函〔2021〕30号", "name: 假想的2027年格式")
    text = text.replace("years: {from: 2021}", "years: {from: 2027}")
    text = text.replace("{key: 本年制发件数, label: 本年制发件数, match: '制发|制作|新制'}", "{key: 本年印发件数, label: 本年印发件数, match: '印发'}")
    (folder / "2027.yaml").write_text(text, encoding="utf-8")


def test_a_third_format_from_a_folder(tmp_path, linter):
    made_up_format(tmp_path)
    formats = load_formats([tmp_path])
    assert [t.key for t in formats] == ["2027", "2021", "2019"]
    checker = Linter(host=linter.host, rules=linter.rules, formats=formats)
    report = wrap_report(zero_tables()["二"], "二").replace("2025", "2027")

    def found(text):
        return [(d.code, d.severity.value) for d in checker.lint(decode(text.encode(), "r.md")) if d.code in ("GL304", "GL305")]

    assert found(report.replace("本年制发件数", "本年印发件数")) == []
    assert found(report) == [("GL304", "error")]  # the 2021 columns in a 2027 report


@pytest.mark.parametrize(
    "edit, message",
    [
        (("format: \"2021\"\n", ""), "2021.yaml:7: format: missing"),
        (("    title: 第二十条第（一）项\n", "    title: 第二十条第（一）项\n    colour: red\n"), "colour: unknown key in a table"),
        (("match: '废止'", "match: '废止('"), "match: invalid regular expression"),
        (("expr: '一 + 二 == 三.七 + 四'", "expr: '一 + 二 == 三.八 + 四'"), "expr: unknown key '三.八'"),
        (("type: decimal}", "type: money}"), "type: must be one of count, signed, decimal"),
        (("years: {from: 2021}", "years: {from: soon}"), "from: expected int"),
        (("tables:\n", "tables: [\n"), "invalid YAML"),
    ],
)
def test_broken_templates_name_file_line_and_key(tmp_path, edit, message):
    text = (builtin_format_dir() / "2021.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "2021.yaml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        load_format(path)
    assert message in str(raised.value) and str(path) in str(raised.value)


def test_broken_template_line_numbers(tmp_path):
    text = (builtin_format_dir() / "2021.yaml").read_text(encoding="utf-8")
    path = tmp_path / "2021.yaml"
    path.write_text(text.replace("match: '废止'", "match: '废止('"), encoding="utf-8")
    line = next(i for i, l in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "'废止('" in l)
    with pytest.raises(FormatError, match=rf"2021.yaml:{line}: match: invalid regular expression"):
        load_format(path)


def test_a_format_defined_twice(tmp_path):
    shutil.copy(builtin_format_dir() / "2021.yaml", tmp_path / "copy.yaml")
    with pytest.raises(FormatError, match="format '2021' is defined twice"):
        load_formats([tmp_path])
