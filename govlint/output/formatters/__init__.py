"""govlint's own output formats: one module each. Every module in this folder is read by the
registry (govlint/output/registry.py); adding a format is adding a module here."""
