"""The engines the build runs: MkDocs, search, LibreOffice, and the processes they run in."""
