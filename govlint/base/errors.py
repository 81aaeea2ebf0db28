"""Errors a user can cause, each reported as one line (`govlint: error: …`) with exit code 2.

Every such error derives from `GovlintError`, so the command line tells them from its own bugs
("internal error") by their type, whichever stage raised them.
"""


class GovlintError(Exception):
    """Something about the input, the configuration or the command line, not a bug in govlint."""


class UsageError(GovlintError):
    """A wrong command-line option or argument."""
