"""The command line.

    govlint [options] PATH...      check reports (files, folders, - for stdin)
    govlint rules                  list every rule
    govlint rule CODE|NAME         a rule's documentation
    govlint config [PATH]          the configuration that applies to PATH, and where each value came from
    govlint clean                  remove the cache (.govlint_cache/)
    govlint server                 a language server on stdin/stdout (LSP), for editors
    govlint schema                 the JSON Schema of .govlint.yaml and [tool.govlint], for editors

Exit codes: 0 no error-severity finding · 1 at least one error-severity finding (or any finding with
--strict) · 2 usage error, bad configuration, unreadable input or internal error (one line on
stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from govlint.base.errors import GovlintError, UsageError
from govlint.base.version import __version__

if TYPE_CHECKING:
    from govlint.run.session import Session

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# The subcommands, as `--help` lists them (a test checks that each is listed and works).
COMMANDS = {
    "rules": ("", "list every rule (code, name, severity, fixable, plugin)"),
    "rule": ("CODE|NAME", "a rule's documentation"),
    "config": ("[PATH]", "the configuration that applies to PATH, and where each value came from"),
    "clean": ("", "remove the cache (.govlint_cache/) in this folder"),
    "server": ("", "a language server on stdin/stdout (LSP), for editors"),
    "schema": ("", "the JSON Schema of .govlint.yaml and [tool.govlint], for editors"),
    "convert": ("FILE", "a Word, PDF or web file as the text govlint reads (the lines findings refer to)"),
}


def _commands_help() -> str:
    usages = {name: f"govlint {name} {arguments}".rstrip() for name, (arguments, _) in COMMANDS.items()}
    width = max(len(usage) for usage in usages.values())
    return "\n".join(f"  {usages[name]:<{width}}  {text}" for name, (_, text) in COMMANDS.items())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govlint",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Lint 政府信息公开工作年度报告 (government information disclosure annual reports):\n"
                    "  govlint [options] PATH...    check reports (files, folders, - for stdin)\n\n"
                    "other commands (each has --help):\n" + _commands_help(),
        epilog="exit codes: 0 no error-severity finding; 1 findings to fix (error-severity, or any with --strict) --\n"
               "this is not a failure of govlint; 2 usage, configuration or input error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files or folders (*.md, *.txt, recursively); - for stdin")
    parser.add_argument("--format", metavar="FORMAT",
                        help="the output format: text | full | json | json-lines | sarif | github | junit | csv | html, or one a plugin adds; "
                             "with --fix, for the findings that remain (default: full on a terminal, github under GitHub Actions, text otherwise; "
                             "with -o, the one its suffix names: .html, .csv, .json, .sarif, .xml)")
    parser.add_argument("-o", "--output-file", metavar="FILE", help="write the output to FILE (replaced whole, once complete) instead of stdout")
    parser.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings (JSON with --format json)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (2 still means an error)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print the findings and errors, nothing else (no warnings, progress or summaries)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in `full` output (NO_COLOR is honoured)")
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="check files in N processes (default: one per core for many files)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache (.govlint_cache/)")
    parser.add_argument("--cache-dir", metavar="DIR", help="keep the cache in DIR (default: `cache-dir` of the configuration, else .govlint_cache/)")
    parser.add_argument("--respect-gitignore", action=argparse.BooleanOptionalAction, default=None,
                        help="skip what .gitignore and .ignore files ignore when walking folders (default: yes, or `respect-gitignore` of the configuration)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the path to report for text read from stdin")
    fixing = parser.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help="apply the safe fixes to the files (atomically), then report what remains")
    fixing.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff, change nothing; exit 1 if there are any")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--config", metavar="FILE", help="use this configuration file for every report")
    choice.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--select", metavar="RULES", help="only these rules (codes, prefixes or names, comma-separated)")
    parser.add_argument("--ignore", metavar="RULES", help="not these rules (codes, prefixes or names, comma-separated)")
    parser.add_argument("-p", dest="plugins", action="append", default=[], metavar="no:NAME", help="disable a plugin (repeatable)")
    parser.add_argument("--strict", action="store_true", help="warnings make the exit code 1 too")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of the messages (default: zh; en under an English locale)")
    parser.add_argument("--force-exclude", action="store_true", help="apply `exclude` to files named on the command line too (as pre-commit needs)")
    parser.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in this baseline")
    parser.add_argument("--write-baseline", metavar="FILE", help="record today's findings as the baseline and exit 0")
    parser.add_argument("--version", action="version", version=f"govlint {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _tolerant_console()
    try:
        if argv and argv[0] in COMMANDS:
            return _command(argv[0], argv[1:])
        return _check(argv)
    except GovlintError as error:  # the input's, the configuration's or the command line's fault: one line
        prefix = "invalid format: " if type(error).__name__ == "FormatError" else ""
        print(f"govlint: error: {prefix}{error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("govlint: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as error:  # the promise: never a traceback (a bug of govlint's, named as one)
        print(f"govlint: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR


def _tolerant_console() -> None:
    """A console that cannot show a character (a Windows console in code page 936/GBK, PYTHONIOENCODING=gbk,
    an ASCII locale) gets "?" for it instead of a UnicodeEncodeError halfway through the output.
    UTF-8 consoles are untouched except for lone surrogates, which no encoding can write."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to protect
                pass


OUTPUT_SUFFIXES = {".html": "html", ".htm": "html", ".csv": "csv", ".json": "json", ".sarif": "sarif", ".xml": "junit"}


def _format_name(args) -> str:
    if args.format:
        return args.format
    if getattr(args, "output_file", None):
        return OUTPUT_SUFFIXES.get(Path(args.output_file).suffix.lower(), "text")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if sys.stdout.isatty() else "text"


def _use_color(choice: str, to_file: bool = False) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR") or to_file:
        return False
    return sys.stdout.isatty()


def _check(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if not args.paths:
        build_parser().print_usage(sys.stderr)
        print("govlint: error: no PATH given (use - to read stdin)", file=sys.stderr)
        return EXIT_ERROR
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("-j/--jobs must be at least 1")

    from govlint.output.formatter import Context
    from govlint.run.session import Session

    session = Session.from_args(args, quiet=args.quiet)
    formatter = _formatter(session, _format_name(args))
    if args.statistics:
        from govlint.output.statistics import Statistics

        formatter = Statistics(as_json=_format_name(args) == "json")
    readers = session.readers
    if args.baseline or args.write_baseline:
        from govlint.run.baseline import Baseline, entry_key, write
    baseline = Baseline.load(Path(args.baseline)) if args.baseline else None
    unreadable: list[str] = []  # folders that could not be walked: reported, the rest still checked
    targets = list(_expand(args.paths, args.stdin_filename, session, args.force_exclude, tuple(readers), unreadable,
                           args.respect_gitignore, Path(args.output_file) if args.output_file else None))
    for problem in unreadable:
        print(f"govlint: error: {problem}", file=sys.stderr)
    if args.fix or args.diff:
        return _exit_zero(args, max(_fix(args, session, targets, formatter), EXIT_ERROR if unreadable else EXIT_CLEAN))

    from govlint.read.files import read_source
    from govlint.read.source import InputError
    from govlint.run.cache import Cache, cache_folder, code_stamp
    from govlint.run.runner import check_files, progress_bar

    keep_lines = formatter.needs_lines or baseline is not None or bool(args.write_baseline)
    files = [t for t in targets if not isinstance(t, str)]
    cache = None
    if not args.no_cache and files:
        from govlint.engine.plugins import install_stamp

        folder = cache_folder(args.cache_dir, session.config_for(Path.cwd()).cache_dir, Path.cwd())
        cache = Cache(Path.cwd(), f"{code_stamp()}|{install_stamp()}|{args.select}|{args.ignore}|{sorted(session.disabled)}", folder)
    jobs = args.jobs or (min(8, os.cpu_count() or 1) if len(files) >= 64 else 1)
    failed = bool(unreadable)
    results = []
    for target in targets:
        if isinstance(target, str):  # stdin
            data = sys.stdin.buffer.read()
            try:
                source = read_source(data, target, session.readers)
            except InputError as error:
                print(f"govlint: error: {error}", file=sys.stderr)
                failed = True
                continue
            from govlint.run.runner import FileResult

            results.append(FileResult(target, session.lint(source, Path(target)), source.lines))
    show = progress_bar(sys.stderr.isatty() and len(files) > 20 and not args.quiet)
    files.sort(key=str)  # the output is sorted by path: checking in that order lets it stream
    from govlint.run.history import collect, history_pass, release, wanted

    across = bool(files) and wanted(files, session)  # the cross-report rules (GL7xx) need every file checked first
    checked = check_files(files, session, cache, keep_lines, jobs, show, pack=across and len(files) > 1)
    if across:
        try:
            checked = history_pass(collect(checked), session, cache)
        finally:
            release()
        if not keep_lines:
            for result in checked:
                result.lines = None
    context = Context(color=_use_color(args.color, bool(args.output_file)), lang=session.lang, quiet=args.quiet)
    keyed = []

    def found():
        """The findings, file by file, as they are checked (baseline applied)."""
        nonlocal failed
        for result in chain(results, checked):
            if result.error:
                print(f"govlint: error: {result.error}", file=sys.stderr)
                failed = True
                continue
            context.files.append(result.path)
            if result.lines is not None and formatter.needs_lines:
                context.lines[result.path] = result.lines
            for diagnostic in sorted(result.diagnostics, key=lambda d: d.sort_key()):
                key = entry_key(diagnostic, result.lines) if result.lines is not None and (baseline is not None or args.write_baseline) else None
                if baseline is not None and baseline.hides(key):
                    continue
                if args.write_baseline:
                    keyed.append((key, diagnostic))
                context.counts[str(diagnostic.severity)] += 1
                yield diagnostic

    if args.write_baseline:
        for _ in found():
            pass
        count = write(Path(args.write_baseline), keyed)
        if not args.quiet:
            print(f"govlint: wrote {count} finding(s) to the baseline {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if failed else EXIT_CLEAN
    _write(formatter, found(), context, session, args.output_file)
    if baseline is not None and not args.quiet:
        for path, code, fingerprint in baseline.stale({Path(p).as_posix() for p in context.files}):
            print(f"govlint: warning: baseline entry no longer matches: {path} {code} {fingerprint} (prune it)", file=sys.stderr)
    return _exit_zero(args, _exit_code(failed, context.counts, args.strict))


def _exit_zero(args, code: int) -> int:
    """--exit-zero: findings do not make the exit code 1; an error still makes it 2."""
    return EXIT_CLEAN if args.exit_zero and code == EXIT_FINDINGS else code


def _formatter(session, name: str):
    """The formatter --format names: govlint's own or a plugin's (govlint/output/registry.py)."""
    from govlint.output.registry import registry

    found = registry(session.host)
    for warning in found.warnings if not session.quiet else ():
        print(f"govlint: warning: {warning}", file=sys.stderr)
    if name not in found:
        raise UsageError(f"--format {name}: unknown output format (choose from {', '.join(found.names())})")
    return found[name]


def _write(formatter, found, context, session, output_file: str | None = None) -> None:
    """The one way output is written: what the formatter declares it needs, then its `write`, to
    stdout or (-o) to a file that is replaced only once the output is complete.

    `found` yields the findings file by file, filling `context` as it goes; a streaming formatter
    gets it as it is, any other a list once every file is checked."""
    diagnostics = found if formatter.streaming else list(found)
    if formatter.needs_rules:
        context.rules = session.linter_for_path(Path.cwd()).rule_classes
    context.session = session
    if output_file is None:
        formatter.write(diagnostics, context, sys.stdout)
    else:
        with _output(Path(output_file)) as out:
            formatter.write(diagnostics, context, out)
    if formatter.streaming:
        for _ in found:  # what it left unread is still checked and counted (exit code, baseline)
            pass
    sys.stdout.flush()


@contextmanager
def _output(path: Path):
    """-o FILE: a UTF-8 stream into a temporary file beside FILE, renamed over it once complete (an
    interrupted run leaves the old FILE as it was)."""
    import tempfile

    folder = path.resolve().parent
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(f"-o {path}: cannot write in {folder} ({error.strerror or type(error).__name__})") from None
    try:
        with open(handle, "w", encoding="utf-8", errors="replace", newline="") as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise UsageError(f"-o {path}: cannot write ({error.strerror or type(error).__name__})") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fix(args, session, targets, formatter) -> int:
    """--fix and --diff: one file after the other, then the output as for a check."""
    from govlint.output.diff import Diff
    from govlint.output.formatter import Context
    from govlint.read.detect import detect
    from govlint.read.files import reader_for
    from govlint.read.source import InputError, decode, encode_like, read_bytes
    from govlint.run.fixes import FileChanged, fix_source, write_atomically

    failed = False
    context = Context(color=_use_color(args.color, bool(args.output_file)), lang=session.lang, quiet=args.quiet)
    remaining = []  # (path, the findings left after fixing, the lines they point into)
    fixed_files = fixed_count = 0
    for target in targets:
        try:
            if isinstance(target, str):
                if args.fix:
                    raise UsageError("--fix cannot rewrite stdin; use --diff")
                data, path = sys.stdin.buffer.read(), Path(target)
            else:
                data, path = read_bytes(target), target
                if reader_for(target.name, session.readers) is not None or detect(data, str(target)) != "text":
                    # reported, and the other files are still fixed
                    raise InputError(f"{target}: not fixed: fixes apply to text files (.md, .txt); "
                                     f"fix the original in Word, or keep the text of `govlint convert {target.name}` and fix that")
            source = decode(data, str(target))
        except InputError as error:
            print(f"govlint: error: {error}", file=sys.stderr)
            failed = True
            continue
        result = fix_source(session.linter_for_path(path), source, data, path)
        if result.refused and not args.quiet:
            print(f"govlint: warning: {source.path}: not fixed: {result.refused}", file=sys.stderr)
        if args.diff:
            context.files.append(source.path)
            context.diffs[source.path] = result.diff()
            continue
        if result.changed:
            try:
                write_atomically(target, encode_like(result.fixed, source.encoding), expected=data)
            except FileChanged as error:
                print(f"govlint: error: {error}", file=sys.stderr)
                failed = True
                continue
            except OSError as error:
                print(f"govlint: error: {source.path}: cannot write ({error.strerror})", file=sys.stderr)
                failed = True
                continue
            fixed_files += 1
            fixed_count += result.applied
        lines = decode(result.fixed.encode("utf-8"), source.path).lines if result.changed else source.lines
        remaining.append((source.path, result.diagnostics, lines))
    if args.diff:
        _write(Diff(), iter(()), context, session, args.output_file)
        return EXIT_ERROR if failed else (EXIT_FINDINGS if any(context.diffs.values()) else EXIT_CLEAN)

    def found():
        for path, diagnostics, lines in sorted(remaining, key=lambda item: item[0]):
            context.files.append(path)
            if formatter.needs_lines:
                context.lines[path] = lines
            for diagnostic in sorted(diagnostics, key=lambda d: d.sort_key()):
                context.counts[str(diagnostic.severity)] += 1
                yield diagnostic

    _write(formatter, found(), context, session, args.output_file)
    if not args.quiet:
        print(f"govlint: fixed {fixed_count} finding(s) in {fixed_files} file(s)", file=sys.stderr)
    return _exit_code(failed, context.counts, args.strict)


def _exit_code(failed: bool, counts, strict: bool) -> int:
    """2 when an input failed; 1 for an error-severity finding (any finding with --strict); else 0."""
    if failed:
        return EXIT_ERROR
    counted = sum(counts.values()) if strict else counts.get("error", 0)
    return EXIT_FINDINGS if counted else EXIT_CLEAN


def _expand(paths: list[str], stdin_name: str | None, session: "Session", force_exclude: bool, extra_suffixes: tuple = (),
            unreadable: list[str] | None = None, respect_gitignore: bool | None = None, output: Path | None = None):
    """Files as given (excluded ones too, unless --force-exclude); folders walked for reports,
    skipping hidden folders, what .gitignore and .ignore files ignore (unless --no-respect-gitignore
    or `respect-gitignore: false`), the configuration's `exclude` and the -o file of the run (an
    audit.html written into the folder checked is not a report); "-" stays a name for stdin.
    Folders that cannot be read are added to `unreadable`."""
    written = output.resolve() if output is not None else None
    for raw in paths:
        if raw == "-":
            yield stdin_name or "<stdin>"
            continue
        path = Path(raw)
        if path.is_dir():
            from govlint.read.source import InputError
            from govlint.run.runner import report_files

            try:
                gitignore = respect_gitignore if respect_gitignore is not None else session.config_for(path).respect_gitignore
                found = report_files(path, extra_suffixes, unreadable, gitignore)
            except InputError as error:
                unreadable.append(str(error))
                continue
            yield from (p for p in found if not session.config_for(p).excludes(p) and (written is None or p.resolve() != written))
        else:
            config = session.config_for(path) if path.exists() else None
            if config is not None and (force_exclude or config.force_exclude) and config.excludes(path):
                continue
            yield path


def _convert(argv: list[str]) -> int:
    """`govlint convert FILE`: the text view of a converted file — Markdown headings, TAB-separated
    table rows, a web page's metadata as front matter — whose lines every finding refers to."""
    from govlint.read.detect import convert, detect
    from govlint.read.source import InputError, read_bytes

    parser = argparse.ArgumentParser(prog="govlint convert", description=COMMANDS["convert"][1] + ". Linting the output as "
                                     "Markdown gives the same findings as linting FILE.")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to OUT instead of stdout (e.g. report.md)")
    args = parser.parse_args(argv)
    try:
        data = read_bytes(Path(args.file))
        if detect(data, args.file) == "text":
            raise InputError(f"{args.file}: already a text report; there is nothing to convert")
        converted = convert(data, args.file).with_front_matter()
    except InputError as error:
        print(f"govlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    for note in converted.notes:
        print(f"govlint: note: {args.file}: {note}", file=sys.stderr)
    if args.output:
        Path(args.output).write_text(converted.text, encoding="utf-8")
    else:
        sys.stdout.write(converted.text)
    return EXIT_CLEAN


def _command(name: str, argv: list[str]) -> int:
    from govlint.engine.config import describe, find_config, load_config

    if name == "clean":
        from govlint.run.cache import cache_folder, remove_cache

        parser = argparse.ArgumentParser(prog="govlint clean", description="Remove the cache (.govlint_cache/ in this folder, "
                                                                           "or where --cache-dir or the configuration's cache-dir puts it).")
        parser.add_argument("--cache-dir", metavar="DIR", help="the cache folder to remove")
        args = parser.parse_args(argv)
        found = find_config(Path.cwd()) if not args.cache_dir else None
        folder = cache_folder(args.cache_dir, load_config(found).cache_dir if found else None, Path.cwd())
        existed = folder.is_dir()
        if not remove_cache(folder):
            raise UsageError(f"{folder} is not a govlint cache folder (no CACHEDIR.TAG of govlint's); not removed")
        if existed:
            print(f"govlint: removed {folder}", file=sys.stderr)
        return EXIT_CLEAN
    if name == "server":
        from govlint.server import main as serve

        return serve(argv)
    if name == "convert":
        return _convert(argv)
    if name == "schema":
        from govlint.output.schema import (
            builtin_rules,
            config_schema,
            installed_rules,
            pyproject_schema,
            render,
        )

        parser = argparse.ArgumentParser(
            prog="govlint schema", description="Print the JSON Schema of .govlint.yaml and [tool.govlint] in pyproject.toml "
                                               "(for yaml-language-server, taplo, validate-pyproject; see docs/editors.md).")
        parser.add_argument("--builtin", action="store_true", help="only govlint's own rules (as docs/config.schema.json), not installed plugins'")
        parser.add_argument("--pyproject", action="store_true", help="a schema for a whole pyproject.toml that checks its [tool.govlint] (for taplo)")
        parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
        args = parser.parse_args(argv)
        rules = builtin_rules() if args.builtin else installed_rules()
        text = render(pyproject_schema(rules) if args.pyproject else config_schema(rules))
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return EXIT_CLEAN

    parser = argparse.ArgumentParser(prog=f"govlint {name}")
    if name == "rule":
        parser.add_argument("rule", metavar="CODE|NAME")
    if name == "config":
        parser.add_argument("path", nargs="?", default=".", metavar="PATH")
    if name == "rules":
        parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--config", metavar="FILE")
    args = parser.parse_args(argv)
    from govlint.run.session import Session

    # The configuration that applies to PATH (or the one --config names), found as for a check.
    session = Session(config=args.config, quiet=True)
    linter = session.linter_for_path(Path(getattr(args, "path", ".")))
    config = linter.config
    if name == "config":
        sys.stdout.write(describe(config, linter.rule_classes))
        return EXIT_CLEAN
    from govlint.output.docs import rule_doc, rules_table

    if name == "rules":
        sys.stdout.write(rules_table(linter.rule_classes, args.format))
        return EXIT_CLEAN
    from govlint.engine.config import match_selector

    codes = match_selector(args.rule, linter.rule_classes)
    if len(codes) != 1:
        raise UsageError(f"unknown rule {args.rule!r}" if not codes else f"{args.rule!r} names {len(codes)} rules; give one")
    rule = next(r for r in linter.rule_classes if r.code in codes)
    sys.stdout.write(rule_doc(rule))
    return EXIT_CLEAN
