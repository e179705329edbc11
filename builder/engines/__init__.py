"""The engines the build runs: MkDocs, Pagefind, and the processes they run in."""
