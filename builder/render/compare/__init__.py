"""Comparison pages: like projects side by side, a unit from one year to the next (pure)."""
