"""The language server, driven end to end by a real LSP client (pygls's) over stdio."""

import asyncio
import sys

import pytest
from conftest import seed
from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient


async def session(text, encodings, actions):
    client = LanguageClient("govlint-test", "1")
    published: list = []
    arrived = asyncio.Event()

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(ls, params):
        published.append(params)
        arrived.set()

    await client.start_io(sys.executable, "-m", "govlint", "server")
    try:
        result = await client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(general=lsp.GeneralClientCapabilities(position_encodings=encodings)),
            root_uri=None, process_id=None))
        client.initialized(lsp.InitializedParams())
        uri = "file:///tmp/govlint-lsp-test/report.md"

        async def next_diagnostics():
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 30)
            return published[-1]

        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
        first = await next_diagnostics()
        outcome = {"encoding": result.capabilities.position_encoding, "first": first}
        outcome.update(await actions(client, uri, next_diagnostics, first))
        await client.shutdown_async(None)
        client.exit(None)
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
    assert comma.code_description.href.endswith("/docs/rules/GL601.md") and comma.source == "govlint"
    (fix,) = outcome["fixes"]
    assert fix.edit.changes[next(iter(fix.edit.changes))][0].new_text == "，"
    assert "GL601 halfwidth-punctuation" in outcome["hover"].contents.value
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
