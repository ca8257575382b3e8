"""The pure core: model, loading and validation, filtering, export. No Textual, no Rich."""
