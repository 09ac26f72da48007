"""Rows to JSON Lines and back, on top of Django's serializers (the ones dumpdata and loaddata use).

Two differences from Django's own ``jsonl`` format make an archive stable and fast:

* Primary keys are kept for every exported model, and foreign keys to exported models are
  written as ids; only references to rows the archive does not carry (``auth.Permission``,
  ``contenttypes.ContentType``, which every instance creates itself when it migrates) are
  written as natural keys, so they resolve to whatever ids the target instance gave them.
* Many-to-many fields are not written inside their model: their through tables are exported
  as models of their own (ids included), so reading them costs no query per row.

Reading takes a model registry, so that rows are built from the *historical* models of the
archive's migration state when a restore loads an older archive before migrating it forward.
Rows are inserted in batches with ``raw=True``, as ``loaddata`` saves them: ``auto_now`` and
``auto_now_add`` fields keep the archived values.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from django.apps import apps as global_apps
from django.core.serializers import base
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Deserializer as JsonlDeserializer
from django.core.serializers.jsonl import Serializer as JsonlSerializer
from django.db import connections
from django.db.models import Model

BATCH = 500


class FullPrecisionEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; an archive keeps the microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ArchiveSerializer(JsonlSerializer):
    """Django's JSON Lines serializer with ids kept and natural keys only where ids are not."""

    def __init__(self, *, exported: set[str]) -> None:
        super().__init__()
        self.exported = exported

    def handle_fk_field(self, obj, field) -> None:
        self.use_natural_foreign_keys = field.related_model._meta.label_lower not in self.exported
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field) -> None:
        """Through tables are exported as models of their own."""

    def end_object(self, obj) -> None:
        # One write per row: json.dump writes every token separately, twice as slow here.
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs) + "\n")
        self._current = None


class ArchiveDeserializer(JsonlDeserializer):
    """Django's JSON Lines deserializer, building instances of the models of ``registry``."""

    def __init__(self, stream: IO[str], *, registry, using: str) -> None:
        super().__init__(stream, using=using)
        self.registry = registry

    def _handle_fk_field_node(self, field, field_value):
        if isinstance(field_value, list):  # a natural key: a row the target instance made
            return self._by_natural_key(field.related_model, field_value)
        return super()._handle_fk_field_node(field, field_value)

    def _by_natural_key(self, model: type[Model], key: list):
        """Resolve with the installed model: historical managers of ``auth`` would compare a
        historical content type with the installed one and fail."""
        current = global_apps.get_model(model._meta.label)
        try:
            return current._default_manager.db_manager(self.using).get_by_natural_key(*key).pk
        except current.DoesNotExist as exc:
            raise base.DeserializationError(
                f"{model._meta.label} {key} does not exist in this instance"
            ) from exc

    def _get_model_from_node(self, model_identifier: str) -> type[Model]:
        try:
            return self.registry.get_model(model_identifier)
        except (LookupError, TypeError) as exc:
            raise base.DeserializationError(f"Unknown model: {model_identifier}") from exc


def write_rows(queryset, stream: IO[str], *, exported: set[str]) -> None:
    ArchiveSerializer(exported=exported).serialize(
        queryset, stream=stream, cls=FullPrecisionEncoder
    )


def read_rows(stream: IO[str], *, registry, using: str) -> Iterator[Model]:
    for deserialized in ArchiveDeserializer(stream, registry=registry, using=using):
        yield deserialized.object


def insert_rows(
    model: type[Model],
    rows: Iterable[Model],
    *,
    using: str,
    progress: Callable[[int], Any] | None = None,
) -> int:
    """Insert ``rows`` as they are (ids, timestamps) in batches; returns how many."""
    fields = list(model._meta.local_concrete_fields)
    ops = connections[using].ops
    manager = model._base_manager.db_manager(using)
    done = 0
    batch: list[Model] = []

    def flush() -> None:
        nonlocal done
        size = max(1, min(BATCH, ops.bulk_batch_size(fields, batch)))
        for start in range(0, len(batch), size):
            # QuerySet._insert with raw=True is what Model.save_base(raw=True) (loaddata) uses;
            # bulk_create would stamp auto_now fields with the current time.
            manager.get_queryset()._insert(
                batch[start : start + size], fields=fields, using=using, raw=True
            )
        done += len(batch)
        batch.clear()
        if progress:
            progress(done)

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH * 4:
            flush()
    if batch:
        flush()
    return done
