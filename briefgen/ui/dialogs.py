"""Preferences and About.

Preferences edit :class:`briefgen.settings.Settings` (the UI language among them; the window is
rebuilt in the new language, the project kept). About lists the versions of briefgen and the
libraries that shape its output, and the licences of the bundled fonts and of installed packs, so a
user can answer "what produced this document?" without a terminal.
"""

from __future__ import annotations

import html
import platform
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
)

from briefgen import __version__
from briefgen.resources import asset
from briefgen.settings import Settings

LIBRARIES = ("python-docx", "Jinja2", "Babel", "trafilatura", "rapidfuzz", "dateparser", "ctranslate2",
             "sentencepiece", "sacremoses", "subword-nmt", "pypdf", "PyYAML")


def _lines_edit(text: str, placeholder: str) -> QPlainTextEdit:
    """A few lines of plain text (letterhead lines), three lines high."""
    edit = QPlainTextEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 14)
    return edit


class PreferencesDialog(QDialog):
    def __init__(self, _, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.setMinimumWidth(440)
        self.lang_box = QComboBox()
        self.lang_box.addItem("Bahasa Indonesia", "id")
        self.lang_box.addItem("English", "en")
        self.lang_box.setProperty("endonyms", True)  # each language named in itself, whatever the UI language
        self.lang_box.setCurrentIndex(max(0, self.lang_box.findData(settings.ui_lang or "en")))
        self.autosave_spin = QSpinBox()
        self.autosave_spin.setRange(10, 3600)
        self.autosave_spin.setSuffix(" s")
        self.autosave_spin.setValue(settings.autosave_seconds)
        self.author_edit = QLineEdit(settings.author)
        self.letterhead_edit = _lines_edit(settings.letterhead, _("One line each, the first the largest"))
        self.letterhead_en_edit = _lines_edit(settings.letterhead_en, _("Empty: the Indonesian lines"))
        self.format_box = QComboBox()
        for data, text in (("both", _("Word and PDF")), ("docx", "Word (DOCX)"), ("pdf", "PDF")):
            self.format_box.addItem(text, data)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(settings.export_format)))
        self.samples_box = QCheckBox(_("Load the sample clippings when starting without a project"))
        self.samples_box.setChecked(settings.load_samples_on_start)
        # e-mail addresses and phone numbers are always hidden on import; these two kinds are a choice
        self.nik_box = QCheckBox(_("Hide NIK numbers (16-digit identity numbers) found in clippings"))
        self.nik_box.setChecked(settings.redact_nik)
        self.passport_box = QCheckBox(_("Hide passport numbers that follow the word paspor or passport"))
        self.passport_box.setChecked(settings.redact_passport)
        form = QFormLayout()
        form.addRow(_("Interface language"), self.lang_box)
        form.addRow(_("Autosave every"), self.autosave_spin)
        form.addRow(_("Author (default)"), self.author_edit)
        form.addRow(_("Letterhead (kop) for new projects"), self.letterhead_edit)
        form.addRow(_("Letterhead, English"), self.letterhead_en_edit)
        form.addRow(_("Export format (Ctrl+E)"), self.format_box)
        form.addRow(self.samples_box)
        form.addRow(self.nik_box)
        form.addRow(self.passport_box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def apply_to(self, settings: Settings) -> bool:
        """Copy the choices into ``settings``; True when the UI language changed."""
        new_lang = self.lang_box.currentData()
        changed = new_lang != settings.ui_lang
        settings.ui_lang = new_lang
        settings.autosave_seconds = self.autosave_spin.value()
        settings.author = self.author_edit.text().strip()
        settings.letterhead = self.letterhead_edit.toPlainText().strip()
        settings.letterhead_en = self.letterhead_en_edit.toPlainText().strip()
        settings.export_format = self.format_box.currentData()
        settings.load_samples_on_start = self.samples_box.isChecked()
        settings.redact_nik = self.nik_box.isChecked()
        settings.redact_passport = self.passport_box.isChecked()
        settings.validate()
        return changed


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "—"


KNOWN_LICENCES = (("SIL OPEN FONT LICENSE", "SIL Open Font License 1.1"), ("APACHE LICENSE", "Apache License 2.0"),
                  ("MIT LICENSE", "MIT"), ("CREATIVE COMMONS", "Creative Commons"))


def _licence_title(path: Path) -> str:
    """The licence's common name when the text names a known one, else its first line."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return path.name
    upper = text.upper()
    for needle, name in KNOWN_LICENCES:
        if needle in upper:
            return name
    return next((line.strip() for line in text.splitlines() if line.strip()), path.name)[:120]


def installed_packs(_=lambda text: text) -> list[tuple[str, str]]:  # noqa: ANN001 - the window's gettext
    """(pack name, what it is) for each installed translation pack: direction, model, the format it came
    from, the licence as its files state it ("unknown" when they do not; non-commercial said so), the size
    and a quality figure only when the pack publishes one."""
    from briefgen.translate.packs import list_packs

    out = []
    for info in list_packs():
        licence = info.licence if info.licence not in ("", "unknown") else _("unknown")
        if info.non_commercial:
            licence += f", {_('non-commercial')}"
        parts = [info.direction_label, info.model_name or info.name, info.kind, f"{_('Licence')}: {licence}",
                 info.size_label]
        if info.quality:
            parts.append(info.quality)
        out.append((info.name, "; ".join(parts)))
    return out


def about_html(_) -> str:
    rows = [("briefgen", __version__), ("Python", platform.python_version()),
            ("Qt", qVersion()), ("PySide6", pyside_version)] + [(lib, _version(lib)) for lib in LIBRARIES]
    parts = [f"<h2>briefgen {html.escape(__version__)}</h2>",
             f"<p>{html.escape(_('Offline bilingual (Indonesian/English) briefings from news clippings.'))}</p>",
             f"<h3>{html.escape(_('Versions'))}</h3><table>"]
    parts += [f"<tr><td>{html.escape(n)}</td><td>&nbsp;{html.escape(v)}</td></tr>" for n, v in rows]
    parts.append(f"</table><h3>{html.escape(_('Licences'))}</h3><p>{html.escape(_('briefgen: MIT licence.'))}</p>")
    families = sorted({f.stem.split("-")[0] for f in asset("fonts").iterdir() if f.suffix in (".ttf", ".otf")})
    licences = sorted({_licence_title(f) for f in asset("fonts").glob("*.txt")})
    parts.append(f"<p>{html.escape(_('Bundled fonts'))}: {html.escape(', '.join(families))} "
                 f"({html.escape('; '.join(licences))})</p>")
    packs = installed_packs(_)
    parts.append(f"<p>{html.escape(_('Installed packs'))}: ")
    parts.append("<br>".join(f"{html.escape(n)} ({html.escape(facts)})" for n, facts in packs) if packs
                 else html.escape(_('none')))
    parts.append("</p>")
    from briefgen.translate.engine import engine_problem  # imports CTranslate2 once: only when About opens

    engine_ready = engine_problem() is None
    parts.append(f"<p>{html.escape(_('Offline machine translation engine'))}: "
                 f"{html.escape(_('installed') if engine_ready else _('not installed (optional installer component)'))}"
                 "</p>")
    return "".join(parts)


class AboutDialog(QDialog):
    def __init__(self, _, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About briefgen"))
        self.resize(520, 560)
        self.text = QTextBrowser()
        self.text.setHtml(about_html(_))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        icon = QLabel()
        if parent is not None:
            icon.setPixmap(parent.windowIcon().pixmap(64, 64))
        layout.addWidget(icon)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
