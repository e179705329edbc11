"""Small pure pieces of the pages: escaping, HTML blocks, money, front matter."""
