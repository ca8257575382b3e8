"""Keys typed ahead land where slow keys land.

A terminal may deliver several keys at once: a fast typist, a paste, a laggy SSH link.
Textual forwards each key to whatever has the focus when the app reads it, but what a key
does (push a dialog, move the focus) takes effect later, in other message queues; the keys
behind it went to the old place (`ckaz` + enter applied the first country, not Kazakhstan).

``TypedAhead`` gives the app one rule for every key: a key is handed on only once the
screen has handled the key before it, that is, once every widget of the screen (and the
app) has worked through what was queued when the key went in, and the screen and the focus
hold still. A key typed slowly never waits; a burst waits a few milliseconds per key.

A screen whose key set off work in a thread says so (``holds_keys``: a form saving): the
keys typed meanwhile wait until it is done, and land where its outcome leaves them (the
main screen once the form closed, the form again when the save was refused). Before, they
were typed into a form whose save had already taken its fields, and lost when it closed.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.widget import Widget

ROUNDS = 8  # a dialog is pushed, composed, mounted and focused in about three
ROUND_TIMEOUT = 1.0  # seconds: a stuck widget holds the next key no longer than this
HOLD_LIMIT = 10.0  # seconds a screen's work (a save on a slow disk) may hold the keys
HOLD_STEP = 0.01  # seconds between two looks at whether it is done


class TypedAhead:
    """Hands an app's keys to ``dispatch`` one at a time, each once the last has landed."""

    def __init__(self, app: App[None], dispatch: Callable[[events.Key], Awaitable[None]]):
        self._app = app
        self._dispatch = dispatch
        self._held: deque[events.Key] = deque()
        self._busy = False

    async def key(self, key: events.Key) -> None:
        """A key from the terminal: handed on now, or after the ones before it have landed."""
        if self._busy:
            self._held.append(key)
            return
        self._busy = True
        if self._screen_holds_keys():
            self._held.append(key)
        else:
            await self._hand_on(key)
        # The rest runs beside the app's own message loop, which must go on to handle
        # what this key set off.
        asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        try:
            await self._settled()
            while self._held:
                await self._hand_on(self._held.popleft())
                await self._settled()
        except Exception as error:  # the app's own error handling, as for any handler
            self._held.clear()
            self._app._handle_exception(error)
        finally:
            self._busy = False

    async def _hand_on(self, key: events.Key) -> None:
        """Dispatch a key, unless the app is closing: its screens may be gone already and a
        key has nowhere to land ("No screens on stack"), so it and those behind it are dropped."""
        if not self._app.is_running or not self._app.screen_stack:
            self._held.clear()
            return
        await self._dispatch(key)

    async def _settled(self) -> None:
        """Wait until the screen and the focus hold still over one round of every queue,
        and until the screen no longer holds the keys (then until it holds still again)."""
        await self._still()
        if await self._held_by_the_screen():
            await self._still()

    def _screen_holds_keys(self) -> bool:
        return getattr(self._app.screen, "holds_keys", False) is True

    async def _held_by_the_screen(self) -> bool:
        """Wait while the screen holds the keys, ``HOLD_LIMIT`` at most; whether it did."""
        began = time.monotonic()
        waited = False
        while self._app.is_running and self._screen_holds_keys():
            if time.monotonic() - began >= HOLD_LIMIT:
                break
            waited = True
            await asyncio.sleep(HOLD_STEP)
        return waited

    async def _still(self) -> None:
        for _ in range(ROUNDS):
            if not self._app.is_running:
                return
            screen, focused = self._app.screen, self._app.focused
            await self._one_round()
            app = self._app
            if app.is_running and app.screen is screen and app.focused is focused and self._idle():
                return

    def _pumps(self) -> list[MessagePump]:
        return [self._app, *self._app.screen.walk_children(with_self=True)]

    def _idle(self) -> bool:
        """Nothing is queued anywhere: what the key set off has been handled, message after
        message (a key, the widget's message, its bubbling to the screen, a focus call)."""
        pumps = self._pumps()
        mounted = all(pump.is_mounted for pump in pumps[1:] if isinstance(pump, Widget))
        return (
            mounted
            and all(pump._message_queue.empty() for pump in pumps)
            and not any(
                # A search the screen runs in an async worker (the command palette's) decides
                # what enter picks; thread workers (the file follower) run for the whole session.
                worker.is_running and not worker._thread_worker and worker.node in pumps
                for worker in self._app.workers
            )
        )

    async def _one_round(self) -> None:
        """Every queue of the app and its screen has handled what it held when this began,
        and the screen has refreshed once."""
        done = asyncio.Event()
        waiting = 0

        def one_done() -> None:
            nonlocal waiting
            waiting -= 1
            if waiting == 0:
                done.set()

        screen = self._app.screen
        for pump in self._pumps():
            if pump.call_later(one_done):
                waiting += 1
        # Focus often moves after the next refresh (`call_after_refresh`): wait for it too.
        if screen.call_after_refresh(one_done):
            waiting += 1
        if waiting:
            # The next key goes on after a while: a slow widget must not freeze the keyboard.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), ROUND_TIMEOUT)
