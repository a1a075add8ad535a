"""Desk: the commune office's register of obstacles, staff and reports."""

__version__ = "0.1.0"
