"""Keys typed ahead land where slow keys land.

A terminal may deliver several keys at once: a fast typist, a paste, a laggy SSH link.
Textual forwards each key to whatever has the focus when the app reads it, but what a key
does (push a dialog, move the focus) takes effect later, in other message queues; the keys
behind it went to the old place (`ckaz` + enter applied the first country, not Kazakhstan).

``TypedAhead`` gives the app one rule for every key: a key is handed on only once the
screen has handled the key before it, that is, once every widget of the screen (and the
app) has worked through what was queued when the key went in, and the screen and the focus
hold still. A key typed slowly never waits; a burst waits a few milliseconds per key.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.widget import Widget

ROUNDS = 8  # a dialog is pushed, composed, mounted and focused in about three
ROUND_TIMEOUT = 1.0  # seconds: a stuck widget holds the next key no longer than this


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
        """Wait until the screen and the focus hold still over one round of every queue."""
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
