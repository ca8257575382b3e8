"""The event form: its modal, its inputs, and saving what it holds."""
