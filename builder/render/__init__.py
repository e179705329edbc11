"""Pure page renderers: Documents → the Markdown of every page (no disk)."""
