"""Sharing a calendar with others: publishing it to a CalDAV collection, kept in step."""
