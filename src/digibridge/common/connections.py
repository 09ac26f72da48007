"""Who has connected with whom. Apps that create connections (accepted meetings) register a
checker here, so the directory can reveal contact details without importing those apps."""

from __future__ import annotations

from collections.abc import Callable

_checkers: list[Callable[[int, int], bool]] = []


def register_connection_checker(checker: Callable[[int, int], bool]) -> None:
    if checker not in _checkers:
        _checkers.append(checker)


def users_connected(user_a: int, user_b: int) -> bool:
    return any(checker(user_a, user_b) for checker in _checkers)
