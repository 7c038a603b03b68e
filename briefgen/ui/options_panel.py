"""The right-hand "Document" panel: template (with its description), layout, languages, marking, memo fields.

It edits a :class:`briefgen.project.DocumentOptions` and says ``changed`` on every edit; the window
debounces the preview. Values go in and out as the dataclass, so saving and reopening a project
round-trips exactly what the widgets show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefgen.assemble import CLASSIFICATIONS, URGENCIES
from briefgen.project import DocumentOptions
from briefgen.templating import available_templates


class OptionsPanel(QWidget):
    changed = Signal()

    def __init__(self, _, ui_lang: str) -> None:
        super().__init__()
        self._ = _
        self._setting = False
        self.templates = available_templates()

        self.template_box = QComboBox()
        for name, template in self.templates.items():
            self.template_box.addItem(_(template.title), name)
        self.template_about = QLabel()
        self.template_about.setWordWrap(True)
        self.template_about.setObjectName("template-description")
        self.template_about.setStyleSheet("color: palette(mid);")
        self.ui_lang = ui_lang

        self.layout_box = self._combo([("", _("Template default")), ("side-by-side", _("Side by side")),
                                       ("sequential", _("Sequential"))])
        self.lang_box = self._combo([("bilingual", _("Bilingual")), ("id", _("Indonesian only")),
                                     ("en", _("English only"))])
        self.page_box = self._combo([("A4", "A4"), ("F4", _("F4 (Folio)")), ("Letter", "Letter")])
        self.class_box = self._combo([(k, _(v)) for k, v in CLASSIFICATIONS.items()])
        self.urgency_box = self._combo([(k, _(v)) for k, v in URGENCIES.items()])
        self.number_edit = QLineEdit()
        self.to_edit = QLineEdit()
        self.sender_edit = QLineEdit()
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText(_("Empty: newest article's title"))
        self.subject_edit.setToolTip(_("The subject (Hal). Empty: the title of the newest article is used."))
        self.subject_en_edit = QLineEdit()
        self.subject_en_edit.setPlaceholderText(_("Empty: translated if possible"))
        self.subject_en_edit.setToolTip(_("The English subject is yours to write. Empty: translated when a "
                                          "translation pack is installed, otherwise marked untranslated."))
        self.cc_edit = QPlainTextEdit()
        self.cc_edit.setPlaceholderText(_("One addressee per line"))
        self.cc_edit.setFixedHeight(64)
        self.signatory_edit = QLineEdit()
        self.signatory_title_edit = QLineEdit()
        self.signatory_title_edit.setPlaceholderText(_("e.g. Direktur Asia Timur dan Pasifik"))
        self.nip_edit = QLineEdit()
        self.nip_edit.setPlaceholderText(_("Optional"))
        self.opening_edit = QPlainTextEdit()
        self.opening_edit.setPlaceholderText(_("Empty: the template's opening paragraph"))
        self.closing_edit = QPlainTextEdit()
        self.closing_edit.setPlaceholderText(_("Empty: the template's closing paragraph"))
        for edit in (self.opening_edit, self.closing_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(52)
        # the English of Kepada, Dari, Tembusan and the signatory: one button opens the fields on demand, so the
        # panel keeps its height; each placeholder says what the English part will show when left empty
        self.english_toggle = QToolButton()
        self.english_toggle.setText(_("English forms…"))
        self.english_toggle.setCheckable(True)
        self.english_toggle.setToolTip(_("The English of To, From, Cc and Signatory for the English part; empty: a "
                                         "known office or name, otherwise marked untranslated"))
        self.english_status = QLabel()
        self.english_status.setWordWrap(True)
        self.english_status.setStyleSheet("color: palette(mid);")
        self.to_en_edit = QLineEdit()
        self.sender_en_edit = QLineEdit()
        self.signatory_en_edit = QLineEdit()
        self.cc_en_edit = QPlainTextEdit()
        self.cc_en_edit.setPlaceholderText(_("One per line, in the order of Cc"))
        self.cc_en_edit.setFixedHeight(52)
        self.cc_en_edit.setTabChangesFocus(True)
        self.english_box = QWidget()
        english_form = QFormLayout(self.english_box)
        english_form.setContentsMargins(0, 0, 0, 0)
        english_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        english_form.addRow(_("To, English"), self.to_en_edit)
        english_form.addRow(_("From, English"), self.sender_en_edit)
        english_form.addRow(_("Cc, English"), self.cc_en_edit)
        english_form.addRow(_("Signatory, English"), self.signatory_en_edit)
        self.english_box.hide()
        self.english_toggle.toggled.connect(self.english_box.setVisible)
        self.letterhead_edit = QPlainTextEdit()
        self.letterhead_edit.setPlaceholderText(_("Kop lines; empty: the template's"))
        self.letterhead_en_edit = QPlainTextEdit()
        self.letterhead_en_edit.setPlaceholderText(_("Empty: the Indonesian lines"))
        for edit in (self.letterhead_edit, self.letterhead_en_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(52)
        self.author_edit = QLineEdit()
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(_("YYYY-MM-DD (empty: today)"))
        self.date_edit.setInputMask("")

        self.template_box.setToolTip(_("The kind of document: which sections it has and how it looks"))
        self.layout_box.setToolTip(_("Bilingual text side by side in two columns, or Indonesian then English"))
        self.class_box.setToolTip(_("Security marking printed in every header and footer"))
        self.author_edit.setToolTip(_("The drafter: written into the document's properties, not on the page"))
        self.letterhead_edit.setToolTip(_("The letterhead of templates that have one (Nota Dinas); set the default "
                                          "for new projects in Preferences"))

        doc = QGroupBox(_("Document"))
        form = QFormLayout(doc)
        form.addRow(_("Template"), self.template_box)
        form.addRow(self.template_about)
        form.addRow(_("Layout"), self.layout_box)
        form.addRow(_("Languages"), self.lang_box)
        form.addRow(_("Page size"), self.page_box)
        memo = QGroupBox(_("Memo header"))
        memo_form = QFormLayout(memo)
        # labels above their fields: in the narrow right panel the fields get its whole width, so placeholders
        # (what an empty field becomes) are read whole in both languages
        memo_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        memo_form.addRow(_("Classification"), self.class_box)
        memo_form.addRow(_("Urgency"), self.urgency_box)
        memo_form.addRow(_("Number"), self.number_edit)
        memo_form.addRow(_("To"), self.to_edit)
        memo_form.addRow(_("From"), self.sender_edit)
        memo_form.addRow(_("Subject"), self.subject_edit)
        memo_form.addRow(_("Subject, English"), self.subject_en_edit)
        memo_form.addRow(_("Cc"), self.cc_edit)
        memo_form.addRow(_("Signatory"), self.signatory_edit)
        memo_form.addRow(_("Signatory position"), self.signatory_title_edit)
        memo_form.addRow(_("NIP"), self.nip_edit)
        memo_form.addRow(self.english_toggle, self.english_status)
        memo_form.addRow(self.english_box)
        memo_form.addRow(_("Opening paragraph"), self.opening_edit)
        memo_form.addRow(_("Closing paragraph"), self.closing_edit)
        memo_form.addRow(_("Letterhead (kop)"), self.letterhead_edit)
        memo_form.addRow(_("Letterhead, English"), self.letterhead_en_edit)
        memo_form.addRow(_("Author"), self.author_edit)
        memo_form.addRow(_("Date of issue"), self.date_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(doc)
        layout.addWidget(memo)
        layout.addStretch(1)

        for box in (self.template_box, self.layout_box, self.lang_box, self.page_box, self.urgency_box):
            box.currentIndexChanged.connect(self._emit)
        # the marking printed on every page: lowering it asks first (the window supplies the question)
        self.confirm_lowering: Callable[[str, str], bool] = lambda _old, _new: True
        self._classification = self.class_box.currentData()
        self.class_box.currentIndexChanged.connect(self._classification_changed)
        for edit in (self.number_edit, self.to_edit, self.sender_edit, self.subject_edit, self.subject_en_edit,
                     self.signatory_edit, self.author_edit, self.date_edit, self.signatory_title_edit, self.nip_edit,
                     self.to_en_edit, self.sender_en_edit, self.signatory_en_edit):
            edit.textChanged.connect(self._emit)
        for plain in (self.cc_edit, self.letterhead_edit, self.letterhead_en_edit, self.opening_edit,
                      self.closing_edit, self.cc_en_edit):
            plain.textChanged.connect(self._emit)
        for edit in (self.to_edit, self.sender_edit, self.signatory_edit, self.to_en_edit, self.sender_en_edit,
                     self.signatory_en_edit):
            edit.textChanged.connect(self._describe_english)
        for plain in (self.cc_edit, self.cc_en_edit):
            plain.textChanged.connect(self._describe_english)
        self.template_box.currentIndexChanged.connect(self._describe_template)
        self._describe_template()

    def _combo(self, entries: list[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        for data, text in entries:
            box.addItem(text, data)
        return box

    def _describe_template(self, *_args) -> None:
        template = self.templates.get(self.template_box.currentData())
        if template is None:
            self.template_about.clear()
            return
        text = template.description.get(self.ui_lang) or template.description.get("en", "")
        self.template_about.setText(text)
        self.template_box.setToolTip(text)

    def _describe_english(self, *_args) -> None:
        """Placeholders with the English each field will get, and a count of those that will be marked."""
        from briefgen.translate.titles import english_form

        _ = self._
        unknown = 0
        for source, target in ((self.to_edit, self.to_en_edit), (self.sender_edit, self.sender_en_edit),
                               (self.signatory_edit, self.signatory_en_edit)):
            value = source.text().strip()
            known = english_form(value) if value else None
            target.setPlaceholderText(known or (_("Untranslated: write the English") if value else ""))
            unknown += bool(value and not known and not target.text().strip())
        cc = [line.strip() for line in self.cc_edit.toPlainText().splitlines() if line.strip()]
        cc_en = self.cc_en_edit.toPlainText().splitlines()
        unknown += sum(1 for n, line in enumerate(cc)
                       if not english_form(line) and not (n < len(cc_en) and cc_en[n].strip()))
        self.english_status.setText(_("{count} marked untranslated").format(count=unknown) if unknown else "")

    def _emit(self, *_args) -> None:
        if not self._setting:
            self.changed.emit()

    def _classification_changed(self, *_args) -> None:
        new = self.class_box.currentData()
        old, self._classification = self._classification, new
        if self._setting or new == old:
            return
        ranks = list(CLASSIFICATIONS)
        lower = old in ranks and new in ranks and ranks.index(new) < ranks.index(old)
        if lower and not self.confirm_lowering(self.class_box.itemText(self.class_box.findData(old)),
                                               self.class_box.currentText()):
            self._setting = True
            try:
                self.class_box.setCurrentIndex(self.class_box.findData(old))
            finally:
                self._setting = False
            self._classification = old
            return
        self.changed.emit()

    # --- values -----------------------------------------------------------------------------------------
    def options(self, base: DocumentOptions | None = None) -> DocumentOptions:
        return replace(
            base or DocumentOptions(),
            template=self.template_box.currentData() or "",
            layout=self.layout_box.currentData() or "",
            languages=self.lang_box.currentData(),
            page_size=self.page_box.currentData(),
            classification=self.class_box.currentData(),
            urgency=self.urgency_box.currentData(),
            number=self.number_edit.text(),
            to=self.to_edit.text(),
            sender=self.sender_edit.text(),
            subject=self.subject_edit.text(),
            subject_en=self.subject_en_edit.text(),
            cc=self.cc_edit.toPlainText(),
            signatory=self.signatory_edit.text(),
            signatory_title=self.signatory_title_edit.text(),
            signatory_nip=self.nip_edit.text(),
            opening=self.opening_edit.toPlainText(),
            closing=self.closing_edit.toPlainText(),
            to_en=self.to_en_edit.text(),
            sender_en=self.sender_en_edit.text(),
            signatory_en=self.signatory_en_edit.text(),
            cc_en=self.cc_en_edit.toPlainText(),
            author=self.author_edit.text(),
            date_of_issue=self.date_edit.text().strip(),
            letterhead=self.letterhead_edit.toPlainText(),
            letterhead_en=self.letterhead_en_edit.toPlainText(),
        )

    def set_options(self, options: DocumentOptions) -> None:
        self._setting = True
        try:
            for box, value in ((self.template_box, options.template), (self.layout_box, options.layout),
                               (self.lang_box, options.languages), (self.page_box, options.page_size),
                               (self.class_box, options.classification), (self.urgency_box, options.urgency)):
                index = box.findData(value)
                box.setCurrentIndex(index if index >= 0 else 0)
            for edit, value in ((self.number_edit, options.number), (self.to_edit, options.to),
                                (self.sender_edit, options.sender), (self.subject_edit, options.subject),
                                (self.subject_en_edit, options.subject_en),
                                (self.signatory_edit, options.signatory), (self.author_edit, options.author),
                                (self.signatory_title_edit, options.signatory_title),
                                (self.nip_edit, options.signatory_nip),
                                (self.to_en_edit, options.to_en), (self.sender_en_edit, options.sender_en),
                                (self.signatory_en_edit, options.signatory_en),
                                (self.date_edit, options.date_of_issue)):
                edit.setText(value)
            for plain, value in ((self.cc_edit, options.cc), (self.cc_en_edit, options.cc_en),
                                 (self.letterhead_edit, options.letterhead),
                                 (self.letterhead_en_edit, options.letterhead_en), (self.opening_edit, options.opening),
                                 (self.closing_edit, options.closing)):
                if plain.toPlainText() != value:  # setting the same text would move the cursor while typing
                    plain.setPlainText(value)
            if options.to_en or options.sender_en or options.signatory_en or options.cc_en.strip():
                self.english_toggle.setChecked(True)  # the analyst wrote some: show them
        finally:
            self._setting = False
        self._classification = self.class_box.currentData()
        self._describe_template()
        self._describe_english()
