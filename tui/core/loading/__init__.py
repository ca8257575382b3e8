"""A calendar file to a validated model: load, checks, typed fields, the fast path, the cache."""
