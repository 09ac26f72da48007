"""Load the sector taxonomy (``data/sectors.json``) into the Sector table, idempotently."""

from __future__ import annotations

import json
from pathlib import Path

SECTORS_FILE = Path(__file__).resolve().parent / "data" / "sectors.json"


def load_taxonomy() -> list[dict]:
    return json.loads(SECTORS_FILE.read_text(encoding="utf-8"))


def sync_sectors(sector_model, using: str = "default") -> int:
    """Create or update every sector of the taxonomy file; returns how many there are.

    Takes the model class as an argument so that data migrations can pass their historical
    model, and the database alias so that ``migrate --database`` writes where it migrates.
    """
    count = 0

    def save(node: dict, parent, position: int):
        nonlocal count
        sector, _created = sector_model.objects.using(using).update_or_create(
            slug=node["slug"],
            defaults={
                "parent": parent,
                "label_en": node["en"],
                "label_zh_hans": node["zh-hans"],
                "label_es": node["es"],
                "label_ca": node["ca"],
                "position": position,
            },
        )
        count += 1
        for index, child in enumerate(node.get("children", [])):
            save(child, sector, position * 100 + index + 1)

    for index, node in enumerate(load_taxonomy()):
        save(node, None, index + 1)
    return count
