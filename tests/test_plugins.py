"""Third-party packs, installed for real and found through the `govlint` entry points."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tables_text import clean_report

EXAMPLE = Path(__file__).parents[1] / "examples" / "govlint-fujian"


def run(*args, pythonpath, cwd=None):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(str(p) for p in pythonpath))
    return subprocess.run([sys.executable, "-m", "govlint", *args], capture_output=True, env=env, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The example pack installed with pip into a folder of its own (the test environment is left as it was)."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", str(target), str(EXAMPLE)],
                   check=True, capture_output=True, timeout=300)
    return target


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "r.md"
    path.write_text(clean_report(), encoding="utf-8")
    return path


def test_the_example_pack_is_discovered_run_and_listed(installed, report):
    result = run("--isolated", str(report), pythonpath=[installed])
    six = next(i for i, l in enumerate(report.read_text(encoding="utf-8").split("\n"), 1) if l.startswith("六、"))
    assert result.stdout.decode().splitlines() == [f"{report}:{six}:1: FJ101 warning innovation-reported 第六部分未报告政务公开工作创新情况（本省要求）"]
    assert result.stderr == b""
    listed = run("rules", pythonpath=[installed]).stdout.decode()
    assert any(line.split()[:2] == ["FJ101", "innovation-reported"] and "fujian" in line for line in listed.splitlines())


def test_the_pack_can_be_disabled(installed, report, tmp_path):
    assert run("--isolated", "-p", "no:fujian", str(report), pythonpath=[installed]).stdout == b""
    (tmp_path / ".govlint.yaml").write_text("disable-plugins: [fujian]\n", encoding="utf-8")
    assert run(str(report), pythonpath=[installed]).stdout == b""


def fake_distribution(root: Path, name: str, module: str, source: str) -> Path:
    """A module and the metadata that announces it under the govlint entry points."""
    (root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[govlint]\n{name} = {module}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("source, warning", [
    ("import no_such_module\n", "plugin 'broken' could not be loaded: ModuleNotFoundError: No module named 'no_such_module'"),
    ("from govlint import hookimpl\n\n@hookimpl\ndef govlint_colours():\n    return []\n", "plugin 'broken' declares an unknown hook"),
    ("""
     from govlint import Rule, hookimpl

     class Impostor(Rule):
         code, name, summary = "GL777", "impostor", "claims a built-in code"
         def check(self, report):
             return []

     @hookimpl
     def govlint_rules():
         return [Impostor]
     """, "GL777 uses the prefix GL, which is reserved for govlint's own rules"),
])
def test_a_bad_plugin_is_a_warning_and_the_run_goes_on(tmp_path, report, source, warning):
    (tmp_path / "site").mkdir()
    site = fake_distribution(tmp_path / "site", "broken", "govlint_broken", source)
    result = run("--isolated", str(report), pythonpath=[site])
    assert result.returncode == 0 and result.stdout == b""
    assert warning in result.stderr.decode()


def test_a_formatter_and_a_reader_from_a_plugin(tmp_path):
    """The old form of a plugin formatter, a plain function(diagnostics) -> str, still works (deprecated)."""
    (tmp_path / "site").mkdir()
    site = fake_distribution(tmp_path / "site", "extras", "govlint_extras", """
        from govlint import hookimpl

        @hookimpl
        def govlint_formatters():
            return {"count": lambda diagnostics: f"{len(diagnostics)} findings\\n"}

        @hookimpl
        def govlint_readers():
            return {".rpt": lambda data, path: data.decode("utf-8").replace("|", "\\n")}
    """)
    (tmp_path / "reports").mkdir()
    path = tmp_path / "reports" / "r.rpt"
    path.write_text(clean_report().replace("\n", "|") + "2025年,新增。", encoding="utf-8")
    result = run("--isolated", "--format", "count", str(tmp_path / "reports"), pythonpath=[site])
    assert result.stdout.decode() == "1 findings\n", result.stderr.decode()


FORMATTER_PLUGIN = """
    from govlint import hookimpl
    from govlint.output import Formatter

    class Summary(Formatter):
        name = "summary"
        streaming = True  # handed the findings as the files are checked

        def write(self, diagnostics, context, out):
            codes = sorted({d.code for d in diagnostics})  # the files are checked while this reads
            counts = ", ".join(f"{n} {level}" for level, n in context.counts.items())
            out.write(f"govlint {context.version} ({context.lang}): {len(context.files)} file(s), {counts}: {' '.join(codes)}\\n")

    class Lines(Formatter):
        name = "lines"
        needs_lines = True
        needs_rules = True

        def write(self, diagnostics, context, out):
            names = {rule.code: rule.name for rule in context.rules}
            for d in diagnostics:
                out.write(f"{names[d.code]} {d.line}: {context.lines[d.path][d.line - 1]}\\n")

    class Impostor(Formatter):
        name = "text"

        def write(self, diagnostics, context, out):
            out.write("not the text format\\n")

    @hookimpl
    def govlint_formatters():
        return [Summary, Lines(), Impostor]
"""


def test_a_plugin_formatter_gets_the_context_it_declares(tmp_path):
    from govlint import __version__

    (tmp_path / "site").mkdir()
    site = fake_distribution(tmp_path / "site", "summary", "govlint_summary", FORMATTER_PLUGIN)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.md").write_text(clean_report(), encoding="utf-8")
    (tmp_path / "reports" / "b.md").write_text(clean_report() + "2025年,新增。\n", encoding="utf-8")
    reports = str(tmp_path / "reports")

    result = run("--isolated", "--no-cache", "--ignore", "GL701", "--lang", "en", "--format", "summary", reports, pythonpath=[site])
    assert result.stdout.decode() == f"govlint {__version__} (en): 2 file(s), 0 error, 1 warning, 0 info: GL601\n"  # GL701: one body's report twice
    assert result.returncode == 0
    warning = "govlint: warning: plugin 'summary': --format text is built in; formatter skipped\n"
    assert result.stderr.decode() == warning

    result = run("--isolated", "--no-cache", "--ignore", "GL701", "--format", "lines", reports, pythonpath=[site])
    assert result.stdout.decode() == "halfwidth-punctuation 63: 2025年,新增。\n", result.stderr.decode()

    # a built-in format is never replaced
    result = run("--isolated", "--no-cache", "--ignore", "GL701", "--format", "text", reports, pythonpath=[site])
    assert result.stdout.decode().startswith(f"{tmp_path / 'reports' / 'b.md'}:63:")

    # --fix writes through the same formatter: the findings that remain, in the fixed files
    result = run("--isolated", "--no-cache", "--ignore", "GL701", "--fix", "--format", "summary", reports, pythonpath=[site])
    assert result.stdout.decode() == f"govlint {__version__} (zh): 2 file(s), 0 error, 0 warning, 0 info: \n"
    assert result.stderr.decode() == warning + "govlint: fixed 1 finding(s) in 1 file(s)\n"


def test_a_plugin_formatter_that_is_not_one_is_a_warning(tmp_path, report):
    (tmp_path / "site").mkdir()
    site = fake_distribution(tmp_path / "site", "odd", "govlint_odd", """
        from govlint import hookimpl

        @hookimpl
        def govlint_formatters():
            return [42]
    """)
    result = run("--isolated", str(report), pythonpath=[site])
    assert (result.returncode, result.stdout) == (0, b"")
    assert "plugin 'odd': 42 is not a govlint formatter" in result.stderr.decode()


def test_the_example_pack_adds_a_rule_across_years(installed, tmp_path):
    """FJ701 (govlint_history_rules): 154 new applications in 2025 against 20 in 2024, more than 5 times."""
    base = (Path(__file__).parent / "rules" / "_bases" / "pingtan-2025.md").read_text(encoding="utf-8")
    last_year = base.replace("平潭综合实验区2025年度", "平潭综合实验区2024年度", 1).replace(
        "一、本年新收政府信息公开申请数量\t\t151\t3\t0\t0\t0\t0\t154", "一、本年新收政府信息公开申请数量\t\t18\t2\t0\t0\t0\t0\t20", 1)
    (tmp_path / "2024").mkdir()
    (tmp_path / "2025").mkdir()
    (tmp_path / "2024" / "report.md").write_text(last_year, encoding="utf-8")
    (tmp_path / "2025" / "report.md").write_text(base, encoding="utf-8")
    result = run("--isolated", "--no-cache", "--select", "FJ701", str(tmp_path / "2025" / "report.md"), pythonpath=[installed])
    out = result.stdout.decode().splitlines()
    assert len(out) == 1 and out[0].startswith(f"{tmp_path / '2025' / 'report.md'}:41:") and " FJ701 warning applications-jump " in out[0], out
    assert "2024/report.md" in out[0] and "154" in out[0] and result.stderr == b""
    (tmp_path / "2024" / "report.md").write_text(base.replace("平潭综合实验区2025年度", "平潭综合实验区2024年度", 1), encoding="utf-8")
    assert run("--isolated", "--no-cache", "--select", "FJ701", str(tmp_path / "2025" / "report.md"), pythonpath=[installed]).stdout == b""
