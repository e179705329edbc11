"""The public contract: the data model, the error types, problems and permanent addresses."""
