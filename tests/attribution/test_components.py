"""The spaCy components follow spaCy's conventions: factories with a config, no state kept between Docs."""

from __future__ import annotations

import spacy

from newsclaims.attribution import components, load_pipeline
from newsclaims.attribution.engine import DEFAULT_PIPELINE, DISABLED


def test_attribution_factory_declares_what_it_reads_and_writes() -> None:
    meta = spacy.Language.get_factory_meta("newsclaims_attribution")
    assert "doc._.nc_statements" in meta.assigns
    assert {"doc.sents", "token.dep", "doc._.nc_quotes"} <= set(meta.requires)
    assert spacy.Language.get_factory_meta("newsclaims_quotes").assigns == ["doc._.nc_quotes"]


def test_settings_arrive_through_the_component_config() -> None:
    nlp = spacy.load(DEFAULT_PIPELINE, exclude=list(DISABLED))
    nlp.add_pipe("newsclaims_quotes")
    attributor = nlp.add_pipe("newsclaims_attribution", config={"confidence_floor": 0.2})
    assert isinstance(attributor, components.Attributor)
    assert attributor.confidence_floor == 0.2


def test_the_component_keeps_nothing_of_the_document_it_processed() -> None:
    nlp = load_pipeline()
    attributor = nlp.get_pipe("newsclaims_attribution")
    before = dict(vars(attributor)) if hasattr(attributor, "__dict__") else {}
    nlp("Ms Varga said the bridge would reopen in May.")
    after = dict(vars(attributor)) if hasattr(attributor, "__dict__") else {}
    assert before.keys() == after.keys()
    assert not hasattr(attributor.rules, "text") and not hasattr(attributor.rules, "sent")
