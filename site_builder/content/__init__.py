"""A project's content: reading files (frontmatter, sheets' folders), validating them against
the field specifications (schema), the typed model, dates, problems and the report a check
ends with. Nothing here renders."""
