"""The ``digibridge`` console command.

Django's management commands and the platform's own (``digibridge serve``, ``digibridge demo``,
``digibridge match-reindex``, ...) run through Django. The pure cores' commands
(``digibridge schedule``, ``digibridge match-eval``) start without Django, so they stay fast
and work on files outside any database.
"""

from __future__ import annotations

import os
import sys

PURE_COMMANDS = {
    "schedule": "digibridge.scheduling.cli",
    "match-eval": "digibridge.matching.engine.evaluation",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in PURE_COMMANDS:
        from importlib import import_module

        return int(import_module(PURE_COMMANDS[argv[0]]).main(argv[1:]) or 0)
    if argv and argv[0] == "serve":
        from digibridge.config.math_threads import one_thread_per_request

        one_thread_per_request()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibridge.config.settings")
    from django.core.management import execute_from_command_line

    if argv and argv[0] in ("-h", "--help"):
        argv = ["help"]
    execute_from_command_line(["digibridge", *argv])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
