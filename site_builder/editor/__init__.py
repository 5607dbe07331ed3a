"""The web editor at /quan-tri/ (docs/web-editor.md): its options, the CMS configuration
generated from the field specifications, and the CMS's files, self-hosted."""
