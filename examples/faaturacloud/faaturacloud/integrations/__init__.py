"""Thin wrappers around the third-party services FaaturaCloud talks to."""
