"""The Qt desktop shell. The only package (with ``briefgen.render.pdf``) that imports PySide6.

Rule, as in Anki: **never touch a widget from a worker.** Pipeline work runs on ``QThreadPool``
threads through :mod:`briefgen.ui.workers`; results come back to the GUI thread as signals.
"""
