"""Full export and import of the platform's data, backup and restore.

An archive is one ZIP file:

* ``manifest.json`` — format and version, the app version, when, from which database, the
  migrations applied app by app, the models with their row counts, the files.
* ``data/<app_label>.<model>.jsonl`` — every row of every exported model (see
  ``selectors.exported_models``), one JSON object per line, with its id (``serialization``).
* ``files/<app_label>.<model>/<field>/<name>`` — every uploaded file a row refers to, read
  from the field's own storage (public media, private attachments, an object store).

Guarantees:

* Export reads one consistent snapshot (a repeatable-read transaction on PostgreSQL, a
  deferred read transaction on SQLite, which does not block writers in WAL mode).
* Import is all or nothing: rows in one transaction, checked for dangling references before
  commit; files written during it are removed again if anything fails. It goes into an empty
  instance (migration data aside) unless forced, which replaces everything and logs everyone
  out.
* Restore also takes an archive from an older version: it migrates the database to the
  archive's migration state, loads the rows with the historical models of that state, then
  runs the migrations that came after.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files import File
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

from digibridge.accounts.services import audit
from digibridge.common.errors import DomainError, NotFoundError, PermissionDeniedError

from . import selectors
from .serialization import insert_rows, read_rows, write_rows

FORMAT = "digibridge-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

Progress = Callable[[str], Any]


def _quiet(message: str) -> None:
    pass


def app_version() -> str:
    try:
        return metadata.version("digibridge")
    except metadata.PackageNotFoundError:  # running from a source tree without installing
        return "unknown"


def data_member(label: str) -> str:
    return f"data/{label}.jsonl"


def file_member(label: str, field: str, name: str) -> str:
    return f"files/{label}/{field}/{name}"


# --- export ------------------------------------------------------------------------------


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """Read everything from one point in time, without holding writers back."""
    connection = connections[using]
    if connection.in_atomic_block:  # the caller's transaction is the snapshot
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # Django's atomic() would BEGIN IMMEDIATE (the write lock) with this project's settings;
        # a deferred transaction reads a WAL snapshot and lets the web server keep writing.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        yield


def archive_export(
    *, target: str | Path, progress: Progress | None = None, using: str = DEFAULT_DB_ALIAS
) -> dict:
    """Write the whole platform's data and its uploaded files to the ZIP file ``target``.

    The file appears only when complete (written beside it, then renamed). Returns the
    manifest. A file that a row names but storage no longer has is listed under
    ``files.missing`` and reported, not fatal.
    """
    say = progress or _quiet
    _require_migrated(using)
    target = Path(target)
    partial = target.with_name(target.name + ".part")
    models = selectors.exported_models()
    exported = {model._meta.label_lower for model in models}
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "created_at": datetime.now(tz=UTC).isoformat(),
        "database": connections[using].vendor,
        "models": [],
        "files": {"count": 0, "bytes": 0, "missing": []},
    }
    try:
        with (
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive,
            _snapshot(using),
        ):
            manifest["migrations"] = selectors.applied_migrations(using=using)
            for model in models:
                label = model._meta.label_lower
                rows = _export_rows(archive, model, exported=exported, using=using)
                manifest["models"].append(
                    {"label": label, "file": data_member(label), "rows": rows}
                )
                say(_("%(model)s: %(rows)s rows") % {"model": label, "rows": rows})
            for model in models:
                _export_files(archive, model, manifest["files"], using=using, say=say)
            say(
                _("Files: %(count)s (%(bytes)s bytes)")
                % {"count": manifest["files"]["count"], "bytes": manifest["files"]["bytes"]}
            )
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _require_migrated(using: str) -> None:
    executor = MigrationExecutor(connections[using])
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise DomainError(
            _(
                "The database has %(count)s unapplied migrations (%(first)s, …): run "
                "'digibridge migrate' first, so that the archive records one migration state."
            )
            % {"count": len(pending), "first": pending[0][0]}
        )


def _export_rows(archive: zipfile.ZipFile, model: type[Model], *, exported, using) -> int:
    count = 0

    def counted(rows):
        nonlocal count
        for row in rows:
            count += 1
            yield row

    queryset = model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000)
    label = model._meta.label_lower
    with archive.open(data_member(label), "w", force_zip64=True) as raw:
        with io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as stream:
            write_rows(counted(queryset), stream, exported=exported)
    return count


def _export_files(archive, model, summary: dict, *, using: str, say: Progress) -> None:
    label = model._meta.label_lower
    for field in selectors.file_fields(model):
        names = (
            model._base_manager.using(using)
            .exclude(**{field.attname: ""})
            .exclude(**{f"{field.attname}__isnull": True})
            .order_by("pk")
            .values_list(field.attname, flat=True)
            .distinct()
        )
        for name in names.iterator():
            try:
                source = field.storage.open(name, "rb")
            except FileNotFoundError:
                summary["missing"].append({"model": label, "field": field.name, "name": name})
                say(_("Missing file, not exported: %(name)s") % {"name": name})
                continue
            with source, archive.open(file_member(label, field.name, name), "w") as member:
                shutil.copyfileobj(source, member, 1024 * 1024)
            summary["count"] += 1
            summary["bytes"] += archive.getinfo(file_member(label, field.name, name)).file_size


# --- reading an archive --------------------------------------------------------------------


def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError as exc:
        raise DomainError(_("This is not a DigiBridge archive (no manifest.json).")) from exc
    except ValueError as exc:
        raise DomainError(_("The archive's manifest.json is not valid JSON.")) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise DomainError(_("This is not a DigiBridge archive (unknown format)."))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise DomainError(
            _("Archive format version %(found)s is not supported (this version reads %(ours)s).")
            % {"found": manifest.get("format_version"), "ours": FORMAT_VERSION}
        )
    for key in ("migrations", "models", "files"):
        if key not in manifest:
            raise DomainError(_("The archive's manifest has no %(key)s.") % {"key": key})
    entries_ok = isinstance(manifest["models"], list) and all(
        isinstance(entry, dict)
        and isinstance(entry.get("label"), str)
        and isinstance(entry.get("file"), str)
        and isinstance(entry.get("rows"), int)
        for entry in manifest["models"]
    )
    state_ok = isinstance(manifest["migrations"], dict) and all(
        isinstance(names, list) for names in manifest["migrations"].values()
    )
    if not (entries_ok and state_ok and isinstance(manifest["files"], dict)):
        raise DomainError(_("The archive's manifest is damaged (models, migrations or files)."))
    return manifest


@contextmanager
def open_archive(source: str | Path) -> Iterator[tuple[zipfile.ZipFile, dict]]:
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError as exc:
        raise DomainError(_("No such file: %(path)s") % {"path": source}) from exc
    except (zipfile.BadZipFile, IsADirectoryError) as exc:
        raise DomainError(_("%(path)s is not a ZIP file.") % {"path": source}) from exc
    with archive:
        yield archive, read_manifest(archive)


def _refuse_if_data(*, using: str, force: bool) -> None:
    found = selectors.models_with_data(using=using)
    if found and not force:
        raise DomainError(
            _(
                "The database already holds data (%(models)s). Import into an empty instance, "
                "or replace everything with --force."
            )
            % {"models": ", ".join(found[:5]) + (", …" if len(found) > 5 else "")}
        )


# --- import ------------------------------------------------------------------------------


def archive_import(
    *,
    source: str | Path,
    force: bool = False,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> dict:
    """Load an archive made at this very migration state; returns its manifest.

    Refuses a database that holds data unless ``force`` (then everything is replaced). An
    archive from another version needs ``archive_restore``, which migrates.
    """
    say = progress or _quiet
    with open_archive(source) as (archive, manifest):
        current = selectors.applied_migrations(using=using)
        if not current:
            raise DomainError(
                _(
                    "This database has no tables yet. Use 'digibridge restore', which migrates "
                    "it, or run 'digibridge migrate' first."
                )
            )
        if current != manifest["migrations"]:
            raise DomainError(
                _(
                    "The archive was made at another migration state than this database's "
                    "(%(apps)s). Use 'digibridge restore', which migrates."
                )
                % {"apps": ", ".join(_state_difference(manifest["migrations"], current))}
            )
        _refuse_if_data(using=using, force=force)
        _load(archive, manifest, registry=global_apps, using=using, say=say)
    return manifest


def _state_difference(archived: dict, current: dict) -> list[str]:
    return sorted(
        app
        for app in set(archived) | set(current)
        if set(archived.get(app, [])) != set(current.get(app, []))
    )


def _load(archive: zipfile.ZipFile, manifest: dict, *, registry, using: str, say) -> None:
    """Replace every exported table's rows with the archive's, in one transaction."""
    connection = connections[using]
    models = []
    for entry in manifest["models"]:
        try:
            models.append((registry.get_model(entry["label"]), entry))
        except LookupError as exc:
            raise DomainError(
                _("The archive holds rows of %(model)s, which this version does not know.")
                % {"model": entry["label"]}
            ) from exc
    written: list[tuple[Any, str]] = []
    try:
        with transaction.atomic(using=using):
            _empty_tables(registry, using=using)
            for model, entry in models:
                rows = _load_rows(archive, model, entry, registry=registry, using=using)
                say(_("%(model)s: %(rows)s rows") % {"model": entry["label"], "rows": rows})
            tables = [model._meta.db_table for model, _entry in models]
            try:
                connection.check_constraints(table_names=tables)
            except DatabaseError as exc:
                raise DomainError(
                    _("The archive's rows refer to rows it does not hold: %(error)s")
                    % {"error": exc}
                ) from exc
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(
                    no_style(), [model for model, _entry in models]
                ):
                    cursor.execute(sql)
            _load_files(archive, manifest, registry=registry, written=written, say=say)
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise


def _empty_tables(registry, *, using: str) -> None:
    """Delete every exported table's rows (and all sessions: their users may be gone)."""
    connection = connections[using]
    existing = selectors.tables_exist(using=using)
    tables = [m._meta.db_table for m in selectors.exported_models(registry)]
    tables.append("django_session")
    from digibridge.privacy.guards import lifted  # the audit log refuses deletes otherwise

    with connection.cursor() as cursor, lifted(connection):
        for table in tables:
            if table in existing:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608


def _load_rows(archive, model, entry: dict, *, registry, using: str) -> int:
    try:
        raw = archive.open(entry["file"])
    except KeyError as exc:
        raise DomainError(
            _("The archive lacks %(file)s listed in its manifest.") % {"file": entry["file"]}
        ) from exc
    with raw, io.TextIOWrapper(raw, encoding="utf-8") as stream:
        try:
            rows = insert_rows(
                model, read_rows(stream, registry=registry, using=using), using=using
            )
        except (DeserializationError, DatabaseError, ValueError) as exc:
            raise DomainError(
                _("Rows of %(model)s could not be loaded: %(error)s")
                % {"model": entry["label"], "error": exc}
            ) from exc
    if rows != entry["rows"]:
        raise DomainError(
            _("%(model)s: the archive holds %(found)s rows, its manifest says %(expected)s.")
            % {"model": entry["label"], "found": rows, "expected": entry["rows"]}
        )
    return rows


def _load_files(archive, manifest: dict, *, registry, written: list, say: Progress) -> None:
    count = 0
    for info in archive.infolist():
        if not info.filename.startswith("files/") or info.is_dir():
            continue
        try:
            _prefix, label, field_name, name = info.filename.split("/", 3)
            field = registry.get_model(label)._meta.get_field(field_name)
            storage = field.storage
        except (ValueError, LookupError, AttributeError) as exc:
            raise DomainError(
                _("Unexpected file in the archive: %(name)s") % {"name": info.filename}
            ) from exc
        try:
            if storage.exists(name):
                storage.delete(name)  # left over from an instance this import replaces
            with archive.open(info) as member:
                saved = storage.save(name, File(member, name=name))
        except (SuspiciousFileOperation, OSError) as exc:
            raise DomainError(
                _("The file %(name)s could not be stored: %(error)s")
                % {"name": info.filename, "error": exc}
            ) from exc
        written.append((storage, saved))
        if saved != name:
            raise DomainError(
                _("The file %(name)s could not be stored under its own name.") % {"name": name}
            )
        count += 1
    say(_("Files: %(count)s") % {"count": count})


# --- restore -----------------------------------------------------------------------------


def archive_restore(
    *,
    source: str | Path,
    force: bool = False,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> dict:
    """Restore a backup, from this version or an older one; returns the manifest.

    1. Migrate the database to the archive's migration state (forwards from nothing for a
       new database; backwards first if it was migrated further, which empty tables allow).
    2. Load the rows with the historical models of that state, files too (``_load``: one
       transaction).
    3. Run the migrations that came after, data migrations included.

    The migrations are not inside the load's transaction (SQLite cannot alter tables inside
    one): if step 3 fails, the database holds the backup at its own state and
    ``digibridge migrate`` can be run again once the cause is fixed.
    """
    say = progress or _quiet
    connection = connections[using]
    with open_archive(source) as (archive, manifest):
        archived: dict[str, list[str]] = manifest["migrations"]
        executor = MigrationExecutor(connection)
        graph = executor.loader.graph
        unknown = [
            f"{app}.{name}"
            for app, names in archived.items()
            for name in names
            if (app, name) not in graph.nodes
        ]
        if unknown:
            raise DomainError(
                _(
                    "The backup comes from a newer version of DigiBridge (unknown migrations: "
                    "%(names)s). Restore it with that version or a later one."
                )
                % {"names": ", ".join(unknown[:5])}
            )
        if selectors.tables_exist(using=using):
            _refuse_if_data(using=using, force=force)
        current = selectors.applied_migrations(using=using)
        if current == archived:
            say(_("The backup is at this database's migration state; loading it."))
            _load(archive, manifest, registry=global_apps, using=using, say=say)
            return manifest
        if force:
            with transaction.atomic(using=using):
                _empty_tables(global_apps, using=using)
        targets = _targets(archived, graph, executor.loader.migrated_apps)
        say(_("Migrating the database to the backup's state…"))
        _migrate_to(executor, targets)
        emit_post_migrate_signal(0, False, using)  # content types and permissions
        nodes = [target for target in targets if target[1] is not None]
        registry = executor.loader.project_state(nodes, at_end=True).apps
        _load(archive, manifest, registry=registry, using=using, say=say)
    say(_("Applying the migrations that came after the backup…"))
    out = io.StringIO()
    call_command("migrate", database=using, interactive=False, verbosity=1, stdout=out)
    for line in out.getvalue().splitlines():
        if line.strip().startswith("Applying"):
            say(line.strip())
    return manifest


def _targets(archived: dict[str, list[str]], graph, migrated_apps) -> list[tuple[str, Any]]:
    """The archive's state as migrate targets: each app's last applied migration(s), or
    ``None`` (nothing applied) for an app the archive has no migration of."""
    targets: list[tuple[str, Any]] = []
    for app in sorted(set(migrated_apps) | set(archived)):
        applied = {(app, name) for name in archived.get(app, [])}
        if not applied:
            targets.append((app, None))
            continue
        for node in sorted(applied):
            children = graph.node_map[node].children
            if not any(child in applied for child in children):
                targets.append(node)
    return targets


def _migrate_to(executor: MigrationExecutor, targets) -> None:
    """Forwards and backwards cannot share one plan: backwards first, then forwards."""
    plan = executor.migration_plan(targets)
    backwards = [(migration, True) for migration, back in plan if back]
    if backwards:
        try:
            executor.migrate(targets, plan=backwards)
        except Exception as exc:
            raise DomainError(
                _(
                    "The database is migrated further than the backup and could not be "
                    "migrated back (%(error)s). Restore into a new, empty database."
                )
                % {"error": exc}
            ) from exc
        executor.loader.build_graph()
    forwards = executor.migration_plan(targets)
    if forwards:
        executor.migrate(targets, plan=forwards)
    executor.loader.build_graph()


# --- exports for download (platform administrators) ---------------------------------------

EXPORT_NAME = re.compile(r"^digibridge-export-\d{8}-\d{6}(-\d+)?\.zip$")


def is_platform_admin(user) -> bool:
    """Only platform administrators: an archive holds every account's password hash and every
    private conversation, more than any operator may see."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or getattr(user, "role", "") == "admin")
    )


def _require_admin(by) -> None:
    if not is_platform_admin(by):
        raise PermissionDeniedError(_("Only platform administrators may export all data."))


def exports_dir() -> Path:
    """Under the private root (never served as media), shared by web servers and workers."""
    path = Path(settings.DIGIBRIDGE_PRIVATE_ROOT) / "exports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def export_request(*, by) -> str:
    """Start an export in the background (in this process without a broker); returns its name.

    The file ``exports_dir()/<name>`` appears when the export is complete; ``<name>.error``
    says why it failed.
    """
    from .tasks import export_archive_task

    _require_admin(by)
    stamp = datetime.now(tz=UTC).strftime("%Y%m%d-%H%M%S")
    name = f"digibridge-export-{stamp}.zip"
    suffix = 1
    while (exports_dir() / name).exists() or (exports_dir() / f"{name}.part").exists():
        suffix += 1
        name = f"digibridge-export-{stamp}-{suffix}.zip"
    # Mark it as running at once, so the page shows it before a worker picks it up.
    marker = exports_dir() / f"{name}.part"
    marker.touch()
    audit(actor=by, action="archive.export", name=name)
    try:
        export_archive_task.delay(name)
    except OperationalError as exc:  # the broker is down: say so, leave no "running" export
        marker.unlink(missing_ok=True)
        raise DomainError(
            _("The background worker's queue is unavailable (%(error)s); try again later.")
            % {"error": exc}
        ) from exc
    return name


def export_write(*, name: str) -> None:
    """The background part of ``export_request``."""
    target = exports_dir() / name
    try:
        archive_export(target=target)
    except Exception as exc:
        (exports_dir() / f"{name}.error").write_text(str(exc))
        raise


def export_path(*, name: str, by) -> Path:
    _require_admin(by)
    path = exports_dir() / name
    if not EXPORT_NAME.match(name) or not path.is_file():
        raise NotFoundError(_("No such export."))
    audit(actor=by, action="archive.download", name=name)
    return path


def export_delete(*, name: str, by) -> None:
    _require_admin(by)
    if not EXPORT_NAME.match(name):
        raise NotFoundError(_("No such export."))
    found = False
    for path in (exports_dir() / suffix for suffix in (name, f"{name}.error", f"{name}.part")):
        if path.exists():
            path.unlink()
            found = True
    if not found:
        raise NotFoundError(_("No such export."))
    audit(actor=by, action="archive.delete", name=name)
