"""Site search: the words of a page and of a query, and each page's search record."""
