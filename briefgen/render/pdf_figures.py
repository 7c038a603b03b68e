"""Figures drawn with Qt's painter: the Dossier's timeline as a PNG image.

This lives beside the PDF writer because it is, like it, Qt code (the import-linter contract allows
``briefgen.render.pdf*``); the HTML and DOCX writers import it lazily, only when a document holds a
figure, so a build without one never loads Qt. The picture is language-neutral where it can be:
numbered markers that match the numbered rows of the timeline table, the date above each marker,
and a short label below in the figure's language, elided (never rewritten) when too long.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QTextLayout, QTextOption

from briefgen.render.layout import Figure

WIDTH = 2000  # px: 170 mm at about 300 dpi
PER_ROW = 5
MAX_ROWS = 6
ROW_HEIGHT = 380
NAVY = QColor(0x0B, 0x25, 0x45)
ACCENT = QColor(0x1D, 0x4E, 0xD8)
GREY = QColor(0x55, 0x55, 0x55)


def _font(pixels: int, bold: bool = False) -> QFont:
    from briefgen.render.pdf import bundled_font

    font = bundled_font()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _wrapped(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines; the last is elided with "…" if text remains."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = lines[:max_lines - 1] + [QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)]
    return lines


def draw_timeline(figure: Figure) -> QImage:
    events = figure.events[:PER_ROW * MAX_ROWS]
    rows = max(1, -(-len(events) // PER_ROW))
    extra = len(figure.events) - len(events)
    height = rows * ROW_HEIGHT + (70 if extra else 20)
    image = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    slot = WIDTH / PER_ROW
    date_font, label_font, number_font = _font(34, bold=True), _font(30), _font(30, bold=True)
    for row in range(rows):
        y = row * ROW_HEIGHT + 120
        chunk = events[row * PER_ROW:(row + 1) * PER_ROW]
        painter.setPen(QPen(NAVY, 6))
        end = slot * len(chunk) if row == rows - 1 else WIDTH - 10
        painter.drawLine(QPointF(slot / 2 if row == 0 else 10, y), QPointF(end - slot / 2 + 40, y))
        if row < rows - 1:  # the line goes on to the next row
            painter.drawLine(QPointF(WIDTH - 40, y - 16), QPointF(WIDTH - 10, y))
            painter.drawLine(QPointF(WIDTH - 40, y + 16), QPointF(WIDTH - 10, y))
        for i, (date, text) in enumerate(chunk):
            number = row * PER_ROW + i + 1
            x = slot * i + slot / 2
            painter.setPen(QPen(NAVY, 4))
            painter.setBrush(ACCENT)
            painter.drawEllipse(QPointF(x, y), 30, 30)
            painter.setFont(number_font)
            painter.setPen(QColor("white"))
            painter.drawText(QRectF(x - 30, y - 30, 60, 60), Qt.AlignmentFlag.AlignCenter, str(number))
            painter.setFont(date_font)
            painter.setPen(NAVY)
            date_lines = _wrapped(date, date_font, slot - 30, 2)
            for j, line in enumerate(date_lines):
                top = y - 45 - 42 * (len(date_lines) - j)
                painter.drawText(QRectF(x - slot / 2 + 10, top, slot - 20, 42), Qt.AlignmentFlag.AlignCenter, line)
            painter.setFont(label_font)
            painter.setPen(GREY)
            for j, line in enumerate(_wrapped(text, label_font, slot - 30, 5)):
                painter.drawText(QRectF(x - slot / 2 + 10, y + 50 + j * 38, slot - 20, 38),
                                 Qt.AlignmentFlag.AlignCenter, line)
    if extra:
        painter.setFont(label_font)
        painter.setPen(GREY)
        painter.drawText(QRectF(0, height - 60, WIDTH, 50), Qt.AlignmentFlag.AlignCenter, f"… +{extra}")
    painter.end()
    return image


@lru_cache(maxsize=32)
def figure_png(figure: Figure) -> bytes:
    """The figure as PNG bytes (cached: the preview, the DOCX and the PDF share one drawing)."""
    from briefgen.render.pdf import ensure_qt

    ensure_qt()
    image = draw_timeline(figure)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)
