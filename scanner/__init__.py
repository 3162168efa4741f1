"""Datamap: a data-inventory scanner and privacy compliance linter."""

__version__ = "0.1.0"
