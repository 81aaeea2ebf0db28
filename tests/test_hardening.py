"""Trust, time and memory: caches are data, work is bounded on any input, one bad file or plugin
never ends the run, and --fix loses nothing. Each test reproduces a defect found by an audit
(fuzzing, crafted inputs, hostile caches and configurations) and failed before it was mended.

Hang tests give a subprocess a timeout far above the linear cost and far below the old quadratic
or exponential one; they assert that the run finished, not how fast.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli, seed, seed_text

import govlint
from govlint.base import datacache
from govlint.engine.config import ConfigError, load_config
from govlint.read.source import decode, read_bytes


class _Boom:
    """Unpickling this creates a file: the proof that a cache ran code."""

    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


# ---- caches are data, never code -------------------------------------------------------------------
def test_a_planted_pickle_in_the_repository_cache_runs_nothing(tmp_path):
    report = tmp_path / "r.md"
    report.write_bytes(seed("001").read_bytes())
    first = run_cli("--format", "json", str(report), cwd=tmp_path)
    marker = tmp_path / "pwned"
    for entry in (tmp_path / ".govlint_cache").rglob("*.json"):
        entry.write_bytes(pickle.dumps(_Boom(str(marker))))  # what an attacker commits
        entry.with_suffix(".pickle").write_bytes(pickle.dumps(_Boom(str(marker))))
    second = run_cli("--format", "json", str(report), cwd=tmp_path)
    assert not marker.exists()
    assert second.stdout == first.stdout and json.loads(second.stdout)["diagnostics"]  # a miss, not hidden findings


def test_a_forged_cache_entry_cannot_hide_findings(tmp_path):
    report = tmp_path / "r.md"
    report.write_bytes(seed("001").read_bytes())
    first = run_cli("--format", "json", str(report), cwd=tmp_path)
    (entry,) = (tmp_path / ".govlint_cache").rglob("*.json")
    envelope = json.loads(entry.read_text())
    envelope["payload"] = json.dumps({"diagnostics": [], "lines": []})  # the hash no longer matches
    entry.write_text(json.dumps(envelope))
    assert run_cli("--format", "json", str(report), cwd=tmp_path).stdout == first.stdout


def test_the_cache_folder_is_ignored_by_git_and_tagged(tmp_path):
    report = tmp_path / "r.md"
    report.write_bytes(seed("002").read_bytes())
    run_cli(str(report), cwd=tmp_path)
    cache = tmp_path / ".govlint_cache"
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_changing_per_file_ignores_or_a_pack_invalidates_the_cache(tmp_path):
    report = tmp_path / "r.md"
    report.write_bytes(seed("001").read_bytes())
    config = tmp_path / ".govlint.yaml"
    config.write_text("per-file-ignores: {'other.md': [GL601]}\n")
    before = json.loads(run_cli("--format", "json", str(report), cwd=tmp_path).stdout)["diagnostics"]
    config.write_text("per-file-ignores: {'r.md': [GL601]}\n")
    after = json.loads(run_cli("--format", "json", str(report), cwd=tmp_path).stdout)["diagnostics"]
    assert any(d["code"] == "GL601" for d in before) and not any(d["code"] == "GL601" for d in after)

    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: local\nrules:\n  - {code: LC101, name: no-foo, kind: existence, summary: s, patterns: [{pattern: 'FOO-NEVER', message: m}]}\n")
    config.write_text("rule-packs: [pack.yaml]\n")
    quiet = json.loads(run_cli("--format", "json", str(report), cwd=tmp_path).stdout)["diagnostics"]
    pack.write_text(pack.read_text().replace("FOO-NEVER", "信息公开"))  # same size class, new contents
    loud = json.loads(run_cli("--format", "json", str(report), cwd=tmp_path).stdout)["diagnostics"]
    assert not any(d["code"] == "LC101" for d in quiet) and any(d["code"] == "LC101" for d in loud)


def test_the_grammar_tables_are_json_in_a_private_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-m", "govlint", "--no-cache", str(seed("002"))], capture_output=True, timeout=60)
    assert result.returncode == 1
    folder = tmp_path / "cache"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    entries = sorted(p.name.split("-")[0] for p in folder.iterdir())
    assert "grammar" in entries and all(p.suffix == ".json" for p in folder.iterdir())
    for entry in folder.glob("grammar-*.json"):  # damaged tables are rebuilt, not trusted
        entry.write_text("{}")
    again = subprocess.run([sys.executable, "-m", "govlint", "--no-cache", str(seed("002"))], capture_output=True, timeout=60)
    assert again.stdout == result.stdout


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(shared))
    assert datacache.private_dir() is None
    datacache.store("x", "k", [1, 2])
    assert list(shared.iterdir()) == []


def test_plain_data_round_trips_through_the_data_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLINT_CACHE_DIR", str(tmp_path / "c"))
    value = {"a": (1, "二", None), 3: [frozenset({"x"}), {"\x00tuple": "not a tag"}], "b": 1.5}
    datacache.store("t", "k1", value)
    assert datacache.load("t", "k1") == value
    assert datacache.load("t", "other-key") is None


# ---- bounded work on any input -----------------------------------------------------------------------
def _finishes(args, stdin=None, timeout=60):
    result = subprocess.run([sys.executable, "-m", "govlint", "--no-cache", "--isolated", *args], input=stdin,
                            capture_output=True, timeout=timeout)
    assert result.returncode in (0, 1), result.stderr.decode()
    return result


@pytest.mark.parametrize("line", [
    " " * 64_000 + "2023年",                          # GL203's opening-year pattern on leading spaces
    "联系" + "a" * 100_000 + "@x",                     # the e-mail branch of the URL pattern
    "见http://a.cn/" + "，,（《“" * 8_000,             # GL601/GL602 marks against URL spans
    "X" * 100_000,                                     # GL502's placeholder pattern
    "<!-- govlint-disable " + "GL601 " * 10_000,       # an unclosed suppression comment
    "文号：" + " " * 100_000 + "发布机构：\n接着的一行",   # the sentence-end test on a paragraph's lines (crawled metadata)
], ids=["leading-spaces", "email", "marks-and-urls", "placeholders", "unclosed-directive", "colon-then-spaces"])
def test_long_lines_are_linear(tmp_path, line):
    report = tmp_path / "r.md"
    report.write_text(seed_text("002") + line + "\n", encoding="utf-8")
    _finishes([str(report)])


def test_many_suppression_directives_are_linear(tmp_path):
    directives = "<!-- govlint-disable-next-line GL601 -->\n\n" * 5_000 + "<!-- govlint-disable GL601 -->\n<!-- govlint-enable GL601 -->\n" * 5_000
    report = tmp_path / "r.md"
    report.write_text(seed_text("001") + directives, encoding="utf-8")
    _finishes([str(report)])


def test_diff_on_a_line_of_commas_is_linear(tmp_path):
    report = tmp_path / "r.md"
    report.write_text(seed_text("002") + "说明" + "，," * 8_000 + "完\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "govlint", "--isolated", "--diff", str(report)], capture_output=True, timeout=60)
    added = [line for line in result.stdout.splitlines() if line.startswith(b"+") and not line.startswith(b"+++")]
    assert result.returncode == 1 and len(added) == 1 and b"," not in added[0]


def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "r.md"
    os.mkfifo(fifo)
    result = run_cli(str(fifo))
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"govlint: error: {fifo}: not a regular file (a pipe, socket or device)"


def test_an_alias_bomb_in_the_configuration_is_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    lines += ["select: *a9"]
    config = tmp_path / ".govlint.yaml"
    config.write_text("\n".join(lines) + "\n")
    with pytest.raises(ConfigError, match=r"too many values"):
        load_config(config)


def test_deeply_nested_yaml_is_refused(tmp_path):
    config = tmp_path / ".govlint.yaml"
    config.write_text("options: " + "[" * 5_000 + "]" * 5_000 + "\n")
    with pytest.raises(ConfigError, match=r"nested"):
        load_config(config)


def test_a_configuration_error_never_quotes_the_file(tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n  - : [\n")
    config = tmp_path / ".govlint.yaml"
    config.write_text(f"extend: {secret}\n")
    result = run_cli("--config", str(config), str(seed("002")))
    assert result.returncode == 2 and "hashhash" not in result.stderr.decode()
    config.write_text("extend: /etc/shadow\n")
    result = run_cli("--config", str(config), str(seed("002")))
    assert result.returncode == 2 and "extend: expected the path of a .yaml, .yml or .toml configuration" in result.stderr.decode()


# ---- one bad file, plugin or rule never ends the run ---------------------------------------------------
def test_a_malformed_chinese_numeral_is_no_crash():
    text = seed_text("002").replace("一、", "十十、", 1)
    found = govlint.lint_text(text, "r.md")
    assert not any(d.code == "GL902" for d in found)


def test_lint_text_takes_a_lone_surrogate():
    found = govlint.lint_text(seed_text("002") + "坏\ud800字\n", "r.md")
    assert [d.code for d in found if d.severity == "error"] == ["GL302"]


def test_utf32_and_big5_files_are_read(tmp_path):
    text = "一、總體情況\n本機關2022年度未收到政府資訊公開申請。\n"
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00\x00" + text.encode("utf-32-le"))
    (tmp_path / "b.txt").write_bytes(text.encode("big5"))
    assert decode(read_bytes(tmp_path / "a.txt"), "a").text == text
    assert decode(read_bytes(tmp_path / "b.txt"), "b").text == text


def test_one_broken_file_does_not_end_the_run(tmp_path):
    for index in range(5):
        (tmp_path / f"r{index}.md").write_text(seed_text("002"), encoding="utf-8")
    (tmp_path / "r2.md").write_bytes(b"\x00\x01binary")
    result = run_cli("--no-cache", "--format", "json", str(tmp_path))
    assert result.returncode == 2
    paths = {d["path"] for d in json.loads(result.stdout)["diagnostics"]}
    assert paths == {str(tmp_path / f"r{i}.md") for i in (0, 1, 3, 4)}
    assert result.stderr.decode().count("govlint: error:") == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_reported(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "r.md").write_text(seed_text("002"), encoding="utf-8")
    (tmp_path / "sub").chmod(0)
    try:
        result = run_cli(str(tmp_path))
    finally:
        (tmp_path / "sub").chmod(0o755)
    assert result.returncode == 2 and "cannot read the folder" in result.stderr.decode()


def test_an_unreadable_subfolder_is_reported_not_skipped(tmp_path, monkeypatch):
    from govlint.run import runner

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.md").write_text("x", encoding="utf-8")
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):  # the walk meets a folder it may not list (as a non-root user would)
        error = PermissionError(13, "Permission denied")
        error.filename = str(Path(top) / "locked")
        onerror(error)
        yield from real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(runner.os, "walk", walk)
    problems: list[str] = []
    assert runner.report_files(tmp_path, (), problems) == [tmp_path / "a" / "r.md"]
    assert problems == [f"{tmp_path / 'locked'}: cannot read the folder (Permission denied); its reports were not checked"]


# ---- --fix loses nothing ------------------------------------------------------------------------------
def test_fix_reaches_the_fixpoint_in_one_run(tmp_path):
    report = tmp_path / "r.md"
    report.write_text(seed_text("002") + "见《条例》》》》》》》》》》。依据，，，，，，，，，，，，说明\n", encoding="utf-8")
    run_cli("--isolated", "--fix", str(report))
    once = report.read_bytes()
    run_cli("--isolated", "--fix", str(report))
    assert report.read_bytes() == once


def test_fix_writes_through_a_symlink_and_keeps_it(tmp_path):
    target = tmp_path / "real.md"
    target.write_text(seed_text("001"), encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    run_cli("--isolated", "--fix", str(link))
    assert link.is_symlink() and "," not in target.read_text(encoding="utf-8").split("\n")[6]


def test_fix_refuses_a_file_with_hard_links(tmp_path):
    original = tmp_path / "r.md"
    original.write_text(seed_text("001"), encoding="utf-8")
    os.link(original, tmp_path / "other.md")
    before = original.read_bytes()
    result = run_cli("--isolated", "--fix", str(original))
    assert result.returncode == 2 and "hard links" in result.stderr.decode()
    assert original.read_bytes() == before and (tmp_path / "other.md").read_bytes() == before


def test_fix_keeps_utf16_big_endian(tmp_path):
    report = tmp_path / "r.md"
    report.write_bytes(b"\xfe\xff" + seed_text("001").encode("utf-16-be"))
    run_cli("--isolated", "--fix", str(report))
    data = report.read_bytes()
    assert data.startswith(b"\xfe\xff") and "，" in data[2:].decode("utf-16-be")


def test_fix_does_not_overwrite_a_file_changed_meanwhile(tmp_path):
    from govlint.run.fixes import FileChanged, write_atomically

    report = tmp_path / "r.md"
    report.write_text("原文\n", encoding="utf-8")
    seen = report.read_bytes()
    report.write_text("原文\n用户刚保存的一行\n", encoding="utf-8")  # saved while the fixes were computed
    with pytest.raises(FileChanged):
        write_atomically(report, "修改后\n".encode(), expected=seen)
    assert report.read_text(encoding="utf-8") == "原文\n用户刚保存的一行\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_stale_temporaries_of_killed_runs_are_removed(tmp_path):
    from govlint.run.fixes import write_atomically

    report = tmp_path / "r.md"
    report.write_text("原文\n", encoding="utf-8")
    stale = tmp_path / ".r.md.999999999.abcd.govlint-tmp"  # no such process
    stale.write_text("half", encoding="utf-8")
    write_atomically(report, "新\n".encode(), expected="原文\n".encode())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.md"]


def test_an_exception_while_checking_a_file_is_that_files_error(tmp_path, monkeypatch):
    from govlint.run.runner import check_file
    from govlint.run.session import Session

    report = tmp_path / "r.md"
    report.write_text(seed_text("002"), encoding="utf-8")
    session = Session(isolated=True, quiet=True)

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("govlint.run.runner.read_source", broken)
    result = check_file(report, session, None, False)
    assert result.error == f"{report}: internal error while checking it (RecursionError: maximum recursion depth exceeded); please report it with the file"


def test_a_number_of_thousands_of_digits_is_no_crash():
    text = seed_text("003")
    at = text.index("\t0\n")
    found = govlint.lint_text(text[:at] + "\t" + "9" * 5000 + "\n" + text[at + 3:], "r.md")
    assert not any(d.code == "GL902" for d in found)
    assert [d.code for d in found if d.line == text[:at].count("\n") + 1] == ["GL303"]


def test_a_catastrophic_pattern_in_a_repository_pack_is_stopped_and_reported(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("pack: local\nrules:\n  - {code: LC101, name: slow, kind: existence, summary: s, "
                    "patterns: [{pattern: '(a|aa)+$', message: m}]}\n", encoding="utf-8")
    (tmp_path / ".govlint.yaml").write_text("rule-packs: [pack.yaml]\n", encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_text(seed_text("002") + "a" * 40 + "!\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "govlint", "--no-cache", "--format", "json", str(report)],
                            capture_output=True, timeout=60, cwd=tmp_path)
    found = json.loads(result.stdout)["diagnostics"]
    assert [(d["code"], d["line"]) for d in found if d["code"] in ("GL902", "LC101")] == [("GL902", 3)]  # at the title
    assert "LC101" in found[[d["code"] for d in found].index("GL902")]["message"] and "took more than 0.5 s" in result.stdout.decode()
    assert [d["code"] for d in found if d["severity"] == "error" and d["code"] != "GL902"] == ["GL302"]  # the other rules ran


# ---- plugins that misbehave ------------------------------------------------------------------------
def _plugin_host(monkeypatch, tmp_path, source: str):
    """A plugin host that also loads the module `source` as the plugin `bad`."""
    from govlint.engine import plugins

    (tmp_path / "govlint_bad_plugin.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "govlint_bad_plugin", raising=False)
    installed = plugins.entry_points()
    monkeypatch.setattr(plugins, "entry_points", lambda: installed + [("bad", "govlint_bad_plugin")])
    return plugins.PluginHost()


def test_a_plugin_calling_sys_exit_at_import_is_a_warning(monkeypatch, tmp_path):
    host = _plugin_host(monkeypatch, tmp_path, "import sys\nsys.exit(0)\n")
    assert host.warnings == ["plugin 'bad' could not be loaded: SystemExit: 0"]
    assert "GL101" in {rule.code for rule in host.rules()}


BAD_RULES = '''
from govlint import Finding, Rule, Severity, hookimpl
from govlint.base.spans import Span

class NoSpan(Rule):
    code, name, summary = "BD101", "no-span", "yields a finding without a span"
    messages = {}
    def check(self, report):
        yield Finding(None, "x")

class Fatal(Rule):
    code, name, summary = "BD102", "fatal", "yields a severity that does not exist"
    def check(self, report):
        yield Finding(Span(1, 1, 1, 2), "x", severity="fatal")

class Exits(Rule):
    code, name, summary = "BD103", "exits", "calls sys.exit"
    def check(self, report):
        raise SystemExit(3)

@hookimpl
def govlint_rules():
    return [NoSpan, Fatal, Exits]

@hookimpl
def govlint_format_dirs():
    return ["/no/such/folder", 42]

@hookimpl
def govlint_readers():
    return {"txt": "not a function"}
'''


def test_misbehaving_plugin_rules_and_hooks_are_findings_or_warnings(monkeypatch, tmp_path):
    from govlint.engine.linter import Linter

    host = _plugin_host(monkeypatch, tmp_path, BAD_RULES)
    linter = Linter(host=host)
    found = linter.lint(decode(seed("002").read_bytes(), "r.md"))
    errors = [d.message for d in found if d.code == "GL902"]
    assert len(errors) == 3 and all(any(code in m for m in errors) for code in ("BD101", "BD102", "BD103"))
    assert [d.code for d in found if d.code not in ("GL902",) and d.severity == "error"] == ["GL302"]  # the other rules ran
    assert host.format_dirs() == [] and host.readers() == {}
    assert sum("govlint_format_dirs" in w for w in host.warnings) == 2 and any("govlint_readers" in w for w in host.warnings)
