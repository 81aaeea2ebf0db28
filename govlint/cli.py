"""The command line: `govlint [options] PATH...`.

Exit codes: 0 no error-severity finding · 1 at least one error-severity finding ·
2 usage error, unreadable input or internal error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
REPORT_SUFFIXES = (".md", ".markdown", ".txt")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="govlint",
        description="Lint 政府信息公开工作年度报告 (government information disclosure annual reports).",
        epilog="Exit codes: 0 clean, 1 error-severity findings, 2 usage or input error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files or folders (*.md, *.txt, recursively); - for stdin")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the path to report for text read from stdin")
    fixing = parser.add_mutually_exclusive_group()
    fixing.add_argument("--fix", action="store_true", help="apply the safe fixes to the files (atomically), then report what remains")
    fixing.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff, change nothing; exit 1 if there are any")
    parser.add_argument("--version", action="version", version=f"govlint {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("govlint: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as error:  # the promise: never a traceback
        print(f"govlint: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if not args.paths:
        build_parser().print_usage(sys.stderr)
        print("govlint: error: no PATH given (use - to read stdin)", file=sys.stderr)
        return EXIT_ERROR

    from .engine import Linter
    from .formatters import FORMATTERS
    from .source import InputError, decode
    from .templates import TemplateError

    try:
        linter = Linter()
    except TemplateError as error:
        print(f"govlint: error: invalid template: {error}", file=sys.stderr)
        return EXIT_ERROR
    for warning in linter.host.warnings:
        print(f"govlint: warning: {warning}", file=sys.stderr)

    from .fixes import encode_like, fix_source, write_atomically
    from .source import read_bytes

    failed = False
    diagnostics, diffs, fixed_files, fixed_count = [], [], 0, 0
    for target in _expand(args.paths, args.stdin_filename):
        try:
            if isinstance(target, str):
                if args.fix:
                    print("govlint: error: --fix cannot rewrite stdin; use --diff", file=sys.stderr)
                    return EXIT_ERROR
                data = sys.stdin.buffer.read()
                source = decode(data, target)
            else:
                data = read_bytes(target)
                source = decode(data, str(target))
        except InputError as error:
            print(f"govlint: error: {error}", file=sys.stderr)
            failed = True
            continue
        if not (args.fix or args.diff):
            diagnostics.extend(linter.lint(source))
            continue
        result = fix_source(linter, source, data)
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
    sys.stdout.write(FORMATTERS[args.format](diagnostics))
    sys.stdout.flush()
    if args.fix:
        print(f"govlint: fixed {fixed_count} finding(s) in {fixed_files} file(s)", file=sys.stderr)
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(d.severity == "error" for d in diagnostics) else EXIT_CLEAN


def _expand(paths: list[str], stdin_name: str | None):
    """Files as given; folders walked for reports; "-" stays a name for stdin."""
    for raw in paths:
        if raw == "-":
            yield stdin_name or "<stdin>"
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()
                and not any(part.startswith(".") or part in ("node_modules", "__pycache__") for part in p.relative_to(path).parts[:-1])
            )
            yield from found
        else:
            yield path
