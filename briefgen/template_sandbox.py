"""The Jinja2 sandbox user templates run in: no internals, no files, bounded time, memory and output.

A template is code from whoever shared the folder. Jinja2's own sandbox keeps it away from Python
internals; this module adds what a briefing needs on top:

* **Nothing outside the template.** ``pathlib`` objects in the context have no reachable attribute,
  mutating methods (``list.append``…) are refused (the immutable sandbox), ``lipsum`` is gone.
* **Bounded sizes.** Every operation that can multiply a size is checked *before* it runs: ``*`` and
  ``**``, ``+`` and ``~`` of long strings, ``%``- and ``format``-widths, the string methods ``center``,
  ``ljust``, ``rjust``, ``zfill``, ``expandtabs``, ``replace``, ``join``, and the filters ``indent``,
  ``center``, ``wordwrap``, ``replace``, ``join``, ``format``, ``batch``, ``slice``, ``tojson``. Every
  filter's and method's result is checked after it (at most :data:`MAX_STRING` characters,
  :data:`MAX_ITEMS` items), so a doubling loop stops at the first string over the limit.
* **Bounded time and output.** Rendering streams; more than :data:`MAX_OUTPUT` characters stop it,
  and a watchdog stops a render running longer than :data:`RENDER_SECONDS` (nested loops that print
  nothing, recursion that fans out) by raising an exception inside the rendering thread.
  Recursion (recursive macros, a template that includes or extends itself) ends at Python's recursion
  limit and is reported like the rest.

Why checks in the sandbox and not a child process with resource limits: the window re-renders the
preview on every click (a process start and a pickled document each time would double its latency),
Windows, where most users are, has no ``setrlimit``, and the PDF writer paints with Qt in this process.
The checks cost nothing measurable on the five-sample build (see README, "Template safety").
"""

from __future__ import annotations

import ctypes
import functools
import re
import string
import threading
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any

from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_PRODUCT = 1_000_000  # items a template may make with * (strings, lists); the documents never need more
MAX_EXPONENT = 256
MAX_STRING = 5_000_000  # characters in any one string a template builds (a briefing's HTML is ~200 KB)
MAX_ITEMS = 1_000_000  # items in any one list a filter returns
MAX_WIDTH = 10_000  # a width, an indent, a padding, a batch or slice count
MAX_OUTPUT = 50_000_000  # characters of rendered output
RENDER_SECONDS = 10.0

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")


class RenderBudgetExceeded(BaseException):  # not an Exception: no `except Exception` may swallow it
    """Raised inside the rendering thread by the watchdog when the time budget is spent."""


def _too_long(value: object) -> bool:
    if isinstance(value, str | bytes):
        return len(value) > MAX_STRING
    if isinstance(value, list | tuple | dict | set):
        return len(value) > MAX_ITEMS
    return False


def _check_result(what: str, value: object) -> object:
    if _too_long(value):
        raise SecurityError(f"{what} made {len(value):,} characters or items, over the limit "  # type: ignore[arg-type]
                            f"{MAX_STRING if isinstance(value, str | bytes) else MAX_ITEMS:,}")
    return value


def _width(what: str, value: object) -> None:
    size = value if isinstance(value, int) and not isinstance(value, bool) else len(str(value)) \
        if isinstance(value, str) else 0
    if size > MAX_WIDTH:
        raise SecurityError(f"{what} of {size:,} is over the limit {MAX_WIDTH:,}")


def _check_format_spec(fmt: str) -> None:
    """``'{:>999999999}'.format(x)``: refuse widths and precisions over the limit, and nested specs."""
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will raise the same error itself
    for _literal, _field, spec, _conv in parsed:
        if spec and "{" in spec:
            raise SecurityError("a format width taken from an argument is not allowed in templates")
        for number in re.findall(r"\d+", spec or ""):
            _width("a format width", int(number))


def _check_percent(fmt: str) -> None:
    for m in _PERCENT_SPEC.finditer(fmt):
        for part in m.groups():
            if part == "*":
                raise SecurityError("a %-format width taken from an argument is not allowed in templates")
            if part:
                _width("a %-format width", int(part))


def _joined_length(items: Iterable[object], separator: str) -> int:
    items = list(items)
    return sum(len(str(i)) for i in items) + len(separator) * max(0, len(items) - 1)


def _check_str_method(name: str, text: str, args: tuple, kwargs: dict) -> None:
    arg = args[0] if args else next(iter(kwargs.values()), None)
    if name in ("center", "ljust", "rjust", "zfill"):
        _width(f"str.{name} width", arg)
    elif name == "expandtabs":
        _width("str.expandtabs tab size", arg if arg is not None else 8)
        if text.count("\t") * (arg or 8) > MAX_STRING:
            raise SecurityError("str.expandtabs would make a string over the limit")
    elif name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        hits = len(text) + 1 if not old else text.count(old)
        if len(text) + hits * max(0, len(new) - len(old)) > MAX_STRING:
            raise SecurityError("str.replace would make a string over the limit")
    elif name == "join" and args:
        if _joined_length(args[0], text) > MAX_STRING:
            raise SecurityError("str.join would make a string over the limit")
    elif name in ("format", "format_map"):
        _check_format_spec(text)
    elif name in ("translate", "maketrans"):
        raise SecurityError(f"str.{name} is not available in templates")


# --- filters -------------------------------------------------------------------------------------------------

def _filter_prechecks() -> dict[str, Callable[..., None]]:
    def indent(value: Any, width: Any = 4, *args: Any, **kwargs: Any) -> None:
        width = kwargs.get("width", width)
        _width("indent", width)
        lines = str(value).count("\n") + 1
        size = width if isinstance(width, int) else len(str(width))
        if len(str(value)) + lines * size > MAX_STRING:
            raise SecurityError("indent would make a string over the limit")

    def center(value: Any, width: Any = 80, **kwargs: Any) -> None:
        _width("center width", kwargs.get("width", width))

    def wordwrap(value: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
                 *args: Any, **kwargs: Any) -> None:
        width = kwargs.get("width", width)
        wrap = str(kwargs.get("wrapstring", wrapstring) or "\n")
        if not isinstance(width, int) or width < 1:
            raise SecurityError("wordwrap needs a positive width")
        if len(str(value)) * (1 + len(wrap) / width) > MAX_STRING:
            raise SecurityError("wordwrap would make a string over the limit")

    def replace(value: Any, old: Any = "", new: Any = "", count: Any = None, **kwargs: Any) -> None:
        _check_str_method("replace", str(value), (str(old), str(new)), {})

    def join(value: Any, d: Any = "", attribute: Any = None, **kwargs: Any) -> None:
        if attribute is None and isinstance(value, list | tuple | str) and \
                _joined_length(value, str(kwargs.get("d", d))) > MAX_STRING:
            raise SecurityError("join would make a string over the limit")

    def format_(value: Any, *args: Any, **kwargs: Any) -> None:
        _check_percent(str(value)) if not kwargs else _check_format_spec(str(value))

    def batch(value: Any, linecount: Any = 1, fill_with: Any = None, **kwargs: Any) -> None:
        _width("batch size", kwargs.get("linecount", linecount))

    def slice_(value: Any, slices: Any = 1, fill_with: Any = None, **kwargs: Any) -> None:
        _width("slice count", kwargs.get("slices", slices))

    def tojson(value: Any, indent: Any = None, **kwargs: Any) -> None:
        if indent is not None:
            indent = kwargs.get("indent", indent)
            if (indent if isinstance(indent, int) else len(str(indent))) > 16:
                raise SecurityError("tojson indent over the limit 16")

    return {"indent": indent, "center": center, "wordwrap": wordwrap, "replace": replace, "join": join,
            "format": format_, "batch": batch, "slice": slice_, "tojson": tojson}


def _checked_filter(name: str, fn: Callable[..., Any], precheck: Callable[..., None] | None) -> Callable[..., Any]:
    passes = getattr(fn, "jinja_pass_arg", None)

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        if precheck is not None:
            value_args = args[1:] if passes is not None else args  # drop the context/environment argument
            precheck(*value_args, **kwargs)
        return _check_result(f"the filter {name!r}", fn(*args, **kwargs))

    return run


class _BudgetCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation's result size-checked."""

    def visit_Concat(self, node, frame) -> None:  # noqa: N802 - Jinja's visitor naming
        self.write("environment.checked_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class BriefingSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, tighter: no file-system objects, sizes checked (see the module doc)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BudgetCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prechecks = _filter_prechecks()
        self.filters = {name: _checked_filter(name, fn, prechecks.get(name)) for name, fn in self.filters.items()}
        self.globals.pop("lipsum", None)  # it writes Latin filler: a template must never invent text
        self._safe_cache: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        if isinstance(obj, PurePath) or isinstance(value, PurePath) and callable(value):
            return False
        # Jinja's answer depends only on the object's type and the name (its mutable-type test uses slow
        # ABC isinstance checks, ~50,000 times per Dossier render): asked once per pair.
        key = (type(obj), attr)
        known = self._safe_cache.get(key)
        if known is None:
            known = self._safe_cache[key] = super().is_safe_attribute(obj, attr, value)
        return known

    def checked_concat(self, value: object) -> object:
        return _check_result("a ~ concatenation", value)

    def call_binop(self, context, operator: str, left, right):
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | bytes | list | tuple) and isinstance(times, int) \
                        and len(seq) * times > MAX_PRODUCT:
                    raise SecurityError(f"a product of {len(seq)} × {times} items is over the limit {MAX_PRODUCT}")
        elif operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent of {right} is over the limit {MAX_EXPONENT}")
        elif operator == "+" and isinstance(left, str | bytes | list | tuple) and \
                isinstance(right, str | bytes | list | tuple) and len(left) + len(right) > MAX_STRING:
            raise SecurityError(f"a sum of {len(left) + len(right):,} characters or items is over the limit")
        elif operator == "%" and isinstance(left, str):
            _check_percent(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _check_str_method(getattr(__obj, "__name__", ""), owner, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return _check_result(f"{getattr(__obj, '__name__', 'a call')}()", result)


# --- the render budget -------------------------------------------------------------------------------------

def render_bounded(chunks: Iterable[str], seconds: float | None = None, max_output: int | None = None) -> str:
    """Join a template's output stream, stopping past ``max_output`` characters or ``seconds``.

    The time limit is enforced by a watchdog timer that raises :class:`RenderBudgetExceeded` inside
    this thread (``PyThreadState_SetAsyncExc``): Jinja's compiled templates are Python code, so the
    exception lands at the next bytecode, inside any loop. A pending exception that arrives as the
    render finishes is cleared before returning.
    """
    seconds = RENDER_SECONDS if seconds is None else seconds
    max_output = MAX_OUTPUT if max_output is None else max_output
    thread = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                                           ctypes.py_object(RenderBudgetExceeded))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    parts: list[str] = []
    size = 0
    try:
        timer.start()
        try:
            for chunk in chunks:
                size += len(chunk)
                if size > max_output:
                    raise SecurityError(f"the output passed {max_output:,} characters")
                parts.append(chunk)
        finally:
            with lock:
                state["done"] = True
                if state["fired"]:  # delivered already or still pending: clear a pending one
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), None)
            timer.cancel()
    except RenderBudgetExceeded:
        state["fired"] = True
    if state["fired"]:
        raise SecurityError(f"rendering took longer than {seconds:g} seconds")
    return "".join(parts)
