"""TOML as text: parsing (rtoml, else tomllib), the source map of where each key stands, style."""
