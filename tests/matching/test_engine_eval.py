"""Tests of the ``match-eval`` command on small hand-made files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from digibridge.matching.engine.evaluation import main

CORPUS = [
    {
        "id": "r1",
        "kind": "request",
        "title": "Buscamos carretillas autónomas",
        "description": "Software de gestión de flotas para almacén.",
        "country": "ES",
        "sectors": ["warehouse-automation"],
    },
    {
        "id": "r2",
        "kind": "request",
        "title": "Busquem emmagatzematge d'energia",
        "description": "Bateries per a un celler amb plaques solars.",
        "lang": "ca",
    },
    {"id": "r3", "kind": "request", "title": "🚀🚀", "description": ""},
    {
        "id": "o1",
        "kind": "offer",
        "title": "自动驾驶叉车",
        "description": "车队管理软件",
        "country": "CN",
        "target_markets": ["ES"],
        "sectors": ["warehouse-automation"],
    },
    {"id": "o2", "kind": "offer", "title": "工商业储能系统", "description": "磷酸铁锂电池储能柜"},
    {
        "id": "o3",
        "kind": "offer",
        "title": "Cross-border payments",
        "description": "Alipay for European shops.",
    },
    {"id": "o4", "kind": "offer", "title": "", "description": ""},
]
QRELS = [
    {"query": "r1", "doc": "o1", "relevance": 2},
    {"query": "r2", "doc": "o2", "relevance": 2},
    {"query": "r3", "doc": "o3", "relevance": 1},
]


def _write(path: Path, rows: list[dict[str, object]], extra: str = "") -> Path:
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n" + extra, "utf-8"
    )
    return path


def test_eval_cli_small_files_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _write(tmp_path / "c.jsonl", CORPUS)
    qrels = _write(tmp_path / "q.jsonl", QRELS)
    assert main(["--corpus", str(corpus), "--qrels", str(qrels), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    for key in ("ndcg@10", "recall@10", "mrr@10", "queries", "p50_ms", "p99_ms"):
        assert key in res
    assert res["queries"] == 3
    assert res["ndcg@10"] >= 0.6
    assert set(res["baselines"]) == {"bm25", "embedding", "embedding_pivot"}
    for base in res["baselines"].values():
        assert "ndcg@10" in base and "per_language" in base
    assert "es" in res["per_language"]["request"]
    assert "es->zh-hans" in res["per_language"]["pair"]
    assert "ca" in res["per_language"]["request"]


def test_eval_cli_table_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _write(tmp_path / "c.jsonl", CORPUS)
    qrels = _write(tmp_path / "q.jsonl", QRELS)
    assert main(["--corpus", str(corpus), "--qrels", str(qrels), "--k", "3"]) == 0
    out = capsys.readouterr().out
    assert "engine" in out and "embedding_pivot" in out and "ndcg@3" in out


def test_eval_cli_broken_line_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _write(tmp_path / "c.jsonl", CORPUS, extra='{"id": "x", "kind": \n')
    qrels = _write(tmp_path / "q.jsonl", QRELS)
    assert main(["--corpus", str(corpus), "--qrels", str(qrels)]) == 2
    err = capsys.readouterr().err
    assert "c.jsonl:8" in err


def test_eval_cli_bad_kind_and_qrels_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _write(tmp_path / "c.jsonl", [*CORPUS, {"id": "z", "kind": "banana", "title": "x"}])
    qrels = _write(tmp_path / "q.jsonl", QRELS)
    assert main(["--corpus", str(corpus), "--qrels", str(qrels)]) == 2
    assert "c.jsonl:8" in capsys.readouterr().err
    corpus = _write(tmp_path / "c2.jsonl", CORPUS)
    qrels = _write(tmp_path / "q2.jsonl", [*QRELS, {"query": "r1"}])
    assert main(["--corpus", str(corpus), "--qrels", str(qrels)]) == 2
    assert "q2.jsonl:4" in capsys.readouterr().err


def test_eval_cli_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(tmp_path / "nope.jsonl"), "--qrels", "x"]) == 2
    assert "nope.jsonl" in capsys.readouterr().err


def test_eval_cli_odd_inputs_do_not_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = [
        *CORPUS,
        {"id": "r9", "kind": "request", "title": "x" * 100_000, "description": None, "lang": "xx"},
        {"id": 10, "kind": "offer", "title": "😀", "sectors": "energy-storage"},
    ]
    corpus = _write(tmp_path / "c.jsonl", odd)
    qrels = _write(
        tmp_path / "q.jsonl",
        [*QRELS, {"query": "r9", "doc": "10", "relevance": 1}, {"query": "nope", "doc": "o1"}],
    )
    assert main(["--corpus", str(corpus), "--qrels", str(qrels), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["queries"] == 4
    assert "xx" in res["per_language"]["request"]
    assert res["corpus"]["skipped_queries"] == ["nope"]
