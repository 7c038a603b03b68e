"""Version used only when no package metadata is available (kept equal to pyproject by a test)."""

VERSION = "0.1.0"
