"""Many editors saving one claim at the same moment, through the API and the review form at once.

Real PostgreSQL, real threads, one connection each: per version exactly one save wins; every
other one is told it lost (412 from the API, 409 from the form) and leaves no trace.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from newsclaims.api.tokens import api_token_issue
from newsclaims.claims.models import Claim, ClaimEvent, Speaker
from tests.factories import ArticleFactory, SpeakerFactory, UserFactory, make_claim
from tests.requires import need_postgres

pytestmark = pytest.mark.services

THREADS = 8  # even ones use the API, odd ones the form
ROUNDS = 4


def _api_client(user: Any) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {api_token_issue(user=user)}"
    return client


def _form_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _save(i: int, client: Client, claim_pk: int, version: int, text: str) -> int:
    if i % 2 == 0:
        response = client.patch(
            f"/api/v1/claims/{claim_pk}/",
            json.dumps({"rating_explanation": text}),
            content_type="application/json",
            HTTP_IF_MATCH=f'"{claim_pk}-{version}"',
        )
    else:
        # The form also names a new speaker: a losing save must not leave that speaker behind.
        response = client.post(
            f"/claims/{claim_pk}/review/",
            {"version": version, "rating_explanation": text, "speaker_name": f"Speaker {text}", "create_speaker": "on"},
        )
    return response.status_code


def _race(clients: list[Client], claim_pk: int, version: int, texts: list[str], api_delay: float) -> list[Any]:
    barrier = threading.Barrier(len(clients))
    results: list[Any] = [None] * len(clients)

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=20)
            if i % 2 == 0 and api_delay:
                time.sleep(api_delay)
            results[i] = _save(i, clients[i], claim_pk, version, texts[i])
        except BaseException as exc:  # reported by the assertions below, with the thread's number
            results[i] = exc
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i,), name=f"racer-{i}") for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a save hung (deadlock?)"
    return results


def test_concurrent_api_and_form_reviews_of_one_claim_let_exactly_one_win_per_version(transactional_db):
    need_postgres("concurrent saves need PostgreSQL's row locks and real concurrent connections")
    claim = make_claim(ArticleFactory(), speaker=SpeakerFactory())
    users = [UserFactory(username=f"racer-{i}", editor=True) for i in range(THREADS)]
    clients = [_api_client(u) if i % 2 == 0 else _form_client(u) for i, u in enumerate(users)]
    accepted: list[tuple[int, int, str]] = []  # (version, winner, text)

    for round_no in range(ROUNDS):
        claim.refresh_from_db()
        version = claim.version
        texts = [f"round {round_no} by racer {i}" for i in range(THREADS)]
        speakers_before = Speaker.objects.count()
        # An API save is quicker than a form save and wins a fair start; every other round the API
        # starts a little late, so the form saves race each other (and a form save wins) too.
        results = _race(clients, claim.pk, version, texts, api_delay=0.05 if round_no % 2 else 0)

        assert not [r for r in results if isinstance(r, BaseException)], results
        winners = [i for i, status in enumerate(results) if status in (200, 302)]
        assert len(winners) == 1, f"round {round_no}: {results}"
        winner = winners[0]
        for i, status in enumerate(results):
            if i != winner:
                assert status == (412 if i % 2 == 0 else 409), f"round {round_no}, racer {i}: {status}"

        claim.refresh_from_db()
        assert claim.version == version + 1
        assert claim.rating_explanation == texts[winner] and claim.reviewed_by == users[winner]
        new_speakers = set(Speaker.objects.values_list("name", flat=True)) - {claim.speaker.name}
        assert not any(f"Speaker {texts[i]}" in new_speakers for i in range(THREADS) if i != winner)
        assert Speaker.objects.count() == speakers_before + (1 if winner % 2 else 0)
        events = list(ClaimEvent.objects.filter(claim=claim, version=version + 1))
        assert {e.actor_id for e in events} == {users[winner].pk}
        fields = {e.field for e in events} - {"attribution_status"}  # a form's speaker fix also marks it reviewed
        assert fields == ({"rating_explanation", "speaker"} if winner % 2 else {"rating_explanation"})
        accepted.append((version + 1, winner, texts[winner]))
        print(f"round {round_no}: racer {winner} ({'form' if winner % 2 else 'API'}) won; {results}")

    claim.refresh_from_db()
    assert claim.version == 1 + ROUNDS
    # The history holds every accepted change, with its actor, and nothing from a refused save.
    history = [
        (e.version, e.actor.username, e.new_value)
        for e in ClaimEvent.objects.filter(claim=claim, field="rating_explanation").select_related("actor")
    ]
    assert history == [(v, f"racer-{w}", text) for v, w, text in accepted]
    stored = json.dumps(list(ClaimEvent.objects.filter(claim=claim).values_list("new_value", flat=True)))
    refused = [f"round {r} by racer {i}" for r in range(ROUNDS) for i in range(THREADS)]
    assert [t for t in refused if t in stored] == [text for _v, _w, text in accepted]
    assert Claim.objects.get(pk=claim.pk).version == 1 + ROUNDS
