"""Content intake: content/ and site_data/ read, parsed and checked, one path for all commands."""
