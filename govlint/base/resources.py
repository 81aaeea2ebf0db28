"""Where the data files live: inside the installed wheel, or at the top of a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # govlint/


@cache
def data_dir(name: str) -> Path:
    """`rules` or `grammar`: the wheel carries them as govlint/_data/NAME (see pyproject.toml)."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
