"""What an archive holds, and what the database holds now."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField, Model

# Besides every model of the DigiBridge apps (and their many-to-many tables): the user groups
# with their permissions, and the admin site's change history. Content types, permissions and
# sessions are not exported: every instance creates the first two when it migrates, and a
# session belongs to the server that issued it.
EXTRA_MODELS = ("auth.group", "auth.group_permissions", "admin.logentry")

# Rows that migrations put into a new instance (the sector taxonomy, the service catalogue).
# They do not make an instance "not empty"; an import replaces them with the archive's rows.
MIGRATION_DATA = ("directory.sector", "cooperation.servicecatalogueitem")


def digibridge_app_labels() -> set[str]:
    return {c.label for c in global_apps.get_app_configs() if c.name.startswith("digibridge.")}


def exported_models(registry=global_apps) -> list[type[Model]]:
    """Every model an archive holds, in a stable order (app by app, as installed).

    ``registry`` may be the historical models of a migration state (a restore).
    """
    ours = digibridge_app_labels()
    models = []
    for model in registry.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        if model._meta.app_label in ours or model._meta.label_lower in EXTRA_MODELS:
            models.append(model)
    return models


def exported_labels(registry=global_apps) -> set[str]:
    return {model._meta.label_lower for model in exported_models(registry)}


def file_fields(model: type[Model]) -> list[FileField]:
    return [f for f in model._meta.local_concrete_fields if isinstance(f, FileField)]


def tables_exist(*, using: str = DEFAULT_DB_ALIAS) -> set[str]:
    with connections[using].cursor() as cursor:
        return set(connections[using].introspection.table_names(cursor))


def models_with_data(*, using: str = DEFAULT_DB_ALIAS, registry=global_apps) -> list[str]:
    """Labels of the exported models that have rows, migration data aside."""
    tables = tables_exist(using=using)
    found = []
    for model in exported_models(registry):
        label = model._meta.label_lower
        if label in MIGRATION_DATA or model._meta.db_table not in tables:
            continue
        if model._base_manager.using(using).exists():
            found.append(label)
    return found


def applied_migrations(*, using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """The migrations recorded as applied, app by app (empty for a database with no tables)."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    state: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        state.setdefault(app_label, []).append(name)
    return state


def exports_list(directory) -> list[dict]:
    """The exports kept for download, newest first: ready (with size), running (``.part``,
    being written) or failed (``.error`` holds why)."""
    from datetime import UTC, datetime

    found: dict[str, dict[str, Path]] = {}
    for path in directory.iterdir():
        name, _dot, suffix = path.name.partition(".zip")
        if not suffix or suffix in (".part", ".error"):
            found.setdefault(name + ".zip", {})[suffix or "zip"] = path
    items = []
    for name, paths in found.items():
        if "zip" not in paths and ".part" not in paths and ".error" not in paths:
            continue
        if ".error" in paths:
            state = "failed"
        elif "zip" in paths:
            state = "ready"
        else:
            state = "running"
        main = paths.get("zip") or paths.get(".part") or paths[".error"]
        items.append(
            {
                "name": name,
                "state": state,
                "size": paths["zip"].stat().st_size if "zip" in paths else None,
                "error": paths[".error"].read_text()[:500] if ".error" in paths else "",
                "created": datetime.fromtimestamp(main.stat().st_mtime, tz=UTC),
            }
        )
    return sorted(items, key=lambda item: item["name"], reverse=True)
