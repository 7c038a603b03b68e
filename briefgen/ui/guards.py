"""Small guards that keep a form from changing under the user: the wheel, and the window's fit on screen.

Wheel: scrolling a form with the mouse over a drop-down or a number box changed its value (Page
size A4 → Letter, or the security marking) without a click. An application-wide event filter
passes the wheel to the scrolling parent instead unless that field has the keyboard focus (the
user clicked or tabbed into it), which is what careful desktop applications do. Installed once on
the ``QApplication``, it covers every form and dialog, present and future.

Geometry: the first window is sized from the screen's *available* area (without the taskbar or
dock), and a remembered geometry from a larger or detached monitor is pulled back onto the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

PREFERRED = QSize(1360, 840)  # what the window asks for on a large screen
MARGIN = 16  # room left around a first window that does not fill the screen


class WheelGuard(QObject):
    """Swallows wheel events aimed at an unfocused combo box or spin box (the parent scrolls instead)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, QComboBox | QAbstractSpinBox):
            # Qt's default (WheelFocus) hands focus to the field under the wheel before any filter runs
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif (kind == QEvent.Type.Wheel and isinstance(watched, QComboBox | QAbstractSpinBox)
              and not watched.hasFocus()):
            event.ignore()  # not the field's: its parent (the scroll area) scrolls instead
            parent = watched.parentWidget()
            if parent is not None:
                QApplication.sendEvent(parent, event)
            return True
        return False


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard once per application (idempotent); returns it."""
    guard = app.property("briefgen_wheel_guard")
    if isinstance(guard, WheelGuard):
        return guard
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    app.setProperty("briefgen_wheel_guard", guard)
    return guard


def no_wheel_focus(root: QWidget) -> None:
    """Fields under ``root`` take focus by click or Tab only, never by the wheel passing over them."""
    for field in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox):
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def first_run_geometry(available: QRect, minimum: QSize, preferred: QSize = PREFERRED) -> QRect:
    """The first window: ``preferred`` centred when it fits with a margin; on a smaller screen (a 1366×768
    laptop) all of the available area, as a maximised window would take. ``minimum`` (the panels' own
    minimum, kept below 1280×680 by design) is what the window can shrink to from there.
    """
    room = available.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    if room.width() >= preferred.width() and room.height() >= preferred.height():
        rect = QRect(QPoint(0, 0), preferred)
        rect.moveCenter(available.center())
        return rect
    return QRect(available)  # the window can never be larger than this; ``minimum`` fits (tests check)


def fit_on_screen(frame: QRect, available: QRect) -> QRect:
    """``frame`` shrunk to ``available`` where larger, then moved so that all of it is on that screen."""
    width, height = min(frame.width(), available.width()), min(frame.height(), available.height())
    left = min(max(frame.left(), available.left()), available.right() - width + 1)
    top = min(max(frame.top(), available.top()), available.bottom() - height + 1)
    return QRect(left, top, width, height)
