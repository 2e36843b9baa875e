"""Importers: the only code that knows the file formats of Elections Canada and others."""
