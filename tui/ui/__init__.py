"""The Textual layer, on top of the core: the app, the main screen, dialogs, the form, widgets."""
