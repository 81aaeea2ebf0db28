"""Across reports: one body's years checked against each other (GL7xx), the history pass, `history`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS

import govlint
from govlint.checks.history import YearFacts, normalise_body
from govlint.cli import main
from govlint.engine.config import ConfigError, load_config
from govlint.engine.history import HistoryIndex
from govlint.run.session import Session

BASES = Path(__file__).parent / "rules" / "_bases"
PINGTAN = {2020: "005_pingtan_2020.txt", 2021: "004_pingtan_2021.txt", 2022: "003_pingtan_2022.txt", 2023: "002_pingtan_2023.txt"}


def base_2025() -> str:
    return (BASES / "pingtan-2025.md").read_text(encoding="utf-8")


def as_2024(text: str, *replacements) -> str:
    text = text.replace("平潭综合实验区2025年度", "平潭综合实验区2024年度", 1)
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def gl7(diagnostics):
    return [(Path(d.path).as_posix(), d.code, d.line, d.column, d.message) for d in diagnostics if d.code.startswith("GL7")]


def cli(capsys, *args, select: str = "GL7") -> list[str]:
    main(["--isolated", "--no-cache", "--select", select, *map(str, args)])
    return capsys.readouterr().out.splitlines()


# ---- identity ----------------------------------------------------------------------------------
@pytest.mark.parametrize("title, body", [
    ("平潭综合实验区", "平潭综合实验区"),
    ("平潭综合实验区管理委员会", "平潭综合实验区管委会"),
    ("关于《鼓楼区 人民政府》", "鼓楼区人民政府"),
    ("鼓楼区政府", "鼓楼区人民政府"),
    ("东街街道办事处", "东街街道"),
    ("福州市人民政府办公厅", "福州市人民政府办公厅"),
])
def test_the_body_is_normalised(title, body):
    assert normalise_body(title) == body


def test_the_nearest_earlier_year_of_the_same_body_is_the_previous_report():
    span = [1, 1, 1, 2]
    facts = [YearFacts.from_dict({"path": p, "body": b, "year": y, "span": span, "data": {}})
             for p, b, y in (("a/2021.md", "甲区", 2021), ("a/2023.md", "甲区", 2023), ("a/2024.md", "甲区", 2024),
                             ("b/2023.md", "乙县", 2023), ("c/2024.md", "甲区", 2024))]
    index = HistoryIndex(facts[:4], facts[4:])
    assert index.previous(facts[2]).path == "a/2023.md"
    assert index.previous(facts[1]).path == "a/2021.md"
    assert index.previous(facts[1], consecutive=True) is None  # 2021 is not the year before 2023
    assert index.previous(facts[3]) is None
    assert index.same_year(facts[2]) is None  # c/2024.md is history, not a file of the run


# ---- real consecutive years ------------------------------------------------------------------
def test_the_carry_over_tie_holds_on_real_consecutive_years(tmp_path):
    """平潭 2020–2023 (scraped web text; their tables ran together and are read back): 2021 carried one
    application of a 自然人 into 2022, which reports it as 上年结转; no cross-year finding."""
    for year, name in PINGTAN.items():
        shutil.copy(CORPUS / name, tmp_path / f"{year}.txt")
    session = Session(config=govlint.engine.config.Config(), quiet=True)
    linter = session.linter_for_path(tmp_path)
    from govlint.read.files import read_source

    facts = {}
    for year in PINGTAN:
        path = tmp_path / f"{year}.txt"
        _, found = session.lint_with_facts(read_source(path.read_bytes(), str(path)), path)
        facts[year] = YearFacts.from_dict(found)
        assert (facts[year].body, facts[year].year) == ("平潭综合实验区", year)
    carry = next(rule for rule in linter.history_rules if rule.code == "GL703")
    for year in (2021, 2022, 2023):
        carried_in = facts[year].of(carry)["carried_in"]["cells"]
        carried_out = facts[year - 1].of(carry)["carried_out"]["cells"]
        assert {k: v[0] for k, v in carried_in.items()} == {k: v[0] for k, v in carried_out.items()}
    assert facts[2022].of(carry)["carried_in"]["cells"]["自然人"][0] == 1
    assert gl7(govlint.lint_paths([tmp_path], config=govlint.engine.config.Config())) == []


def test_a_folder_with_one_year_only_gives_no_cross_year_finding(tmp_path, capsys):
    write(tmp_path, "2025/report.md", base_2025())
    shutil.copy(CORPUS / PINGTAN[2023], tmp_path / "2023.txt")  # another body's? no: the same body, but not the year before
    assert cli(capsys, tmp_path / "2025" / "report.md") == []
    alone = tmp_path / "alone"
    write(alone, "report.md", base_2025())
    assert cli(capsys, alone) == []


# ---- each tie broken: exactly one finding, at the right line ---------------------------------
BROKEN = {
    "GL703": (("四、结转下年度继续办理\t\t4\t2\t0\t0\t0\t0\t6", "四、结转下年度继续办理\t\t3\t2\t0\t0\t0\t0\t5"),
              ("二、上年结转政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0", "二、上年结转政府信息公开申请数量\t\t4\t2\t0\t0\t0\t0\t6"),
              42, "2024/report.md:65"),
    "GL704": (("行政规范性文件\t58\t45\t546", "行政规范性文件\t60\t40\t520"), None, 24, "2024/report.md:24"),
}


def consistent_2024() -> str:
    """The 2025 base as its own year before, with every tie holding: 结转 0 into 2025, 533 in force."""
    return as_2024(base_2025(), ("四、结转下年度继续办理\t\t4\t2\t0\t0\t0\t0\t6", "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0"),
                   ("行政规范性文件\t58\t45\t546", "行政规范性文件\t60\t40\t533"))


def rewritten_2025() -> str:
    """The 2025 base with sections 五 rewritten, so that the text rules compare nothing."""
    text = base_2025()
    start, end = text.index("五、存在的主要问题及改进情况"), text.index("六、其他需要报告的事项")
    return text[:start] + "五、存在的主要问题及改进情况\n\n今年政策解读更多采用图解和视频，但基层解读仍然偏少。2026年将推出政策问答库，按季度更新。\n\n" + text[end:]


def test_a_consistent_year_before_gives_no_finding(tmp_path, capsys):
    write(tmp_path, "2024/report.md", consistent_2024())
    write(tmp_path, "2025/report.md", rewritten_2025())
    assert cli(capsys, tmp_path, select="GL701,GL702,GL703,GL704,GL706") == []  # the rest of the text is last year's: GL705


@pytest.mark.parametrize("code", sorted(BROKEN))
def test_each_broken_number_tie_gives_one_finding_at_its_line(tmp_path, capsys, code):
    last_year, this_year, line, where = BROKEN[code]
    text_2024 = consistent_2024()
    text_2025 = rewritten_2025()
    if code == "GL703":
        text_2025 = text_2025.replace(*this_year, 1)  # 2025 takes over 6; 2024 carried 5
        text_2024 = text_2024.replace("四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0", last_year[1], 1)
    else:
        text_2024 = text_2024.replace("行政规范性文件\t60\t40\t533", last_year[1], 1)
    write(tmp_path, "2024/report.md", text_2024)
    write(tmp_path, "2025/report.md", text_2025)
    found = cli(capsys, tmp_path, select="GL701,GL702,GL703,GL704,GL706")
    assert len(found) == 1, found
    assert found[0].startswith(f"{tmp_path / '2025' / 'report.md'}:{line}:") and f" {code} " in found[0]
    assert where in found[0].replace(str(tmp_path) + "/", "")


def test_copied_section_five_gives_the_repeated_text_and_promise_findings(tmp_path, capsys):
    text = base_2025()
    write(tmp_path, "2024/report.md", consistent_2024())  # the same 五 (with 2025 → 2024 only in the title)
    write(tmp_path, "2025/report.md", text.replace("二、上年结转", "二、上年结转", 1))
    found = cli(capsys, tmp_path)
    codes = [line.split()[1] for line in found]
    assert codes == ["GL705", "GL706"], found
    assert found[0].split(":")[1] == "1"  # the whole report repeats: the finding is on the title
    assert "100%" in found[0]
    assert found[1].split(":")[1] == "78"  # the first sentence of last year's plan


def test_duplicates_in_one_run_are_both_reported(tmp_path, capsys):
    write(tmp_path, "a/report.md", base_2025())
    write(tmp_path, "b/report.md", base_2025())
    found = cli(capsys, tmp_path)
    assert [(line.split()[1], line.split(":")[0].rsplit("/", 2)[-2]) for line in found] == [("GL701", "a"), ("GL701", "b")]


# ---- where other years come from ---------------------------------------------------------------
def broken_pair(folder: Path, last_year_folder: str = "2024") -> Path:
    write(folder, f"{last_year_folder}/report.md", consistent_2024().replace(
        "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0", "四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1", 1))
    return write(folder, "2025/report.md", rewritten_2025())


def test_only_this_years_file_still_sees_last_years_in_a_sibling_folder(tmp_path, capsys):
    """What pre-commit does: it passes only the changed file."""
    this_year = broken_pair(tmp_path)
    found = cli(capsys, this_year, select="GL703")
    assert len(found) == 1 and " GL703 " in found[0] and "2024/report.md:65" in found[0]


def test_configured_history_globs(tmp_path, capsys):
    this_year = broken_pair(tmp_path / "docs", last_year_folder="../archive/old")
    assert cli(capsys, this_year) == []  # not in the folder or its siblings
    (tmp_path / "docs" / ".govlint.yaml").write_text("history: ['../archive/**/*.md']\n", encoding="utf-8")
    main(["--no-cache", "--select", "GL703", str(this_year)])
    found = capsys.readouterr().out.splitlines()
    assert len(found) == 1 and " GL703 " in found[0] and "archive/old/report.md:65" in found[0]
    (tmp_path / "docs" / ".govlint.yaml").write_text("history: []\n", encoding="utf-8")
    main(["--no-cache", "--select", "GL7", str(this_year)])
    assert capsys.readouterr().out == ""


def test_history_settings_are_checked(tmp_path):
    config = tmp_path / ".govlint.yaml"
    config.write_text("history: ['']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.govlint\.yaml:1:\d+: history"):
        load_config(config)
    config.write_text("history: reports/*.md\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="history: expected a list"):
        load_config(config)
    config.write_text("history: ['reports/**/*.md']\n", encoding="utf-8")
    assert load_config(config).history == [str(tmp_path / "reports/**/*.md")]


def test_history_reports_come_from_the_cache(tmp_path, capsys, monkeypatch):
    this_year = broken_pair(tmp_path)
    cache = tmp_path / "cache"
    main(["--isolated", "--cache-dir", str(cache), "--select", "GL703", str(this_year)])
    first = capsys.readouterr().out
    import govlint.run.history as history

    parsed = []
    real = history.read_source
    monkeypatch.setattr(history, "read_source", lambda *args, **kwargs: parsed.append(args[1]) or real(*args, **kwargs))
    main(["--isolated", "--cache-dir", str(cache), "--select", "GL703", str(this_year)])
    assert capsys.readouterr().out == first and " GL703 " in first
    assert parsed == []  # last year's facts came from the cache


def test_parallel_runs_find_the_same(tmp_path, capsys):
    broken_pair(tmp_path)
    for year in range(2010, 2024):  # enough files for a real pool
        write(tmp_path, f"other{year}/r.md", base_2025().replace("平潭综合实验区2025年度", f"某某县{year}年度", 1))
    serial = cli(capsys, "-j", "1", tmp_path, select="GL703")
    assert cli(capsys, "-j", "2", tmp_path, select="GL703") == serial and any(" GL703 " in line for line in serial)


def test_suppressed_and_ignored_like_any_rule(tmp_path, capsys):
    this_year = broken_pair(tmp_path)
    text = this_year.read_text(encoding="utf-8").replace("二、上年结转政府信息公开申请数量", "<!-- govlint-disable-next-line GL703 -->\n二、上年结转政府信息公开申请数量", 1)
    this_year.write_text(text, encoding="utf-8")
    assert cli(capsys, this_year, select="GL703") == []


def test_the_api_compares_texts():
    from govlint.api import lint_text

    this_year = rewritten_2025()
    last_year = consistent_2024().replace("四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0", "四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1", 1)
    found = gl7(lint_text(this_year, "2025.md", history=[("2024.md", last_year)]))
    assert [(code, line) for _, code, line, _, _ in found] == [("GL705", 1), ("GL703", 42)]  # the rest is last year's text
    assert "2024.md:65" in found[1][4]
    assert gl7(lint_text(this_year, "2025.md")) == []
