"""The command line.

    govlint [options] PATH...      check reports (files, folders, - for stdin)
    govlint rules                  list every rule
    govlint rule CODE|NAME         a rule's documentation
    govlint config [PATH]          the configuration that applies to PATH, and where each value came from
    govlint clean                  remove the cache (.govlint_cache/)
    govlint server                 a language server on stdin/stdout (LSP), for editors

Exit codes: 0 no error-severity finding · 1 at least one error-severity finding (or any finding with
--strict) · 2 usage error, bad configuration, unreadable input or internal error (one line on
stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from govlint.base.errors import UsageError
from govlint.base.version import __version__

if TYPE_CHECKING:
    from govlint.run.session import Session

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("rules", "rule", "config", "clean", "server")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govlint",
        description="Lint 政府信息公开工作年度报告 (government information disclosure annual reports). "
                    "Other commands: govlint rules | govlint rule CODE | govlint config [PATH].",
        epilog="Exit codes: 0 clean, 1 error-severity findings (any finding with --strict), 2 usage, configuration or input error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files or folders (*.md, *.txt, recursively); - for stdin")
    parser.add_argument("--format", metavar="FORMAT",
                        help="text | full | json | json-lines | sarif | github | junit, or one a plugin adds "
                             "(default: full on a terminal, github under GitHub Actions, text otherwise)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in `full` output (NO_COLOR is honoured)")
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="check files in N processes (default: one per core for many files)")
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache (.govlint_cache/)")
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
    try:
        if argv and argv[0] in COMMANDS:
            return _command(argv[0], argv[1:])
        return _check(argv)
    except UsageError as error:
        print(f"govlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("govlint: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as error:  # the promise: never a traceback
        from govlint.checks.yaml_packs import PackError
        from govlint.engine.config import ConfigError
        from govlint.model.formats import FormatError

        if isinstance(error, (ConfigError, PackError)):
            print(f"govlint: error: {error}", file=sys.stderr)
        elif isinstance(error, FormatError):
            print(f"govlint: error: invalid format: {error}", file=sys.stderr)
        else:
            print(f"govlint: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR


def _format_name(args) -> str:
    if args.format:
        return args.format
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "full" if sys.stdout.isatty() else "text"


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
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

    from govlint.output.formatters import FORMATTERS, Run
    from govlint.run.baseline import Baseline, entry_key, write
    from govlint.run.session import Session

    session = Session.from_args(args)
    plugin_formatters = session.host.formatters()
    format_name = _format_name(args)
    if format_name not in FORMATTERS and format_name not in plugin_formatters:
        known = ", ".join(sorted({*FORMATTERS, *plugin_formatters}))
        raise UsageError(f"--format {format_name}: unknown format (choose from {known})")
    readers = session.readers
    baseline = Baseline.load(Path(args.baseline)) if args.baseline else None
    targets = list(_expand(args.paths, args.stdin_filename, session, args.force_exclude, tuple(readers)))
    if args.fix or args.diff:
        return _fix(args, session, targets)

    from govlint.read.files import read_source
    from govlint.read.source import InputError
    from govlint.run.cache import Cache, code_stamp
    from govlint.run.runner import check_files, progress_bar

    keep_lines = format_name in ("full", "sarif") or baseline is not None or bool(args.write_baseline)
    files = [t for t in targets if not isinstance(t, str)]
    cache = None
    if not args.no_cache and files:
        from govlint.engine.plugins import install_stamp

        cache = Cache(Path.cwd(), f"{code_stamp()}|{install_stamp()}|{args.select}|{args.ignore}|{sorted(session.disabled)}")
    jobs = args.jobs or (min(8, os.cpu_count() or 1) if len(files) >= 64 else 1)
    failed = False
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
    show = progress_bar(sys.stderr.isatty() and len(files) > 20)
    files.sort(key=str)  # the output is sorted by path: checking in that order lets it stream
    checked = check_files(files, session, cache, keep_lines, jobs, show)
    run = Run(rules=[], color=_use_color(args.color))
    counts = {"error": 0, "warning": 0, "info": 0}
    keyed = []

    def found():
        """The findings, file by file, as they are checked (baseline applied)."""
        nonlocal failed
        for result in chain(results, checked):
            if result.error:
                print(f"govlint: error: {result.error}", file=sys.stderr)
                failed = True
                continue
            run.files.append(result.path)
            if result.lines is not None and format_name in ("full", "sarif"):
                run.lines[result.path] = result.lines
            for diagnostic in sorted(result.diagnostics, key=lambda d: d.sort_key()):
                key = entry_key(diagnostic, result.lines) if result.lines is not None else None
                if baseline is not None and baseline.hides(key):
                    continue
                if args.write_baseline:
                    keyed.append((key, diagnostic))
                counts[str(diagnostic.severity)] += 1
                yield diagnostic

    from govlint.output.formatters import STREAMING

    if args.write_baseline:
        for _ in found():
            pass
        count = write(Path(args.write_baseline), keyed)
        print(f"govlint: wrote {count} finding(s) to the baseline {args.write_baseline}", file=sys.stderr)
        return EXIT_ERROR if failed else EXIT_CLEAN
    if format_name in STREAMING and format_name not in plugin_formatters:
        for chunk in STREAMING[format_name](found()):
            sys.stdout.write(chunk)
    else:
        diagnostics = list(found())
        if format_name in plugin_formatters and format_name not in FORMATTERS:
            sys.stdout.write(plugin_formatters[format_name](diagnostics))
        else:
            if format_name == "sarif":
                run.rules = session.linter_for_path(Path.cwd()).rule_classes
            sys.stdout.write(FORMATTERS[format_name](diagnostics, run))
    sys.stdout.flush()
    if baseline is not None:
        for path, code, fingerprint in baseline.stale({Path(p).as_posix() for p in run.files}):
            print(f"govlint: warning: baseline entry no longer matches: {path} {code} {fingerprint} (prune it)", file=sys.stderr)
    return _exit_code(failed, counts, args.strict)


def _fix(args, session, targets) -> int:
    """--fix and --diff: one file after the other."""
    from govlint.output.formatters import FORMATTERS
    from govlint.read.files import reader_for
    from govlint.read.source import InputError, decode, read_bytes
    from govlint.run.fixes import encode_like, fix_source, write_atomically

    failed = False
    diagnostics, diffs = [], []
    fixed_files = fixed_count = 0
    for target in targets:
        try:
            if isinstance(target, str):
                if args.fix:
                    raise UsageError("--fix cannot rewrite stdin; use --diff")
                data, path = sys.stdin.buffer.read(), Path(target)
            else:
                if reader_for(target.name, session.readers) is not None:
                    raise UsageError(f"{target}: --fix cannot rewrite a {target.suffix} file")
                data, path = read_bytes(target), target
            source = decode(data, str(target))
        except InputError as error:
            print(f"govlint: error: {error}", file=sys.stderr)
            failed = True
            continue
        result = fix_source(session.linter_for_path(path), source, data, path)
        if result.refused:
            print(f"govlint: warning: {source.path}: not fixed: {result.refused}", file=sys.stderr)
        if args.diff:
            diffs.append(result.diff())
            continue
        if result.changed:
            try:
                write_atomically(target, encode_like(result.fixed, source.encoding))
            except OSError as error:
                print(f"govlint: error: {source.path}: cannot write ({error.strerror})", file=sys.stderr)
                failed = True
                continue
            fixed_files += 1
            fixed_count += result.applied
        diagnostics.extend(result.diagnostics)
    if args.diff:
        sys.stdout.write("".join(diffs))
        return EXIT_ERROR if failed else (EXIT_FINDINGS if any(diffs) else EXIT_CLEAN)
    diagnostics.sort(key=lambda d: d.sort_key())
    sys.stdout.write(FORMATTERS.get(_format_name(args), FORMATTERS["text"])(diagnostics))
    print(f"govlint: fixed {fixed_count} finding(s) in {fixed_files} file(s)", file=sys.stderr)
    return _exit_code(failed, Counter(str(d.severity) for d in diagnostics), args.strict)


def _exit_code(failed: bool, counts, strict: bool) -> int:
    """2 when an input failed; 1 for an error-severity finding (any finding with --strict); else 0."""
    if failed:
        return EXIT_ERROR
    counted = sum(counts.values()) if strict else counts.get("error", 0)
    return EXIT_FINDINGS if counted else EXIT_CLEAN


def _expand(paths: list[str], stdin_name: str | None, session: "Session", force_exclude: bool, extra_suffixes: tuple = ()):
    """Files as given (excluded ones too, unless --force-exclude); folders walked for reports,
    skipping hidden folders and the configuration's `exclude`; "-" stays a name for stdin."""
    for raw in paths:
        if raw == "-":
            yield stdin_name or "<stdin>"
            continue
        path = Path(raw)
        if path.is_dir():
            from govlint.run.runner import report_files

            yield from (p for p in report_files(path, extra_suffixes) if not session.config_for(p).excludes(p))
        else:
            config = session.config_for(path) if path.exists() else None
            if config is not None and (force_exclude or config.force_exclude) and config.excludes(path):
                continue
            yield path


def _command(name: str, argv: list[str]) -> int:
    from govlint.engine.config import Config, describe, find_config, load_config
    from govlint.engine.linter import Linter

    if name == "clean":
        import shutil

        from govlint.run.cache import CACHE_DIR

        argparse.ArgumentParser(prog="govlint clean", description="Remove the cache (.govlint_cache/) in this folder.").parse_args(argv)
        folder = Path.cwd() / CACHE_DIR
        if folder.is_dir():
            shutil.rmtree(folder)
            print(f"govlint: removed {folder}", file=sys.stderr)
        return EXIT_CLEAN
    if name == "server":
        from govlint.server import main as serve

        return serve(argv)

    parser = argparse.ArgumentParser(prog=f"govlint {name}")
    if name == "rule":
        parser.add_argument("rule", metavar="CODE|NAME")
    if name == "config":
        parser.add_argument("path", nargs="?", default=".", metavar="PATH")
    if name == "rules":
        parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--config", metavar="FILE")
    args = parser.parse_args(argv)
    if args.config:
        config = load_config(Path(args.config))
    else:
        start = Path(getattr(args, "path", "."))
        found = find_config(start.resolve())
        config = load_config(found) if found else Config()
    linter = Linter(config=config)
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
