"""Ingestion: read clippings from files (importers), clean them, and read their metadata."""
