"""What `--diff` prints: the unified diff of each file's safe fixes (`context.diffs`), in the order
the files were given. It is chosen by --diff, not by --format; the findings themselves are not shown."""

from __future__ import annotations

from govlint.output.formatter import Formatter


class Diff(Formatter):
    name = "diff"

    def write(self, diagnostics, context, out) -> None:
        for _ in diagnostics:
            pass
        out.write("".join(context.diffs.get(path, "") for path in context.files))
