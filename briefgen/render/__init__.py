"""Renderers: one document model (:mod:`layout`), many writers (HTML, DOCX, PDF)."""
