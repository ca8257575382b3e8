"""`agenda --format json|csv|markdown` and `brief`, each parsed back by a standard parser
(json, csv, markdown-it-py, html.parser) and checked field by field against the calendar;
hostile text per format; `--from now` on fixed clocks."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tomli_w
from markdown_it import MarkdownIt

from tests.conftest import ROOT, WriteCalendar
from tests.core.test_hostile_text import HOSTILE, RAW_CONTROL, with_text_everywhere
from tui.cli import main
from tui.core.export.agenda_records import CSV_COLUMNS, SCHEMA, SCHEMA_VERSION
from tui.core.export.text_safety import csv_cell
from tui.core.icc import icc_reasons
from tui.core.loading.load import bundled_calendar, load_calendar
from tui.core.model import Calendar
from tui.core.text import one_line, printable
from tui.core.views.filter import ZoneMode
from tui.core.views.index import CalendarIndex
from tui.core.views.time_words import EN_DASH, day_heading
from tui.core.zones import get_zone

BUNDLED = str(bundled_calendar())
# Every hazard of every format at once: controls and bidi, table and CSV separators,
# quotes, a newline, HTML, Markdown emphasis and links, Rich markup, an entity.
MEAN = (
    HOSTILE + "|a,b \"q\" 's'\n<script>alert(1)</script> *x* _y_ `z` [bold] "
    "[@click=app.quit] [l](javascript:alert(1)) &amp; # h"
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def calendar() -> Calendar:
    return load_calendar(bundled_calendar()).calendar


def at_utc(moment: datetime | date) -> str:
    assert isinstance(moment, datetime)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- JSON ------------------------------------------------------------------------------
def test_json_holds_every_event_field_by_field(calendar: Calendar) -> None:
    code, out, err = run("agenda", BUNDLED, "--format", "json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert (document["schema"], document["version"]) == (SCHEMA, SCHEMA_VERSION)
    assert document["calendar"]["id"] == calendar.id
    records = {r["id"]: r for r in document["events"]}
    assert list(records) == [e.id for e in calendar.events]
    index = CalendarIndex(calendar)
    for event in calendar.events:
        record = records[event.id]
        assert record["title"] == event.title
        assert (record["status"], record["kind"]) == (event.status.value, event.kind.value)
        assert record["location"] == event.location and record["host"] == event.host
        assert record["sources"] == list(event.sources)
        assert record["countries"] == sorted(index.countries_for(event))
        assert record["icc"] == icc_reasons(calendar, event)
        assert [p["id"] for p in record["participants"]] == list(event.participants)
        for person in record["participants"]:
            known = calendar.participants[person["id"]]
            assert (person["name"], person["title"]) == (known.name, known.title)
        assert record["part_of_day"] == [p.value for p in event.part_of_day]
        assert record["time_not_announced"] == event.time_not_announced
        assert (record["start_estimated"], record["end_estimated"]) == (
            event.start_estimated,
            event.end_estimated,
        )
        if event.dated:
            assert record["start_utc"] is None and record["start_date"] == str(event.start)
        else:
            assert record["start_utc"] == at_utc(event.start)
            # The venue's time is the same instant, with the venue's offset.
            venue = datetime.fromisoformat(record["start_venue"])
            assert venue == event.start and venue.utcoffset() == event.start.utcoffset()
            assert record["timezone"] == event.timezone
        if event.under_way_at is not None:
            assert record["under_way_at_utc"] == at_utc(event.under_way_at)


def test_json_instants_of_the_welcome_and_an_open_end(calendar: Calendar) -> None:
    records = {
        r["id"]: r for r in json.loads(run("agenda", BUNDLED, "--format", "json")[1])["events"]
    }
    welcome = records["official-welcome"]
    assert welcome["start_utc"] == "2025-10-09T06:00:00Z"
    assert welcome["start_venue"] == "2025-10-09T11:00:00+05:00"
    assert welcome["end_venue"] == "2025-10-09T11:55:00+05:00" and welcome["end_estimated"]
    aliyev = records["putin-aliyev"]  # from about 16:30, its end never given
    assert aliyev["end_utc"] is None and aliyev["end_given"] is False
    assert aliyev["start_estimated"] and aliyev["when"] == "from ≈16:30"


# --- CSV -------------------------------------------------------------------------------
def test_csv_one_row_per_event_rfc_4180(calendar: Calendar) -> None:
    code, out, _ = run("agenda", BUNDLED, "--format", "csv")
    assert code == 0
    assert out.endswith("\r\n") and "\n" not in out.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["id"] for r in body] == [e.id for e in calendar.events]
    for event, row in zip(calendar.events, body, strict=True):
        assert row["title"] == event.title and row["location"] == event.location
        assert row["participants"] == "; ".join(
            calendar.participants[p].name for p in event.participants
        )
        assert row["start_utc"] == ("" if event.dated else at_utc(event.start))
        assert row["all_day"] == str(event.all_day).lower()


# --- Markdown --------------------------------------------------------------------------
def markdown_days(text: str) -> dict[str, list[str]]:
    """Day heading -> the plain text of each list item under it."""
    tokens = MarkdownIt("commonmark").parse(text)
    days: dict[str, list[str]] = {}
    current = ""
    for n, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            current = tokens[n + 1].content
            days[current] = []
        elif token.type == "list_item_open":
            inline = tokens[n + 2]
            assert inline.children is not None
            days[current].append("".join(c.content for c in inline.children))
    return days


def test_markdown_a_heading_per_day_an_item_per_event(calendar: Calendar) -> None:
    code, out, _ = run("agenda", BUNDLED, "--format", "markdown")
    assert code == 0
    days = markdown_days(out)
    index = CalendarIndex(calendar)
    by_day = index.by_day(ZoneMode.EVENT, get_zone("UTC"))
    assert list(days) == [day_heading(d) for d in by_day]
    for day, events in by_day.items():
        items = days[day_heading(day)]
        assert len(items) == len(events)
        for item, event in zip(items, events, strict=True):
            assert event.title in item and event.kind.value in item
            assert ("⚖ ICC" in item) == bool(icc_reasons(calendar, event))


# --- the brief -------------------------------------------------------------------------
class Page(HTMLParser):
    """What a brief's HTML holds: text by tag, and every tag that was opened."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str | None] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.stack.append(tag)
        self.links += [value for name, value in attrs if name == "href"]
        if tag in ("h2", "h3", "li"):
            self.text.setdefault(tag, []).append("")

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        for tag in ("h2", "h3", "li"):
            if tag in self.stack:
                self.text[tag][-1] += data
                break


def parsed(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_brief_html_one_section_per_day_with_people_and_sources(calendar: Calendar) -> None:
    code, out, _ = run("brief", BUNDLED, "--tz", "Europe/Moscow")
    assert code == 0
    page = parsed(out)
    index = CalendarIndex(calendar)
    by_day = index.by_day(ZoneMode.EVENT, get_zone("UTC"))
    assert page.text["h2"] == [f"Day {n}: {day_heading(d)}" for n, d in enumerate(by_day, 1)]
    titles = [t.rstrip("0123456789[]") for t in page.text["h3"]]
    assert titles == [e.title for events in by_day.values() for e in events]
    people = set(page.text["li"])
    for event in calendar.events:
        for pid in event.participants:
            person = calendar.participants[pid]
            assert any(item.startswith(f"{person.name}, {person.title}") for item in people)
        for source in event.sources:
            assert source in people
    assert "@media print" in out and "break-after: page" in out
    assert "script" not in page.tags
    # Dushanbe (UTC+5), then Moscow (UTC+3).
    assert f"11:00{EN_DASH}≈11:55" in out and f"(09:00{EN_DASH}≈09:55)" in out


def test_brief_one_day_by_number_or_date_and_markdown(tmp_path: Path) -> None:
    assert parsed(run("brief", BUNDLED, "--day", "2")[1]).text["h2"] == [
        "Day 2: Thursday 9 October 2025"
    ]
    target = tmp_path / "brief.md"
    code, out, err = run("brief", BUNDLED, "--day", "2025-10-10", "-o", str(target))
    assert (code, out) == (0, "") and "wrote a brief of 1 day(s) (markdown)" in err
    tokens = MarkdownIt("commonmark").parse(target.read_text(encoding="utf-8"))
    h2 = [tokens[n + 1].content for n, t in enumerate(tokens) if t.tag == "h2" and t.nesting == 1]
    assert h2 == ["Day 3: Friday 10 October 2025"]
    assert not list(tmp_path.glob(".*"))  # the atomic write left no temporary file


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--day", "9"], "--day 9: the calendar has days 1 to 3"),
        (["--day", "2025-10-11"], "--day 2025-10-11: no events that day"),
        (["--day", "Thursday"], "neither a date"),
        (["--tz", "Mars/Olympus"], "unknown time zone"),
    ],
)
def test_brief_usage_errors(argv: list[str], message: str) -> None:
    code, out, err = run("brief", BUNDLED, *argv)
    assert (code, out) == (2, "") and message in err and "Traceback" not in err


def test_brief_refuses_to_replace_the_calendar(write_calendar: WriteCalendar) -> None:
    path = write_calendar()
    before = path.read_bytes()
    code, _, err = run("brief", str(path), "-o", str(path))
    assert code == 2 and "is the calendar being read" in err and "--force" in err
    assert path.read_bytes() == before


# --- hostile text ----------------------------------------------------------------------
@pytest.fixture
def hostile(write_calendar: WriteCalendar) -> Path:
    return write_calendar(tomli_w.dumps(with_text_everywhere(MEAN)))


def test_hostile_json_is_exact_and_escaped(hostile: Path) -> None:
    code, out, _ = run("agenda", str(hostile), "--format", "json")
    assert code == 0
    assert not RAW_CONTROL.search(out)
    assert "<script>" not in out and "\u202e" not in out
    events = json.loads(out)["events"]
    assert {e["title"] for e in events} == {f"t{MEAN}"}  # the text itself, exactly
    assert events[0]["participants"][0]["title"] == MEAN


def test_hostile_csv_quotes_and_shows_controls(hostile: Path) -> None:
    code, out, _ = run("agenda", str(hostile), "--format", "csv")
    assert code == 0 and not RAW_CONTROL.search(out)
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 3  # the header and two events, however many commas and newlines
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["title"] == printable(f"t{MEAN}", limit=None)
    assert row["location"] == csv_cell(MEAN)


def test_a_formula_in_a_csv_cell_is_defused(write_calendar: WriteCalendar) -> None:
    document = with_text_everywhere("x")
    document["events"][0]["location"] = '=HYPERLINK("http://x","y")'
    code, out, _ = run("agenda", str(write_calendar(tomli_w.dumps(document))), "--format", "csv")
    row = dict(zip(*list(csv.reader(io.StringIO(out, newline="")))[:2], strict=True))
    assert code == 0 and row["location"] == '\'=HYPERLINK("http://x","y")'


def rendered_tags(html: str) -> list[str]:
    return parsed(html).tags


def test_hostile_markdown_renders_as_the_text_itself(hostile: Path) -> None:
    code, out, _ = run("agenda", str(hostile), "--format", "markdown")
    assert code == 0 and not RAW_CONTROL.search(out)
    html = MarkdownIt("commonmark").render(out)
    # Only the structure the writer made: no script, link, emphasis or code from the text.
    assert set(rendered_tags(html)) <= {"h1", "h2", "p", "ul", "li", "strong"}
    items = [i for items in markdown_days(out).values() for i in items]
    assert all(one_line(f"t{MEAN}", limit=None) in item for item in items)
    heading = MarkdownIt("commonmark").parse(out)[1].children
    assert heading is not None
    assert "".join(c.content for c in heading) == one_line(f"t{MEAN}", limit=None)


def test_hostile_brief_html_and_markdown(hostile: Path) -> None:
    code, out, _ = run("brief", str(hostile))
    assert code == 0 and not RAW_CONTROL.search(out)
    page = parsed(out)
    assert "script" not in page.tags
    # Only the notes' own anchors: the hostile source is no address, so it is no link.
    assert page.links and all(link and link.startswith("#d") for link in page.links)
    assert printable(f"t{MEAN}", limit=None) in page.text["h3"][0]
    code, out, _ = run("brief", str(hostile), "--format", "markdown")
    assert code == 0 and not RAW_CONTROL.search(out)
    tags = set(rendered_tags(MarkdownIt("commonmark").render(out)))
    assert tags <= {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong"}


# --- --from and --days -----------------------------------------------------------------
@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The instant `--from now` reads; a test sets ``clock[0]``."""
    instant = [datetime(2025, 10, 9, 7, tzinfo=UTC)]
    monkeypatch.setattr("tui.cli.agenda.current_time", lambda: instant[0])
    return instant


def listed_ids(out: str) -> list[str]:
    return [e["id"] for e in json.loads(out)["events"]]


def test_from_now_before_during_and_after(calendar: Calendar, clock: list[datetime]) -> None:
    clock[0] = datetime(2025, 10, 1, tzinfo=UTC)  # before: everything, and how long to wait
    code, out, err = run("agenda", BUNDLED, "--from", "now", "--format", "json")
    assert code == 0 and listed_ids(out) == [e.id for e in calendar.events]
    assert "diplocal: the calendar starts in 6 days" in err
    clock[0] = datetime(2025, 10, 9, 7, tzinfo=UTC)  # 12:00 in Dushanbe, Thursday
    code, out, err = run("agenda", BUNDLED, "--from", "now", "--format", "json")
    ids = listed_ids(out)
    assert (code, err) == (0, "")
    assert "official-welcome" not in ids  # over at 11:55
    assert ids[0] == "ru-tj-talks"  # under way
    assert "putin-arrival" not in ids and "cis-summit" in ids
    # An event with no time announced lasts, as far as anyone knows, all its day.
    assert "ru-tj-documents" in ids
    clock[0] = datetime(2026, 12, 7, tzinfo=UTC)  # after
    code, out, err = run("agenda", BUNDLED, "--from", "now")
    assert (code, out) == (0, "No events match.\n")
    assert "diplocal: the calendar ended 1 year ago" in err


def test_from_now_for_a_number_of_days(clock: list[datetime]) -> None:
    clock[0] = datetime(2025, 10, 8, 12, tzinfo=UTC)  # 17:00 Wednesday in Dushanbe
    code, out, _ = run("agenda", BUNDLED, "--from", "now", "--days", "2", "--format", "json")
    days = {d for e in json.loads(out)["events"] for d in e["days"]}
    assert code == 0 and days == {"2025-10-08", "2025-10-09"}


def test_from_a_date_for_one_day() -> None:
    code, out, _ = run("agenda", BUNDLED, "--from", "2025-10-10", "--days", "1", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out, newline="")))[1:]
    assert code == 0 and {r[1] for r in rows} == {"2025-10-10"} and len(rows) == 5
    code, out, _ = run("agenda", BUNDLED, "--from", "2025-10-10")
    assert code == 0 and "Friday 10 October 2025" in out and "Thursday" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "tomorrow"], 'neither "now" nor a date'),
        (["--days", "0"], "not a number of days"),
        (["--days", "-3"], "not a number of days"),
        (["--format", "xml"], "invalid choice"),
    ],
)
def test_agenda_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run("agenda", BUNDLED, *argv)
    err += capsys.readouterr().err  # argparse writes its own errors to sys.stderr
    assert (code, out) == (2, "") and message in err and "Traceback" not in err


@pytest.mark.slow
def test_installed_command_writes_json_with_the_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "agenda", BUNDLED, "--format", "json", "--days", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["version"] == SCHEMA_VERSION
    assert {d for e in document["events"] for d in e["days"]} == {"2025-10-08"}


def test_the_readme_documents_every_json_field() -> None:
    """Each field of an event record is in the README's schema table, and only those."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Agenda as JSON") : readme.index("### The brief")]
    table = {
        name
        for line in section.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([a-z_]+)`", line.split(" | ")[0])
    }
    document = json.loads(run("agenda", BUNDLED, "--format", "json")[1])
    fields = set(document["events"][0]) | {"window"}
    assert table == fields


def test_days_alone_start_on_the_first_chosen_day() -> None:
    """Only Azerbaijan's events, one day from its first (9 October), in UTC."""
    argv = ["--country", "AZ", "--days", "1", "--tz", "utc", "--format", "json"]
    code, out, _ = run("agenda", BUNDLED, *argv)
    document = json.loads(out)
    assert code == 0 and document["window"]["first_day"] == "2025-10-09"
    assert document["window"]["times"] == "UTC"
    assert [e["id"] for e in document["events"]] == ["putin-aliyev"]
