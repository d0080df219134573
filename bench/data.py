"""Bench data at scale, written by PostgreSQL itself: invented speakers, articles and claims via generate_series.

    from bench.data import fill
    fill(dsn, claims=1_000_000)

Building a million claims through the ORM takes many minutes and most of a core; ``generate_series`` with
``random()`` does it in about a minute. Every name and sentence is invented here: speakers are syllables put
together ("Varo Kelindt"), statements are words drawn with a skewed distribution from a made-up news vocabulary,
so a few words are common (a search for them matches a tenth of all claims) and most are rare, as in real text.
The generator is deterministic (``setseed``) so two runs make the same data.
"""

from __future__ import annotations

import io
import random
from typing import Any

SYLLABLES = [
    *("ka", "lo", "ver", "min", "dra", "sel", "to", "run", "bex", "ila", "mar", "quen", "zo", "tal", "fen"),
    *("oru", "del", "vak", "ne", "sti", "gor", "ama", "lis", "pey", "cro", "ule", "han", "wyn", "bri", "eto"),
]
TITLES = ["Minister", "Senator", "Mayor", "Director", "Professor", "Governor", "Chief"]
# A made-up newsroom vocabulary; the first words are drawn far more often than the last ones.
_VOCABULARY = (
    "the council said budget would rise next year plan city water school bridge hospital police rail tax "
    "inflation election workers farmers union strike court ruling report jobs housing prices energy power grid "
    "harbour ferry museum library airport runway tunnel flood drought harvest fishing fleet mine factory port "
    "reform pension wages contract tender audit deficit surplus loan bond rates bank crisis recovery growth "
    "survey poll vote ballot turnout coalition opposition treaty summit border customs tariff export import "
    "vaccine clinic nurses doctors beds ambulance emergency fire brigade storm warning coast erosion wind solar "
    "turbine pipeline refinery leak spill cleanup fine penalty licence permit zoning tower stadium festival "
    "ticket tourism hotel visitors record decline shortage surplus closure reopening delay overrun estimate "
    "forecast target pledge promise denial apology resignation inquiry scandal probe charges verdict appeal "
    "sentence prison parole curfew protest march rally petition referendum mandate veto amendment clause "
    "quarry canal lighthouse orchard vineyard glacier avalanche meadow granary tramway monorail cablecar"
)
WORDS = _VOCABULARY.split()
OUTLETS = [f"Bench Outlet {i}" for i in range(20)]


def invented_names(n: int, seed: int = 11) -> list[str]:
    """``n`` distinct invented two-word names."""
    rng = random.Random(seed)
    names: dict[str, None] = {}
    while len(names) < n:
        first = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        last = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
        names[f"{first} {last}"] = None
    return list(names)


def _copy(cursor: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        copy.write(buffer.getvalue())


def columns(cursor: Any, table: str) -> set[str]:
    cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])
    return {row[0] for row in cursor.fetchall()}


def fill(dsn: str, *, claims: int, speakers: int = 5000, per_article: int = 50) -> dict[str, Any]:
    """Fill an empty, migrated database; returns what the benchmarks need (ids, names, words)."""
    import psycopg

    from newsclaims.attribution.names import normalize_name

    names = invented_names(speakers)
    with psycopg.connect(dsn, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("SELECT setseed(0.42)")
        _copy(
            cur,
            "claims_speaker",
            ["name", "kind", "description", "wikidata_qid", "created_at", "updated_at"],
            [(name, "person" if i % 5 else "organisation", "", "", "now()", "now()") for i, name in enumerate(names)],
        )
        cur.execute("SELECT id, name FROM claims_speaker ORDER BY id")
        speaker_rows = cur.fetchall()
        aliases = []
        for i, (pk, name) in enumerate(speaker_rows):
            aliases.append((pk, name, normalize_name(name)))
            if i % 3 == 0:  # a third have a second form, a title and the surname
                alias = f"{TITLES[i % len(TITLES)]} {name.split()[-1]} {i}"
                aliases.append((pk, alias, normalize_name(alias)))
        _copy(cur, "claims_speakeralias", ["speaker_id", "name", "normalized"], aliases)
        n_articles = max(1, -(-claims // per_article))
        cur.execute(
            """
            INSERT INTO claims_article (title, url, outlet, author, published_at, text, content_hash, language,
                                        engine_version, created_at, updated_at)
            SELECT 'Bench article ' || g, 'https://bench.example/' || g, (%s::text[])[1 + g %% 20], '',
                   timestamptz '2020-01-01' + g * interval '1 hour', 'Bench article ' || g || '.', md5(g::text),
                   'en', 'bench', timestamptz '2020-01-01' + g * interval '1 hour',
                   timestamptz '2020-01-01' + g * interval '1 hour'
            FROM generate_series(1, %s) AS g
            """,
            [OUTLETS, n_articles],
        )
        cur.execute("SELECT min(id) FROM claims_article")
        first_article = cur.fetchone()[0]
        first_speaker, n_speakers = speaker_rows[0][0], len(speaker_rows)
        present = columns(cur, "claims_claim")
        has_search_speaker = "search_speaker" in present
        # Columns added since this generator was written, with the values the engine would store; their
        # defaults are Django's, not the database's, so an INSERT must name them.
        later = {
            "speaker_kind": "'person'",
            "speaker_link": "'linked'",
            "origin": "'engine'",
            "engine_original": "'{}'::jsonb",
        }
        later = {name: value for name, value in later.items() if name in present}
        # Claims: the speaker is skewed too (a few speakers say a lot); the statement is 8-14 drawn words.
        cur.execute(
            f"""
            WITH c AS (
                SELECT g, %(first_article)s + (g - 1) / %(per)s AS article_id,
                       %(first_speaker)s + floor(power(random(), 2) * %(n_speakers)s)::int AS speaker_id,
                       (SELECT string_agg(w.words[1 + floor(power(random(), 2.2) * w.n)::int], ' ')
                        FROM (SELECT %(words)s::text[] AS words, %(n_words)s AS n) w,
                             generate_series(1, 8 + g %% 7)) AS content,
                       random() AS r
                FROM generate_series(1, %(claims)s) AS g
            )
            INSERT INTO claims_claim (
                article_id, speaker_id, speaker_text, speaker_start, speaker_end, cue_text, cue_start, cue_end,
                content_text, content_start, content_end, kind, via, speaker_name, speaker_role, cue_meaning,
                confidence, engine_version, engine_missing, attribution_status, rating, rating_explanation,
                version, created_at, updated_at {", search_speaker" if has_search_speaker else ""}
                {"".join(", " + name for name in later)})
            SELECT c.article_id, c.speaker_id, s.name, 0, length(s.name), 'said', 0, 4, c.content, 0,
                   length(c.content), (ARRAY['direct', 'indirect', 'mixed'])[1 + g %% 3], '[]'::jsonb, s.name, '',
                   'neutral', round(c.r::numeric, 3)::float8, 'bench', false,
                   (ARRAY['unreviewed', 'unreviewed', 'unreviewed', 'unreviewed', 'unreviewed', 'unreviewed',
                          'unreviewed', 'confirmed', 'confirmed', 'wrong_speaker'])[1 + g %% 10],
                   (ARRAY['not_rated', 'not_rated', 'not_rated', 'not_rated', 'not_rated', 'not_rated', 'true',
                          'false', 'mixed', 'misleading'])[1 + (g / 10) %% 10],
                   '', 1, timestamptz '2020-01-01' + g * interval '1 minute',
                   timestamptz '2020-01-01' + g * interval '1 minute'
                   {", s.name || ' ' || coalesce(a.names, '')" if has_search_speaker else ""}
                   {"".join(", " + value for value in later.values())}
            FROM c JOIN claims_speaker s ON s.id = c.speaker_id
            LEFT JOIN (SELECT speaker_id, string_agg(name, ' ') AS names FROM claims_speakeralias
                       GROUP BY speaker_id) a ON a.speaker_id = s.id
            """,
            {
                "first_article": first_article,
                "per": per_article,
                "first_speaker": first_speaker,
                "n_speakers": n_speakers,
                "words": WORDS,
                "n_words": len(WORDS),
                "claims": claims,
            },
        )
        cur.execute(
            "INSERT INTO claims_note (claim_id, body, created_at) SELECT id, 'checked', now() FROM claims_claim "
            "WHERE id % 20 = 0"
        )
        cur.execute("VACUUM ANALYZE")
        cur.execute("SELECT count(*) FROM claims_claim")
        count = cur.fetchone()[0]
    return {"count": count, "speaker_names": names}
