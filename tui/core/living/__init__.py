"""A calendar file followed over time: its versions, the watcher, what changed, the baseline."""
