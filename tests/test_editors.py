"""govlint in real editors.

Neovim: the snippets of docs/editors.md run in a real headless Neovim (Debian's `neovim` package in CI;
more binaries through GOVLINT_TEST_NVIM, a list separated by the path separator). Neovim starts
`govlint server`, opens a report, gets govlint's diagnostics, applies a quick fix, then saves — the
documented fix-on-save runs `source.fixAll.govlint` — and the file must be what `govlint --fix` writes.

VS Code: the extension's own tests run under Node.js without a display (`npm test` in editors/vscode,
run by .ci/run); here, the packaged .vsix, when CI built one, is checked for what it must carry.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli, seed

ROOT = Path(__file__).resolve().parent.parent
EDITORS_MD = ROOT / "docs" / "editors.md"
IN_CI = os.environ.get("CI") == "true"


def snippets() -> dict[str, str]:
    """The Lua blocks of docs/editors.md marked `<!-- neovim: NAME -->`."""
    text = EDITORS_MD.read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"<!-- neovim: (\S+) -->\n```lua\n(.*?)```", text, re.DOTALL)}


def neovims() -> list[tuple[str, tuple[int, int]]]:
    """(path, (major, minor)) of each Neovim to test with, one per version."""
    candidates = [shutil.which("nvim"), *filter(None, os.environ.get("GOVLINT_TEST_NVIM", "").split(os.pathsep))]
    found: dict[tuple[int, int], str] = {}
    for candidate in filter(None, candidates):
        try:
            banner = subprocess.run([candidate, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout
        except OSError:
            continue
        match = re.match(r"NVIM v(\d+)\.(\d+)", banner)
        if match:
            found.setdefault((int(match.group(1)), int(match.group(2))), candidate)
    return [(path, version) for version, path in sorted(found.items())]


def nvim_version(path: str) -> str:
    return subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30, check=False).stdout.split("\n")[0]


def cases():
    """Each Neovim with each documented setup it can run: 0.7 start_client, 0.8+ vim.lsp.start, 0.11+ vim.lsp.config."""
    found = []
    for path, version in neovims():
        names = ["0.11", "0.8"] if version >= (0, 11) else ["0.8"] if version >= (0, 8) else ["0.7"]
        found += [pytest.param(path, name, id=f"nvim-{version[0]}.{version[1]}-setup-{name}") for name in names]
    if not found:
        found = [pytest.param(None, None, id="no-neovim")]
    return found


DRIVER = r"""
local out = { diagnostics = {} }
local function drive()
  local bufnr = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[bufnr].filetype
  out.received = vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local get_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
  local client = get_clients({ bufnr = bufnr })[1] or get_clients()[1]
  out.client = client and client.name
  out.offset_encoding = client and client.offset_encoding
  local first_comma
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(out.diagnostics, { line = d.lnum, col = d.col, code = code, message = d.message, severity = d.severity, source = d.source })
    if code == "GL601" and (first_comma == nil or d.lnum < first_comma.lnum or (d.lnum == first_comma.lnum and d.col < first_comma.col)) then
      first_comma = d
    end
  end
  -- A quick fix, as an editor applies it: asked for at the diagnostic (in the negotiated position
  -- encoding), the server's edit applied through Neovim's own workspace-edit code.
  if first_comma and client then
    local encoding = client.offset_encoding
    local range = {
      start = { line = first_comma.lnum, character = vim.lsp.util.character_offset(bufnr, first_comma.lnum, first_comma.col, encoding) },
      ["end"] = { line = first_comma.end_lnum, character = vim.lsp.util.character_offset(bufnr, first_comma.end_lnum, first_comma.end_col, encoding) },
    }
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, range = range,
                     context = { diagnostics = {}, only = { "quickfix" } } }
    local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 30000) or {}
    out.quick_fixes = {}
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        table.insert(out.quick_fixes, action.title)
      end
    end
    local actions = (responses[client.id] or {}).result or {}
    if actions[1] and actions[1].edit then
      vim.lsp.util.apply_workspace_edit(actions[1].edit, encoding)
    end
    out.fixed_line = first_comma.lnum
    out.fixed_line_text = vim.api.nvim_buf_get_lines(bufnr, first_comma.lnum, first_comma.lnum + 1, false)[1]
  end
  -- Save: the documented BufWritePre runs source.fixAll.govlint, then the file is written.
  vim.cmd("silent write")
end
local ok, problem = pcall(drive)
out.error = (not ok) and tostring(problem) or nil
local handle = io.open(vim.env.GOVLINT_TEST_OUT, "w")
handle:write(vim.fn.json_encode(out))
handle:close()
vim.cmd("qa!")
"""


def report_text() -> str:
    # Seed 001 with an astral character before a comma: byte, UTF-16 and code-point columns all differ there.
    return seed("001").read_text(encoding="utf-8").replace("2020年,我局", "𠀀2020年,我局", 1)


@pytest.mark.parametrize("nvim, setup", cases())
def test_neovim_gets_govlint_diagnostics_and_applies_its_fixes(tmp_path, nvim, setup):
    if nvim is None:
        if IN_CI:
            pytest.fail("no Neovim on this machine: .ci/run installs Debian's `neovim` package")
        pytest.skip("no Neovim (apt-get install neovim)")
    documented = snippets()
    assert {"0.11", "0.8", "0.7", "fix-on-save"} <= set(documented)
    text = report_text()
    folder = tmp_path / "docs"
    folder.mkdir()
    report = folder / "report.md"
    report.write_text(text, encoding="utf-8")
    original = tmp_path / "original.md"
    original.write_text(text, encoding="utf-8")
    (tmp_path / "setup.lua").write_text(documented[setup] + "\n" + documented["fix-on-save"], encoding="utf-8")
    (tmp_path / "driver.lua").write_text(DRIVER, encoding="utf-8")
    home = tmp_path / "home"
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               GOVLINT_TEST_OUT=str(tmp_path / "out.json"), HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"),
               LC_ALL="C.UTF-8")  # Chinese messages, whatever the machine's locale
    env.pop("NVIM", None)
    env.pop("VIMRUNTIME", None)
    run = subprocess.run([nvim, "--headless", "--clean", "--cmd", f"luafile {tmp_path / 'setup.lua'}", "report.md",
                          "-c", f"luafile {tmp_path / 'driver.lua'}"],
                         cwd=folder, env=env, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL, check=False)
    assert (tmp_path / "out.json").exists(), f"Neovim wrote nothing: {run.returncode}\n{run.stdout}\n{run.stderr}"
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert out.get("error") is None, out["error"]
    assert out["filetype"] == "markdown" and out["received"] is True and out["client"] == "govlint"
    # Neovim 0.7 speaks UTF-16; 0.11 offers UTF-8 first, and govlint takes it.
    assert out["offset_encoding"] == ("utf-8" if setup == "0.11" or (setup == "0.8" and "0.11" in nvim_version(nvim)) else "utf-16")

    # The diagnostics are govlint's, exactly: count, line, column (Neovim's are bytes), code, message, severity.
    cli = json.loads(run_cli("--format", "json", "--lang", "zh", "--no-cache", str(original)).stdout)["diagnostics"]
    lines = text.split("\n")
    expected = sorted((d["line"] - 1, len(lines[d["line"] - 1][: d["column"] - 1].encode("utf-8")), d["code"], d["message"],
                       {"error": 1, "warning": 2, "info": 3}[d["severity"]]) for d in cli)
    got = sorted((d["line"], d["col"], d["code"], d["message"], d["severity"]) for d in out["diagnostics"])
    assert got == expected
    assert len(got) == 75 and {d["source"] for d in out["diagnostics"]} == {"govlint"}
    assert (2, 0, "GL201", "未说明统计期限：应写明“本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止”", 1) in got
    assert (6, len("𠀀2020年".encode()), "GL601", "中文中使用了半角标点“,”，应为“，”", 2) in got

    # The quick fix for the first half-width comma (after 𠀀: the position encoding matters) was applied.
    assert out["quick_fixes"] == ["govlint: fix GL601 (halfwidth-punctuation)"]
    assert out["fixed_line"] == 6 and out["fixed_line_text"] == lines[6].replace("𠀀2020年,我局", "𠀀2020年，我局", 1)

    # Saving ran the documented fix-on-save: the file is what `govlint --fix` makes of the original.
    fixed = run_cli("--no-cache", "--fix", str(original))
    assert fixed.stderr.decode() == "govlint: fixed 64 finding(s) in 1 file(s)\n"
    assert report.read_text(encoding="utf-8") == original.read_text(encoding="utf-8") != text


def test_the_documented_setups_are_all_tested_somewhere():
    """Each marked snippet is run by some Neovim version the test knows how to drive."""
    assert set(snippets()) == {"0.11", "0.8", "0.7", "fix-on-save"}


# ---- VS Code -------------------------------------------------------------------------------------
VSCODE = ROOT / "editors" / "vscode"


def test_the_vscode_extension_is_declared_and_locked():
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((VSCODE / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["dependencies"] == manifest["dependencies"]
    assert lock["packages"][""]["devDependencies"] == manifest["devDependencies"]
    assert "vscode-languageclient" in manifest["dependencies"] and manifest["engines"]["vscode"].startswith("^1.")
    assert {"compile", "test", "package"} <= set(manifest["scripts"])
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert {"editors/vscode/node_modules/", "editors/vscode/out/", "*.vsix"} <= set(ignored)


def test_the_packaged_vsix_carries_the_extension_and_the_schema():
    vsix = VSCODE / "govlint.vsix"
    if not vsix.exists():
        if IN_CI:
            pytest.fail("editors/vscode/govlint.vsix is missing: .ci/run builds it (npm ci, npm run compile, npm test, npm run package)")
        pytest.skip("no .vsix built (cd editors/vscode && npm ci && npm run compile && npm run package)")
    with zipfile.ZipFile(vsix) as archive:
        names = set(archive.namelist())
        assert {"extension/package.json", "extension/out/extension.js", "extension/out/settings.js", "extension/config.schema.json"} <= names
        assert "extension/node_modules/vscode-languageclient/package.json" in names
        assert not any(name.startswith(("extension/out/test/", "extension/src/")) for name in names)
        shipped = archive.read("extension/config.schema.json").decode("utf-8")
        manifest = json.loads(archive.read("extension/package.json"))
    assert shipped == (ROOT / "docs" / "config.schema.json").read_text(encoding="utf-8")
    assert manifest["contributes"]["yamlValidation"][0]["url"] == "./config.schema.json"
