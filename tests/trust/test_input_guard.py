"""Input no database column can store (NUL characters, numbers beyond 64 bits) gets a clear
4xx naming where it is, before any view runs (a 500 on PostgreSQL otherwise)."""

from __future__ import annotations

import pytest

HUGE = "1" + "0" * 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/organisations/{HUGE}",
        f"/api/v1/organisations?offset={HUGE}",
        f"/api/v1/opportunities?limit=5&offset=-{HUGE}",
    ],
)
def test_out_of_range_numbers_in_paths_and_queries_are_refused(client, member, url):
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "out_of_range"


@pytest.mark.django_db
def test_out_of_range_numbers_in_a_json_body_are_refused(client, member):
    client.force_login(member)
    response = client.post(
        "/api/v1/agreements",
        data=f'{{"title": "x", "parties": [{{"organisation": {HUGE}, "role": "signatory"}}]}}',
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body"]


@pytest.mark.django_db
def test_large_offsets_within_range_are_validated_by_the_api(client, member):
    client.force_login(member)
    assert client.get("/api/v1/organisations?offset=9999999999").status_code == 422
    assert client.get("/api/v1/organisations?offset=20").status_code == 200
    assert client.get("/api/v1/organisations/123456789012").status_code == 404


@pytest.mark.django_db
def test_nul_characters_are_refused_on_pages_and_the_api(client, member):
    client.force_login(member)
    page = client.get("/directory/?q=robot%00s")
    assert page.status_code == 400
    api = client.get("/api/v1/organisations?q=robot%00s")
    assert api.status_code == 422
    assert api.json()["detail"][0]["type"] == "nul"
    body = client.post(
        "/api/v1/opportunities",
        data='{"title": "Robot\\u0000s"}',
        content_type="application/json",
    )
    assert body.status_code == 422
    assert body.json()["detail"][0]["loc"] == ["body"]
