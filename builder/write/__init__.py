"""Writing the site's folders: the docs folder, the downloads, the staged build and its swap."""
