"""The main screen: the user's state, its keys and layout, following the file."""
