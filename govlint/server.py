"""`govlint server`: the Language Server Protocol over stdio, for editors.

Diagnostics on open and on save at once, and on change as soon as the typing pauses (a burst of
changes is linted once, at its end: see `lint_delay`); positions in the encoding the client
negotiates (UTF-16 unless it offers UTF-8 or UTF-32); a quick fix for each fixable finding and a
`source.fixAll.govlint` action that applies all the safe fixes of the document at once, through the
same fixer as `govlint --fix` (so an editor's fix-on-save gives what `--fix` gives); hover shows the
rule's documentation (offline: no link to a web site); the configuration is found from each
document's path exactly as on the command line, and a broken one is shown once per distinct error
while the document is linted with the defaults. pygls does the protocol.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import stat
import sys
import time
from pathlib import Path

from govlint.base.version import __version__

# The longest wait after a change for the next one of the same burst; a longer gap is a pause.
MAX_WAIT = 0.05
CONTENT_LENGTH = re.compile(rb"content-length: *(\d+)", re.IGNORECASE)
# The same line breaks govlint reads (CRLF, CR, LF): a CR-only document keeps its line numbers.
LINE_BREAK = re.compile(r"\r\n|\r|\n")
SEVERITY = {"error": 1, "warning": 2, "info": 3}
FIX_ALL = "source.fixAll.govlint"  # the kind an editor asks for on save (VS Code: editor.codeActionsOnSave)


def asked_for(only, kind: str) -> bool:
    """Whether a code action of `kind` answers a request limited to `only` (kinds are hierarchical:
    "source.fixAll" asks for "source.fixAll.govlint" too)."""
    wanted = [str(getattr(k, "value", k)) for k in only or ()]
    return not wanted or any(kind == k or kind.startswith(f"{k}.") for k in wanted)


def line_edits(old: list[str], new: list[str]):
    """(line index, first changed column, end column in the old line, new text) for each line that
    differs, the common beginning and end left out; None when the number of lines differs (the
    caller then replaces the whole document). Columns are code points."""
    if len(old) != len(new):
        return None
    edits = []
    for index, (before, after) in enumerate(zip(old, new)):
        if before == after:
            continue
        start = 0
        while start < min(len(before), len(after)) and before[start] == after[start]:
            start += 1
        end = 0
        while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
            end += 1
        edits.append((index, start, len(before) - end, after[start:len(after) - end]))
    return edits


def lint_delay(gap: float, cost: float) -> float:
    """Seconds to wait after a change before linting the document, so that a burst is linted once, at
    its end. `gap`: seconds since the document's previous change; `cost`: seconds its last lint took.

    Changes closer together than MAX_WAIT are a burst: the next one is expected one gap later, and
    waited for. To that, half a lint's time: a lint cannot be interrupted, so a premature one costs the
    final diagnostics up to a whole lint, and a wait of half of it is worth the chance to save it (a
    cheap document after a pause is linted almost at once; a 1 MB one waits a moment for a second
    change). Never more than MAX_WAIT."""
    return min(MAX_WAIT, (gap if gap < MAX_WAIT else 0.0) + cost / 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="govlint server", description="A language server on stdin/stdout (LSP).")
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="language of the messages")
    args = parser.parse_args(argv or [])
    serve(build_server(args.lang))
    return 0


class PipeReader(asyncio.Protocol):
    """LSP messages from a pipe, each handed to pygls as soon as it is complete, and all those of one
    read before anything else runs on the event loop: a burst of changes already in the pipe is
    applied in full (each one putting off the pending lint) before a lint can start, so it costs one
    lint. (pygls's own reader takes a thread hop per header line, which lets a lint in between.)"""

    def __init__(self, server, closed: asyncio.Future):
        self.server, self.closed, self.buffer = server, closed, bytearray()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            length = CONTENT_LENGTH.search(self.buffer, 0, end)
            start = end + 4
            stop = start + int(length[1]) if length else start  # a header without a length: skipped
            if len(self.buffer) < stop:
                return  # the rest of the body is still on its way
            body = bytes(self.buffer[start:stop])
            del self.buffer[:stop]
            if not length:
                continue
            protocol = self.server.protocol
            try:
                protocol.handle_message(json.loads(body, object_hook=protocol.structure_message))
            except Exception as error:  # one bad message does not end the session (as with pygls's reader)
                from pygls.exceptions import JsonRpcException

                self.server.report_server_error(error, JsonRpcException)

    def connection_lost(self, exc) -> None:
        if not self.closed.done():
            self.closed.set_result(None)


def serve(server) -> None:
    """Serve on stdin/stdout: through PipeReader when stdin is a pipe or a socket (as editors start a
    server), else (a file, a terminal, Windows, whose pipes the event loop cannot watch) through
    pygls's reader."""
    mode = os.fstat(sys.stdin.fileno()).st_mode if os.name == "posix" else 0
    if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):  # Neovim and VS Code give a socket, a shell a pipe
        server.start_io()
        return
    from pygls.io_ import StdoutWriter

    async def run():
        loop = asyncio.get_running_loop()
        closed = loop.create_future()
        server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
        await loop.connect_read_pipe(lambda: PipeReader(server, closed), sys.stdin.buffer)
        await closed  # the client closed its end without `exit`

    try:
        asyncio.run(run())
    except (KeyboardInterrupt, SystemExit):  # `exit` ends the loop with SystemExit, as under start_io
        pass
    finally:
        server.shutdown()


def build_server(lang: str | None = None):
    from lsprotocol import types as lsp
    from pygls.lsp.server import LanguageServer
    from pygls.uris import to_fs_path

    from govlint.engine.config import Config
    from govlint.output import HELP_URI
    from govlint.read.source import InputError, decode
    from govlint.run.fixes import fix_source
    from govlint.run.session import Session

    server = LanguageServer("govlint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
    session = Session(lang=lang, quiet=True)
    reported_errors: set[str] = set()  # each configuration error is shown once, not on every re-lint
    pending: dict[str, asyncio.TimerHandle] = {}  # uri → its next lint (at most one: lints never queue up)
    changed: dict[str, float] = {}  # uri → event-loop time of its last change
    cost: dict[str, float] = {}  # uri → seconds its last lint took
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

    history_made: dict = {}  # facts of other years' files, by (path, mtime, size): parsed once per edit of theirs

    def with_history(linter, report, source, path: Path, found: list) -> list:
        from govlint.run.history import history_pass
        from govlint.run.runner import FileResult

        try:
            result = FileResult(str(path), found, source.lines, facts=linter.facts(report, str(path)))
            history_pass([result], session, made=history_made)
            return result.diagnostics
        except Exception:  # the other years must never cost the open report its findings
            return found

    def to_range(codec, lines, span):
        start = lsp.Position(line=span.line - 1, character=span.column - 1)
        end = lsp.Position(line=span.end_line - 1, character=span.end_column - 1)
        return codec.range_to_client_units(lines, lsp.Range(start=start, end=end))

    def lint(uri: str) -> None:
        """Lint the document as it is now and publish. A lint runs to its end on the event loop, where no
        change can be applied meanwhile: what it publishes is the current version, never a stale one
        (a change only cancels the lint still pending)."""
        handle = pending.pop(uri, None)
        if handle is not None:  # opened or saved before a pending lint came due: this lint serves for both
            handle.cancel()
        started = time.perf_counter()
        document = server.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        try:
            source = decode(document.source.encode("utf-8"), str(path))
            linter = linter_for(path)
            report, found = linter.check(source, path)
            if linter.history_rules and path.is_absolute():  # the other years, as the command line finds them (`history`)
                found = with_history(linter, report, source, path, found)
        except InputError:
            found = []  # an empty document has nothing to report
        results[uri] = found
        lines = LINE_BREAK.split(document.source)
        codec = server.workspace.position_codec
        diagnostics = []
        for d in found:
            # No documentation site exists: the rule's documentation is the hover (and `govlint rule CODE`),
            # so codeDescription is sent only when HELP_URI names a real place.
            link = lsp.CodeDescription(href=HELP_URI.format(code=d.code)) if HELP_URI else None
            diagnostics.append(lsp.Diagnostic(
                range=to_range(codec, lines, d.span), message=d.message, severity=lsp.DiagnosticSeverity(SEVERITY[str(d.severity)]),
                code=d.code, code_description=link, source="govlint",
                data={"name": d.name, "message_id": d.message_id},
            ))
        cost[uri] = time.perf_counter() - started
        trace = server.protocol.trace
        if trace != lsp.TraceValue.Off:  # each lint, as the client asked (tests and the benchmark count them)
            took = f"{cost[uri] * 1000:.1f} ms" if trace == lsp.TraceValue.Verbose else None
            server.log_trace(lsp.LogTraceParams(message=f"lint {uri} version {document.version}", verbose=took))
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version))

    @server.feature(lsp.INITIALIZE)
    def initialize(ls, params: lsp.InitializeParams):
        if params.trace is not None:  # pygls honours only $/setTrace, not the initial value
            server.protocol.trace = params.trace

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls, params: lsp.DidOpenTextDocumentParams):
        lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls, params: lsp.DidChangeTextDocumentParams):
        # Synchronous, so each change of a burst read at once puts the lint off before it can run.
        uri = params.text_document.uri
        loop = asyncio.get_running_loop()
        now = loop.time()
        delay = lint_delay(now - changed.get(uri, float("-inf")), cost.get(uri, 0.0))
        changed[uri] = now
        handle = pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        pending[uri] = loop.call_later(delay, lint, uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls, params: lsp.DidSaveTextDocumentParams):
        lint(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls, params: lsp.DidCloseTextDocumentParams):
        handle = pending.pop(params.text_document.uri, None)
        if handle is not None:  # a closed document is not linted (nor its empty diagnostics overwritten)
            handle.cancel()
        for state in (results, changed, cost):
            state.pop(params.text_document.uri, None)
        server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))

    def at(uri: str, position: lsp.Position):
        """The govlint diagnostics whose span holds the (client-unit) position."""
        document = server.workspace.get_text_document(uri)
        lines = LINE_BREAK.split(document.source)
        codec = server.workspace.position_codec
        for d in results.get(uri, []):
            r = to_range(codec, lines, d.span)
            if (r.start.line, r.start.character) <= (position.line, position.character) <= (r.end.line, r.end.character):
                yield d, r, lines, codec

    def fix_all(uri: str):
        """The edits that make the document what `govlint --fix` would make of it (None: nothing to fix,
        or the document does not parse, which --fix refuses too)."""
        document = server.workspace.get_text_document(uri)
        path = Path(to_fs_path(uri) or uri)
        data = document.source.encode("utf-8", "surrogatepass")
        try:
            source = decode(data, str(path))
        except InputError:
            return None
        result = fix_source(linter_for(path), source, data, path)
        if result.refused or not result.changed:
            return None
        old, new = LINE_BREAK.split(result.original), LINE_BREAK.split(result.fixed)
        codec = server.workspace.position_codec
        changes = line_edits(old, new)
        if changes is None:  # never for govlint's fixes (they stay within a line); kept correct anyway
            end = lsp.Position(line=len(old) - 1, character=len(old[-1]))
            whole = codec.range_to_client_units(old, lsp.Range(start=lsp.Position(line=0, character=0), end=end))
            return [lsp.TextEdit(range=whole, new_text=result.fixed)], result.applied
        edits = []
        for index, start, end, text in changes:
            span = lsp.Range(start=lsp.Position(line=index, character=start), end=lsp.Position(line=index, character=end))
            edits.append(lsp.TextEdit(range=codec.range_to_client_units(old, span), new_text=text))
        return edits, result.applied

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls, params: lsp.CodeActionParams):
        uri = params.text_document.uri
        document = server.workspace.get_text_document(uri)
        lines = LINE_BREAK.split(document.source)
        codec = server.workspace.position_codec
        wanted = params.range
        only = params.context.only
        actions = []
        for d in results.get(uri, []) if asked_for(only, lsp.CodeActionKind.QuickFix.value) else []:
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
        # Fix all: when asked for by kind (on save), or offered beside the quick fixes when there is something to fix.
        if (only and asked_for(only, FIX_ALL)) or (not only and any(d.edits for d in results.get(uri, []))):
            fixed = fix_all(uri)
            if fixed is not None:
                edits, count = fixed
                actions.append(lsp.CodeAction(
                    title=f"govlint: fix all safe fixes ({count})", kind=FIX_ALL,
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
