"""The first ten minutes: the README's commands, in order, in a fresh clone, on a machine with only
python3 — and what a Windows user meets (backslash paths, a GBK console).

The fresh-clone walk-through takes about a minute (a new virtual environment, `pip install .`). It
always runs under CI (CI=true); locally GOVLINT_SKIP_WALKTHROUGH=1 skips it.
"""

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import SEEDS, seed

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


# ---- the README's commands -------------------------------------------------------------------------
def marked_blocks(path: Path) -> dict[str, str]:
    """The code blocks marked `<!-- walkthrough: NAME -->` in a document."""
    text = path.read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"<!-- walkthrough: (\S+) -->\n```[a-z]*\n(.*?)```", text, re.DOTALL)}


def english_walkthrough() -> tuple[Path, dict[str, str]]:
    """README.md's marked quick start, or docs/quickstart-en.md's until it is merged into README.md."""
    for path in (ROOT / "README.md", ROOT / "docs" / "quickstart-en.md"):
        if path.exists():
            blocks = marked_blocks(path)
            if blocks:
                return path, blocks
    raise AssertionError("no marked walk-through in README.md or docs/quickstart-en.md")


def commands(block: str) -> list[str]:
    """The block's commands in order: one a line, or several on a line joined by `&&`."""
    lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [part.strip() for line in lines for part in line.split(" && ")]


def test_the_chinese_and_english_readmes_give_the_same_commands_and_output():
    chinese = marked_blocks(ROOT / "README.zh-CN.md")
    _, english = english_walkthrough()
    assert set(chinese) == set(english) == {"posix", "powershell", "output"}
    for name in ("posix", "powershell", "output"):
        assert chinese[name] == english[name], name
    posix = commands(chinese["posix"])
    # A virtual environment first (PEP 668), then the install, then the check.
    assert posix[0] == "python3 -m venv .venv" and posix[1] == ".venv/bin/pip install ." and posix[2].startswith(".venv/bin/govlint ")
    # PowerShell: the same steps with the Windows launcher, Scripts\ and backslashes.
    windows = [line.replace("py -m venv", "python3 -m venv").replace(".venv\\Scripts\\", ".venv/bin/").replace("\\", "/")
               for line in commands(chinese["powershell"])]
    assert windows == posix


def test_the_readmes_state_the_python_version_and_the_meaning_of_exit_1():
    chinese = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    english_path, _ = english_walkthrough()
    english = english_path.read_text(encoding="utf-8")
    assert "Python 3.11 或更新版本" in chinese and "这不是安装失败" in chinese
    assert "Python 3.11 or newer" in english and "not a failed install" in english
    assert "requires-python = \">=3.11\"" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for text in (chinese, english):
        assert ".invalid" not in text and "languageServerExample" not in text and "v0.1.0" not in text


def fresh_clone(destination: Path) -> Path:
    """A clone of this repository as it would be committed: HEAD, plus the working tree's changes to
    tracked and new (not ignored) files — so the walk-through tests what CI's fresh clone will hold."""
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(destination)], check=True, timeout=300)
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, check=True, timeout=60).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source, target = ROOT / name, destination / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.exists() and not source.exists():
            target.unlink()  # deleted in the working tree
    return destination


def clean_environment() -> dict[str, str]:
    """A machine with only the system's python3: no active virtual environment, a neutral locale."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONIOENCODING", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES",
                          "NO_COLOR", "GITHUB_ACTIONS")}
    env["PATH"] = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if not p.startswith(str(Path(sys.executable).parent)))
    env["LC_ALL"] = "C.UTF-8"
    return env


def on_a_terminal(command: str, cwd: Path, env: dict[str, str], timeout: float = 120) -> tuple[int, str]:
    """Run a shell command with a terminal as its output, as a person would; (exit code, what it printed)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(["bash", "-c", command], cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal)
    os.close(terminal)
    chunks = []
    while True:
        ready, _, _ = select.select([controller], [], [], timeout)
        if not ready:
            process.kill()
            raise AssertionError(f"{command}: no output for {timeout} s")
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return process.wait(timeout=timeout), b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@pytest.mark.skipif(not IN_CI and bool(os.environ.get("GOVLINT_SKIP_WALKTHROUGH")), reason="GOVLINT_SKIP_WALKTHROUGH is set")
def test_a_fresh_clone_follows_the_readme(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists() or shutil.which("python3") is None:
        if IN_CI:
            pytest.fail("the walk-through needs git, python3 and this project as a git repository")
        pytest.skip("needs git, python3 and this project as a git repository")
    blocks = marked_blocks(ROOT / "README.zh-CN.md")
    steps = commands(blocks["posix"])
    clone = fresh_clone(tmp_path / "govlint")
    env = clean_environment()
    version = subprocess.run(["python3", "-c", "import sys; print(sys.version_info >= (3, 11))"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert version.stdout.strip() == "True", "the system python3 is older than 3.11, which the README asks for"
    for step in steps[:-1]:  # the virtual environment and the install
        done = subprocess.run(["bash", "-c", step], cwd=clone, env=env, capture_output=True, text=True, timeout=600, check=False)
        assert done.returncode == 0, f"{step}\n{done.stdout}\n{done.stderr}"
    code, printed = on_a_terminal(steps[-1], clone, env)
    assert "\x1b[" in printed  # a terminal gets colour …
    assert code == 1  # findings: the README says so
    assert ANSI.sub("", printed) == blocks["output"]  # … and exactly what the README shows
    installed = subprocess.run([str(clone / ".venv" / "bin" / "govlint"), "--version"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert installed.returncode == 0 and installed.stdout.startswith("govlint ")
    # Installed from the clone, not from this checkout (an editable install elsewhere would hide a missing file).
    where = subprocess.run([str(clone / ".venv" / "bin" / "python"), "-c", "import govlint, sys; print(govlint.__file__)"],
                           env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path, check=False)
    assert where.stdout.strip().startswith(str(clone / ".venv")), where.stdout


# ---- Windows: backslash paths and a GBK console ------------------------------------------------------
# What a Chinese Windows machine does to govlint, simulated: a console in code page 936 (GBK) cannot
# show every character a report holds (𠀀, emoji); paths have drive letters and backslashes.
ODD = "某局2023年政府信息公开工作年度报告\n𠀀二〇二三年,我局😀。\n"


def run(*args, env_extra: dict[str, str], stdin: bytes | None = None, cwd: Path | None = None):
    env = dict(os.environ, LC_ALL="C.UTF-8", **env_extra)  # Chinese messages, whatever the machine's locale
    env.pop("NO_COLOR", None)
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "govlint", *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=60, check=False)


@pytest.mark.parametrize("output", ["full", "text", "json", "sarif", "github", "junit", "json-lines"])
def test_a_gbk_console_gets_question_marks_not_a_crash(tmp_path, output):
    report = tmp_path / "报告.txt"
    report.write_text(ODD, encoding="utf-8")
    result = run("--no-cache", "--format", output, "--color", "always", report.name, env_extra={"PYTHONIOENCODING": "gbk"}, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, b"")
    printed = result.stdout.decode("gbk")  # GBK all through, nothing half-written
    assert "GL601" in printed and "缺少第一部分“一、总体情况”" in printed
    assert "报告.txt" in printed or "%E6%8A%A5%E5%91%8A.txt" in printed  # SARIF: a URI
    if output == "full":  # the source line shown: the characters GBK lacks became "?"
        assert "?二〇二三年,我局?。" in printed


def test_a_gbk_or_ascii_console_shows_help_and_errors(tmp_path):
    for encoding in ("gbk", "ascii"):
        shown = run("--help", env_extra={"PYTHONIOENCODING": encoding})
        assert shown.returncode == 0 and b"govlint schema" in shown.stdout and shown.stderr == b""
        missing = run("报告😀.txt", env_extra={"PYTHONIOENCODING": encoding}, cwd=tmp_path)
        assert missing.returncode == 2 and b"Traceback" not in missing.stderr
        assert missing.stderr.decode(encoding).startswith("govlint: error: ")


WINDOWS_PATH = "C:\\Users\\张三\\Documents\\2024年报\\某局2024年政府信息公开工作年度报告.md"


@pytest.mark.parametrize("output", ["full", "text", "json", "json-lines", "sarif", "github", "junit"])
def test_windows_paths_pass_through_every_formatter(output):
    """A drive letter and backslashes (what Windows gives govlint) reach every output format intact."""
    text = seed("001").read_text(encoding="utf-8")
    result = run("--format", output, "--color", "never", "-", "--stdin-filename", WINDOWS_PATH, stdin=text.encode("utf-8"), env_extra={})
    assert result.returncode == 1 and result.stderr == b""
    printed = result.stdout.decode("utf-8")
    if output == "json":
        assert {d["path"] for d in json.loads(printed)["diagnostics"]} == {WINDOWS_PATH}
    elif output == "json-lines":
        assert {json.loads(line)["path"] for line in printed.splitlines()} == {WINDOWS_PATH}
    elif output == "sarif":
        log = json.loads(printed)
        jsonschema.validate(log, json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")))
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
        assert len(uris) == 1 and "\\" not in uris.pop()  # a URI never holds a raw backslash
    elif output == "github":  # workflow commands escape ":" in a property
        assert f"file={WINDOWS_PATH.replace(':', '%3A')},line=3,col=1," in printed
    elif output == "junit":
        assert WINDOWS_PATH in printed
    else:
        assert f"{WINDOWS_PATH}:3:1: GL201" in printed


def test_windows_paths_in_the_python_api_and_the_full_format():
    import govlint
    from govlint.output.formatter import Context
    from govlint.output.registry import Registry

    text = (SEEDS / seed("002").name).read_text(encoding="utf-8")
    diagnostics = govlint.lint_text(text, path=WINDOWS_PATH)
    assert diagnostics and {d.path for d in diagnostics} == {WINDOWS_PATH}
    context = Context(files=[WINDOWS_PATH], lines={WINDOWS_PATH: text.split("\n")})
    for name, formatter in Registry().formatters.items():
        assert formatter.render(diagnostics, context), name  # none raises on the path
    full = Registry().formatters["full"].render(diagnostics, context).splitlines()
    assert full[0].startswith(f"{WINDOWS_PATH}:77:1: GL302 error ")
    assert full[-1] == "govlint: 1 error in 1 file(s) checked"


# ---- --help and the `full` format ------------------------------------------------------------------
def test_help_lists_every_subcommand_and_each_answers_help():
    from govlint.cli import COMMANDS

    shown = run("--help", env_extra={}).stdout.decode("utf-8")
    assert {"rules", "rule", "config", "clean", "server", "schema"} <= set(COMMANDS)
    for name in COMMANDS:
        assert re.search(rf"^  govlint {name}\b", shown, re.MULTILINE), name
        answered = run(name, "--help", env_extra={})
        assert answered.returncode == 0 and answered.stdout.decode("utf-8").startswith(f"usage: govlint {name}"), name
    assert "1 findings to fix" in shown and "not a failure of govlint" in shown


@pytest.mark.parametrize("color", ["never", "always"])
def test_full_shows_the_severity_word_with_or_without_colour(tmp_path, color):
    report = tmp_path / "r.md"
    report.write_text(ODD, encoding="utf-8")
    printed = run("--no-cache", "--format", "full", "--color", color, str(report), env_extra={}).stdout.decode("utf-8")
    plain = ANSI.sub("", printed)
    assert ("\x1b[" in printed) == (color == "always")
    assert f"{report}:1:1: GL101 error 缺少第一部分" in plain and f"{report}:2:7: GL601 warning 中文中使用了半角标点" in plain
    assert plain.endswith("govlint: 8 error, 1 warning in 1 file(s) checked\n")


def test_the_english_summary_uses_english_punctuation(tmp_path):
    report = tmp_path / "r.md"
    report.write_text(ODD, encoding="utf-8")
    printed = run("--no-cache", "--format", "full", "--color", "never", "--lang", "en", str(report), env_extra={}).stdout.decode("utf-8")
    summary = printed.splitlines()[-1]
    assert summary == "govlint: 8 error, 1 warning in 1 file(s) checked" and "，" not in summary
    assert "GL601 warning " in printed
