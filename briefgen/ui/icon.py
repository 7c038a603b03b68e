"""The app icon, drawn with QPainter so it needs no image editor and stays crisp at every size.

A folded document in the navy of official letterheads, two text lines in Indonesian red-and-white
colours and a bilingual "ID | EN" band. ``tools/screenshot.py --icon`` (and the packaging helper)
writes ``assets/icons/briefgen.png`` at 512×512 from the same drawing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap

from briefgen.resources import asset

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NAVY, RED, PAPER, FOLD = QColor("#1f3b63"), QColor("#c8102e"), QColor("#fbfbf8"), QColor("#d8dde6")


def draw_icon(size: int) -> QImage:
    """The icon as a transparent ``size``×``size`` image."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 64.0, size / 64.0)
    # rounded navy tile
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(NAVY)
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    # the sheet with a folded corner
    sheet = QPainterPath(QPointF(16, 10))
    sheet.lineTo(40, 10)
    sheet.lineTo(48, 18)
    sheet.lineTo(48, 54)
    sheet.lineTo(16, 54)
    sheet.closeSubpath()
    p.setBrush(PAPER)
    p.drawPath(sheet)
    corner = QPainterPath(QPointF(40, 10))
    corner.lineTo(40, 18)
    corner.lineTo(48, 18)
    corner.closeSubpath()
    p.setBrush(FOLD)
    p.drawPath(corner)
    # text lines: red over grey, like a heading and body
    p.setPen(QPen(RED, 3.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(21, 20), QPointF(35, 20))
    p.setPen(QPen(QColor("#8a94a6"), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (27, 32):
        p.drawLine(QPointF(21, y), QPointF(43, y))
    # the bilingual band: two halves
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRect(QRectF(16, 38, 16, 11))
    p.setBrush(NAVY.lighter(135))
    p.drawRect(QRectF(32, 38, 16, 11))
    if size >= 48:
        font = QFont("Noto Sans", 1)
        font.setBold(True)
        font.setPixelSize(7)
        p.setFont(font)
        p.setPen(QColor("white"))
        p.drawText(QRectF(16, 38, 16, 11), Qt.AlignmentFlag.AlignCenter, "ID")
        p.drawText(QRectF(32, 38, 16, 11), Qt.AlignmentFlag.AlignCenter, "EN")
    p.end()
    return image


@cache
def app_icon() -> QIcon:
    """The packaged PNG when present (what the bundles use), else drawn on the fly, at every size."""
    icon = QIcon()
    packaged = asset("icons", "briefgen.png")
    if packaged.is_file():
        icon.addFile(str(packaged))
    for size in SIZES:
        icon.addPixmap(QPixmap.fromImage(draw_icon(size)))
    return icon


def write_icon_pngs(folder: Path) -> list[Path]:
    """``briefgen.png`` (512) and ``briefgen-<n>.png`` for the smaller sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        path = folder / ("briefgen.png" if size == 512 else f"briefgen-{size}.png")
        draw_icon(size).save(str(path))
        written.append(path)
    return written
