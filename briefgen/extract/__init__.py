"""Extraction: sentences, dates, actors, quotes, figures and claims from clean articles."""
