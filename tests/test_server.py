"""The language server, driven end to end by a real LSP client (pygls's) over stdio."""

import asyncio
import sys

import pytest
from conftest import seed
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient


async def session(text, encodings, actions, uri="file:///tmp/govlint-lsp-test/report.md", trace=None):
    client = LanguageClient("govlint-test", "1")
    published: list = []
    messages: list = []  # window/showMessage notifications
    log: list = []  # ("published" or "lint", version), in the order they arrived; lints only when traced
    arrived = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(ls, params):
        published.append(params)
        log.append(("published", params.version))
        arrived.set()

    @client.feature(lsp.LOG_TRACE)
    def on_trace(ls, params):
        if params.message.startswith("lint "):  # "lint URI version N": the server linted the document
            log.append(("lint", int(params.message.rsplit(" ", 1)[1])))

    @client.feature(lsp.WINDOW_SHOW_MESSAGE)
    def on_message(ls, params):
        messages.append(params)

    await client.start_io(sys.executable, "-m", "govlint", "server")
    try:
        result = await client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(general=lsp.GeneralClientCapabilities(position_encodings=encodings)),
            root_uri=None, process_id=None, trace=trace))
        client.initialized(lsp.InitializedParams())

        async def next_diagnostics(version=None):
            """The next diagnostics published; with `version`, the diagnostics of that version (perhaps
            already there), waited for."""
            if version is not None and published and published[-1].version == version:
                return published[-1]
            while True:
                arrived.clear()
                await asyncio.wait_for(arrived.wait(), 30)
                if version is None or published[-1].version == version:
                    return published[-1]

        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
        first = await next_diagnostics()
        outcome = {"encoding": result.capabilities.position_encoding, "first": first, "capabilities": result.capabilities}
        outcome.update(await actions(client, uri, next_diagnostics, first))
        await client.shutdown_async(None)
        client.exit(None)
        outcome["messages"] = messages
        outcome["log"] = log
        return outcome
    finally:
        await client.stop()


def codes(params):
    return [(d.code, d.range.start.line + 1, d.range.start.character) for d in params.diagnostics]


def test_diagnostics_in_utf16_then_updated_after_an_edit():
    text = seed("001").read_text(encoding="utf-8").replace("2020年,我局", "𠀀2020年,我局", 1)

    async def actions(client, uri, next_diagnostics, first):
        comma = next(d for d in first.diagnostics if d.code == "GL601" and d.range.start.line == 6)
        fixes = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=comma.range,
            context=lsp.CodeActionContext(diagnostics=[comma])))
        hover = await client.text_document_hover_async(lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=uri), position=comma.range.start))
        # Delete the extra review cell of line 72: GL301 goes away.
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(line=71, character=0), end=lsp.Position(line=71, character=2)), text="")]))
        return {"comma": comma, "fixes": fixes, "hover": hover, "second": await next_diagnostics()}

    outcome = asyncio.run(asyncio.wait_for(session(text, [lsp.PositionEncodingKind.Utf16], actions), 120))
    assert outcome["encoding"] == lsp.PositionEncodingKind.Utf16
    first = codes(outcome["first"])
    assert ("GL201", 3, 0) in first and ("GL301", 72, 0) in first and ("GL501", 78, 0) in first
    comma = outcome["comma"]
    assert (comma.range.start.character, comma.range.end.character) == (7, 8)  # 𠀀 is two UTF-16 units
    # No link to a documentation site that does not exist (never .invalid): the hover is the documentation.
    assert comma.code_description is None and comma.source == "govlint"
    fix, fix_all = outcome["fixes"]  # the quick fix for this comma, then "fix all" beside it
    assert fix.kind == lsp.CodeActionKind.QuickFix and fix.edit.changes[next(iter(fix.edit.changes))][0].new_text == "，"
    assert fix_all.kind == "source.fixAll.govlint"
    assert "GL601 halfwidth-punctuation" in outcome["hover"].contents.value and "Fails:" in outcome["hover"].contents.value
    second = codes(outcome["second"])
    assert "GL301" not in [c for c, *_ in second] and ("GL201", 3, 0) in second


@pytest.mark.parametrize("encoding, expected", [(lsp.PositionEncodingKind.Utf8, (15, 16)), (lsp.PositionEncodingKind.Utf32, (5, 6))])
def test_the_negotiated_encoding_is_used(encoding, expected):
    async def actions(client, uri, next_diagnostics, first):
        return {}

    outcome = asyncio.run(asyncio.wait_for(session("某局2023年政府信息公开工作年度报告\n二〇二三年,我局。\n", [encoding, lsp.PositionEncodingKind.Utf16], actions), 120))
    assert outcome["encoding"] == encoding
    comma = next(d for d in outcome["first"].diagnostics if d.code == "GL601")
    assert (comma.range.start.character, comma.range.end.character) == expected


def test_a_cr_only_document_keeps_its_line_numbers():
    """Old Mac line endings: every diagnostic on its own line, none past the last line."""
    text = seed("001").read_text(encoding="utf-8")
    lf = asyncio.run(asyncio.wait_for(session(text, [lsp.PositionEncodingKind.Utf16], lambda *a: _nothing()), 120))
    cr = asyncio.run(asyncio.wait_for(session(text.replace("\n", "\r"), [lsp.PositionEncodingKind.Utf16], lambda *a: _nothing()), 120))
    assert codes(cr["first"]) == codes(lf["first"])
    assert max(d.range.end.line for d in cr["first"].diagnostics) < text.count("\n")


async def _nothing():
    return {}


# ---- fix all, configuration errors, suppressions --------------------------------------------------
def apply_text_edits(text: str, edits) -> str:
    """Apply LSP TextEdits (positions in UTF-16 code units, the default encoding) to text, as an editor does."""
    import re

    starts, offset = [], 0
    for piece in re.split(r"(?<=\n)", text):
        starts.append(offset)
        offset += len(piece)

    def index(position):
        line_start = starts[position.line]
        line = text[line_start:]
        units = 0
        for i, ch in enumerate(line):
            if units >= position.character or ch == "\n":
                return line_start + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return len(text)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = index(edit.range.start), index(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def test_fix_all_gives_what_govlint_fix_gives(tmp_path):
    """source.fixAll.govlint (what an editor runs on save) applies every safe fix at once, through
    govlint's fixer: the document becomes byte for byte what `govlint --fix` makes of the file."""
    from conftest import run_cli

    text = seed("001").read_text(encoding="utf-8").replace("2020年,我局", "𠀀2020年,我局", 1)  # an astral character: UTF-16 positions
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")

    async def actions(client, uri, next_diagnostics, first):
        identifier = lsp.TextDocumentIdentifier(uri=uri)
        everything = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0))

        def ask(only):
            return client.text_document_code_action_async(lsp.CodeActionParams(
                text_document=identifier, range=everything, context=lsp.CodeActionContext(diagnostics=[], only=only)))

        return {"fix_all": await ask([lsp.CodeActionKind.SourceFixAll]), "own_kind": await ask(["source.fixAll.govlint"]),
                "quick_only": await ask([lsp.CodeActionKind.QuickFix]), "unasked": await ask(None)}

    uri = path.as_uri()
    outcome = asyncio.run(asyncio.wait_for(session(text, [lsp.PositionEncodingKind.Utf16], actions, uri=uri), 120))
    assert "source.fixAll.govlint" in outcome["capabilities"].code_action_provider.code_action_kinds
    (action,) = outcome["fix_all"]
    assert action.kind == "source.fixAll.govlint" and action.title == "govlint: fix all safe fixes (64)"
    assert [(a.kind, a.title) for a in outcome["own_kind"]] == [(action.kind, action.title)]
    assert list(outcome["quick_only"]) == []  # nothing at the start of line 1 to quick-fix, and no fix-all unasked for
    assert [a.kind for a in outcome["unasked"]] == ["source.fixAll.govlint"]  # offered in the light bulb too
    edits = action.edit.changes[uri]
    fixed_in_editor = apply_text_edits(text, edits)
    changed_lines = [i for i, (a, b) in enumerate(zip(text.split("\n"), fixed_in_editor.split("\n"))) if a != b]
    assert sorted(e.range.start.line for e in edits) == changed_lines and len(edits) == 7  # one edit per changed line, no more

    result = run_cli("--no-cache", "--fix", str(path))
    assert result.returncode == 1 and result.stderr.decode() == "govlint: fixed 64 finding(s) in 1 file(s)\n"
    assert fixed_in_editor == path.read_text(encoding="utf-8") != text
    assert "𠀀2020年，我局" in fixed_in_editor


def test_fix_all_on_a_document_without_fixes_offers_nothing(tmp_path):
    async def actions(client, uri, next_diagnostics, first):
        return {"actions": await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), range=lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0)),
            context=lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.SourceFixAll])))}

    clean = "某局2023年政府信息公开工作年度报告\n本年度我局没有可修正的问题。\n"
    outcome = asyncio.run(asyncio.wait_for(session(clean, [lsp.PositionEncodingKind.Utf16], actions, uri=(tmp_path / "r.md").as_uri()), 120))
    assert list(outcome["actions"]) == [] and outcome["first"].diagnostics  # findings, but none fixable


def test_a_broken_configuration_is_shown_once_and_the_document_still_linted(tmp_path):
    (tmp_path / ".govlint.yaml").write_text("select: [GL401]\nno-such-key: 1\n", encoding="utf-8")
    text = "某局2023年政府信息公开工作年度报告\n二〇二三年,我局。\n"

    async def actions(client, uri, next_diagnostics, first):
        later = []
        for version in (2, 3, 4):  # three re-lints (two debounced changes and a save)
            if version < 4:
                client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                    text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                    content_changes=[lsp.TextDocumentContentChangePartial(
                        range=lsp.Range(start=lsp.Position(line=1, character=0), end=lsp.Position(line=1, character=0)), text="　")]))
            else:
                client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
            later.append(await next_diagnostics())
        return {"later": later}

    outcome = asyncio.run(asyncio.wait_for(session(text, [lsp.PositionEncodingKind.Utf16], actions, uri=(tmp_path / "r.md").as_uri()), 120))
    messages = outcome["messages"]
    assert len(messages) == 1 and messages[0].type == lsp.MessageType.Error
    assert "no-such-key" in messages[0].message and ".govlint.yaml:2:1" in messages[0].message
    for published in [outcome["first"], *outcome["later"]]:  # linted with the defaults meanwhile: GL601 is there
        assert "GL601" in [d.code for d in published.diagnostics]


def test_an_unknown_code_in_a_suppression_keeps_the_known_ones():
    """`govlint-disable-line GL601 GL999`: GL999 is reported (GL904), GL601 is still suppressed."""
    text = "某局2023年政府信息公开工作年度报告\n二〇二三年,我局。<!-- govlint-disable-line GL601 GL999 -->\n"
    outcome = asyncio.run(asyncio.wait_for(session(text, [lsp.PositionEncodingKind.Utf16], lambda *a: _nothing()), 120))
    on_line_2 = [(d.code, d.range.start.character) for d in outcome["first"].diagnostics if d.range.start.line == 1]
    assert on_line_2 == [("GL904", 9)]
    (unknown,) = [d for d in outcome["first"].diagnostics if d.code == "GL904"]
    assert "GL999" in unknown.message


def test_no_link_anywhere_points_to_an_invented_site():
    """Rule links are omitted rather than pointing to a place that does not exist (.invalid, example.*)."""
    import json as _json

    from conftest import run_cli

    sarif = _json.loads(run_cli("--format", "sarif", str(seed("002"))).stdout)
    text = _json.dumps(sarif)
    assert ".invalid" not in text and "helpUri" not in text
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rule["help"]["text"] for rule in rules if "name" in rule)  # the documentation travels in the SARIF itself
    import govlint.output

    assert govlint.output.HELP_URI is None


def test_the_editor_sees_last_years_report(tmp_path):
    """The open report is compared with last year's file on disk (`history`, by default the sibling folders)."""
    from test_history import broken_pair

    this_year = broken_pair(tmp_path)
    text = this_year.read_text(encoding="utf-8")

    async def actions(client, uri, next_diagnostics, first):
        return {}

    outcome = asyncio.run(session(text, [lsp.PositionEncodingKind.Utf16], actions, uri=this_year.as_uri()))
    carried = [d for d in outcome["first"].diagnostics if d.code == "GL703"]
    assert [(d.range.start.line + 1, d.range.start.character) for d in carried] == [(42, 0)]
    assert "2024" in carried[0].message and ":65" in carried[0].message


# ---- when a change is linted (issue 12) -----------------------------------------------------------
def type_comma(uri, version):
    """Type ",甲" after 我局 on line 2: one more half-width comma, one more GL601."""
    at = lsp.Position(line=1, character=7)
    return lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangePartial(range=lsp.Range(start=at, end=at), text=",甲")])


def in_one_write(client, send) -> None:
    """Run send() with the client's writes held back, then write them to the server's stdin at once:
    a burst that is all in the pipe when the server reads (as when a client queued changes while the
    server was busy). Kept under PIPE_BUF (4096 bytes), so the pipe delivers it whole."""
    writer, held = client.protocol.writer, []

    class Hold:
        def write(self, data):
            held.append(data)

    client.protocol.writer = Hold()
    try:
        send()
    finally:
        client.protocol.writer = writer
    assert len(b"".join(held)) < 4096
    writer.write(b"".join(held))


def test_a_burst_is_linted_once_for_its_last_version_and_nothing_stale_is_published(tmp_path):
    from govlint.api import lint_text

    text = "某局2023年政府信息公开工作年度报告\n二〇二三年我局。\n"
    (tmp_path / "2023").mkdir()  # no other years beside it
    path = tmp_path / "2023" / "r.md"

    async def actions(client, uri, next_diagnostics, first):
        # A burst of 8 changes (versions 2–9) in the pipe at once: one lint, of version 9.
        in_one_write(client, lambda: [client.text_document_did_change(type_comma(uri, v)) for v in range(2, 10)])
        burst = await next_diagnostics(9)
        # A single change after that: its version is linted and published.
        client.text_document_did_change(type_comma(uri, 10))
        single = await next_diagnostics(10)
        # Changes sent one by one as fast as the client can (versions 11–20): however they are
        # grouped, the last version is published and nothing older after anything newer.
        for v in range(11, 21):
            client.text_document_did_change(type_comma(uri, v))
        last = await next_diagnostics(20)
        return {"burst": burst, "single": single, "last": last}

    outcome = asyncio.run(asyncio.wait_for(session(text, [lsp.PositionEncodingKind.Utf16], actions, uri=path.as_uri(), trace=lsp.TraceValue.Verbose), 120))
    log = outcome["log"]

    def during(low, high):
        return [entry for entry in log if low <= entry[1] <= high]

    assert during(2, 9) == [("lint", 9), ("published", 9)]  # 8 changes, 1 lint, for the final text only
    assert during(10, 10) == [("lint", 10), ("published", 10)]
    published = [version for kind, version in log if kind == "published"]
    assert published == sorted(set(published)) and published[-1] == 20  # never a stale version after a newer one
    assert [version for kind, version in log if kind == "lint"] == published  # every lint publishes (none skipped, none extra)

    def expected(commas):  # the diagnostics of that text, linted directly
        final = text.replace("我局", "我局" + ",甲" * commas)
        return [(d.code, d.span.line, d.span.column - 1) for d in lint_text(final, str(path))]

    for name, commas in (("burst", 8), ("single", 9), ("last", 19)):
        assert codes(outcome[name]) == expected(commas)
        assert [d.code for d in outcome[name].diagnostics].count("GL601") == commas


def test_the_wait_before_a_lint():
    """After a pause a cheap document is linted almost at once (half its lint time later); in a burst
    the wait outlasts the gap between changes, so the next change comes first; never more than MAX_WAIT."""
    from govlint.server import MAX_WAIT, lint_delay

    assert lint_delay(gap=float("inf"), cost=0.006) == 0.003
    assert lint_delay(gap=1.0, cost=0.0) == 0.0
    assert lint_delay(gap=0.02, cost=0.006) == pytest.approx(0.023)  # typing fast: the burst's next change is waited for
    assert lint_delay(gap=0.0, cost=0.006) == 0.003  # changes read at once: one lint, once they are all applied
    assert lint_delay(gap=float("inf"), cost=2.0) == MAX_WAIT  # a 1 MB document: a short wait for a second change
    assert lint_delay(gap=0.045, cost=0.02) == MAX_WAIT
