"""Templates are data: both national formats load, a third format needs only a YAML file, and a
broken template is an error naming file, line and key."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS
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
        (("format: \"2021\"\n", ""), "format: missing"),
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


# ---- the code reads keys only through `roles:` -----------------------------------------------------
def renamed_formats(folder):
    """The built-in formats with every key renamed (sections S1…, tables T1…, rows R1…, columns C1…,
    row groups G1…), consistently across both files: identities, groups and roles included."""
    from ruamel.yaml import YAML

    yaml = YAML()
    names = {kind: {} for kind in "STRCG"}

    def new(kind, old):
        return names[kind].setdefault(str(old), f"{kind}{len(names[kind]) + 1}")

    def group(old):  # a group is a row (三.三) or only a name (三)
        return names["R"].get(old) or new("G", old)

    def expr(text, terms):
        sides = []
        for side in text.split("=="):
            parts = []
            for part in (p.strip() for p in side.split("+")):
                wildcard = re.fullmatch(r"sum\((.+)\.\*\)", part)
                parts.append(f"sum({group(wildcard.group(1))}.*)" if wildcard else terms[part])
            sides.append(" + ".join(parts))
        return " == ".join(sides)

    for path in sorted(builtin_format_dir().glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        for section in data["sections"]:
            section["key"] = new("S", section["key"])
        for table in data["tables"]:
            table["key"], table["section"] = new("T", table["key"]), names["S"][table["section"]]
            for label in table["rows"]:
                label["key"] = new("R", label["key"])
            for label in table["columns"] + table.get("optional_columns", []):
                label["key"] = new("C", label["key"])
            for label in table["rows"]:
                if "group" in label:
                    label["group"] = group(label["group"])
                if "subtotal_of" in label:
                    label["subtotal_of"] = group(label["subtotal_of"][: -len(".*")]) + ".*"
            for label in table.get("optional_columns", []):
                label["after"] = names["C"][label["after"]]
                label["subtotal_of"] = [names["C"][key] for key in label["subtotal_of"]]
            for identity in table.get("identities", []):
                identity["expr"] = expr(identity["expr"], names["R"] if identity["over"] == "columns" else names["C"])
        roles = data["roles"]
        for role in roles["sections"]:
            roles["sections"][role] = names["S"][roles["sections"][role]]
        for part in (roles["applications"], roles["review"]):
            part["table"] = names["T"][part["table"]]
            for role in part.get("rows", {}):
                part["rows"][role] = names["R"][part["rows"][role]]
            for role in part.get("columns", {}):
                part["columns"][role] = names["C"][part["columns"][role]]
            for case in part.get("groups", []):
                for role in ("total", "open", "corrected"):
                    case[role] = names["C"][case[role]]
        with open(folder / path.name, "w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    return names


def variants():
    """Reports that make most rules speak: the real ones, and the test bases with defects put in."""
    bases = Path(__file__).parent / "rules" / "_bases"
    pingtan = (bases / "pingtan-2025.md").read_text(encoding="utf-8")
    markdown = (bases / "markdown-2023.md").read_text(encoding="utf-8")
    trial = (bases / "trial-format-2020.md").read_text(encoding="utf-8")
    five = re.search(r"## 五、存在的主要问题及改进情况\n(.*?)(?=## 六)", markdown, re.DOTALL)
    three = re.search(r"## 三、收到和处理政府信息公开申请情况\n(.*?)(?=## 四)", markdown, re.DOTALL)
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))}
    texts |= {path.name: path.read_text(encoding="utf-8") for path in sorted(bases.glob("*.md"))}
    texts |= {
        "claims": pingtan.replace("申请154件", "申请150件").replace("办结148件", "办结140件").replace("2026年6件", "2026年5件")
        .replace("行政复议36起", "行政复议30起").replace("行政诉讼9起", "行政诉讼8起")
        .replace("（三）政府信息管理方面。", "本年度收到的申请均已办结，行政复议案件均获维持。\n\n（三）政府信息管理方面。"),
        "none-received": pingtan.replace("（三）政府信息管理方面。", "本年度未收到政府信息公开申请。\n\n（三）政府信息管理方面。"),
        "sums": pingtan.replace("一、本年新收政府信息公开申请数量\t\t151", "一、本年新收政府信息公开申请数量\t\t152")
        .replace("25\t3\t8\t0\t36", "25\t3\t8\t0\t35").replace("\t（七）总计\t147", "\t（七）总计\t146")
        .replace("\t（四）无法提供\t1.", "\t（四）无法提供\t\t52\t1\t0\t0\t0\t0\t54\n\t（四）无法提供\t1."),
        "order": pingtan.replace("四、政府信息公开行政复议、行政诉讼情况", "@").replace("五、存在的主要问题及改进情况", "四、政府信息公开行政复议、行政诉讼情况")
        .replace("@", "五、存在的主要问题及改进情况"),
        "repeated": pingtan.replace("六、其他需要报告的事项", "三、收到和处理政府信息公开申请情况"),
        "empty-five": markdown.replace(five.group(1), "\n无。\n\n"),
        "no-table": markdown.replace(three.group(1), "\n本年度未收到申请。\n\n"),
        "labels": markdown.replace("本年制发件数", "本年制作数量").replace("规章\t0\t0\t0", "规章\t0\t0\t0\n其他文件\t0\t0\t0"),
        "no-fee": markdown.replace("我局今年未产生政府信息公开收费情况。", "无。"),
        "old-tables": trial.replace("2020", "2023"),
        "numbering": markdown.replace("## 二、", "## 2、").replace("（二）依申请公开", "（三）依申请公开"),
    }
    return texts


def findings(linter, texts):
    return {name: sorted((d.code, d.line, d.column, d.message_id) for d in linter.lint(decode(text.encode(), name)))
            for name, text in texts.items()}


def test_renamed_keys_change_no_finding(tmp_path, linter):
    names = renamed_formats(tmp_path)
    renamed = load_formats([tmp_path], builtin=False)
    assert [f.key for f in renamed] == ["2021", "2019"]
    assert all(s.key.startswith("S") for f in renamed for s in f.sections)
    assert all(r.key.startswith("R") for f in renamed for t in f.tables for r in t.rows)
    assert renamed[0].roles.section("other") == names["S"]["六"] and renamed[0].roles.applications.row("results_total") == names["R"]["三.七"]
    texts = variants()
    builtin = findings(linter, texts)
    assert findings(Linter(host=linter.host, rules=linter.rules, formats=renamed), texts) == builtin
    # The comparison means something: the variants make these rules speak.
    spoken = {code for found in builtin.values() for code, *_ in found}
    assert {"GL101", "GL102", "GL103", "GL105", "GL302", "GL304", "GL305", "GL306", "GL307", "GL401", "GL402", "GL403",
            "GL404", "GL405", "GL406", "GL501", "GL504"} <= spoken


def test_only_the_given_folders(tmp_path):
    made_up_format(tmp_path)
    assert [f.key for f in load_formats([tmp_path], builtin=False)] == ["2027"]


def test_every_format_names_the_same_sections(tmp_path):
    text = (builtin_format_dir() / "2021.yaml").read_text(encoding="utf-8")
    text = text.replace('format: "2021"', 'format: "2027"').replace("years: {from: 2021}", "years: {from: 2027}")
    text = text.replace("{key: 六, title:", "{key: 七, title:").replace("other: 六}", "other: 七}")
    (tmp_path / "2027.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(FormatError, match=r"2027.yaml:1: sections: format '2027' names other sections than format '2021' \(.*2021.yaml\)"):
        load_formats([tmp_path])


@pytest.mark.parametrize(
    "edit, message",
    [
        (("results_total: 三.七", "results_total: 三.八"), "results_total: no row has the key '三.八'"),
        (("other: 六}", "other: 七}"), "other: no section has the key '七'"),
        (("problems: 五", "problems: 六"), "problems: section '六' is in two roles"),
        (("columns: {total: 总计,", "columns: {total: 总计, grand: 总计,"), "grand: unknown role in roles.columns"),
        ((", organisations: 法人或其他组织}", ", organisations: 法人}"), "organisations: no column has the key '法人'"),
        ((", carried_out: 四}", "}"), "carried_out: missing"),
        (("kind: litigation", "kind: lawsuit"), "kind: must be one of review, litigation"),
        (("open: 复议.尚未审结", "open: 复议.未审"), "open: no column has the key '复议.未审'"),
        (("    table: 四\n", "    table: 五\n"), "table: no table has the key '五'"),
        (("    section: 四\n", "    section: 七\n"), "section: no section has the key '七'"),
        (("sum(三.六.*)'}", "sum(三.九.*)'}"), "expr: sum(三.九.*): no row is in the group '三.九'"),
        (("{key: 六, title:", "{key: 五, title:"), "sections: key '五' appears twice"),
    ],
)
def test_broken_roles_name_file_line_and_key(tmp_path, edit, message):
    text = (builtin_format_dir() / "2021.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "2021.yaml"
    text = text.replace(edit[0], edit[1], 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as raised:
        load_format(path)
    assert message in str(raised.value) and str(path) in str(raised.value)


def test_the_applicant_type_roles_may_be_left_out(tmp_path):
    # A format written before GL405 compared figures per applicant type (a plugin's) still loads; the
    # per-type comparison is then not made, and the rest of GL405 is.
    from govlint.checks.arithmetic import _applicant_types

    text = (builtin_format_dir() / "2021.yaml").read_text(encoding="utf-8")
    start = text.index(", natural_persons:")
    text = text[:start] + text[text.index("}", start):]
    path = tmp_path / "2021.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_format(path)
    assert set(loaded.roles.applications.columns) == {"total"}

    class Table:
        format = loaded

    assert _applicant_types(Table()) == []


def test_a_role_error_names_its_line(tmp_path):
    text = (builtin_format_dir() / "2021.yaml").read_text(encoding="utf-8").replace("results_total: 三.七", "results_total: 三.八")
    path = tmp_path / "2021.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.split("\n"), 1) if "三.八" in l)
    with pytest.raises(FormatError, match=rf"2021.yaml:{line}: results_total: no row has the key"):
        load_format(path)


def test_packs_name_sections_by_role(tmp_path):
    from govlint.checks.yaml_packs import PackError, load_pack

    rule = "rules:\n  - {{code: XX101, name: x, kind: required, summary: s, message: m, within: {where}, patterns: [{{pattern: a, message: m}}]}}\n"
    for where, role in (("other", "other"), ("六", "other"), ("一", "overview")):
        path = tmp_path / f"{where}.yaml"
        path.write_text(rule.format(where=where), encoding="utf-8")
        assert load_pack(path)[0]["within"] == role
    path = tmp_path / "bad.yaml"
    path.write_text(rule.format(where="七"), encoding="utf-8")
    with pytest.raises(PackError, match=r"bad.yaml:2: within: must be a section role \(overview, .*\) or a section key \(一、二"):
        load_pack(path)
