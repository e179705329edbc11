"""Comparisons across reports: like projects across units, one unit across years (pure)."""
