"""Machine-translation packs: installed from a file the user chose, checked before anything runs.

A pack is a zip (``.zip``, or an Argos Translate ``.argosmodel`` with the same layout under one top
folder) holding ``metadata.json``, ``model/`` (a CTranslate2 model) and either ``source.spm`` plus
``target.spm`` or one ``sentencepiece.model``. briefgen's own ``metadata.json`` names the direction
(``source``/``target``), ``name``, ``licence`` and the ``sha256`` of every model file; Argos metadata
uses ``from_code``/``to_code`` and lists no hashes, so for those the hashes are computed at install
and recorded (the report says they could not be checked against the publisher's).

Install is defensive because the file comes from outside: every member's path must stay inside the
target folder (no absolute paths, ``..`` or links), the member count, total size and compression
ratio are bounded and the bytes actually written are counted (a zip header can lie), hashes must
match, and a canary sentence must translate before the pack is moved into ``<user data>/packs/``.
Nothing is left behind when a check fails.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from briefgen.errors import BriefgenError
from briefgen.model.text import Lang
from briefgen.resources import user_data_dir
from briefgen.translate.tmx import lang_code

MAX_MEMBERS = 5_000
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MiB
RECORD = "installed.json"
CANARY = {"id": "Menteri Luar Negeri tiba di Jakarta pada hari Kamis.", "en": "The minister arrived on Thursday."}
_NAME_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


class PackError(BriefgenError):
    """A pack that is refused (bad layout, hash mismatch, unsafe member) or cannot be found."""


@dataclass(frozen=True)
class PackInfo:
    """An installed (or staged) pack: where it lives and what it translates."""

    name: str
    source: Lang
    target: Lang
    path: Path
    licence: str = ""
    version: str = ""
    kind: str = "briefgen"  # briefgen | argos
    hashes_checked: bool = True  # False for Argos packages: no published hashes to check against
    sha256: dict[str, str] = field(default_factory=dict)

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def spm_files(self) -> tuple[Path, Path]:
        """(source, target) sentencepiece models; the same file twice for a shared one."""
        if (self.path / "source.spm").is_file():
            return self.path / "source.spm", self.path / "target.spm"
        return self.path / "sentencepiece.model", self.path / "sentencepiece.model"

    def describe(self) -> str:
        checked = "hashes checked" if self.hashes_checked else "no published hashes (recorded at install)"
        return f"{self.name}\t{self.source}→{self.target}\t{self.version or '-'}\t{self.licence or '-'}\t{checked}"


def packs_dir() -> Path:
    path = user_data_dir() / "packs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- safe extraction -------------------------------------------------------------------------------------------


def _check_member(info: zipfile.ZipInfo, archive: Path) -> PurePosixPath:
    name = info.filename.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in path.parts:
        raise PackError(f"refused: member {info.filename!r} would be written outside the pack folder", archive)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackError(f"refused: member {info.filename!r} is a link", archive)
    if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise PackError(f"refused: member {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}"
                        f" times (a zip bomb?)", archive)
    return path


def safe_extract(archive: Path, dest: Path) -> None:
    """Unzip ``archive`` into ``dest`` after checking every member; counts the bytes actually written."""
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackError(f"is not a readable zip file ({exc})", archive) from exc
    with zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS:
            raise PackError(f"refused: {len(members)} files in the archive (at most {MAX_MEMBERS})", archive)
        declared = sum(m.file_size for m in members)
        if declared > MAX_TOTAL_BYTES:
            raise PackError(f"refused: {declared} bytes once unpacked (at most {MAX_TOTAL_BYTES})", archive)
        paths = [_check_member(m, archive) for m in members]
        written = 0
        root = dest.resolve()
        for info, rel in zip(members, paths, strict=True):
            target = (dest / rel).resolve()
            if root not in target.parents and target != root:
                raise PackError(f"refused: member {info.filename!r} would be written outside the pack folder",
                                archive)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, target.open("wb") as out:
                size = 0
                for block in iter(lambda src=src: src.read(1 << 20), b""):
                    size += len(block)
                    written += len(block)
                    if size > info.file_size or written > MAX_TOTAL_BYTES:
                        raise PackError(f"refused: member {info.filename!r} is larger than its header says", archive)
                    out.write(block)


# -- layout and metadata ---------------------------------------------------------------------------------------


def _pack_root(staging: Path, archive: Path) -> Path:
    if (staging / "metadata.json").is_file():
        return staging
    subdirs = [p for p in staging.iterdir() if p.is_dir()]
    if len(subdirs) == 1 and (subdirs[0] / "metadata.json").is_file():  # Argos: one top folder
        return subdirs[0]
    raise PackError("refused: no metadata.json at the top of the pack", archive)


def _model_files(root: Path) -> list[str]:
    files = [p for p in (root / "model").rglob("*") if p.is_file()]
    files += [root / n for n in ("source.spm", "target.spm", "sentencepiece.model") if (root / n).is_file()]
    return sorted(p.relative_to(root).as_posix() for p in files)


def read_pack(root: Path, archive: Path | None = None) -> PackInfo:
    """Check an unpacked pack's layout, metadata and hashes; return what it is."""
    where = archive or root
    try:
        meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackError(f"refused: metadata.json cannot be read ({exc})", where) from exc
    if not isinstance(meta, dict):
        raise PackError("refused: metadata.json is not an object", where)
    argos = "from_code" in meta
    source = lang_code(meta.get("from_code") if argos else meta.get("source"))
    target = lang_code(meta.get("to_code") if argos else meta.get("target"))
    if not source or not target or source == target:
        raise PackError("refused: metadata.json must name a source and a target language (id→en or en→id)", where)
    version = str(meta.get("package_version") or meta.get("version") or "")
    name = str(meta.get("name") or (f"argos-{source}-{target}-{version}" if argos else ""))
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")
    if not _NAME_OK.match(name):
        raise PackError("refused: metadata.json needs a name (letters, digits, '.', '_' or '-')", where)
    if not (root / "model" / "model.bin").is_file():
        raise PackError("refused: model/model.bin (a CTranslate2 model) is missing", where)
    has_pair = (root / "source.spm").is_file() and (root / "target.spm").is_file()
    if not has_pair and not (root / "sentencepiece.model").is_file():
        raise PackError("refused: needs source.spm and target.spm, or sentencepiece.model", where)
    actual = {rel: sha256_file(root / rel) for rel in _model_files(root)}
    declared = meta.get("sha256")
    if argos and declared is None:
        declared, checked = actual, False
    else:
        checked = True
        if not isinstance(declared, dict) or not declared:
            raise PackError("refused: metadata.json lists no sha256 for the model files", where)
        for rel, digest in actual.items():
            if rel not in declared:
                raise PackError(f"refused: {rel} has no sha256 in metadata.json", where)
            if str(declared[rel]).lower() != digest:
                raise PackError(f"refused: {rel} does not match its sha256 in metadata.json (damaged or altered)",
                                where)
        absent = sorted(set(declared) - set(actual))
        if absent:
            raise PackError(f"refused: {absent[0]} is listed in metadata.json but not in the pack", where)
    licence = str(meta.get("licence") or meta.get("license") or "")
    return PackInfo(name, source, target, root, licence, version, "argos" if argos else "briefgen", checked, actual)


# -- install, list, remove ---------------------------------------------------------------------------------------


def install_pack(archive: Path | str, canary: bool = True) -> PackInfo:
    """Check and install a pack file; a pack of the same name is replaced only once the new one passed."""
    archive = Path(archive)
    if not archive.is_file():
        raise PackError("no such file", archive)
    base = packs_dir()
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=base))
    try:
        safe_extract(archive, staging)
        info = read_pack(_pack_root(staging, archive), archive)
        if canary:
            _canary(info, archive)
        final = base / info.name
        record = {"name": info.name, "source": info.source, "target": info.target, "licence": info.licence,
                  "version": info.version, "kind": info.kind, "hashes_checked": info.hashes_checked,
                  "sha256": info.sha256, "installed_from": archive.name,
                  "installed": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        (info.path / RECORD).write_text(json.dumps(record, indent=2, ensure_ascii=False), encoding="utf-8")
        old = base / f".old-{info.name}"
        if final.exists():
            final.replace(old)
        info.path.replace(final)
        shutil.rmtree(old, ignore_errors=True)
        return _record_info(final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _canary(info: PackInfo, archive: Path) -> None:
    from briefgen.translate.engine import PackEngine, engine_problem

    problem = engine_problem()
    if problem:  # say what is missing, not "the model does not run"
        raise PackError(f"refused: the pack cannot be tried, {problem}", archive)

    try:
        out = PackEngine(info, beam_size=1).translate([CANARY[info.source]], max_length=32)
    except Exception as exc:  # noqa: BLE001 - any failure of a foreign model means: refuse the pack
        raise PackError(f"refused: the model does not run ({type(exc).__name__}: {exc})", archive) from exc
    if len(out) != 1 or not out[0].strip():
        raise PackError("refused: the model's test translation came back empty", archive)


def _record_info(folder: Path) -> PackInfo:
    meta = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    return PackInfo(meta["name"], meta["source"], meta["target"], folder, meta.get("licence", ""),
                    meta.get("version", ""), meta.get("kind", "briefgen"), bool(meta.get("hashes_checked", True)),
                    dict(meta.get("sha256", {})))


def list_packs() -> list[PackInfo]:
    """Installed packs, by name; folders without a readable install record are skipped."""
    out = []
    for folder in sorted(packs_dir().iterdir()):
        if folder.is_dir() and not folder.name.startswith(".") and (folder / RECORD).is_file():
            try:
                out.append(_record_info(folder))
            except (OSError, ValueError, KeyError):
                continue
    return out


def find_pack(source: Lang, target: Lang) -> PackInfo | None:
    """The installed pack for a direction (the most recently named one if several)."""
    found = [p for p in list_packs() if (p.source, p.target) == (source, target)]
    return found[-1] if found else None


def remove_pack(name: str) -> PackInfo:
    for info in list_packs():
        if info.name == name:
            shutil.rmtree(info.path)
            return info
    raise PackError(f"no installed pack named {name!r} (see 'briefgen packs list')")
