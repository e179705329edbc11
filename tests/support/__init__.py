"""Test and benchmark support: synthetic Documents, report text and corpora (not shipped)."""
