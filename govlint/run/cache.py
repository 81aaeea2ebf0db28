"""The repository cache (.govlint_cache/, or the folder `--cache-dir` / `cache-dir` names): the
findings of unchanged files, keyed by content."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from govlint.base.datacache import read_entry, write_entry
from govlint.base.diagnostics import Diagnostic, diagnostic_from_dict
from govlint.base.version import __version__

CACHE_DIR = ".govlint_cache"
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# govlint cache; `govlint clean` removes it.\n"


def cache_folder(option: str | None, configured: str | None, cwd: Path) -> Path:
    """Where the cache is: --cache-dir (relative to the working folder), else the configuration's
    `cache-dir` (made absolute when it was loaded), else .govlint_cache/ in the working folder."""
    if option:
        return (cwd / Path(option).expanduser()).resolve()
    if configured:
        return Path(configured)
    return cwd / CACHE_DIR


def remove_cache(folder: Path) -> bool:
    """`govlint clean`: remove the cache folder — only if it is one (named .govlint_cache, or holding
    govlint's CACHEDIR.TAG, or empty), so a mistyped --cache-dir never deletes someone's files. False if it was
    not a cache folder; True when it is gone (or was never there)."""
    if not folder.is_dir():
        return True
    tag = folder / "CACHEDIR.TAG"
    try:
        ours = folder.name == CACHE_DIR or (tag.is_file() and tag.read_text(encoding="utf-8", errors="replace") == _TAG)
        if not ours and any(folder.iterdir()):
            return False
    except OSError:
        return False
    shutil.rmtree(folder)
    return True


def code_stamp() -> str:
    """What the installed govlint is: its version, its code and its data files (edited in development)."""
    from govlint.base.resources import data_dir

    package = Path(__file__).parent.parent  # govlint/
    parts = [__version__]
    for folder, pattern in ((package, "**/*.py"), (data_dir("rules"), "**/*.yaml"), (data_dir("grammar"), "*.lark")):
        for path in sorted(folder.glob(pattern)):
            info = path.stat()
            parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


class Cache:
    """Diagnostics of unchanged files, keyed by content, path, govlint, configuration and plugins.

    An entry is JSON (never code: a repository's cache folder may come from anyone); a damaged or
    unexpected entry is a miss. The folder carries a `.gitignore` and a `CACHEDIR.TAG`, so it is not
    committed by `git add -A` and backup tools skip it.
    """

    def __init__(self, root: Path, settings_key: str, folder: Path | None = None):
        self.root = Path(folder) if folder is not None else root / CACHE_DIR  # the cache folder itself
        self.settings_key = settings_key
        self._prepared = False

    def key(self, path: str, data: bytes, linter_key: str) -> str:
        digest = hashlib.sha256(data)
        digest.update(f"\0{path}\0{self.settings_key}\0{linter_key}".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def load(self, key: str) -> tuple[list[Diagnostic], list[str]] | None:
        found = self.load_entry(key)
        return found[:2] if found is not None else None

    def load_entry(self, key: str) -> tuple[list[Diagnostic], list[str], dict | None] | None:
        """The diagnostics, the lines and the cross-report facts (None when none were stored) of a file."""
        value = read_entry(self._path(key), key)
        try:
            diagnostics, lines = value["diagnostics"], value["lines"]
            if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
                return None
            facts = value.get("facts")
            return [diagnostic_from_dict(item) for item in diagnostics], lines, facts if isinstance(facts, dict) else None
        except (TypeError, KeyError, ValueError, AttributeError):
            return None

    def load_facts(self, key: str) -> dict | None:
        """What the cross-report rules read from a file of another year (`store_facts`)."""
        value = read_entry(self._path(key), key)
        facts = value.get("facts") if isinstance(value, dict) else None
        return facts if isinstance(facts, dict) else None

    def store_facts(self, key: str, facts: dict) -> None:
        self._prepare()
        write_entry(self._path(key), key, {"facts": facts})

    def _prepare(self) -> None:
        if not self._prepared:
            self._prepared = True
            try:
                self.root.mkdir(parents=True, exist_ok=True)
                for name, text in ((".gitignore", "# govlint's cache: never commit it\n*\n"), ("CACHEDIR.TAG", _TAG)):
                    if not (self.root / name).exists():
                        (self.root / name).write_text(text)
            except OSError:
                pass

    def store(self, key: str, diagnostics: list[Diagnostic], lines: list[str], facts: dict | None = None) -> None:
        self._prepare()
        entry = {"diagnostics": [d.to_dict() for d in diagnostics], "lines": list(lines)}
        if facts is not None:
            entry["facts"] = facts
        write_entry(self._path(key), key, entry)
