"""The public site: pure renderers (Document → Markdown) and the build step that runs MkDocs."""
