"""The participant and country forms as data: their fields, their values as typed, the
checks shown beside each field, and the keys a save writes.

A participant is ``[participants.ID]`` (name, title, country) and a country
``[countries.CODE]`` (name, capital, zone, ICC, blocs, borders). The form holds each
field's text; ``table_changes`` turns what the user changed into the keys
``CalendarDocument.set_participant`` / ``set_country`` write, so keys the form does not
show (notes, aliases) and untouched ones stay as written. A table's id is typed once, when
it is added: renaming it would leave the events that name it behind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tui.core.errors import UsageError
from tui.core.iso3166 import ISO_COUNTRIES
from tui.core.loading.fields import COUNTRY_PATTERN, ID_PATTERN, did_you_mean
from tui.core.model import Calendar
from tui.core.toml.style import Changes
from tui.core.views.lookup import resolve_country
from tui.core.zones import available_zones, find_zone

PARTICIPANTS, COUNTRIES = "participants", "countries"
ICC_CHOICES = ("unknown", "yes", "no")  # icc_state_party absent, true, false
Values = Mapping[str, str]  # field name -> the text the form holds


@dataclass(frozen=True, slots=True)
class TableField:
    """One field of the form: its TOML key (``id``: the table's own key) and how it reads."""

    name: str
    label: str
    hint: str = ""
    required: bool = False
    listed: bool = False  # a comma-separated list, written as an array
    choices: tuple[str, ...] = ()  # a closed list, shown as a choice


FIELDS: dict[str, tuple[TableField, ...]] = {
    PARTICIPANTS: (
        TableField("id", "Id", "lower-case letters, digits and -, such as putin", True),
        TableField("name", "Name", "Vladimir Putin", True),
        TableField("title", "Title", "President of Russia"),
        TableField("country", "Country", "a country of the calendar: code or name", True),
    ),
    COUNTRIES: (
        TableField("id", "Code", "ISO 3166-1 alpha-2, such as TJ", True),
        TableField("name", "Name", "Tajikistan", True),
        TableField("capital", "Capital", "Dushanbe", True),
        TableField("timezone", "Zone", "IANA zone, such as Asia/Dushanbe"),
        TableField("icc_state_party", "ICC", choices=ICC_CHOICES),
        TableField("blocs", "Blocs", "comma-separated, such as CIS, CSTO, SCO", listed=True),
        TableField("borders", "Borders", "ISO codes, comma-separated: AF, CN", listed=True),
    ),
}
NOUNS = {PARTICIPANTS: "participant", COUNTRIES: "country"}


def values_of(calendar: Calendar, section: str, key: str | None) -> dict[str, str]:
    """The form's texts for the table ``key`` of ``section`` (None: a new, empty one)."""
    empty = {f.name: (f.choices[0] if f.choices else "") for f in FIELDS[section]}
    if key is None:
        return empty
    if section == PARTICIPANTS:
        person = calendar.participants[key]
        return {"id": key, "name": person.name, "title": person.title, "country": person.country}
    country = calendar.countries[key]
    icc = {None: "unknown", True: "yes", False: "no"}[country.icc_state_party]
    return {
        "id": key,
        "name": country.name,
        "capital": country.capital,
        "timezone": country.timezone or "",
        "icc_state_party": icc,
        "blocs": ", ".join(country.blocs),
        "borders": ", ".join(country.borders),
    }


def split_list(text: str) -> list[str]:
    """A comma-separated list, each item trimmed, empty ones and repeats left out
    ('SCO,,SCO' is one bloc)."""
    return list(dict.fromkeys(item.strip() for item in text.split(",") if item.strip()))


def table_key(section: str, values: Values) -> str:
    """The table's key as it will be written (a country code in capitals)."""
    typed = values.get("id", "").strip()
    return typed.upper() if section == COUNTRIES else typed


def check_values(
    calendar: Calendar, section: str, values: Values, editing: str | None
) -> dict[str, str]:
    """What is wrong with each field (its name -> a message); empty when it can be saved.
    ``editing`` is the key of the table edited, None for a new one."""
    problems: dict[str, str] = {}
    for field in FIELDS[section]:
        if field.required and not values.get(field.name, "").strip():
            problems[field.name] = f"{field.label} must not be empty."
    if editing is None and "id" not in problems:
        problems.update(_key_problem(calendar, section, table_key(section, values)))
    if section == PARTICIPANTS:
        typed = values.get("country", "").strip()
        if typed and "country" not in problems:
            try:
                resolve_country(calendar, typed)
            except UsageError as error:
                problems["country"] = _no_country(calendar, str(error))
        return problems
    zone = values.get("timezone", "").strip()
    if zone and find_zone(zone) is None:  # 'asia/dushanbe' is taken, as by `diplocal new`
        hint = did_you_mean(zone, available_zones())
        problems["timezone"] = f'Unknown time zone "{zone}"{hint}; use an IANA name.'
    known = set(ISO_COUNTRIES) | set(calendar.countries)
    wrong = [code for code in split_list(values.get("borders", "")) if code.upper() not in known]
    if wrong:
        problems["borders"] = f"Not ISO 3166-1 alpha-2 codes: {', '.join(wrong)}."
    return problems


def _key_problem(calendar: Calendar, section: str, key: str) -> dict[str, str]:
    if section == PARTICIPANTS:
        if not ID_PATTERN.fullmatch(key):
            return {"id": "Use lower-case letters, digits and -, starting with a letter or digit."}
        if key in calendar.participants:
            return {"id": f'The calendar has a participant "{key}" already: edit it (E).'}
        return {}
    if not COUNTRY_PATTERN.fullmatch(key):
        return {"id": "Use the country's two-letter ISO 3166-1 code, such as TJ."}
    if key in calendar.countries:
        return {"id": f'The calendar has the country "{key}" already: edit it (E).'}
    return {}


def _no_country(calendar: Calendar, why: str) -> str:
    if not calendar.countries:
        return "The calendar has no countries yet: add the country first (N in Countries)."
    return why[:1].upper() + why[1:] + "."


def table_changes(
    calendar: Calendar, section: str, initial: Values, values: Values
) -> tuple[str, Changes]:
    """The table's key and the keys to write: for a new table every filled field, for
    one edited only the fields changed (an emptied optional field removes its key)."""
    new = not initial.get("id")
    key = table_key(section, values) if new else initial["id"]
    changes: dict[str, Any] = {}
    for field in FIELDS[section]:
        if field.name == "id":
            continue
        was, now = initial.get(field.name, ""), values.get(field.name, "")
        if not new and _value(calendar, field, was) == _value(calendar, field, now):
            continue
        value = _value(calendar, field, now)
        if value is not None or not new:
            changes[field.name] = value
    return key, changes


def _value(calendar: Calendar, field: TableField, text: str) -> object:
    """What a field's text writes; None: no key."""
    if field.choices:
        return {"yes": True, "no": False}.get(text)
    if field.listed:
        items = split_list(text)
        if field.name == "borders":
            items = list(dict.fromkeys(item.upper() for item in items))
        return items or None
    if field.name == "timezone" and text.strip():
        return find_zone(text) or text.strip()  # written as the zone's own name
    if field.name == "country" and text.strip():
        try:
            return resolve_country(calendar, text)
        except UsageError:
            return text.strip()
    return text.strip() or None
