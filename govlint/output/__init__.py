"""The output layer: formatters (the protocol in formatter.py, one module per output format,
registry.py to find them) and the rule documentation (docs.py)."""

from govlint.output.formatter import Context, Formatter

# Where a rule's documentation is on the web, "{code}" filled in — or None: govlint has no public
# documentation site, so none is claimed. The documentation travels with govlint instead: the
# language server's hover, `govlint rule CODE`, SARIF's `help` text, and docs/rules/ in the
# repository. Output that would carry a link (LSP codeDescription.href, SARIF helpUri) omits it
# while this is None; set it only to a real place.
HELP_URI: str | None = None

__all__ = ["HELP_URI", "Context", "Formatter"]
