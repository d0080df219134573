"""schema.org ClaimReview (JSON-LD) for a published fact-check, as fact-check search engines read it.

Built from plain values (a claim row plus the speaker's Wikidata id), so the export of every review streams
without a model instance per claim; ``claimreview_jsonld`` reads the same values off a Claim.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet
from rest_framework.renderers import JSONRenderer

from newsclaims.api.export import copy_text_rows
from newsclaims.claims.desk import second_check_since
from newsclaims.claims.models import RATING_SCALE, AttributionStatus, Claim, Rating, SpeakerKind

BEST, WORST = max(RATING_SCALE.values()), min(RATING_SCALE.values())


# JSON-LD is meant to be pasted verbatim into a page's <script type="application/ld+json">. Inside a script
# element "</script>" or "<!--" in a claim's text would end or derail it, so <, > and & never appear raw; in JSON
# they can only occur inside strings, where the \u escapes mean the same characters.
_EMBED_ESCAPES = ((b"<", b"\\u003c"), (b">", b"\\u003e"), (b"&", b"\\u0026"))


def escape_for_embedding(rendered: bytes) -> bytes:
    for raw, escaped in _EMBED_ESCAPES:
        rendered = rendered.replace(raw, escaped)
    return rendered


class EmbeddableJSONRenderer(JSONRenderer):
    """DRF's JSON, with <, > and & escaped so the body can be embedded in HTML as it is."""

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Mapping[str, Any] | None = None
    ) -> bytes:
        return escape_for_embedding(super().render(data, accepted_media_type, renderer_context))


JSONLD = "application/ld+json"


class JSONLDRenderer(EmbeddableJSONRenderer):
    media_type = JSONLD
    format = "jsonld"


def is_published(claim: Claim) -> bool:
    """A fact-check is public once an editor confirmed who said it and gave a verdict, and, while the desk's second
    check is on, a different editor approved that review (one reviewed before it was switched on stays public)."""
    since, reviewed, approved = second_check_since(), claim.reviewed_at, claim.approved_at
    return (
        claim.attribution_status == AttributionStatus.CONFIRMED
        and claim.rating != Rating.NOT_RATED
        and (since is None or reviewed is None or reviewed < since or (approved is not None and approved >= reviewed))
    )


def published_claims() -> QuerySet[Claim]:
    """Every published fact-check, most recently reviewed first."""
    return (
        Claim.objects.filter(claimreview_published())
        .select_related("article", "speaker")
        .order_by(F("reviewed_at").desc(nulls_last=True), "-id")
    )


def claimreview_published() -> Q:
    """``is_published`` as a filter, for the export of every review."""
    published = Q(attribution_status=AttributionStatus.CONFIRMED) & ~Q(rating=Rating.NOT_RATED)
    if (since := second_check_since()) is not None:
        published &= Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=since) | Q(approved_at__gte=F("reviewed_at"))
    return published


# The values a review needs beyond the claim row (selectors.CLAIM_ROW_COLUMNS): ask claim_row_values for them.
CLAIMREVIEW_EXTRA_COLUMNS = ("speaker__wikidata_qid",)


# schema.org types for the speaker kinds. A group ("residents", "officials") or an anonymous source is not a
# Person; an anonymous or unknown speaker is only a named Thing.
_AUTHOR_TYPES = {
    SpeakerKind.PERSON: "Person",
    SpeakerKind.ORGANISATION: "Organization",
    SpeakerKind.MEDIA: "Organization",
    SpeakerKind.GROUP: "Organization",
}


def _values_of(claim: Claim) -> dict[str, Any]:
    article, speaker = claim.article, claim.speaker
    return {
        "id": claim.pk,
        "speaker_id": claim.speaker_id,
        "speaker__name": speaker.name if speaker else None,
        "speaker__kind": speaker.kind if speaker else None,
        "speaker__wikidata_qid": speaker.wikidata_qid if speaker else None,
        "speaker_name": claim.speaker_name,
        "speaker_text": claim.speaker_text,
        "article__published_at": article.published_at,
        "article__url": article.url,
        "article__title": article.title,
        "article__outlet": article.outlet,
        "content_text": claim.content_text,
        "rating": claim.rating,
        "rating_explanation": claim.rating_explanation,
        "reviewed_at": claim.reviewed_at,
    }


def _author(v: Mapping[str, Any]) -> dict[str, Any]:
    if v["speaker_id"] is None:
        return {"@type": "Thing", "name": v["speaker_name"] or v["speaker_text"] or "Unknown"}
    author: dict[str, Any] = {
        "@type": _AUTHOR_TYPES.get(SpeakerKind(v["speaker__kind"]), "Thing"),
        "name": v["speaker__name"],
    }
    # No jobTitle: the speaker's description may be the engine's reading of the article, not a checked fact.
    if v["speaker__wikidata_qid"]:
        author["sameAs"] = f"https://www.wikidata.org/wiki/{v['speaker__wikidata_qid']}"
    return author


_QUOTES = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb\u2039\u203a"
_TRAILING = " \t\n,;:\u2014\u2013-"


def claim_reviewed_text(text: str) -> str:
    """The statement without the quote marks around it and the comma that led into "..., she said"."""
    cleaned = text.strip().rstrip(_TRAILING)
    while len(cleaned) >= 2 and cleaned[0] in _QUOTES and cleaned[-1] in _QUOTES:
        cleaned = cleaned[1:-1].strip().rstrip(_TRAILING)
    cleaned = cleaned.strip(_QUOTES).strip().rstrip(_TRAILING)
    return cleaned or text.strip()


def _date(value: Any) -> str | None:
    return value.date().isoformat() if value is not None else None


def publisher() -> dict[str, Any]:
    """The organisation publishing the fact-checks, from NEWSCLAIMS_PUBLISHER_NAME / _URL / _LOGO_URL."""
    body: dict[str, Any] = {"@type": "Organization", "name": settings.NEWSCLAIMS_PUBLISHER_NAME}
    if settings.NEWSCLAIMS_PUBLISHER_URL:
        body["url"] = settings.NEWSCLAIMS_PUBLISHER_URL
    if settings.NEWSCLAIMS_PUBLISHER_LOGO_URL:
        body["logo"] = {"@type": "ImageObject", "url": settings.NEWSCLAIMS_PUBLISHER_LOGO_URL}
    return body


def claimreview_jsonld(claim: Claim, *, url: str) -> dict[str, Any]:
    """The ClaimReview for a published claim; ``url`` is its public fact-check page."""
    return claimreview_from_values(_values_of(claim), url=url)


def claimreview_from_values(v: Mapping[str, Any], *, url: str) -> dict[str, Any]:
    """The ClaimReview of one claim given as values (``_values_of`` names the keys)."""
    rating: dict[str, Any] = {
        "@type": "Rating",
        "bestRating": BEST,
        "worstRating": WORST,
        "alternateName": Rating(v["rating"]).label,
    }
    # Unverifiable has no place on the numeric scale: the verdict is only its name.
    if v["rating"] in RATING_SCALE:
        rating["ratingValue"] = RATING_SCALE[v["rating"]]
    if v["rating_explanation"]:
        rating["description"] = v["rating_explanation"]
    item: dict[str, Any] = {"@type": "Claim", "author": _author(v)}
    if published := _date(v["article__published_at"]):
        item["datePublished"] = published
    if v["article__url"]:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": v["article__url"]}
        if v["article__title"]:
            appearance["headline"] = v["article__title"]
        if v["article__outlet"]:
            appearance["publisher"] = {"@type": "Organization", "name": v["article__outlet"]}
        item["firstAppearance"] = appearance
        item["appearance"] = [appearance]
    body: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_reviewed_text(v["content_text"]),
        "itemReviewed": item,
        "reviewRating": rating,
        "author": publisher(),
        "publisher": publisher(),
    }
    if reviewed := _date(v["reviewed_at"]):
        body["datePublished"] = reviewed
    return body


_GRAPH_HEAD = b'{"@context":"https://schema.org","@graph":['
_GRAPH_TAIL = b"]}"


def claimreview_stream(rows: Iterable[Mapping[str, Any]], *, claim_url: str, per_write: int = 500) -> Iterator[bytes]:
    """A JSON-LD document of every row's ClaimReview (``{"@context", "@graph": [...]}``), written as it is read.

    ``claim_url`` has a ``{}`` for the claim id. Escaped for embedding like every JSON-LD answer; rows are
    written ``per_write`` at a time, so a million reviews are not a million tiny writes.
    """
    yield _GRAPH_HEAD
    buffer: list[bytes] = []
    first = True
    for v in rows:
        body = claimreview_from_values(v, url=claim_url.format(v["id"]))
        del body["@context"]
        encoded = escape_for_embedding(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        buffer.append(encoded if first else b"," + encoded)
        first = False
        if len(buffer) >= per_write:
            yield b"".join(buffer)
            buffer.clear()
    yield b"".join(buffer) + _GRAPH_TAIL


# --- the same document written by PostgreSQL ---------------------------------------------------------------
#
# A review built in Python (a dict tree, json.dumps) held the export to about 4,400 reviews a second, a fifth
# of the CSV's speed (bench/README.md). On PostgreSQL the export's SQL writes each review's JSON text itself,
# byte for byte what claimreview_from_values and json.dumps(ensure_ascii=False, separators=(",", ":")) make of
# the row: the same keys in the same order, strings through to_json (which escapes exactly the characters
# json.dumps does), the numbers, labels and types from the same constants as above.
# tests/api/test_claimreview_sql.py holds the two side by side.

# What str.strip() removes (str.isspace); none lies above U+3000. PostgreSQL's btrim takes the set explicitly.
_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _literal(text: str) -> str:
    # A constant of this module as an SQL string; %% because the statement is later given its parameters.
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


def _json_text(expression: str) -> str:
    return f"to_json({expression})::text"


def _peel(text: str) -> str:
    # claim_reviewed_text's text.strip().rstrip(_TRAILING)
    return f"rtrim(btrim({text}, {_literal(_WHITESPACE)}), {_literal(_TRAILING)})"


def _sql_reviewed_start(column: str) -> str:
    """The first step of claim_reviewed_text, or NULL when no step changes the statement.

    A statement that starts and ends with none of the characters the cleaning removes is its own cleaned text:
    most are, and they cost two strpos. (strpos of '' is 1: an empty statement takes the long way.)
    """
    edges = _literal(_WHITESPACE + _QUOTES + _TRAILING)
    plain = f"strpos({edges}, left({column}, 1)) = 0 AND strpos({edges}, right({column}, 1)) = 0"
    return f"CASE WHEN {plain} THEN NULL ELSE {_peel(column)} END"


def _sql_quoted(text: str) -> str:
    # The loop's condition: len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES
    quotes = _literal(_QUOTES)
    return f"length({text}) >= 2 AND strpos({quotes}, left({text}, 1)) > 0 AND strpos({quotes}, right({text}, 1)) > 0"


def _sql_reviewed_peeled(start: str) -> str:
    """The loop's first step on ``start`` (``_sql_reviewed_start``), or NULL when the loop does not run."""
    return f"CASE WHEN {_sql_quoted(start)} THEN {_peel(f'substr({start}, 2, length({start}) - 2)')} END"


def _sql_reviewed_text(column: str, start: str, peeled: str) -> str:
    """claim_reviewed_text in SQL, given columns holding ``_sql_reviewed_start(column)`` and
    ``_sql_reviewed_peeled(start)``: each is read several times, so each is computed once in a query of its own.

    A statement in one pair of quote marks, the usual direct quotation, is then done; one in more pairs goes on
    in a recursive query (a query per statement, about twice the cost), so any depth is peeled as Python peels it.
    """
    step = f"SELECT {_peel('substr(c, 2, length(c) - 2)')} FROM p WHERE {_sql_quoted('c')}"  # noqa: S608
    loop = f"WITH RECURSIVE p(c) AS (SELECT {peeled} UNION ALL {step}) "
    loop += "SELECT c FROM p ORDER BY length(c) LIMIT 1"  # the shortest text is the last step's
    unquoted = f"CASE WHEN {peeled} IS NULL THEN {start} WHEN {_sql_quoted(peeled)} THEN ({loop}) ELSE {peeled} END"
    final = _peel(f"btrim({unquoted}, {_literal(_QUOTES)})")
    cleaned = f"coalesce(nullif({final}, ''), btrim({column}, {_literal(_WHITESPACE)}))"
    return f"CASE WHEN {start} IS NULL THEN {column} ELSE {cleaned} END"


def _sql_date(column: str) -> str:
    return f"'\"' || to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '\"'"


# An object is one concat() of its members, a member a list of concat's arguments: flat lists rather than a
# chain of || (no faster when measured, but easier to read in the generated SQL).


def _sql_when(condition: str, *members: str) -> str:
    return f"CASE WHEN {condition} THEN concat({', '.join(members)}) ELSE '' END"


def _sql_member(key: str, value: str, *, first: bool = False) -> str:
    """``"key":value`` (after a comma unless first); ``value`` is SQL giving JSON text."""
    return f"{_literal(('' if first else ',') + _json(key) + ':')}, {value}"


def _sql_object(*members: str) -> str:
    return f"concat('{{', {', '.join(members)}, '}}')"


def _sql_author() -> str:
    kinds = " ".join(f"WHEN {_literal(kind)} THEN {_literal(_json(name))}" for kind, name in _AUTHOR_TYPES.items())
    anonymous = _json_text("coalesce(nullif(s.speaker_name, ''), nullif(s.speaker_text, ''), 'Unknown')")
    thing = _sql_object(_sql_member("@type", _literal('"Thing"'), first=True), _sql_member("name", anonymous))
    speaker = _sql_object(
        _sql_member("@type", f"CASE s.x_speaker_kind {kinds} ELSE {_literal(_json('Thing'))} END", first=True),
        _sql_member("name", f"coalesce({_json_text('s.x_speaker')}, 'null')"),
        _sql_when("s.x_qid <> ''", _sql_member("sameAs", _json_text("'https://www.wikidata.org/wiki/' || s.x_qid"))),
    )
    return f"CASE WHEN s.speaker_id IS NULL THEN {thing} ELSE {speaker} END"


def _sql_rating() -> str:
    labels = " ".join(f"WHEN {_literal(value)} THEN {_literal(_json(Rating(value).label))}" for value in Rating)
    values = " ".join(
        f"WHEN {_literal(value)} THEN {_literal(',' + _json('ratingValue') + ':' + _json(n))}"
        for value, n in RATING_SCALE.items()
    )
    return _sql_object(
        _sql_member("@type", _literal('"Rating"'), first=True),
        _sql_member("bestRating", _literal(str(BEST))),
        _sql_member("worstRating", _literal(str(WORST))),
        _sql_member("alternateName", f"CASE s.rating {labels} ELSE {_json_text('s.rating')} END"),
        f"CASE s.rating {values} ELSE '' END",
        _sql_when("s.rating_explanation <> ''", _sql_member("description", _json_text("s.rating_explanation"))),
    )


def _sql_appearance() -> str:
    outlet = _sql_object(
        _sql_member("@type", _literal('"Organization"'), first=True), _sql_member("name", _json_text("s.x_outlet"))
    )
    return _sql_object(
        _sql_member("@type", _literal('"CreativeWork"'), first=True),
        _sql_member("url", _json_text("s.x_url")),
        _sql_when("s.x_title <> ''", _sql_member("headline", _json_text("s.x_title"))),
        _sql_when("s.x_outlet <> ''", _sql_member("publisher", outlet)),
    )


def _sql_claimreview() -> str:
    """A review's JSON text; its %s are the url before and after the id, then the publisher (twice)."""
    item = _sql_object(
        _sql_member("@type", _literal('"Claim"'), first=True),
        _sql_member("author", _sql_author()),
        _sql_when("s.x_published IS NOT NULL", _sql_member("datePublished", _sql_date("s.x_published"))),
        _sql_when(
            "s.x_url <> ''",
            _sql_member("firstAppearance", "s.x_appearance"),
            _sql_member("appearance", "'[', s.x_appearance, ']'"),
        ),
    )
    return _sql_object(
        _sql_member("@type", _literal('"ClaimReview"'), first=True),
        _sql_member("url", "%s::text, s.id, %s::text"),
        _sql_member("claimReviewed", _json_text(_sql_reviewed_text("s.content_text", "s.x_start", "s.x_peeled"))),
        _sql_member("itemReviewed", item),
        _sql_member("reviewRating", _sql_rating()),
        _sql_member("author", "%s::text"),
        _sql_member("publisher", "%s::text"),
        _sql_when("s.reviewed_at IS NOT NULL", _sql_member("datePublished", _sql_date("s.reviewed_at"))),
    )


# The related values under names of their own, so the outer SELECT can name every column of the inner one.
_SQL_RELATED = {
    "x_speaker": "speaker__name",
    "x_speaker_kind": "speaker__kind",
    "x_qid": "speaker__wikidata_qid",
    "x_published": "article__published_at",
    "x_url": "article__url",
    "x_title": "article__title",
    "x_outlet": "article__outlet",
}
_SQL_COLUMNS = (
    *("id", *_SQL_RELATED, "speaker_id", "speaker_name", "speaker_text", "content_text", "rating"),
    *("rating_explanation", "reviewed_at"),
)


def claimreview_sql(queryset: QuerySet[Claim], *, claim_url: str) -> tuple[str, Sequence[Any]]:
    """SQL and parameters giving, per claim of ``queryset`` (filtered and ordered), one text column: its review
    as claimreview_stream writes it before the escapes for embedding. ``claim_url`` has a ``{}`` for the id."""
    inner = queryset.annotate(**{name: F(path) for name, path in _SQL_RELATED.items()}).values(*_SQL_COLUMNS)
    sql, params = inner.query.sql_with_params()
    head, tail = claim_url.split("{}", 1)
    url_head, url_tail = _json(head)[:-1], _json(tail)[1:]
    organisation = json.dumps(publisher(), ensure_ascii=False, separators=(",", ":"))
    # Values read more than once are computed once, in a middle query: OFFSET 0 keeps PostgreSQL from folding
    # it into the outer one (which would copy the expressions into every place they are read).
    computed = f"{_sql_appearance()} AS x_appearance, {_sql_reviewed_start('s.content_text')} AS x_start"
    middle = f"SELECT s.*, {computed} FROM ({sql}) s OFFSET 0"  # noqa: S608 - constants around Django's SQL
    middle = f"SELECT s.*, {_sql_reviewed_peeled('s.x_start')} AS x_peeled FROM ({middle}) s OFFSET 0"  # noqa: S608
    select = f"SELECT {_sql_claimreview()} FROM ({middle}) s"  # noqa: S608 - constants around Django's SQL
    return select, [url_head, url_tail, organisation, organisation, *params]


def claimreview_sql_stream(query: tuple[str, Sequence[Any]]) -> Iterator[bytes]:
    """claimreview_stream's document, its reviews written by PostgreSQL (``claimreview_sql``'s query).

    No Python per review: the rows come out of COPY a few hundred at a time; their newlines become the
    commas between reviews (JSON text has no raw newline) and the escapes for embedding are applied to the
    whole piece. The query runs at the first ``next()``, before the document's first byte.
    """
    pieces = copy_text_rows(query)
    try:
        pending = next(pieces, b"")
        yield _GRAPH_HEAD
        for piece in pieces:
            yield escape_for_embedding(pending.replace(b"\n", b","))
            pending = piece
        # The last review has no comma after it.
        yield escape_for_embedding(pending.replace(b"\n", b",")[:-1]) + _GRAPH_TAIL
    finally:
        pieces.close()


def embeddable_json(data: Any) -> str:
    """JSON to paste inside <script type="application/ld+json">: <, > and & escaped."""
    return escape_for_embedding(JSONRenderer().render(data)).decode()
