"""Before the main screen: the loading screen for large files, creating a missing calendar."""
