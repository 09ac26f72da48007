"""Consistency checks for the demo content module (pure data, no database)."""

import importlib
import json
from collections import Counter
from pathlib import Path

from digibridge.demo import content

SECTORS_JSON = Path(__file__).resolve().parents[2] / "src/digibridge/directory/data/sectors.json"

SEED_ORGS = {
    "Beijing Municipal Bureau of Economy and Information Technology",
    "Beijing Digital Economy Enterprise Overseas Innovation Service Base",
    "Catalonia Trade & Investment Agency",
    "International Economic Promotion Office of the Barcelona City Government",
    "China-Europe Digital Association",
    "GSMA (Greater China)",
    "Barcelona Chamber of Commerce",
    "Catalonia Association of Small and Medium-Sized Enterprises",
    "Catalonia Beijing Association",
    "China Academy of Information and Communications Technology",
    "Huawei",
    "Yonyou Network",
    "iSoftStone",
    "China Telecom",
    "ZTE",
    "SEAT",
    "Faurecia",
    "Stefani International Exchange",
    "ROCA",
    "Babylan",
}

ORG_TYPES = {"enterprise", "government", "association", "city", "research", "service_provider"}
TEXT_LANGS = {"en", "zh-hans", "es", "ca"}


def _sector_slugs():
    slugs = set()

    def walk(nodes):
        for node in nodes:
            slugs.add(node["slug"])
            walk(node.get("children", []))

    walk(json.loads(SECTORS_JSON.read_text(encoding="utf-8")))
    return slugs


ORG_KEYS = {o["key"] for o in content.ORGANISATIONS}


def test_org_keys_unique_and_fields_valid():
    keys = [o["key"] for o in content.ORGANISATIONS]
    assert len(keys) == len(set(keys))
    sectors = _sector_slugs()
    for org in content.ORGANISATIONS:
        assert org["type"] in ORG_TYPES, org["key"]
        assert len(org["country"]) == 2 and org["country"].isupper()
        assert org["description_language"] in TEXT_LANGS
        assert org["size"] in {"micro", "small", "medium", "large"}
        assert org["sectors"] and set(org["sectors"]) <= sectors, org["key"]
        assert org["languages"]
        assert isinstance(org["verified"], bool)
        assert org["description"].strip()
        if org["website"]:
            assert org["website"].startswith("https://") and ".example.org" in org["website"]


def test_seed_organisations_present():
    names = {o["name"] for o in content.ORGANISATIONS}
    assert SEED_ORGS <= names
    assert len(content.SEED_ORG_KEYS) >= len(SEED_ORGS)


def test_thirty_cities_including_beijing_and_barcelona():
    cities = [o for o in content.ORGANISATIONS if o["type"] == "city"]
    assert len(cities) == 30
    assert {"city-beijing", "city-barcelona"} <= {c["key"] for c in cities}
    assert sum(c["country"] == "CN" for c in cities) >= 5
    assert sum(c["country"] not in {"CN"} for c in cities) >= 15


def test_invented_enterprises_balance():
    seed = set(content.SEED_ORG_KEYS)
    invented = [
        o for o in content.ORGANISATIONS if o["type"] == "enterprise" and o["key"] not in seed
    ]
    assert 70 <= len(invented) <= 95
    chinese = sum(o["country"] == "CN" for o in invented)
    assert abs(chinese - (len(invented) - chinese)) <= 6
    assert sum(o["country"] == "ES" for o in invented) >= 20
    assert all(o["website"].startswith("https://") for o in invented)
    providers = [o for o in content.ORGANISATIONS if o["type"] == "service_provider"]
    assert len(providers) >= 4


def test_networks_reference_existing_orgs():
    roles = {"founder", "member", "coordinator", "observer"}
    by_key = {n["key"]: n for n in content.NETWORKS}
    for net in content.NETWORKS:
        for org_key, role, date in net["members"]:
            assert org_key in ORG_KEYS, org_key
            assert role in roles
            assert len(date) == 10 and date[4] == "-" and date[7] == "-"
    cities = by_key["partner-cities-initiative"]
    members = {m[0]: m[1] for m in cities["members"]}
    assert members["beijing-economy-it-bureau"] == "coordinator"
    assert set(content.CITY_KEYS) <= set(members)
    assert "beijing-night-2025" in by_key
    assert "china-europe-business-associations" in by_key


def test_people():
    people = content.PEOPLE
    assert len(people) >= 170
    types = {o["key"]: o["type"] for o in content.ORGANISATIONS}
    executives = [p for p in people if p["is_executive"] and types[p["org"]] == "enterprise"]
    assert len(executives) >= 150
    emails = [p["email"] for p in people]
    assert len(emails) == len(set(emails))
    for p in people:
        assert p["org"] in ORG_KEYS
        local, domain = p["email"].split("@")
        assert domain == f"{p['org']}.example"
        assert local.isascii() and "." in local
        assert p["first_name"] and p["last_name"] and p["title"]
        assert p["phone"].startswith("+")
        assert p["languages"]
    names = [(p["first_name"], p["last_name"]) for p in people]
    assert len(names) == len(set(names))


def test_demo_users():
    users = content.DEMO_USERS
    roles = Counter(u["role"] for u in users)
    assert roles["admin"] >= 1 and roles["operator"] >= 1 and roles["partner"] >= 1
    assert roles["enterprise"] >= 2
    emails = [u["email"] for u in users]
    assert len(emails) == len(set(emails))
    for u in users:
        assert u["org"] is None or u["org"] in ORG_KEYS
        assert u["password"].startswith("demo-")
    countries = {
        content.ORG_BY_KEY[u["org"]]["country"] for u in users if u["role"] == "enterprise"
    }
    assert {"CN", "ES"} <= countries
    operators = [u for u in users if u["role"] == "operator"]
    assert any(u["org"] == "service-base-barcelona" for u in operators)
    partners = [u for u in users if u["role"] == "partner"]
    assert any(u["org"] == "barcelona-chamber-of-commerce" for u in partners)


def test_event():
    event = content.EVENT
    assert event["time_zone"] == "Europe/Madrid"
    assert event["start"] == "2025-03-04T09:00:00+01:00"
    assert event["end"] == "2025-03-04T22:00:00+01:00"
    assert set(event["hosts"]) <= ORG_KEYS
    kinds = Counter(s["kind"] for s in event["sessions"])
    assert set(kinds) <= {
        "forum_talk",
        "panel",
        "signing_ceremony",
        "networking_night",
        "gov_enterprise",
    }
    assert kinds["gov_enterprise"] >= 20
    night = [s for s in event["sessions"] if s["kind"] == "networking_night"]
    assert any(
        s["start"].endswith("T19:00:00+01:00")
        and s["end"].endswith("T22:00:00+01:00")
        and "Beijing Night" in s["title"]
        for s in night
    )
    people_names = {f"{p['first_name']} {p['last_name']}" for p in content.PEOPLE}
    for s in event["sessions"]:
        assert event["start"] <= s["start"] < s["end"] <= event["end"]
        assert set(s["speakers"]) <= people_names
        assert set(s.get("organisations", [])) <= ORG_KEYS
    titles = [s["title"] for s in event["sessions"]]
    assert len(titles) == len(set(titles))


def test_deterministic():
    assert content.build_organisations() == content.ORGANISATIONS
    assert content.build_networks() == content.NETWORKS
    assert content.build_people() == content.PEOPLE
    assert content.build_demo_users() == content.DEMO_USERS
    assert content.build_event() == content.EVENT
    reloaded = importlib.reload(content)
    assert reloaded.PEOPLE == content.build_people()


OPP_KINDS = {"offer", "request"}
OPP_CATEGORIES = {"technology", "commercial", "investment", "partnership", "procurement"}


def test_opportunities_counts_and_fields():
    opps = content.OPPORTUNITIES
    assert len(opps) >= 320
    sectors = _sector_slugs()
    keys = [o["key"] for o in opps]
    assert len(keys) == len(set(keys))
    for o in opps:
        assert o["owner"] in ORG_KEYS, o["key"]
        assert o["kind"] in OPP_KINDS
        assert o["category"] in OPP_CATEGORIES
        assert o["language"] in TEXT_LANGS
        assert 1 <= len(o["sectors"]) <= 3 and set(o["sectors"]) <= sectors, o["key"]
        assert o["target_countries"] and all(len(c) == 2 for c in o["target_countries"])
        assert o["currency"] in {"EUR", "CNY", "USD"}
        assert o["status"] in {"published", "draft", "closed"}
        assert o["visibility"] in {"public", "network", "private"}
        assert o["deadline_days"] is None or isinstance(o["deadline_days"], int)
        if o["budget_min"] is not None:
            assert isinstance(o["budget_min"], int) and o["budget_min"] <= o["budget_max"]
        assert "{" not in o["title"] and "{" not in o["description"]
        assert o["title"].strip() and len(o["description"]) > 60
    assert {o["kind"] for o in opps} == OPP_KINDS
    assert {o["category"] for o in opps} == OPP_CATEGORIES


def test_opportunity_titles_distinct():
    titles = [o["title"] for o in content.OPPORTUNITIES]
    assert len(titles) == len(set(titles))


def test_opportunity_language_balance_and_authorship():
    opps = content.OPPORTUNITIES
    share = Counter(o["language"] for o in opps)
    for lang in TEXT_LANGS:
        assert 0.18 <= share[lang] / len(opps) <= 0.32, (lang, share[lang])
    for o in opps:
        org = content.ORG_BY_KEY[o["owner"]]
        if org["country"] == "CN":
            assert o["language"] in {"zh-hans", "en"}, o["key"]
        elif org["country"] == "ES":
            assert o["language"] in {"es", "ca", "en"}, o["key"]
        else:
            assert o["language"] == "en", o["key"]


def test_opportunity_status_mix_and_typical():
    opps = content.OPPORTUNITIES
    status = Counter(o["status"] for o in opps)
    visibility = Counter(o["visibility"] for o in opps)
    assert status["published"] > 0.8 * len(opps) and status["draft"] and status["closed"]
    assert (
        visibility["public"] > 0.75 * len(opps) and visibility["network"] and visibility["private"]
    )
    assert any(o["deadline_days"] is not None and o["deadline_days"] < 0 for o in opps)
    typical = [o for o in opps if o["typical"]]
    assert 25 <= len(typical) <= 35
    assert all(o["kind"] == "offer" for o in typical)
    assert len({o["sectors"][0] for o in typical}) >= 20
    owner_types = Counter(content.ORG_BY_KEY[o["owner"]]["type"] for o in opps)
    assert owner_types["enterprise"] > 0.8 * len(opps)
    assert owner_types["city"] + owner_types["association"] + owner_types["government"] >= 5


def test_key_sectors_heavily_represented():
    counts = Counter(s for o in content.OPPORTUNITIES for s in o["sectors"])
    families = {
        "smart-energy": {
            "smart-energy",
            "energy-storage",
            "smart-grid",
            "ev-charging",
            "renewable-energy",
        },
        "autonomous-driving": {"autonomous-driving", "connected-vehicles", "automotive-sensors"},
        "smart-logistics": {
            "smart-logistics",
            "warehouse-automation",
            "cold-chain",
            "port-logistics",
        },
        "cross-border-ecommerce": {"cross-border-ecommerce", "digital-marketing"},
        "ai-large-models": {"ai-large-models", "computer-vision", "speech-language"},
        "value-added-telecom": {
            "value-added-telecom",
            "5g-networks",
            "iot-connectivity",
            "satellite-communications",
        },
    }
    for family, slugs in families.items():
        assert sum(counts[s] for s in slugs) >= 20, family


def test_cross_lingual_counterparts():
    by_key = {o["key"]: o for o in content.OPPORTUNITIES}
    assert len(content.COUNTERPART_PAIRS) >= 50
    for req, off in content.COUNTERPART_PAIRS:
        assert by_key[req]["kind"] == "request" and by_key[off]["kind"] == "offer"
        assert by_key[req]["language"] != by_key[off]["language"]
    # The showcase pair: Spanish request for autonomous forklifts, Chinese offer of 自动驾驶叉车.
    assert any(
        "carretillas autónomas" in by_key[r]["title"] and "自动驾驶叉车" in by_key[o]["title"]
        for r, o in content.COUNTERPART_PAIRS
    )
    languages = {
        (by_key[r]["language"], by_key[o]["language"]) for r, o in content.COUNTERPART_PAIRS
    }
    assert {("es", "zh-hans"), ("ca", "zh-hans"), ("en", "zh-hans"), ("zh-hans", "es")} <= languages


def test_opportunities_deterministic():
    opps, pairs = content.build_opportunities()
    assert opps == content.OPPORTUNITIES
    assert pairs == content.COUNTERPART_PAIRS
