"""junit: JUnit XML, one test case per file checked (a file with findings fails), for CI dashboards."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from govlint.output.formatter import Formatter


class Junit(Formatter):
    name = "junit"

    def write(self, diagnostics, context, out) -> None:
        by_file: dict[str, list] = {}
        for d in diagnostics:
            by_file.setdefault(d.path, []).append(d)
        files = list(context.files) + [p for p in by_file if p not in context.files]
        failures = sum(1 for p in files if by_file.get(p))
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  f'<testsuites name="govlint" tests="{len(files)}" failures="{failures}">\n'
                  f'  <testsuite name="govlint" tests="{len(files)}" failures="{failures}" errors="0" skipped="0">\n')
        for path in files:
            found = by_file.get(path, [])
            out.write(f"    <testcase classname=\"govlint\" name={quoteattr(path)}")
            if not found:
                out.write("/>\n")
                continue
            out.write(">\n")
            for d in found:
                detail = f"{d.path}:{d.line}:{d.column}: {d.code} {d.severity} {d.name} {d.message}"
                out.write(f"      <failure type={quoteattr(d.code)} message={quoteattr(d.message)}>{escape(detail)}</failure>\n")
            out.write("    </testcase>\n")
        out.write("  </testsuite>\n</testsuites>\n")
