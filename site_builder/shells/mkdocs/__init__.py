"""The MkDocs adapter: the only code in site_builder that imports mkdocs."""
