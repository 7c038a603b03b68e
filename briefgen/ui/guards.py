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

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
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
        elif kind == QEvent.Type.Wheel and isinstance(watched, QComboBox | QAbstractSpinBox):
            if not watched.hasFocus():
                event.ignore()  # not consumed by the field: Qt passes it to the parent (the scroll area)
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
    """The first window: ``preferred`` when it fits, else the available area less a margin, centred.

    Never smaller than ``minimum`` (the panels' own minimum) unless the screen itself is smaller.
    """
    room = available.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
    width = min(preferred.width(), max(room.width(), min(minimum.width(), available.width())))
    height = min(preferred.height(), max(room.height(), min(minimum.height(), available.height())))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    return rect


def fit_on_screen(frame: QRect, available: QRect) -> QRect:
    """``frame`` shrunk to ``available`` where larger, then moved so that all of it is on that screen."""
    width, height = min(frame.width(), available.width()), min(frame.height(), available.height())
    left = min(max(frame.left(), available.left()), available.right() - width + 1)
    top = min(max(frame.top(), available.top()), available.bottom() - height + 1)
    return QRect(left, top, width, height)
