"""Everything the platform holds about one user, as JSON-ready data (the right of access).

Generic: it walks the models of the platform's apps for relations to the user and to the
user's directory entries, so a model added later is exported without touching this file.

* **About you**: rows that point to you through a relation that cannot outlive you (a
  CASCADE foreign key: your registrations, notifications, memberships, consent records, ...)
  are exported whole, and so are the rows that hang off them in turn (the meeting requests,
  meetings, seats and outcomes of your registrations), up to ``DEPTH`` steps.
* **By you**: rows that merely name you as their author (``created_by``, ``sender``, an audit
  entry's ``actor``: foreign keys that are set to NULL when you go) are exported whole too
  (the messages you wrote, the opportunities you created), except rows about another person
  (a model with a relation to a directory person or a registration, such as a registration you
  made for a colleague): those are listed by reference only, so that nobody receives someone
  else's data through this export.
* Audit entries about any row exported as "about you".

Never exported: secrets (fields whose name says password, token, secret, hash or key), the
content of uploaded files (their names are).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

FORMAT = "digibridge-personal-data/1"
DEPTH = 3
SECRET_MARKERS = ("password", "token", "secret", "hash", "key")
APP_PREFIX = "digibridge."


def _platform_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.app_config.name.startswith(APP_PREFIX)]


def _value(field, obj):
    value = field.value_from_object(obj)
    if isinstance(field, models.FileField):
        return value.name if value else ""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if value is not None and not isinstance(value, str | int | float | bool | list | dict):
        # A field with its own Python type (several countries): its serialised form.
        return field.value_to_string(obj)
    return value


def _is_secret(name: str) -> bool:
    return any(marker in name.lower() for marker in SECRET_MARKERS)


def _row(obj, relation: str) -> dict:
    data = {"id": obj.pk, "relation": relation}
    for field in obj._meta.concrete_fields:
        if field.primary_key or _is_secret(field.name):
            continue
        key = field.attname if field.is_relation else field.name
        data[key] = _value(field, obj)
    return data


def _links_to(target: type[models.Model]):
    """(model, field) for every foreign key / one-to-one of a platform model to ``target``."""
    for model in _platform_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is target:
                yield model, field


def _m2m_to(target: type[models.Model]):
    for model in _platform_models():
        for field in model._meta.local_many_to_many:
            if field.related_model is target:
                yield model, field


def _about_people(model: type[models.Model]) -> bool:
    """Rows of this model describe a particular person (so may be someone else's)."""
    person = apps.get_model("directory", "Person")
    registration = apps.get_model("events", "Registration")
    return any(
        f.is_relation and f.related_model in (person, registration)
        for f in model._meta.concrete_fields
    ) or model in (person, registration)


def _add_through_owners(about: dict[str, dict[int, dict]], add_about) -> None:
    """Your rows of a many-to-many "through" model (a meeting seat) bring the row they join
    you to (the meeting)."""
    for model in _platform_models():
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            rows = about.get(through._meta.label_lower)
            if not rows or through._meta.auto_created:
                continue
            link = next(
                f
                for f in through._meta.concrete_fields
                if f.is_relation and f.related_model is model
            )
            ids = {row[link.attname] for row in rows.values()}
            for obj in model._default_manager.filter(pk__in=ids):
                add_about(obj, m2m.name)


def personal_data(*, user) -> dict:
    """The export of ``user``; see the module docstring for what is in it."""
    User = get_user_model()
    Person = apps.get_model("directory", "Person")
    AuditEntry = apps.get_model("accounts", "AuditEntry")

    about: dict[str, dict[int, dict]] = defaultdict(dict)
    references: list[dict] = []
    seen_by: set[tuple[str, int]] = set()

    def add_about(obj, relation: str) -> bool:
        label = obj._meta.label_lower
        if obj.pk in about[label]:
            return False
        about[label][obj.pk] = _row(obj, relation)
        return True

    add_about(user, "you")
    people = list(Person.objects.filter(user_id=user.pk))
    for person in people:
        add_about(person, "your directory entry")

    frontier: list[tuple[type[models.Model], list[int]]] = [
        (User, [user.pk]),
        (Person, [p.pk for p in people]),
    ]
    for depth in range(DEPTH):
        next_frontier: dict[type[models.Model], list[int]] = defaultdict(list)
        for target, ids in frontier:
            for model, field in _links_to(target):
                if model is Person and target is User:
                    continue  # the directory entries, exported above
                cascade = field.remote_field.on_delete is models.CASCADE
                authored = target is User and not cascade  # created_by, sender, actor, ...
                for obj in model._default_manager.filter(**{f"{field.name}__in": ids}):
                    if authored and _about_people(model):
                        key = (obj._meta.label_lower, obj.pk)
                        if key not in seen_by:
                            seen_by.add(key)
                            references.append(
                                {"model": key[0], "id": obj.pk, "relation": field.name}
                            )
                    elif add_about(obj, field.name) and cascade and not authored:
                        next_frontier[model].append(obj.pk)
            if depth == 0:
                for model, field in _m2m_to(target):
                    for obj in model._default_manager.filter(**{f"{field.name}__in": ids}):
                        add_about(obj, field.name)
        frontier = [(model, ids) for model, ids in next_frontier.items() if ids]
    _add_through_owners(about, add_about)

    # Audit entries about what was exported as yours (those *by* you came in above).
    wanted = {(label, str(pk)) for label, rows in about.items() for pk in rows}
    labels = {label for label, _pk in wanted}
    for entry in AuditEntry.objects.filter(object_type__in=labels):
        if (entry.object_type, entry.object_id) in wanted:
            add_about(entry, "about you")

    return {
        "format": FORMAT,
        "generated_at": timezone.now().isoformat(),
        "user": user.pk,
        "people": [p.pk for p in people],
        "data": {
            label: sorted(rows.values(), key=lambda r: r["id"])
            for label, rows in sorted(about.items())
        },
        "references": sorted(
            (r for r in references if r["id"] not in about.get(r["model"], {})),
            key=lambda r: (r["model"], r["id"]),
        ),
    }
