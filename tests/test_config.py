"""Configuration: discovery and precedence, every key, and errors that name file, line and column."""

import json
import textwrap

import pytest
from conftest import run_cli
from tables_text import clean_report

REPORT = clean_report()
FIVE = "五、存在的主要问题及改进情况\n工作人员业务培训不足，信息发布还不够及时。\n"
DEFECTIVE = REPORT.replace(FIVE, "五、存在的主要问题及改进情况\n无。\n").replace("工作相关", "工作相关") + "2025年,我局按要求公开。\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def codes_of(result):
    return [line.split(" ")[1] for line in result.stdout.decode().splitlines()]


def tree(tmp_path):
    """root/.govlint.yaml ignores GL601; root/strict/ has its own that ignores nothing;
    root/py/ has a pyproject.toml with [tool.govlint] ignoring GL105."""
    write(tmp_path / ".govlint.yaml", "ignore: [GL601]\n")
    write(tmp_path / "strict" / ".govlint.yaml", "select: [ALL]\n")
    write(tmp_path / "py" / "pyproject.toml", '[project]\nname = "x"\n\n[tool.govlint]\nignore = ["empty-section"]\n')
    for folder in ("", "strict", "py", "plain/deeper"):
        write(tmp_path / folder / "r.md", DEFECTIVE)
    return tmp_path


def test_the_nearest_configuration_wins(tmp_path):
    root = tree(tmp_path)
    assert codes_of(run_cli(str(root / "r.md"))) == ["GL105"]
    assert sorted(codes_of(run_cli(str(root / "strict" / "r.md")))) == ["GL105", "GL601"]
    assert codes_of(run_cli(str(root / "py" / "r.md"))) == ["GL601"]
    assert codes_of(run_cli(str(root / "plain" / "deeper" / "r.md"))) == ["GL105"]  # the root's, two levels up


def test_extend_inherits_and_overrides(tmp_path):
    root = tree(tmp_path)
    write(root / "child" / ".govlint.yaml", "extend: ../.govlint.yaml\nseverity: {GL105: error}\n")
    write(root / "child" / "r.md", DEFECTIVE)
    result = run_cli(str(root / "child" / "r.md"))
    assert [line.split(" ")[1:3] for line in result.stdout.decode().splitlines()] == [["GL105", "error"]]
    assert result.returncode == 1


def test_config_flag_and_isolated(tmp_path):
    root = tree(tmp_path)
    write(root / "other.yaml", "ignore: [GL105, GL601]\n")
    assert codes_of(run_cli("--config", str(root / "other.yaml"), str(root / "strict" / "r.md"))) == []
    assert sorted(codes_of(run_cli("--isolated", str(root / "r.md")))) == ["GL105", "GL601"]


def test_selectors_codes_prefixes_and_names(tmp_path):
    path = write(tmp_path / "r.md", DEFECTIVE)
    assert codes_of(run_cli("--isolated", "--select", "GL6", str(path))) == ["GL601"]
    assert codes_of(run_cli("--isolated", "--select", "empty-section", str(path))) == ["GL105"]
    assert codes_of(run_cli("--isolated", "--ignore", "GL1,halfwidth-punctuation", str(path))) == []


@pytest.mark.parametrize("config, message", [
    ("selcet: [GL1]\n", "r/.govlint.yaml:1:1: unknown key 'selcet'"),
    ("ignore: GL601\n", "r/.govlint.yaml:1:1: ignore: expected a list, got a string"),
    ("ignore:\n  - GL105\n  - GL999\n", "r/.govlint.yaml:3:5: ignore: unknown rule 'GL999'"),
    ("severity: {GL105: fatal}\n", "severity: GL105: must be error, warning or info, not 'fatal'"),
    ("options:\n  GL105: {min-char: 20}\n", "r/.govlint.yaml:2:11: options: GL105 has no option 'min-char' (options: min-chars)"),
    ("report-year: twenty\n", "report-year: expected an integer, got a string"),
    ("ignore: [GL105\n", "invalid YAML"),
])
def test_configuration_errors_name_file_line_and_column(tmp_path, config, message):
    write(tmp_path / "r" / ".govlint.yaml", config)
    path = write(tmp_path / "r" / "r.md", DEFECTIVE)
    result = run_cli(str(path))
    stderr = result.stderr.decode()
    assert result.returncode == 2 and len(stderr.splitlines()) == 1, stderr
    assert message in stderr and stderr.startswith("govlint: error: ")


def test_pyproject_errors_have_positions(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.govlint]\nselect = ["ALL"]\n  ignore = ["GL8"]\n')
    path = write(tmp_path / "r.md", DEFECTIVE)
    stderr = run_cli(str(path)).stderr.decode()
    assert f"{tmp_path}/pyproject.toml:3:3: ignore: unknown rule 'GL8'" in stderr


def test_per_file_ignores_exclude_and_force_exclude(tmp_path):
    write(tmp_path / ".govlint.yaml", "per-file-ignores:\n  'archive/*.md': [GL105]\nexclude: ['drafts/']\n")
    write(tmp_path / "archive" / "old.md", DEFECTIVE)
    write(tmp_path / "drafts" / "draft.md", DEFECTIVE)
    write(tmp_path / "new.md", DEFECTIVE)
    result = run_cli(str(tmp_path))
    files = sorted({line.split(":")[0].rsplit("/", 1)[-1] + ":" + line.split(" ")[1] for line in result.stdout.decode().splitlines()})
    assert files == ["new.md:GL105", "new.md:GL601", "new.md:GL701", "old.md:GL601", "old.md:GL701"]  # GL701: the same report twice
    draft = str(tmp_path / "drafts" / "draft.md")
    assert codes_of(run_cli(draft)) != []  # named explicitly: checked …
    assert codes_of(run_cli("--force-exclude", draft)) == []  # … unless excluded by force


def test_rule_options_report_year_and_strict(tmp_path):
    write(tmp_path / ".govlint.yaml", "select: [GL105]\noptions:\n  empty-section: {min-chars: 40}\n")
    path = write(tmp_path / "r.md", REPORT)
    result = run_cli(str(path))
    assert codes_of(result) == ["GL105"] * 3 and result.returncode == 0  # 一, 五 and 六 are short of 40
    assert run_cli("--strict", str(path)).returncode == 1
    untitled = write(tmp_path / "y" / "r.md", REPORT.replace("某区政务服务局2025年政府信息公开工作年度报告\n", "").replace(
        "本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。\n", ""))
    write(tmp_path / "y" / ".govlint.yaml", "select: [GL2]\nreport-year: 2024\n")
    assert codes_of(run_cli(str(untitled))) == ["GL201"]
    assert "2024年1月1日" in run_cli(str(untitled)).stdout.decode()


def test_govlint_config_shows_where_values_came_from(tmp_path):
    root = tree(tmp_path)
    out = run_cli("config", str(root / "py")).stdout.decode()
    assert f"# configuration: {root / 'py' / 'pyproject.toml'}" in out
    assert f"ignore: ['empty-section']    # {root / 'py' / 'pyproject.toml'}:5" in out
    assert "select: ['ALL']    # default" in out


def test_rule_packs_from_configuration(tmp_path):
    write(tmp_path / "packs" / "fujian.yaml", """
        pack: fujian
        rules:
          - code: FJ101
            name: innovation-required
            kind: required
            severity: warning
            within: 六
            summary: 第六部分应报告政务公开工作创新情况
            message: 第六部分未报告政务公开工作创新情况
            patterns: [{pattern: '创新', message: '-'}]
          - code: FJ102
            name: no-slogans
            kind: existence
            summary: 不用口号
            patterns: [{pattern: '高度重视', message: '套话“{match}”'}]
          - code: FJ103
            name: sheng-fu-wording
            kind: substitution
            summary: 用全称
            patterns: [{pattern: '省府', replacement: '省政府', message: '“省府”应写作“省政府”'}]
          - code: FJ104
            name: natural-persons-dominate
            kind: identity
            table: 三
            over: columns
            expr: '一 == 三.七 + 四'
            summary: 本地要求：无上年结转
            message: '不应有上年结转：{detail}'
    """)
    write(tmp_path / ".govlint.yaml", "select: [FJ]\nrule-packs: [packs/fujian.yaml]\n")
    text = REPORT.replace("工作人员业务培训不足", "我局高度重视，按省府要求。工作人员业务培训不足")
    text = text.replace("二、上年结转政府信息公开申请数量\t\t0", "二、上年结转政府信息公开申请数量\t\t1").replace("（七）总计\t0", "（七）总计\t1")
    path = write(tmp_path / "r.md", text)
    lines = text.split("\n")
    row = next(i for i, l in enumerate(lines, 1) if l.startswith("一、本年新收"))
    slogan = next(i for i, l in enumerate(lines, 1) if "高度重视" in l)
    six = next(i for i, l in enumerate(lines, 1) if l.startswith("六、"))
    found = [line.split(" ")[:2] for line in run_cli(str(path)).stdout.decode().splitlines()]
    assert found == [[f"{path}:{row}:19:", "FJ104"], [f"{path}:{slogan}:3:", "FJ102"], [f"{path}:{slogan}:9:", "FJ103"], [f"{path}:{six}:1:", "FJ101"]]
    diff = run_cli("--diff", str(path)).stdout.decode()
    assert "+我局高度重视，按省政府要求。" in diff
    rules = json.loads(run_cli("rules", "--format", "json", "--config", str(tmp_path / ".govlint.yaml")).stdout)
    assert {r["code"]: r["plugin"] for r in rules if r["code"].startswith("FJ")} == {c: "yaml:fujian" for c in ("FJ101", "FJ102", "FJ103", "FJ104")}


def test_a_broken_pack_names_file_and_line(tmp_path):
    write(tmp_path / "bad.yaml", "rules:\n  - code: FJ1\n    name: x\n    kind: existence\n    summary: s\n    patterns: []\n")
    write(tmp_path / ".govlint.yaml", "rule-packs: [bad.yaml]\n")
    path = write(tmp_path / "r.md", REPORT)
    stderr = run_cli(str(path)).stderr.decode()
    assert f"{tmp_path}/bad.yaml:2:" in stderr and "code: 'FJ1' is not a rule code" in stderr


def test_halfwidth_parentheses_only_when_asked(tmp_path):
    text = REPORT.replace("工作人员业务培训不足", "培训不足(详见附件)，工作人员业务培训不足")
    path = write(tmp_path / "r.md", text)
    assert codes_of(run_cli("--isolated", str(path))) == []
    write(tmp_path / ".govlint.yaml", "options:\n  halfwidth-punctuation: {parentheses: true}\n")
    assert codes_of(run_cli(str(path))) == ["GL601", "GL601"]
