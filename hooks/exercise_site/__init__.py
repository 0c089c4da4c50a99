"""An exercise site generator: exercise data in YAML, validated, rendered to Markdown pages. No MkDocs import here."""
