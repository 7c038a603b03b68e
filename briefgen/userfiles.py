"""The one way briefgen reads a file the user (or anyone who can write to their folders) controls.

Templates, the user's gazetteer, cleaning rules, outlets, glossaries and settings all arrive as files in
user folders, and every one of them may be malformed or hostile. This module is where that is handled,
once, so no reader forgets a case:

* **Only regular files.** A FIFO named ``gazetteer.yaml`` would block ``open()`` forever, a device
  would stream forever: the path is checked with ``stat`` before opening, opened non-blocking, and
  checked again on the open descriptor (the file cannot be swapped in between). Templates also refuse
  symbolic links (``follow_symlinks=False``): a template folder may only hand out its own files.
* **Bounded size.** Each kind of file has a ceiling far above any real one; more is refused unread.
* **YAML without bombs.** Parsing uses PyYAML's C safe loader when it is installed (the pure-Python
  safe loader otherwise), after a pass over the parser's events that refuses flow nesting deeper than
  :data:`MAX_DEPTH` and documents whose aliases would expand to more than :data:`MAX_NODES` nodes (the
  "billion laughs" of YAML). libyaml's parser is itself slow on deep flow nesting, so a cheap textual
  bracket count runs first.
* **Clean errors.** Every failure is a :class:`UserFileError`, one line naming the file and, where
  there is one, the line: ``template.yaml:7: description must be a mapping of language to text``.

Schemas are checked with the small combinators below rather than a schema library: they report the YAML
line of the offending value (jsonschema's errors know only a JSON path, pydantic brings a compiled core
the size of the rest of briefgen's pure-Python code), and the typed result goes straight into our own
dataclasses.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefgen.errors import BriefgenError

MAX_DEPTH = 40  # no briefgen file nests more than ~5 levels
MAX_NODES = 200_000  # expanded YAML nodes; the packaged gazetteer has ~6,000
MAX_YAML_BYTES = 4 * 1024 * 1024
SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader where libyaml is present


class UserFileError(BriefgenError):
    """A user file that cannot be used; ``line`` is 1-based when known."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        self.line = line
        super().__init__(message, f"{path}:{line}" if path is not None and line else path)
        self.file = str(path) if path is not None else None


# --- reading bytes -------------------------------------------------------------------------------------------

def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "not a regular file"


def read_regular(path: Path | str, max_bytes: int, follow_symlinks: bool = True) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``; else a UserFileError.

    Never blocks: a FIFO or device is refused by its type before it is opened, and the descriptor is
    opened with ``O_NONBLOCK`` and checked again (``fstat``) in case the path changed in between.
    """
    path = Path(path)
    try:
        st = path.stat() if follow_symlinks else path.lstat()
    except FileNotFoundError:
        raise UserFileError("file not found", path) from None
    except OSError as exc:
        raise UserFileError(f"cannot read: {exc.strerror or exc}", path) from exc
    if not stat.S_ISREG(st.st_mode):
        raise UserFileError(f"refused: {_kind(st.st_mode)}, not a regular file", path)
    if st.st_size > max_bytes:
        raise UserFileError(f"refused: {st.st_size:,} bytes, the limit is {max_bytes:,}", path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UserFileError("refused: a symbolic link, not a regular file", path) from exc
        raise UserFileError(f"cannot read: {exc.strerror or exc}", path) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UserFileError(f"refused: {_kind(st.st_mode)}, not a regular file", path)
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise UserFileError(f"refused: more than {max_bytes:,} bytes", path)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def decode_utf8(data: bytes, path: Path | str) -> str:
    """UTF-8 (a BOM allowed); other bytes are an error naming the line where they are."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UserFileError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8", path,
                            line) from exc


# --- YAML ----------------------------------------------------------------------------------------------------

@dataclass
class YamlDoc:
    """A parsed YAML file and where each value sits in it, for error messages."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)  # path of keys/indexes → 1-based line

    def line(self, where: tuple) -> int | None:
        while where:
            if where in self.lines:
                return self.lines[where]
            where = where[:-1]
        return self.lines.get(())

    def error(self, where: tuple, message: str) -> UserFileError:
        return UserFileError(message, self.path, self.line(where))


def _flow_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of ``[``/``{`` (quotes ignored: an over-estimate is harmless) and its line."""
    depth = deepest = 0
    at = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
        if depth > deepest:
            deepest, at = depth, m.start()
    return deepest, text.count("\n", 0, at) + 1


def _check_events(text: str, path: Path) -> None:
    """Refuse deep nesting and alias expansion beyond the budgets, from the parser's events alone."""
    deepest, line = _flow_depth(text)
    if deepest > MAX_DEPTH:
        raise UserFileError(f"refused: nested {deepest} levels deep (the limit is {MAX_DEPTH})", path, line)
    anchors: dict[str, int] = {}
    stack: list[list] = []  # [anchor, expanded size so far]
    total = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        size = 0
        if isinstance(event, yaml.ScalarEvent):
            size = 1
            if event.anchor:
                anchors[event.anchor] = 1
        elif isinstance(event, yaml.AliasEvent):
            size = anchors.get(event.anchor, 1)
        elif isinstance(event, yaml.CollectionStartEvent):
            stack.append([event.anchor, 1])
            if len(stack) > MAX_DEPTH:
                raise UserFileError(f"refused: nested more than {MAX_DEPTH} levels deep", path,
                                    event.start_mark.line + 1)
            continue
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, size = stack.pop()
            if anchor:
                anchors[anchor] = size
        else:
            continue
        if stack:
            stack[-1][1] += size
        total = max(total, size, stack[-1][1] if stack else 0)
        if total > MAX_NODES:
            mark = event.start_mark
            raise UserFileError(f"refused: aliases expand to more than {MAX_NODES:,} values (a YAML bomb?)",
                                path, mark.line + 1 if mark else None)


def _record_lines(node: yaml.Node, lines: dict[tuple, int]) -> None:
    """Where each key and item starts; aliases are not followed (their anchor's lines stand)."""
    todo: list[tuple[tuple, yaml.Node]] = [((), node)]
    seen: set[int] = set()
    while todo:
        where, current = todo.pop()
        lines.setdefault(where, current.start_mark.line + 1)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    lines.setdefault((*where, key.value), key.start_mark.line + 1)
                    todo.append(((*where, key.value), value))
        elif isinstance(current, yaml.SequenceNode):
            todo += [((*where, i), item) for i, item in enumerate(current.value)]


def parse_yaml(text: str, path: Path | str) -> YamlDoc:
    """Parse YAML text safely (see the module doc); empty text is ``None``."""
    path = Path(path)
    try:
        _check_events(text, path)
        loader = SafeLoader(text)
        try:
            node = loader.get_single_node()
            doc = YamlDoc(path, None)
            if node is not None:
                _record_lines(node, doc.lines)
                doc.data = loader.construct_document(node)
            return doc
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UserFileError(f"not valid YAML: {problem}", path, mark.line + 1 if mark else None) from exc
    except RecursionError as exc:
        raise UserFileError("refused: nested too deeply", path) from exc


def load_yaml(path: Path | str, max_bytes: int = MAX_YAML_BYTES, follow_symlinks: bool = True) -> YamlDoc:
    """Read and parse a user's YAML file: regular file only, size-bounded, UTF-8, bomb-proof."""
    data = read_regular(path, max_bytes, follow_symlinks)
    return parse_yaml(decode_utf8(data, path), path)


# --- schema --------------------------------------------------------------------------------------------------
# A check takes (value, where, doc) and returns the typed value or raises doc.error(where, message).

Check = Callable[[Any, tuple, YamlDoc], Any]


def _name(where: tuple) -> str:
    return ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in where).replace(".[", "[") or "the file"


def _type_of(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def text(max_len: int = 10_000, allow_numbers: bool = True) -> Check:
    def check(value: Any, where: tuple, doc: YamlDoc) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float) or \
                (not allow_numbers and not isinstance(value, str)):
            raise doc.error(where, f"{_name(where)} must be text, not {_type_of(value)}")
        value = str(value)
        if len(value) > max_len:
            raise doc.error(where, f"{_name(where)} is {len(value):,} characters long (the limit is {max_len:,})")
        return value
    return check


def integer(low: int, high: int) -> Check:
    def check(value: Any, where: tuple, doc: YamlDoc) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise doc.error(where, f"{_name(where)} must be a whole number from {low} to {high}, not {value!r:.40}")
        return value
    return check


def boolean() -> Check:
    def check(value: Any, where: tuple, doc: YamlDoc) -> bool:
        if not isinstance(value, bool):
            raise doc.error(where, f"{_name(where)} must be true or false, not {_type_of(value)}")
        return value
    return check


def anything() -> Check:
    return lambda value, where, doc: value


def list_of(item: Check, max_items: int = 10_000, scalar_ok: bool = False) -> Check:
    def check(value: Any, where: tuple, doc: YamlDoc) -> list:
        if value is None:
            return []
        if scalar_ok and not isinstance(value, list | dict):
            value = [value]
        if not isinstance(value, list):
            raise doc.error(where, f"{_name(where)} must be a list, not {_type_of(value)}")
        if len(value) > max_items:
            raise doc.error(where, f"{_name(where)} has {len(value):,} items (the limit is {max_items:,})")
        return [item(v, (*where, i), doc) for i, v in enumerate(value)]
    return check


def mapping_of(value_check: Check, max_items: int = 10_000) -> Check:
    """A mapping of text keys to values that pass ``value_check``."""
    def check(value: Any, where: tuple, doc: YamlDoc) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise doc.error(where, f"{_name(where)} must be a mapping (key: value), not {_type_of(value)}")
        if len(value) > max_items:
            raise doc.error(where, f"{_name(where)} has {len(value):,} entries (the limit is {max_items:,})")
        out = {}
        for key, v in value.items():
            if isinstance(key, bool) or not isinstance(key, str | int | float):
                raise doc.error(where, f"{_name(where)} has a key that is {_type_of(key)}, not text")
            out[str(key)] = value_check(v, (*where, key), doc)
        return out
    return check


def record(fields: Mapping[str, Check], required: tuple[str, ...] = (), extra_ok: bool = True) -> Check:
    """A mapping with known keys, each checked; missing optional keys are left out of the result."""
    def check(value: Any, where: tuple, doc: YamlDoc) -> dict:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise doc.error(where, f"{_name(where)} must be a mapping (key: value), not {_type_of(value)}")
        for key in required:
            if key not in value or value[key] is None:
                raise doc.error(where, f"{_name((*where, key))} is required")
        if not extra_ok:
            unknown = [k for k in value if k not in fields]
            if unknown:
                raise doc.error((*where, unknown[0]), f"unknown key {_name((*where, unknown[0]))}")
        return {key: fields[key](value[key], (*where, key), doc) for key in fields if key in value}
    return check


def validate(doc: YamlDoc, schema: Check) -> Any:
    return schema(doc.data, (), doc)
