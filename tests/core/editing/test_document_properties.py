"""Random sequences of intents and of someone else's edits against the file's one owner.

After every step: the file loads; the header, countries, participants and every comment
are byte for byte as they were (an event's own comment goes and comes back with it);
undo then redo gives back the very bytes; and nothing the "external" side wrote is lost
unless the owner answered with a conflict, or the user changed that event afterwards on a
version that showed their change.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tui.core.editing.document import CalendarDocument, Conflict, Outcome, Result
from tui.core.editing.tables_edit import remove_table
from tui.core.editing.toml_edit import add_event, update_event
from tui.core.loading.load import load_bytes

HEADER = """\
# A calendar for the property test: these comments must survive every step.
[calendar]
title = "Property visit"
timezone = "Asia/Dushanbe"

[countries.TJ] # the host
name = "Tajikistan"
capital = "Dushanbe"

[participants.rahmon]
name = "Emomali Rahmon"
country = "TJ"

# --- Day one ---
"""
GUEST = "guest"  # the participant the user adds and renames
EVENTS = ("alpha", "beta", "gamma", "delta")
START = datetime(2025, 10, 9, 9)


def event_table(event_id: str, hour: int) -> str:
    return (
        f'\n# about {event_id}\n[[events]]\nid = "{event_id}"\ntitle = "{event_id.title()}"\n'
        f"start = {START + timedelta(hours=hour):%Y-%m-%dT%H:%M:%S}  # local time\n"
        'participants = ["rahmon"]\n'
    )


TEXT = HEADER + "".join(event_table(e, n) for n, e in enumerate(EVENTS))
TITLES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1)
TITLES = TITLES.filter(lambda t: t.strip() != "").map(lambda t: t[:20])


class OwnerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="diplocal-owner-"))
        self.path = self.folder / "cal.toml"
        self.path.write_text(TEXT, encoding="utf-8")
        ticks = iter(range(1_000_000))
        clock = lambda: datetime(2026, 12, 1, tzinfo=UTC) + timedelta(seconds=next(ticks))  # noqa: E731
        self.document = CalendarDocument.open(self.path, clock=clock)
        self.theirs: dict[str, str] = {}  # event id -> the title someone else gave it
        self.comments: list[str] = []  # comment lines someone else added
        self.added = 0
        self.pending: Conflict | None = None

    def teardown(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- the user, through the owner ----------------------------------------------------
    def ids(self) -> list[str]:
        return [e.id for e in self.document.calendar.events]

    def did(self, outcome: Outcome) -> None:
        """Check that no title someone else wrote was lost without a conflict."""
        assert outcome.result is not Result.BROKEN, outcome.message
        if outcome.conflict is not None:
            self.pending = outcome.conflict
        text = self.path.read_text(encoding="utf-8")
        shown = {e.id: e.title for e in load_bytes(text.encode(), "x").calendar.events}
        for event_id, title in list(self.theirs.items()):
            if shown.get(event_id) == title:
                continue
            chosen = outcome.result is Result.SAVED and ("events", event_id) in outcome.changed
            assert chosen and self.seen.get(event_id) == title, (event_id, title, outcome)
            del self.theirs[event_id]  # the user changed it over a version that showed it

    def before(self) -> None:
        self.seen = {e.id: e.title for e in self.document.calendar.events}

    @rule(title=TITLES)
    def add(self, title: str) -> None:
        self.before()
        self.added += 1
        start = START + timedelta(days=1, hours=self.added)
        self.did(self.document.add({"title": title, "start": start}))

    @rule(data=st.data(), title=TITLES)
    def retitle(self, data: st.DataObject, title: str) -> None:
        if self.ids():
            self.before()
            self.did(self.document.update(data.draw(st.sampled_from(self.ids())), {"title": title}))

    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        if self.ids():
            self.before()
            self.did(self.document.cancel(data.draw(st.sampled_from(self.ids()))))

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        if self.ids():
            self.before()
            self.did(self.document.delete(data.draw(st.sampled_from(self.ids()))))

    @rule(name=TITLES, country=st.sampled_from(["TJ", "XX"]))
    def set_guest(self, name: str, country: str) -> None:
        """A participant added or renamed (an unknown country is refused, nothing written)."""
        self.before()
        outcome = self.document.set_participant(GUEST, {"name": name, "country": country})
        self.did(outcome)
        if country == "XX":
            assert outcome.result is not Result.SAVED

    @rule()
    def undo(self) -> None:
        self.before()
        self.did(self.document.undo())

    @rule()
    def redo(self) -> None:
        self.before()
        self.did(self.document.redo())

    @precondition(lambda self: self.document.undo_description is not None)
    @rule()
    def undo_then_redo(self) -> None:
        before = self.path.read_bytes()
        self.before()
        undone = self.document.undo()
        self.did(undone)
        if undone.result is Result.SAVED:
            self.before()
            redone = self.document.redo()
            self.did(redone)
            assert redone.result is Result.SAVED, redone.message
            assert self.path.read_bytes() == before

    @precondition(lambda self: self.pending is not None)
    @rule(mine=st.booleans())
    def resolve(self, mine: bool) -> None:
        conflict, self.pending = self.pending, None
        assert conflict is not None
        untouched = self.path.read_text(encoding="utf-8") == conflict.theirs
        self.before()
        outcome = self.document.resolve(conflict, "mine" if mine else "theirs")
        self.did(outcome)
        if untouched:  # what the conflict showed is exactly what is written
            wanted = conflict.mine if mine and conflict.mine is not None else conflict.theirs
            assert self.path.read_text(encoding="utf-8") == wanted

    @rule()
    def reload(self) -> None:
        self.before()
        self.did(self.document.reload())

    # --- someone else, in their editor -------------------------------------------------
    @rule(data=st.data(), title=TITLES)
    def their_retitle(self, data: st.DataObject, title: str) -> None:
        text = self.path.read_text(encoding="utf-8")
        ids = [e.id for e in load_bytes(text.encode(), "x").calendar.events]
        if ids:
            event_id = data.draw(st.sampled_from(ids))
            self.added += 1  # a location of their own: never byte for byte a version of ours
            changes = {"title": title, "location": f"their place {self.added}"}
            self.path.write_text(update_event(text, event_id, changes), encoding="utf-8")
            self.theirs[event_id] = title

    @rule(title=TITLES)
    def their_event(self, title: str) -> None:
        text = self.path.read_text(encoding="utf-8")
        self.added += 1
        event_id = f"theirs-{self.added}"
        start = START + timedelta(days=2, hours=self.added)
        values = {"id": event_id, "title": title, "start": start}
        self.path.write_text(add_event(text, values), encoding="utf-8")
        self.theirs[event_id] = title

    @rule()
    def their_comment(self) -> None:
        line = f"# their note {len(self.comments)}"
        with self.path.open("a", encoding="utf-8") as file:
            file.write(f"{line}\n")
        self.comments.append(line)

    # --- after every step --------------------------------------------------------------
    @invariant()
    def the_file_loads_and_keeps_its_comments(self) -> None:
        text = self.path.read_text(encoding="utf-8")
        calendar = load_bytes(text.encode(), "x").calendar
        if GUEST in calendar.participants:  # the one table the user may add: the rest stays
            text = remove_table(text, "participants", GUEST)
        assert text.startswith(HEADER)  # header, country, participant, comments: untouched
        for line in self.comments:
            assert line in text.splitlines()
        present = {e.id for e in calendar.events}
        for event_id in EVENTS:
            if event_id in present:
                assert f'# about {event_id}\n[[events]]\nid = "{event_id}"' in text
                assert f"start = {START:%Y-%m-%d}" in text and "# local time" in text


OwnerMachine.TestCase.settings = settings(
    max_examples=60,  # a lost update (no conflict check) is found within these
    stateful_step_count=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # explain: minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_the_owner_never_loses_a_change = OwnerMachine.TestCase
