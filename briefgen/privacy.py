"""Personal data in clippings: find the reader's e-mail address, phone number and ID numbers, and keep them out.

A clipping copied from a logged-in browser carries whatever the page showed its reader: "we sent an
activation link to pembaca@example.com", a comment box pre-filled with the reader's address, a
"dikirim oleh … 0812-…" line. That is the analyst's personal data, not the news, and it must not
travel into a briefing, a project file or a log.

Why detection runs on a *normalised view* of the raw text: cleaning later strips control and
zero-width characters, turns no-break and other spaces into plain spaces and the rest. A number with a
zero-width space, a soft hyphen or a control character inside, written with full-width digits or en
dashes, would slip past a detector that reads the raw characters and then be normalised back into a
plain number in every output. So the detectors read a skeleton in which every character cleaning
would drop is gone, every space is " ", every dash "-", every decimal digit ASCII and every
compatibility form (full-width ``＠``, ``．``) its plain form; each skeleton character knows its raw
offset, and the raw span behind a finding (invisible characters included) is what is replaced.

What is detected: e-mail addresses, also obfuscated ("nama [at] domain [dot] com", "nama (at)
domain.com", spaces around "@"); phone numbers, Indonesian (mobile 08…, 62 8…, +62 8…; landlines
(021) 5555-1234, 021-5555-1234, 02155551234, 62 21 …) and international (+CC …, 00 CC …), with
any mix of spaces, dots, hyphens, dashes and brackets between digits; NIK (the 16-digit Indonesian
identity number, checked for its province/date structure; on by default) and passport numbers
after the word paspor/passport (off by default: a setting). Each finding is reported with its
kind, line and a masked form; the full value is never stored in a finding.

The user can choose to keep the data (``redact(..., keep=True)``): the text is left as read and the
findings are still reported, so the choice is an informed one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, replace

from briefgen.model import RawArticle

EMAIL = "email"
PHONE = "phone"
NIK = "nik"
PASSPORT = "passport"
MARKERS = {
    EMAIL: "[e-mail disembunyikan / e-mail hidden]",
    PHONE: "[nomor telepon disembunyikan / phone number hidden]",
    NIK: "[NIK disembunyikan / ID number hidden]",
    PASSPORT: "[nomor paspor disembunyikan / passport number hidden]",
}
HINT_KEY = "personal_data"  # RawArticle.hints key; the value is JSON (hints are str → str)
KEPT_KEY = "personal_data_kept"


@dataclass(frozen=True, slots=True)
class Policy:
    """Which optional kinds are hidden besides e-mail and phone (always hidden unless kept)."""

    nik: bool = True  # 16 digits with a valid NIK structure are almost never news
    passport: bool = False  # needs the word paspor/passport before it; off unless the user asks


DEFAULT_POLICY = Policy()

# --- the normalised view -------------------------------------------------------------------------------------

_DROP = "\x00"  # what a dropped character becomes in the translated text, before it is cut out
# \x0b, \x0c, \x1c-\x1e and \x85 also break lines for str.splitlines, but a clipping never uses them as
# line ends: inside a number they are an attack that would split it into undetected halves, so they drop.
_LINE_BREAKS = frozenset("\n\r\u2028\u2029")


class _Table(dict):
    """``str.translate`` table built on demand: one character in, one (or the drop mark) out."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _map_char(chr(code))
        return value


def _map_char(c: str) -> str:
    if c in _LINE_BREAKS:
        return "\n"
    if c == "\t":
        return " "
    category = unicodedata.category(c)
    if category in ("Cf", "Cc", "Mn", "Me", "Cs", "Co", "Cn") and c != _DROP or c == _DROP:
        return _DROP  # zero-width, soft hyphen, bidi marks, BOM, controls, combining marks: cleaning drops them
    if category == "Zs":
        return " "
    if category == "Nd":
        return str(unicodedata.decimal(c))
    if category == "Pd" or c in "\u2212\u2043\ufe63\uff0d":
        return "-"
    folded = unicodedata.normalize("NFKC", c)
    if len(folded) == 1:
        return folded
    return folded[0] if folded[:1].isalnum() else c  # 'ﬁ' → 'f': still a letter where a letter was


_TABLE = _Table()


@dataclass(frozen=True)
class _View:
    """The skeleton of a text and the way back from its offsets to the raw text's."""

    text: str
    skel_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]

    def raw(self, offset: int) -> int:
        j = bisect_right(self.skel_starts, offset) - 1
        return self.raw_starts[j] + offset - self.skel_starts[j]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.raw(start), self.raw(end - 1) + 1


def normalised_view(text: str) -> _View:
    translated = text.translate(_TABLE)
    if _DROP not in translated:
        return _View(translated, (0,), (0,))
    parts, skel, raw = [], [], []
    length = 0
    for m in re.finditer(r"[^\x00]+", translated):
        skel.append(length)
        raw.append(m.start())
        parts.append(m.group())
        length += len(m.group())
    return _View("".join(parts), tuple(skel) or (0,), tuple(raw) or (0,))


def skeleton(text: str) -> str:
    """The text as the detectors read it (see the module doc); also what tests compare outputs with."""
    return normalised_view(text).text


# --- detectors -------------------------------------------------------------------------------------------------

_LOCAL = r"[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT = rf"(?:[ ]?@[ ]?|[ ]?{_OPEN}[ ]?(?:at|et|@)[ ]?{_CLOSE}[ ]?)"
_DOT = rf"(?:\.|[ ]?{_OPEN}[ ]?(?:dot|titik|\.)[ ]?{_CLOSE}[ ]?)"
# An address is found from its "@" (or "[at]", " at "…) outwards: the local part in the 64 characters
# before it, the domain after it. Scanning from every letter instead made a 10 MB clipping take minutes.
_AT_TOKEN = re.compile(rf"@|{_OPEN}[ ]?(?:at|et|@)[ ]?{_CLOSE}", re.IGNORECASE)
_LOCAL_BEFORE = re.compile(rf"(?<![\w.%+-]){_LOCAL}$")
_DOMAIN_AFTER = re.compile(rf"(?:{_LABEL}{_DOT})+[A-Za-z]{{2,24}}(?![\w-])", re.IGNORECASE)
# "nama at domain dot com" in bare words: only with a common top-level domain, so prose stays prose
_TLDS = "com|org|net|id|co|go|ac|edu|gov|mil|info|io|me|biz|uk|us|kr|jp|au|sg|my|de|fr|nl|ru|cn|in"
_AT_WORD = re.compile(r" (?:at|et) ", re.IGNORECASE)
_DOMAIN_WORDS = re.compile(rf"(?:{_LABEL} (?:dot|titik) )+(?:{_TLDS})(?![\w-])", re.IGNORECASE)


def _emails(skel: str) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for token, domain in ((_AT_TOKEN, _DOMAIN_AFTER), (_AT_WORD, _DOMAIN_WORDS)):
        for at in token.finditer(skel):
            end = at.start() - (token is _AT_TOKEN and skel[at.start() - 1:at.start()] == " ")
            local = _LOCAL_BEFORE.search(skel, max(0, end - 64), end)
            begin = at.end() + (token is _AT_TOKEN and skel[at.end():at.end() + 1] == " ")
            after = domain.match(skel, begin) if local else None
            if local and after:
                found.append((local.start(), after.end()))
    return found

# A run of digits with at most a few separators between each two, starting the way a phone number does
# (+, a bracket, 0 or 62); the digits then decide (see _phone_ok).
# A "+" starts a number even right after a digit: "…1234+62 21…" is two numbers glued together.
_DIGIT_RUN = re.compile(r"(?:(?<!\+)\+[ .\-()]{0,3}\d|(?<![\w.,/+-])(?:\([ .\-]{0,3}0|0|6[ .\-()]{0,3}2))"
                        r"(?:[ .\-()]{0,8}\d){5,18}\)?(?![\w/]|[.,]\d)")
# NIK: 16 digits, plain or in the groups people write them in (3171 0101 0101 0001, 317101 010101 0001).
_NIK = re.compile(r"(?<![\w.,/+-])(?:\d{16}|\d{4}([ .-])\d{4}\1\d{4}\1\d{4}|\d{6}([ .-])\d{6}\2\d{4})"
                  r"(?![\w/]|[.,]\d)")
_MONEY_BEFORE = re.compile(r"(?:rp\.?|us\$|\$|€|£|¥|usd|idr|sgd|eur)\s*$", re.IGNORECASE)
_DATE_START = re.compile(r"^\(?\d{1,2}[-. ]\d{1,2}[-. ](?:19|20)\d\d(?!\d)")
_TIMES_ONLY = re.compile(r"^\(?\d{1,2}[.:]\d\d(?:[ ]{0,2}-[ ]{0,2}\d{1,2}[.:]\d\d)*\)?$")  # "07.00 - 09.00"
_PASSPORT = re.compile(r"(?:paspor|passport)(?:\s+(?:no\.?|nomor|number|nr\.?|#))?\s*[:.]?\s*"
                       r"(?P<value>[A-Z]{1,2}[ -]?\d{6,8})(?![\w])", re.IGNORECASE)


def _phone_ok(value: str, before: str) -> bool:
    """A digit run is a phone number when its prefix and length fit a real numbering plan."""
    digits = re.sub(r"\D", "", value)
    body = value.lstrip("(")
    if _MONEY_BEFORE.search(before) or _DATE_START.match(value) or _TIMES_ONLY.match(value):
        return False
    groups = re.findall(r"\d+", value)
    thousands = len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and not re.search(r"[ ()-]", value)
    if body.startswith("+"):
        return 8 <= len(digits) <= 15
    if digits.startswith("00"):
        return 10 <= len(digits) <= 17 and digits[2] != "0"
    if digits.startswith("08"):
        return 10 <= len(digits) <= 13
    if digits.startswith("0"):
        return digits[1] in "2345679" and 9 <= len(digits) <= 12  # landline: area code + subscriber
    if digits.startswith("628"):
        return 11 <= len(digits) <= 14 and not thousands
    if digits.startswith("62"):
        return digits[2] in "234567 9" and 10 <= len(digits) <= 13 and not thousands
    return False


def _nik_ok(digits: str) -> bool:
    """16 digits shaped like a NIK: province 11–94, district, sub-district, birth date (day +40 for women)."""
    if len(digits) != 16 or not 11 <= int(digits[:2]) <= 94 or digits[2:4] == "00" or digits[4:6] == "00":
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    return (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data: what kind, on which 1-based line, and a masked form to show."""

    kind: str  # "email" | "phone" | "nik" | "passport"
    line: int
    masked: str

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "line": self.line, "masked": self.masked}


@dataclass(frozen=True, slots=True)
class Redaction:
    text: str
    findings: tuple[Finding, ...]


def _canonical_email(value: str) -> str:
    value = re.sub(rf"{_AT}", "@", value, count=1, flags=re.IGNORECASE) if "@" not in value else value
    value = re.sub(r"(?i) (?:at|et) ", "@", value, count=1) if "@" not in value else value
    value = re.sub(rf"(?i){_OPEN}[ ]?(?:dot|titik|\.)[ ]?{_CLOSE}| (?:dot|titik) ", ".", value)
    return value.replace(" ", "")


def mask_email(value: str) -> str:
    """'pembaca@example.com' → 'p***@e***.com': enough to recognise one's own address, not to recover it."""
    local, _, domain = _canonical_email(value).partition("@")
    labels = domain.split(".")
    head = ".".join(f"{label[:1]}***" for label in labels[:-1])
    return f"{local[:1]}***@{head}.{labels[-1]}"


def mask_phone(value: str) -> str:
    """'+62 812-3456-7890' → '+62 *******90': the country or trunk prefix and the last two digits."""
    digits = re.sub(r"\D", "", value)
    if value.lstrip("( ").startswith("+"):
        prefix = "+" + digits[:2] if digits.startswith("62") else "+"
        rest = digits[2:] if digits.startswith("62") else digits
        return f"{prefix} {'*' * (len(rest) - 2)}{rest[-2:]}"
    return f"{digits[0]}{'*' * (len(digits) - 3)}{digits[-2:]}"


def _mask_id(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    return f"{digits[:2]}{'*' * (len(digits) - 4)}{digits[-2:]}"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def find_personal_data(text: str, policy: Policy = DEFAULT_POLICY) -> list[Finding]:
    """Every piece of personal data in ``text``, in reading order."""
    return [finding for _, _, finding in _matches(text, policy)]


class _Taken:
    """Spans already claimed by a finding, kept sorted: an overlap test is a binary search."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return False
        return not (i < len(self.starts) and self.starts[i] < end)

    def add(self, start: int, end: int) -> None:
        i = bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _matches(text: str, policy: Policy = DEFAULT_POLICY) -> list[tuple[int, int, Finding]]:
    """(raw start, raw end, finding) for every detection, found on the normalised view.

    Linear in the text: candidates come from regular expressions, overlaps are binary searches and
    line numbers are counted once, in order.
    """
    view = normalised_view(text)
    skel = view.text
    taken = _Taken()
    spans: list[tuple[int, int, str, str]] = []  # skeleton start, end, kind, masked

    def claim(start: int, end: int, kind: str, masked: str) -> None:
        taken.add(start, end)
        spans.append((start, end, kind, masked))

    for start, end in _emails(skel):
        if taken.free(start, end):
            claim(start, end, EMAIL, mask_email(skel[start:end]))
    if policy.passport:
        for m in _PASSPORT.finditer(skel):
            if taken.free(m.start("value"), m.end("value")):
                claim(m.start("value"), m.end("value"), PASSPORT, _mask_id(m.group("value")))
    for m in _DIGIT_RUN.finditer(skel):
        value = m.group().rstrip(" .-(")
        start, end = m.start(), m.start() + len(value)
        if value.count("(") != value.count(")") and value.endswith(")"):
            value, end = value[:-1], end - 1
        if taken.free(start, end) and _phone_ok(value, skel[max(0, start - 6):start]):
            claim(start, end, PHONE, mask_phone(value))
    if policy.nik:
        for m in _NIK.finditer(skel):
            if taken.free(m.start(), m.end()) and _nik_ok(re.sub(r"\D", "", m.group())):
                claim(m.start(), m.end(), NIK, _mask_id(m.group()))
    spans.sort()
    found = []
    line, counted = 1, 0
    for start, end, kind, masked in spans:
        raw_start, raw_end = view.raw_span(start, end)
        line += text.count("\n", counted, raw_start)
        counted = raw_start
        found.append((raw_start, raw_end, Finding(kind, line, masked)))
    return found


def _replace(text: str, matches: list[tuple[int, int, Finding]]) -> str:
    out: list[str] = []
    last = 0
    for start, end, finding in matches:
        if start < last:
            continue
        out += [text[last:start], MARKERS[finding.kind]]
        last = end
    out.append(text[last:])
    return "".join(out)


_GLUED_AFTER_MARKER = re.compile("(?:" + "|".join(re.escape(m) for m in MARKERS.values()) + r")[\w+(＋（]")


def redact(text: str, keep: bool = False, policy: Policy = DEFAULT_POLICY) -> Redaction:
    """Replace each piece of personal data with a visible marker (unless ``keep``).

    Repeated until nothing is found: numbers glued together ("…1234+62 21…") only come apart once the
    first is replaced. The markers hold no digit, '@' or newline, so line numbers stay true.
    """
    matches = _matches(text, policy)
    if keep or not matches:
        return Redaction(text, tuple(f for _, _, f in matches))
    findings = [f for _, _, f in matches]
    for _ in range(32):
        text = _replace(text, matches)
        if not _GLUED_AFTER_MARKER.search(text):
            break  # nothing was glued to a finding: one pass found everything
        matches = _matches(text, policy)
        if not matches:
            break
        findings += [f for _, _, f in matches]
    return Redaction(text, tuple(sorted(findings, key=lambda f: f.line)))


def redact_raw(raw: RawArticle, keep: bool = False, policy: Policy | None = None) -> RawArticle:
    """The clipping with its personal data replaced, and the findings in ``hints['personal_data']``.

    Idempotent: a clipping already redacted comes back unchanged (its findings kept), so every path
    (files, paste, standard input, a project opened from disk) can call it. A clipping the user chose
    to keep as read (``hints['personal_data_kept']``) is left alone. The sha256 stays that of the
    original bytes: it identifies the file, it does not reveal it.
    """
    if raw.hints.get(KEPT_KEY) == "yes" and not keep:
        return raw
    result = redact(raw.text, keep, policy or policy_from_settings())
    if not result.findings:
        return raw
    previous = findings_of(raw.hints) if raw.hints.get(HINT_KEY) else ()
    hints = {**raw.hints, HINT_KEY: json.dumps([f.as_dict() for f in (*previous, *result.findings)],
                                               ensure_ascii=False)}
    if not keep and "domain" not in hints and (outlet_domain := _outlet_domain(raw.text)):
        hints["domain"] = outlet_domain  # "jde@koreatimes.co.kr" names the outlet; the address itself goes
    if keep:
        hints[KEPT_KEY] = "yes"
    return replace(raw, text=result.text, hints=hints)


def _outlet_domain(text: str) -> str | None:
    """The domain of the first hidden address that is a registered news outlet's (an author's contact
    line): an organisation, not a person, so it may stay as the clipping's source; the address goes."""
    from briefgen.ingest.outlets import find_outlet

    skel = normalised_view(text).text
    for start, end in _emails(skel):
        host = _canonical_email(skel[start:end]).partition("@")[2].lower()
        labels = host.split(".")
        for candidate in (host, ".".join(labels[-3:]), ".".join(labels[-2:])):
            if find_outlet(candidate):
                return candidate
    return None


def findings_of(hints: Mapping[str, str]) -> tuple[Finding, ...]:
    """The findings a :func:`redact_raw` stored in a clipping's hints (empty when there were none)."""
    try:
        items = json.loads(hints.get(HINT_KEY) or "[]")
        return tuple(Finding(str(i["kind"]), int(i["line"]), str(i["masked"])) for i in items)
    except (ValueError, TypeError, KeyError):
        return ()


_POLICY_CACHE: dict[tuple[str, int, int], Policy] = {}


def policy_from_settings() -> Policy:
    """The optional kinds as the user set them in Preferences (``redact_nik``, ``redact_passport``).

    Read again only when settings.json changed (every rebuild of the window cleans every clipping).
    """
    try:
        from briefgen.settings import load_settings, settings_path

        path = settings_path()
        try:
            st = path.stat()
            key = (str(path), st.st_mtime_ns, st.st_size)
        except OSError:
            return DEFAULT_POLICY
        if key not in _POLICY_CACHE:
            settings = load_settings(path)
            _POLICY_CACHE.clear()
            _POLICY_CACHE[key] = Policy(nik=bool(settings.redact_nik), passport=bool(settings.redact_passport))
        return _POLICY_CACHE[key]
    except Exception:  # settings are a convenience here: unreadable ones never unhide anything
        return DEFAULT_POLICY
