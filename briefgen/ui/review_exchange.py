"""The Review tab's *Exchange file* menu: the segments out to a translator as XLIFF, and back in.

The file dialog's filter picks the version and says why one would choose it (what the CAT tools
read; see :mod:`briefgen.translate.xliff`). Imported translations go through the same path as a
typed one (``ReviewView.edited``: reviewed text in the project, and into the memory); what could not
be taken (a unit whose source changed since the export, an unknown key) is said in the status line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from briefgen.errors import BriefgenError
from briefgen.translate.xliff import ImportReport, export_xliff, import_xliff


def version_filters(_) -> dict[str, str]:  # noqa: ANN001 - the gettext function
    return {
        "1.2": _("XLIFF 1.2 — read by OmegaT, Trados Studio, memoQ, Wordfast and Phrase (*.xlf *.xliff)"),
        "2.0": _("XLIFF 2.0 — the current standard: Trados Studio 2019+, memoQ 9+, OmegaT with Okapi "
                 "(*.xlf *.xliff)"),
    }


def exchange_menu(view) -> QMenu:  # noqa: ANN001 - a briefgen.ui.review_view.ReviewView
    _ = view._
    menu = QMenu(view)
    menu.addAction(_("Export for a translator (XLIFF)…"), lambda: choose_export(view))
    menu.addAction(_("Import a translated file (XLIFF)…"), lambda: choose_import(view))
    return menu


def _message(view: QWidget, text: str) -> None:
    window = view.window()
    status = getattr(window, "statusBar", None)
    if callable(status):
        status().showMessage(text, 15000)


def export_to(view, path: Path, version: str) -> int:  # noqa: ANN001
    """Write the view's segments (into the language most of them need) to ``path``; returns the unit count."""
    segs = list(view._segments.values())
    if view._briefing is None or not segs:
        raise BriefgenError("nothing to export: the briefing has no segment to translate", path)
    langs = [s.target_lang() for s in segs]
    lang = max(set(langs), key=langs.count)
    return export_xliff(path, view._briefing, segs, lang, version)  # type: ignore[arg-type]


def import_from(view, path: Path) -> ImportReport:  # noqa: ANN001
    """Take the translator's work from ``path`` into the project, as if typed in the editor."""
    report = import_xliff(path, list(view._segments.values()))
    for key, lang, text in report.applied:
        seg = view._segments.get(key)
        view.edited.emit(key, lang, text)
        if seg is not None:
            view._remember(seg, lang, text)
    return report


def choose_export(view) -> None:  # noqa: ANN001
    _ = view._
    filters = version_filters(_)
    path, chosen = QFileDialog.getSaveFileName(view, _("Export for a translator"), "briefing.xlf",
                                               ";;".join(filters.values()), filters["1.2"])
    if not path:
        return
    version = next((v for v, f in filters.items() if f == chosen), "1.2")
    try:
        count = export_to(view, Path(path), version)
    except BriefgenError as exc:
        QMessageBox.warning(view, _("Export for a translator"), str(exc))
        return
    _message(view, _("{count} segments written to {path} (XLIFF {version})").format(count=count, path=path,
                                                                                   version=version))


def choose_import(view) -> None:  # noqa: ANN001
    _ = view._
    path, _chosen = QFileDialog.getOpenFileName(view, _("Import a translated file"), "",
                                                _("XLIFF files (*.xlf *.xliff *.xml)"))
    if not path:
        return
    try:
        report = import_from(view, Path(path))
    except BriefgenError as exc:
        QMessageBox.warning(view, _("Import a translated file"), str(exc))
        return
    _message(view, _("{applied} translations taken, {unchanged} unchanged, {changed} skipped because the "
                     "source changed since the export, {unknown} unknown").format(
        applied=len(report.applied), unchanged=report.unchanged, changed=len(report.source_changed),
        unknown=len(report.unknown)))
