"""Meeting-schedule optimiser: places accepted 1:1 (or small group) meeting requests into
time slots and tables. Pure Python (no Django), used by the events capability.

Typical use::

    from digibridge.scheduling import parse_instance, solve, validate_schedule

    instance = parse_instance(data)          # raises InstanceError("path: message")
    result = solve(instance, time_limit=10, seed=0)
    assert validate_schedule(instance, result) == []
    result.to_dict()                         # {"assignments", "unscheduled", "stats"}

See docs/scheduling.md for the model, method and upper bound.
"""

from .core import Result
from .model import Instance, InstanceError, Meeting, Participant, Placement, Slot, parse_instance
from .solver import solve
from .validate import schedule_metrics, validate_schedule

__all__ = [
    "Instance",
    "InstanceError",
    "Meeting",
    "Participant",
    "Placement",
    "Result",
    "Slot",
    "parse_instance",
    "schedule_metrics",
    "solve",
    "validate_schedule",
]
