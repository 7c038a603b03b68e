"""Personal data in clippings: find the reader's e-mail address and phone number, and keep them out.

A clipping copied from a logged-in browser carries whatever the page showed its reader: "we sent an
activation link to pembaca@example.com", a comment box pre-filled with the reader's address, a
"dikirim oleh … 0812-…" line. That is the analyst's personal data, not the news, and it must not
travel into a briefing, a project file or a log. So the raw text is redacted *before* cleaning
(every later stage, including the list of removed lines, only ever sees the marker), and each
finding is reported with its kind, line and a masked form. The full value is never stored in a
finding, so findings can be persisted and shown freely.

The user can choose to keep the data (``redact(..., keep=True)``): the text is left as read and the
findings are still reported, so the choice is an informed one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from briefgen.model import RawArticle

EMAIL = "email"
PHONE = "phone"
MARKERS = {
    EMAIL: "[e-mail disembunyikan / e-mail hidden]",
    PHONE: "[nomor telepon disembunyikan / phone number hidden]",
}
HINT_KEY = "personal_data"  # RawArticle.hints key; the value is JSON (hints are str → str)

_EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
    r"[A-Za-z]{2,24}(?![\w-])"
)
# Candidates only; _phone_ok decides on the digit count, so "08.00 WIB", years, money and dates stay.
_PHONE = re.compile(
    r"(?:(?<!\+)\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}"  # international: +62 812-3456-7890, +1 (202) 555-0143
    r"|(?<![\w+.,/-])(?:62|0)8[1-9]\d(?:[ .-]?\d{2,5}){1,3}"  # Indonesian mobile: 0812 3456 7890, 628123456789
    r"|(?<![\w+.,/-])\(0\d{1,3}\)[ .-]?\d{3,4}[ .-]?\d{3,5}"  # Indonesian landline: (021) 5555-1234
    r")(?![\w,/]|\.\d)"
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: what kind, on which 1-based line, and a masked form to show."""

    kind: str  # "email" | "phone"
    line: int
    masked: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "line": self.line, "masked": self.masked}


@dataclass(frozen=True, slots=True)
class Redaction:
    text: str
    findings: tuple[Finding, ...]


def mask_email(value: str) -> str:
    """'pembaca@example.com' → 'p***@e***.com': enough to recognise one's own address, not to recover it."""
    local, _, domain = value.partition("@")
    labels = domain.split(".")
    head = ".".join(f"{label[0]}***" for label in labels[:-1])
    return f"{local[0]}***@{head}.{labels[-1]}"


def mask_phone(value: str) -> str:
    """'+62 812-3456-7890' → '+62 *******90': the country or trunk prefix and the last two digits."""
    digits = re.sub(r"\D", "", value)
    if value.lstrip().startswith("+"):
        prefix = "+" + digits[:2] if digits.startswith("62") else "+"
        rest = digits[2:] if digits.startswith("62") else digits
        return f"{prefix} {'*' * (len(rest) - 2)}{rest[-2:]}"
    return f"{digits[0]}{'*' * (len(digits) - 3)}{digits[-2:]}"


def _phone_ok(value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if value.startswith("+"):
        return 8 <= len(digits) <= 15
    if value.startswith("("):
        return 8 <= len(digits) <= 12
    return 10 <= len(digits) <= 14


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def find_personal_data(text: str) -> list[Finding]:
    """Every e-mail address and phone number in ``text``, in reading order."""
    return [finding for _, _, finding in _matches(text)]


def _matches(text: str) -> list[tuple[int, int, Finding]]:
    found: list[tuple[int, int, Finding]] = []
    for m in _EMAIL.finditer(text):
        found.append((m.start(), m.end(), Finding(EMAIL, _line_of(text, m.start()), mask_email(m.group()))))
    taken = [(s, e) for s, e, _ in found]
    for m in _PHONE.finditer(text):
        value = m.group()
        if not _phone_ok(value) or any(s < m.end() and m.start() < e for s, e in taken):
            continue  # too few digits to be a phone number, or part of an e-mail address
        found.append((m.start(), m.end(), Finding(PHONE, _line_of(text, m.start()), mask_phone(value))))
    return sorted(found, key=lambda f: f[0])


def _replace(text: str, matches: list[tuple[int, int, Finding]]) -> str:
    out: list[str] = []
    last = 0
    for start, end, finding in matches:
        out += [text[last:start], MARKERS[finding.kind]]
        last = end
    out.append(text[last:])
    return "".join(out)


def redact(text: str, keep: bool = False) -> Redaction:
    """Replace each e-mail address and phone number with a visible marker (unless ``keep``).

    Repeated until nothing is found: numbers glued together ("…1234+62 21…") only come apart once the
    first is replaced. The markers hold no digit, '@' or newline, so line numbers stay true.
    """
    matches = _matches(text)
    if keep or not matches:
        return Redaction(text, tuple(f for _, _, f in matches))
    findings = [f for _, _, f in matches]
    for _ in range(8):
        text = _replace(text, matches)
        matches = _matches(text)
        if not matches:
            break
        findings += [f for _, _, f in matches]
    return Redaction(text, tuple(sorted(findings, key=lambda f: f.line)))


def redact_raw(raw: RawArticle, keep: bool = False) -> RawArticle:
    """The clipping with its personal data replaced, and the findings in ``hints['personal_data']``.

    The sha256 stays that of the original bytes: it identifies the file, it does not reveal it.
    """
    result = redact(raw.text, keep)
    if not result.findings:
        return raw
    hints = {**raw.hints, HINT_KEY: json.dumps([f.as_dict() for f in result.findings], ensure_ascii=False)}
    if keep:
        hints["personal_data_kept"] = "yes"
    return replace(raw, text=result.text, hints=hints)


def findings_of(hints: Mapping[str, str]) -> tuple[Finding, ...]:
    """The findings a :func:`redact_raw` stored in a clipping's hints (empty when there were none)."""
    try:
        items = json.loads(hints.get(HINT_KEY) or "[]")
        return tuple(Finding(str(i["kind"]), int(i["line"]), str(i["masked"])) for i in items)
    except (ValueError, TypeError, KeyError):
        return ()
