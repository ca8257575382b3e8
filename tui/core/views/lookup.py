"""Finding countries and participants by what a user types: codes, names, aliases, prefixes."""

from __future__ import annotations

from tui.core.errors import UsageError
from tui.core.event_order import countries_in_order
from tui.core.iso3166 import ISO_COUNTRIES
from tui.core.model import Calendar, Country


def country_terms(country: Country) -> tuple[str, ...]:
    """Every way a user may name a country: codes, name, aliases, all case-folded."""
    alpha3 = ISO_COUNTRIES.get(country.code, ("", ""))[0]
    terms = (country.code, alpha3, country.name, *country.aliases)
    return tuple(term.casefold() for term in terms if term)


def search_countries(calendar: Calendar, query: str) -> list[Country]:
    """Countries whose code, name or alias contains ``query``; exact and prefix hits first."""
    needle = query.strip().casefold()
    if not needle:
        return countries_in_order(calendar)
    ranked: list[tuple[int, str, Country]] = []
    for country in calendar.countries.values():
        terms = country_terms(country)
        if needle in terms:
            rank = 0
        elif any(term.startswith(needle) for term in terms):
            rank = 1
        elif any(needle in term for term in terms):
            rank = 2
        else:
            continue
        ranked.append((rank, country.name.casefold(), country))
    return [country for _, _, country in sorted(ranked, key=lambda r: r[:2])]


def resolve_country(calendar: Calendar, name: str) -> str:
    """The alpha-2 key for a code, alpha-3 code, name or alias, in any case, or an
    unambiguous prefix of one ("Kazakh" -> KZ), as the TUI's filter accepts.

    Raises:
        UsageError: when nothing matches (listing the known countries) or when a prefix
            fits several (listing those).
    """
    named = {c.code: (c.name, country_terms(c)) for c in calendar.countries.values()}
    return _resolve("country", name, named)


def resolve_participant(calendar: Calendar, name: str) -> str:
    """The participant id for an id, name or alias, in any case, or an unambiguous prefix.

    Raises:
        UsageError: when nothing matches (listing the known ids) or when a prefix fits
            several (listing those).
    """
    named = {
        p.id: (p.name, (p.id, p.name.casefold(), *(a.casefold() for a in p.aliases)))
        for p in calendar.participants.values()
    }
    return _resolve("participant", name, named)


def _resolve(kind: str, name: str, named: dict[str, tuple[str, tuple[str, ...]]]) -> str:
    """The key whose terms (case-folded) equal ``name``, else the only one a term of which
    starts with it. An exact hit wins over prefixes: "RU" is Russia, not "Rukhsona"."""
    needle = name.strip().casefold()
    if needle:
        exact = [key for key, (_, terms) in named.items() if needle in terms]
        if exact:
            return exact[0]
        prefixed = [
            key for key, (_, terms) in named.items() if any(t.startswith(needle) for t in terms)
        ]
        if len(prefixed) == 1:
            return prefixed[0]
        if prefixed:
            fits = ", ".join(f"{named[key][0]} ({key})" for key in prefixed)
            raise UsageError(f'ambiguous {kind} "{name}": it may be {fits}')
    known = ", ".join(f"{key} ({label})" for key, (label, _) in named.items())
    raise UsageError(f'unknown {kind} "{name}"; known: {known or "none"}')
