"""A dialog whose work runs in one worker at a time (a preview, then a write): how it ends
is handed to the dialog, so the worker's bookkeeping is written once."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

ResultType = TypeVar("ResultType")


class WorkerModal(ModalScreen[ResultType]):
    """``running`` is the worker the dialog waits on; when it ends, its result goes to
    ``succeeded`` and its error to ``failed``. Other workers' ends are not its concern."""

    running: Worker[Any] | None = None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        ended = event.state in (WorkerState.SUCCESS, WorkerState.ERROR)
        if event.worker is not self.running or not ended:
            return
        self.running = None
        if event.state is WorkerState.SUCCESS:
            self.succeeded(event.worker.result)
        else:
            self.failed(event.worker.error)

    def succeeded(self, result: object) -> None:
        raise NotImplementedError

    def failed(self, error: BaseException | None) -> None:
        raise NotImplementedError
