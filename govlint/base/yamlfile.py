"""Reading a YAML file that a user or a repository wrote (configuration, rule packs, national formats):
bounded work, positions for messages, plain data out.

A YAML file from a repository is untrusted input: it may be huge, nested without end, or an alias
bomb (a few hundred bytes that expand to billions of nodes). Size, depth and the number of nodes
after alias expansion are capped, and an error message never quotes the file's contents.
"""

from __future__ import annotations

from pathlib import Path

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 50
MAX_NODES = 200_000


class YAMLFileError(Exception):
    """`path:line:column: what is wrong`, without the file's contents."""

    def __init__(self, path: Path, line: int, column: int, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


def read_yaml(path: Path) -> tuple[object, dict[str, tuple[int, int]]]:
    """The file's data as plain dicts, lists and scalars, and the (line, column) of each key and list
    item, addressed as "options.GL105.min-chars" or "select[2]"."""
    document = read_yaml_document(path)
    return to_plain(path, document, positions := {}), positions


def read_yaml_document(path: Path):
    """The file as ruamel's round-trip data (mappings and lists that know the line of each key, `.lc`),
    for readers that point at the line of a wrong value; its size, depth and alias expansion checked."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YAMLFileError(path, 1, 1, f"file too large ({size} bytes; the limit is {MAX_BYTES})")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise YAMLFileError(path, 1, 1, f"not UTF-8 (byte {error.start})") from None
    except OSError as error:
        raise YAMLFileError(path, 1, 1, f"cannot read ({error.strerror or type(error).__name__})") from None
    try:
        data = YAML(typ="rt").load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # `problem` is ruamel's description ("mapping values are not allowed here"); str(error) would
        # quote the offending line, and the file may not be a configuration at all (extend: /etc/…).
        raise YAMLFileError(path, line, column, f"invalid YAML: {getattr(error, 'problem', None) or type(error).__name__}") from None
    except RecursionError:
        raise YAMLFileError(path, 1, 1, "invalid YAML: nested too deeply") from None
    to_plain(path, data, {})  # walks it once: too deep or too many values is an error here
    return data


def to_plain(path: Path, data, positions: dict[str, tuple[int, int]]):
    """`data` (from ruamel) as plain dicts, lists and scalars, with each key's position recorded;
    bounded in depth and in the number of values after alias expansion."""
    budget = [MAX_NODES]

    def plain(node, prefix: str, depth: int):
        budget[0] -= 1
        if budget[0] < 0:
            raise YAMLFileError(path, 1, 1, f"too many values (more than {MAX_NODES}, aliases expanded)")
        if depth > MAX_DEPTH:
            raise YAMLFileError(path, 1, 1, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, dict):
            out = {}
            for key in node:
                try:
                    line, column = node.lc.key(key)
                    positions.setdefault(f"{prefix}{key}", (line + 1, column + 1))
                except Exception:
                    pass
                out[str(key)] = plain(node[key], f"{prefix}{key}.", depth + 1)
            return out
        if isinstance(node, list):
            out = []
            for index, item in enumerate(node):
                try:
                    line, column = node.lc.item(index)
                    positions.setdefault(f"{prefix[:-1]}[{index}]", (line + 1, column + 1))
                except Exception:
                    pass
                out.append(plain(item, f"{prefix[:-1]}[{index}].", depth + 1))
            return out
        if node is None or isinstance(node, (bool, int, float)):
            return node
        return str(node)

    return plain(data, "", 0)
