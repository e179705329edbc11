"""Pages that list across units: all projects, places and years, the indicator catalogue."""
