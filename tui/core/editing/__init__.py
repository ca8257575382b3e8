"""Changing a calendar file: TOML edits that keep the rest, the form as data, history, the save."""
