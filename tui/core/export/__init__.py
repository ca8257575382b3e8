"""What leaves diplocal: iCalendar and self-contained TOML, and the choice between them."""
