"""Full-text search over claims: a stored, indexed document per claim, and a ranking bounded to a candidate set.

The document (PostgreSQL): ``claims_claim.search_document``, a ``tsvector`` column GENERATED ALWAYS AS ... STORED
(migration 0007) with a GIN index. Weight A is who said it as we know it now (``search_speaker``: the speaker
record's name and aliases, or the engine's guess while the claim has no speaker), B the statement, C the mention
as written in the article. The column is invisible to Django (a generated ``tsvector`` has no portable field);
only this module reads it, in SQL it writes itself.

``search_speaker`` is denormalised onto the claim so the document can be a generated column (it may only read
its own row). The claims services keep it true through the functions below: when a claim's speaker changes,
a speaker is renamed, an alias is added or removed, speakers are merged or a speaker is deleted.

Why the time went (EXPLAIN ANALYZE at 1M claims, bench/README.md): the old index was on an expression of three
columns, so every matching row was re-parsed by ``to_tsvector`` on recheck, and a common word matched 100,000
claims that were all joined and sorted before the page's 50 were cut. Now a list ordered by relevance ranks at
most ``SEARCH_CANDIDATES`` matches, taken straight from the GIN index (with the other filters applied there too),
and pages through them by keyset on (rank, id). Any other ordering sees every match, fenced (see ``_fenced``).
A quoted phrase is first looked up in a second GIN index, on the pairs of adjacent words (``_phrase_match``).
SQLite, the development default, has no full-text index: every word must occur somewhere (``icontains``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, F, FloatField, Model, Q, QuerySet, Value
from django.db.models.expressions import Expression, RawSQL

if TYPE_CHECKING:
    from newsclaims.claims.models import Claim, Speaker

FTS_CONFIG = "english"
SEARCH_INDEX_NAME = "claim_search_document_idx"
SEARCH_COLUMN = "search_document"
MAX_QUERY_LENGTH = 300
# Eight pages of the best matches. A common word matches a tenth of an archive, and fetching and scoring all of
# those was most of the old search's time; each candidate costs a heap page read (1000 took 50-150 ms at a
# million claims on a busy 2-core machine, 400 a third of it).
SEARCH_CANDIDATES = 400
RANK_FIELD = "search_rank"
# Quoted phrases: a second GIN index, on the pairs of words that stand next to each other in the document.
PAIRS_FUNCTION = "claim_search_pairs"
PAIRS_INDEX_NAME = "claim_search_pairs_idx"
_M = TypeVar("_M", bound=Model)
_PHRASE = re.compile(r'"([^"]*)"')
_OR = re.compile(r"\bor\b", re.IGNORECASE)


def search_document_sql() -> str:
    """The generated column's expression; migration 0007 creates the column from it."""
    parts = (("search_speaker", "A"), ("content_text", "B"), ("speaker_text", "C"))
    return " || ".join(
        f"setweight(to_tsvector('{FTS_CONFIG}'::regconfig, COALESCE(\"{col}\", '')), '{w}')" for col, w in parts
    )


def search_pairs_function_sql() -> str:
    """The pairs function's definition; migration 0010 creates it (and the index on it) from this text.

    Every two lexemes at consecutive positions of a ``tsvector``, as one text ``'lexeme lexeme'``: the words
    of a quoted phrase stand at consecutive positions, so a document matching ``'next' <-> 'year'`` holds the
    pair ``'next year'``. The GIN index on the pairs of ``search_document`` finds a phrase's few candidates
    exactly where the full-text index can only offer every claim holding both words (see ``_phrase_match``).
    """
    return (
        "CREATE OR REPLACE FUNCTION claim_search_pairs(doc tsvector) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
        "WITH p AS (SELECT l.lexeme, pos "
        "FROM unnest(doc) AS l(lexeme, positions, weights), unnest(l.positions) AS pos) "
        "SELECT coalesce(array_agg(DISTINCT a.lexeme || ' ' || b.lexeme), '{}') "
        "FROM p a JOIN p b ON b.pos = a.pos + 1 $$"
    )


def _tsquery() -> str:
    return f"websearch_to_tsquery('{FTS_CONFIG}'::regconfig, %s)"


def required_phrases(query: str) -> list[str]:
    """The quoted phrases of a web-search query that every match must contain (none when that is unsure).

    A phrase under a minus is excluded, not required, and an ``or`` anywhere may make any part optional, so
    then none; so do unbalanced quotes and backslashes, which PostgreSQL's parser reads its own way.
    """
    if query.count('"') % 2 or "\\" in query or _OR.search(query):
        return []
    return [
        m.group(1)
        for m in _PHRASE.finditer(query)
        if m.group(1).strip() and not query[: m.start()].rstrip().endswith("-")
    ]


def _phrase_match(column: str, query: str) -> tuple[str, list[str]]:
    """``column @@ query`` for a query with quoted phrases, fenced by the pairs index; SQL and parameters.

    The full-text index stores no word positions: for ``"next year"`` it returns every claim holding both words
    (25,000 at a million claims, 25 ms to intersect two long posting lists), each then re-read from the heap
    to check the positions (70 ms when the phrase is rare). The phrase's word pairs, looked up in the pairs
    index, are a necessary condition that is nearly sufficient (2,500 claims for ``next year``, 1 ms), and
    the match is then checked on those rows only. ``ts_match_vq`` is ``@@`` written as a function so that the
    planner does not also intersect it with the full-text index, which it costs too low. A phrase with no
    adjacent words (one word, or stop words between them) has no pairs: the CASE, decided at planning time
    (the pairs of a constant are a constant), falls back to the plain match. The positions are checked before
    the pairs are computed: where the match is tested claim by claim (the review queue walking its index for a
    common phrase, review/paging.py), computing every claim's pairs took 17 s at a million claims.
    """
    phrases = required_phrases(query)
    pairs = " || ".join(f"{PAIRS_FUNCTION}(to_tsvector('{FTS_CONFIG}'::regconfig, %s))" for _ in phrases)
    sql = (
        f"CASE WHEN cardinality({pairs}) > 0 THEN ts_match_vq({column}, {_tsquery()}) "
        f"AND {PAIRS_FUNCTION}({column}) @> ({pairs}) ELSE {column} @@ {_tsquery()} END"
    )
    return sql, [*phrases, query, *phrases, query]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def claim_search(queryset: QuerySet[_M], query: str) -> QuerySet[_M]:
    """Claims matching ``query``: web-search syntax on PostgreSQL, every word as a substring elsewhere.

    A plain condition on the indexed column, so it can be combined with other filters and cut by a LIMIT
    (``claim_search_rows``); on its own under an ORDER BY ... LIMIT, fence it with ``claim_search_rows``.
    """
    query = query.strip()
    if not query:
        return queryset
    if _postgres():
        return queryset.filter(SearchMatch(query))
    for word in query.split():
        word = word.strip("\"'")
        if word and word.lower() != "or" and not word.startswith("-"):
            queryset = queryset.filter(
                Q(content_text__icontains=word) | Q(search_speaker__icontains=word) | Q(speaker_text__icontains=word)
            )
    return queryset


class SearchMatch(Expression):
    """``search_document @@ websearch_to_tsquery(query)`` (through the pairs index for quoted phrases), as SQL.

    The column is named at compile time after the query's own base table alias: a filtered queryset used as a
    subquery (the article list's "articles holding a matching claim") has its tables renamed, and a column
    written as ``"claims_claim"."search_document"`` then pointed at no table (a 500 on the article list's search).
    """

    output_field = BooleanField()
    conditional = True

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str, ...]]:
        alias = compiler.query.get_initial_alias()
        column = f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(SEARCH_COLUMN)}"
        if required_phrases(self.query):
            sql, params = _phrase_match(column, self.query)
            return sql, tuple(params)
        # Only constants are interpolated; the user's words go in as parameters.
        return f"{column} @@ {_tsquery()}", (self.query,)


def claim_search_rows(rows: QuerySet[_M], matches: QuerySet[Any], *, query: str, ranked: bool) -> QuerySet[_M]:
    """``rows`` (a page's columns) restricted to ``matches`` (claims filtered, ``claim_search`` included).

    ``ranked``: only the best ``SEARCH_CANDIDATES`` matches, annotated with ``search_rank`` (higher is better) to
    order and page by. The candidates come from the GIN index with every filter applied, then only they are
    scored. Otherwise every match, with no rank (0.0): the caller orders by a column.
    """
    unranked = {RANK_FIELD: Value(0.0, FloatField())}
    result: QuerySet[_M]
    if not _postgres():
        # No index and no scoring (every rank 0.0, so the id breaks the tie: newest first).
        result = rows.filter(pk__in=matches.order_by().values("pk")).annotate(**unranked)
        return result
    try:
        inner, params = matches.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing (an empty .none()) compiles to no SQL at all
        result = rows.none().annotate(**unranked)
        return result
    table = rows.model._meta.db_table
    if not ranked:
        result = rows.filter(_fenced(table, inner, params)).annotate(**unranked)
        return result
    # The inner SQL is Django's own compilation of ``matches``, with its parameters kept apart.
    candidates = RawSQL(f'"{table}"."id" IN ({inner} LIMIT {SEARCH_CANDIDATES})', params, BooleanField())  # noqa: S611
    # ts_rank with normalisation 1 (divided by 1 + log(length)): a short statement that is about the words
    # comes before a long one that mentions them. float8, so a cursor's value round-trips exactly.
    rank_sql = f'ts_rank("{table}"."{SEARCH_COLUMN}", {_tsquery()}, 1)::float8'
    rank = RawSQL(rank_sql, (query.strip(),), output_field=FloatField())  # noqa: S611 - the words are a parameter
    result = rows.filter(candidates).annotate(**{RANK_FIELD: rank})
    return result


def _fenced(table: str, inner: str, params: Sequence[Any]) -> RawSQL:
    # As a plain WHERE under ORDER BY updated_at LIMIT 51, the planner may walk the sort index and test every
    # row, expecting matches soon: seconds at 100k claims when the words are rare or never together.
    # OFFSET 0 keeps it from flattening the subquery back into that; the matches are collected first.
    return RawSQL(f'"{table}"."id" IN ({inner} OFFSET 0)', params, output_field=BooleanField())  # noqa: S611


# --- the denormalised speaker text ------------------------------------------------------------


def speaker_search_text(name: str, aliases: Iterable[str]) -> str:
    """A speaker's name and every alias, each form once (case ignored), as the claim's ``search_speaker``."""
    forms: dict[str, str] = {}
    for form in (name, *aliases):
        form = " ".join(form.split())
        if form:
            forms.setdefault(form.casefold(), form)
    return "; ".join(forms.values())


def _speaker_texts(speaker_ids: Iterable[int]) -> dict[int, str]:
    from newsclaims.claims.models import Speaker, SpeakerAlias

    ids = set(speaker_ids)
    if not ids:
        return {}
    names = dict(Speaker.objects.filter(pk__in=ids).values_list("pk", "name"))
    aliases: dict[int, list[str]] = {pk: [] for pk in names}
    for speaker_id, alias in SpeakerAlias.objects.filter(speaker_id__in=ids).values_list("speaker_id", "name"):
        aliases.setdefault(speaker_id, []).append(alias)
    return {pk: speaker_search_text(name, aliases[pk]) for pk, name in names.items()}


def claims_fill_search_speaker(claims: Sequence[Claim]) -> None:
    """Set ``search_speaker`` on unsaved claims before their insert (two queries for the whole batch)."""
    texts = _speaker_texts(c.speaker_id for c in claims if c.speaker_id is not None)
    for claim in claims:
        claim.search_speaker = texts.get(claim.speaker_id, "") if claim.speaker_id is not None else claim.speaker_name


def claim_search_speaker(claim: Claim) -> str:
    """What ``search_speaker`` should hold for this claim as it is now (saved or not)."""
    if claim.speaker_id is None:
        return claim.speaker_name
    return _speaker_texts([claim.speaker_id]).get(claim.speaker_id, "")


def speaker_claims_reindex(*, speaker: Speaker) -> int:
    """After a rename, an alias change or a merge: the speaker's claims get its current names. Returns the count."""
    from newsclaims.claims.models import Claim

    text = _speaker_texts([speaker.pk]).get(speaker.pk, "")
    return Claim.objects.filter(speaker_id=speaker.pk).exclude(search_speaker=text).update(search_speaker=text)


def search_speaker_update(speaker: Speaker | None) -> dict[str, Any]:
    """The ``update()`` keywords for claims given ``speaker`` (None: they lose theirs)."""
    if speaker is None:
        return unassigned_search_speaker()
    return {"search_speaker": _speaker_texts([speaker.pk]).get(speaker.pk, "")}


def unassigned_search_speaker() -> dict[str, Any]:
    """The ``update()`` keywords for claims losing their speaker: search by the engine's guess again."""
    return {"search_speaker": F("speaker_name")}
