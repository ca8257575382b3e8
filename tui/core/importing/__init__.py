"""Bringing events in from iCalendar: read, map, plan, write (`diplocal import`)."""
