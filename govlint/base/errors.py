"""Errors a user can cause, each reported as one line (`govlint: error: …`) with exit code 2."""


class UsageError(Exception):
    """A wrong command-line option or argument."""
