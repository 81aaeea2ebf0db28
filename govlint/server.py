"""`govlint server`: the Language Server Protocol over stdio, for editors.

Diagnostics on open, on change (debounced) and on save; the rule code links to its documentation;
positions in the encoding the client negotiates (UTF-16 unless it offers UTF-8 or UTF-32); code
actions for the safe fixes; hover shows the rule's documentation; the configuration is found from
each document's path exactly as on the command line. pygls does the protocol.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from govlint.base.version import __version__

DEBOUNCE_SECONDS = 0.25
SEVERITY = {"error": 1, "warning": 2, "info": 3}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="govlint server", description="A language server on stdin/stdout (LSP).")
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="language of the messages")
    args = parser.parse_args(argv or [])
    build_server(args.lang).start_io()
    return 0


def build_server(lang: str | None = None):
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer
    from pygls.uris import to_fs_path

    from govlint.engine.config import Config
    from govlint.output.formatters import HELP_URI
    from govlint.read.source import InputError, decode
    from govlint.run.session import Session

    server = LanguageServer("govlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
    session = Session(lang=lang, quiet=True)
    reported_errors: set[str] = set()  # each configuration error is shown once, not on every re-lint
    pending: dict[str, asyncio.TimerHandle] = {}
    results: dict[str, list] = {}  # uri → govlint diagnostics last published

    def linter_for(path: Path):
        """The linter for the document's configuration, as on the command line; the defaults while
        the configuration is broken (the editor keeps working, the error is shown once)."""
        try:
            return session.linter_for_path(path)
        except Exception as error:
            if str(error) not in reported_errors:
                reported_errors.add(str(error))
                server.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"govlint: {error}"))
            return session.linter_for(Config())

    def to_range(codec, lines, span):
        start = lsp.Position(line=span.line - 1, character=span.column - 1)
        end = lsp.Position(line=span.end_line - 1, character=span.end_column - 1)
        return codec.range_to_client_units(lines, lsp.Range(start=start, end=end))

    def lint(uri: str) -> None:
        pending.pop(uri, None)
        document = server.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        try:
            source = decode(document.source.encode("utf-8"), str(path))
            found = linter_for(path).lint(source, path)
        except InputError:
            found = []  # an empty document has nothing to report
        results[uri] = found
        lines = document.source.split("\n")
        codec = server.workspace.position_codec
        diagnostics = []
        for d in found:
            diagnostics.append(lsp.Diagnostic(
                range=to_range(codec, lines, d.span), message=d.message, severity=lsp.DiagnosticSeverity(SEVERITY[str(d.severity)]),
                code=d.code, code_description=lsp.CodeDescription(href=HELP_URI.format(code=d.code)), source="govlint",
                data={"name": d.name, "message_id": d.message_id},
            ))
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version))

    def later(uri: str) -> None:
        handle = pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        pending[uri] = asyncio.get_running_loop().call_later(DEBOUNCE_SECONDS, lint, uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: lsp.DidOpenTextDocumentParams):
        lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls, params: lsp.DidChangeTextDocumentParams):
        later(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: lsp.DidSaveTextDocumentParams):
        lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: lsp.DidCloseTextDocumentParams):
        results.pop(params.text_document.uri, None)
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    def at(uri: str, position: lsp.Position):
        """The govlint diagnostics whose span holds the (client-unit) position."""
        document = server.workspace.get_text_document(uri)
        lines = document.source.split("\n")
        codec = server.workspace.position_codec
        for d in results.get(uri, []):
            r = to_range(codec, lines, d.span)
            if (r.start.line, r.start.character) <= (position.line, position.character) <= (r.end.line, r.end.character):
                yield d, r, lines, codec

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        document = server.workspace.get_text_document(uri)
        lines = document.source.split("\n")
        codec = server.workspace.position_codec
        wanted = params.range
        actions = []
        for d in results.get(uri, []):
            if not d.edits:
                continue
            r = to_range(codec, lines, d.span)
            if (r.end.line, r.end.character) < (wanted.start.line, wanted.start.character) or (r.start.line, r.start.character) > (wanted.end.line, wanted.end.character):
                continue
            edits = [lsp.TextEdit(range=to_range(codec, lines, e.span), new_text=e.text) for e in d.edits]
            actions.append(lsp.CodeAction(
                title=f"govlint: fix {d.code} ({d.name})", kind=lsp.CodeActionKind.QuickFix, is_preferred=True,
                diagnostics=[c for c in params.context.diagnostics if c.code == d.code and c.range == r],
                edit=lsp.WorkspaceEdit(changes={uri: edits}),
            ))
        return actions

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls, params: lsp.HoverParams):
        uri = params.text_document.uri
        for d, r, _, _ in at(uri, params.position):
            linter = linter_for(Path(to_fs_path(uri) or uri))  # the document's own rules (its plugins, its packs)
            rule = next((c for c in linter.rule_classes if c.code == d.code), None)
            text = f"**{d.code} {d.name}** — {d.message}\n\n" + (rule.documentation() if rule else "")
            return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=r)
        return None

    return server
