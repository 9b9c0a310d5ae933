"""The clock the score fields read typed digits by: "1" then "0" within a second is 10.

A clock, not timers, decides: tests drive a FakeKeyClock by hand and never sleep.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from textual.widget import Widget

TEN_WINDOW_S = 1.0  # "1" then "0" within this is 10; after it the 1 stands and the focus moves on


class KeyClock(Protocol):
    def now(self) -> float:
        """Seconds, monotonic."""
        ...

    def later(
        self, owner: Widget, delay: float, callback: Callable[[], None]
    ) -> Callable[[], None]:
        """Run `callback` after `delay` seconds; returns a function that cancels it."""
        ...


class RealKeyClock:
    """time.monotonic, and a Textual timer for the pause after a lone "1"."""

    def now(self) -> float:
        return time.monotonic()

    def later(
        self, owner: Widget, delay: float, callback: Callable[[], None]
    ) -> Callable[[], None]:
        timer = owner.set_timer(delay, callback)
        return timer.stop


class FakeKeyClock:
    """A clock for tests: time moves only by `advance`, which runs the callbacks that fall due."""

    def __init__(self) -> None:
        self.time = 0.0
        self._due: list[tuple[float, Callable[[], None], list[bool]]] = []

    def now(self) -> float:
        return self.time

    def later(
        self, owner: Widget, delay: float, callback: Callable[[], None]
    ) -> Callable[[], None]:
        alive = [True]
        self._due.append((self.time + delay, callback, alive))

        def cancel() -> None:
            alive[0] = False

        return cancel

    def advance(self, seconds: float) -> None:
        self.time += seconds
        due = [d for d in self._due if d[0] <= self.time]
        self._due = [d for d in self._due if d[0] > self.time]
        for _, callback, alive in due:
            if alive[0]:
                callback()


REAL_KEY_CLOCK = RealKeyClock()
