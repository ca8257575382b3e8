"""What the screen shows: the user's state and its transitions, the Screenful, details."""
