"""Steady Hips: exercise data in YAML, validated, rendered to Markdown pages. No MkDocs import here."""
