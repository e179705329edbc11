"""The site's theme files: Material template overrides, CSS and scripts, shipped as package data."""
