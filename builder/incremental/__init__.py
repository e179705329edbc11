"""Rebuilds that cost what changed: parse cache, report cache, docs manifest, dirty MkDocs."""
