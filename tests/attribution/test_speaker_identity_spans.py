"""Speaker mentions that would split one person over several records: a verb the parser glues onto a surname, a
force named only after 'police said', an outlet the tagger reads as a person, 'I' in a transcript turn.

Every sentence here is invented. Where a test needs a parse the tagger gives only now and then, the parse is fixed
by hand.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsclaims.attribution import load_pipeline
from newsclaims.attribution.base import Context, subject_of
from newsclaims.attribution.speakers import Resolver, _one_edit

from .conftest import find, run

# (word, tag, pos, dep, head) for 'Gordon Baker runs the yard.' -- the sentence that names the person in full.
_INTRO = [
    ("Gordon", "NNP", "PROPN", "compound", 1),
    ("Baker", "NNP", "PROPN", "nsubj", 2),
    ("runs", "VBZ", "VERB", "ROOT", 2),
    ("the", "DT", "DET", "det", 4),
    ("yard", "NN", "NOUN", "dobj", 2),
    (".", ".", "PUNCT", "punct", 2),
]


def _parsed(rows: list[tuple[str, str, str, str, int]], ents: list[tuple[int, int, str]]) -> Doc:
    """A Doc with the tagger's and the parser's reading given by hand (heads are absolute token indices)."""
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",") for i in range(len(words))]
    doc = Doc(
        load_pipeline().vocab,
        words=words,
        spaces=spaces,
        tags=[r[1] for r in rows],
        pos=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        heads=[r[4] for r in rows],
    )
    doc.ents = [Span(doc, lo, hi, label=label) for lo, hi, label in ents]
    return doc


def _describe(doc: Doc, start: int, end: int) -> tuple[str | None, str]:
    speaker = Resolver(doc, Context.of(doc).sent).describe(start, end)
    return speaker.name, speaker.kind


def test_a_verb_the_parser_reads_as_the_root_noun_after_a_surname_leaves_the_person() -> None:
    # 'Baker avoids condemning the plan.' read as the noun phrase 'Baker avoids' with 'condemning' hanging on it.
    rows = [
        *_INTRO,
        ("Baker", "NN", "NOUN", "compound", 7),
        ("avoids", "NNS", "NOUN", "ROOT", 7),
        ("condemning", "VBG", "VERB", "acl", 7),
        ("the", "DT", "DET", "det", 10),
        ("plan", "NN", "NOUN", "dobj", 8),
        (".", ".", "PUNCT", "punct", 7),
    ]
    doc = _parsed(rows, [(0, 2, "PERSON"), (6, 7, "ORG")])
    assert _describe(doc, 6, 8) == ("Gordon Baker", "person")


def test_a_cue_verb_glued_onto_a_surname_with_its_clause_leaves_the_person() -> None:
    # 'Baker demands answers from the council, yet refuses ...': the subject of 'refuses' comes out as the whole
    # stretch before it, 'demands' read as a noun modifying 'answers'.
    rows = [
        *_INTRO,
        ("Baker", "NN", "NOUN", "compound", 7),
        ("demands", "NNS", "NOUN", "compound", 8),
        ("answers", "NNS", "NOUN", "nsubj", 14),
        ("from", "IN", "ADP", "prep", 8),
        ("the", "DT", "DET", "det", 11),
        ("council", "NN", "NOUN", "pobj", 9),
        (",", ",", "PUNCT", "punct", 8),
        ("yet", "RB", "ADV", "advmod", 8),
        ("refuses", "VBZ", "VERB", "ROOT", 14),
        ("to", "TO", "PART", "aux", 16),
        ("talk", "VB", "VERB", "xcomp", 14),
        (".", ".", "PUNCT", "punct", 14),
    ]
    doc = _parsed(rows, [(0, 2, "PERSON"), (6, 7, "ORG")])
    assert _describe(doc, 6, 14) == ("Gordon Baker", "person")


def test_a_group_a_surname_describes_is_not_cut_to_the_surname() -> None:
    # 'Baker supporters gathered ...': the supporters speak, not Baker.
    rows = [
        *_INTRO,
        ("Baker", "NNP", "PROPN", "compound", 7),
        ("supporters", "NNS", "NOUN", "nsubj", 8),
        ("gathered", "VBD", "VERB", "ROOT", 8),
        (".", ".", "PUNCT", "punct", 8),
    ]
    doc = _parsed(rows, [(0, 2, "PERSON"), (6, 7, "PERSON")])
    assert _describe(doc, 6, 8) != ("Gordon Baker", "person")


def test_police_take_the_force_the_article_names_only_later() -> None:
    text = (
        "A man was shot dead outside a store in Harwood on Tuesday night.\n\n"
        "Police said the man had fired first. The family said he was unarmed.\n\n"
        "Dana Whitlock, the Harwood-Lakeside police chief, said that the video would be released on Friday."
    )
    s = find(run(text), "had fired first")
    assert (s.speaker_name, s.speaker_kind) == ("Harwood-Lakeside police", "organisation")


def test_police_stay_unnamed_when_the_article_names_two_forces_later() -> None:
    text = (
        "A man was shot dead outside a store in Harwood on Tuesday night.\n\n"
        "Police said the man had fired first.\n\n"
        "Harwood police and Lakeside police are investigating together."
    )
    s = find(run(text), "had fired first")
    assert s.speaker_kind != "organisation" or s.speaker_name not in ("Harwood police", "Lakeside police")


def test_an_outlet_the_tagger_reads_as_a_person_issues_its_poll_as_an_outlet() -> None:
    # The tagger's reading is fixed here: the outlet's name is read as a person.
    doc = load_pipeline()("Voters are split on the bridge. A Bloomberg poll found that most voters back the tolls.")
    outlet = next(t.i for t in doc if t.text == "Bloomberg")
    doc.ents = [Span(doc, outlet, outlet + 1, label="PERSON")]
    assert _describe(doc, outlet - 1, outlet + 2) == ("Bloomberg", "media")


def test_i_in_a_later_paragraph_of_a_transcript_turn_is_the_turns_speaker() -> None:
    text = (
        "Harlan Says Senator Will Skip Debate\n\n"
        "On Sunday, Governor Mary Harlan spoke with the host about the debate.\n\n"
        '"HOST: Adaeze Okafor said on Friday that she would attend. Okafor said the hall was too small. Okafor said '
        "the stage was too low. Okafor said the lights were too bright. Okafor said the chairs were too hard. Okafor "
        "said the room was too cold. Will the senator attend the debate?\n\n"
        '"HARLAN: Well, look, the senator has other plans.\n\n'
        '"But the truth is that the hall is too small. And I think that the senator will not be there."'
    )
    doc = load_pipeline()(text)
    resolver = Resolver(doc, Context.of(doc).sent)
    for tok in doc:
        if tok.text == "Okafor":  # the host's turn makes Okafor the person speaking most recently
            resolver.describe(tok.i, tok.i + 1)
    i = next(t.i for t in doc if t.text == "I")
    assert resolver.describe(i, i + 1).name == "Mary Harlan"


def test_a_surname_two_people_share_is_the_one_named_in_full_last() -> None:
    text = (
        "Council Race Heats Up\n\n"
        "Independent candidate Gary Brandt's doctor said on Monday that the candidate was fit.\n\n"
        "Harbour commissioner Jeh Brandt says smugglers are targeting the port.\n\n"
        "Brandt told a radio station on Friday that at least one attempt had succeeded. He said the port would add "
        "guards."
    )
    statements = run(text)
    assert find(statements, "attempt had succeeded").speaker_name == "Jeh Brandt"
    assert find(statements, "add guards").speaker_name == "Jeh Brandt"


def test_an_opening_description_is_the_person_named_speaking_next_when_no_one_is_given_the_role() -> None:
    text = (
        "Former Party Chairman Calls For Backup Plan\n\n"
        "A former party chairman says Mayor Piet Brandt and the council should prepare a plan in case the candidate "
        "falls ill.\n\n"
        "\u201cNow is the time to prepare,\u201d said Gordon Halvorsen, who led the party from 1990 to 1994. "
        "\u201cThe plan should be ready by tonight.\u201d"
    )
    statements = run(text)
    assert find(statements, "should prepare a plan").speaker_name == "Gordon Halvorsen"
    assert find(statements, "Backup Plan").speaker_name == "Gordon Halvorsen"


def test_an_opening_description_is_not_a_speaker_the_article_gives_another_role() -> None:
    text = (
        "A witness says the car ran the red light before it hit the cyclist.\n\n"
        "\u201cThe road will stay closed until Friday,\u201d said Mayor Piet Brandt."
    )
    assert find(run(text), "ran the red light").speaker_name != "Piet Brandt"


def test_a_relative_word_the_parser_makes_a_second_subject_is_not_the_speaker() -> None:
    # 'the reasons that Baker refuses to talk': 'that' and 'Baker' both read as subjects of 'refuses'.
    rows = [
        ("the", "DT", "DET", "det", 1),
        ("reasons", "NNS", "NOUN", "ROOT", 1),
        ("that", "WDT", "PRON", "nsubj", 4),
        ("Baker", "NNP", "PROPN", "nsubj", 4),
        ("refuses", "VBZ", "VERB", "relcl", 1),
        ("to", "TO", "PART", "aux", 6),
        ("talk", "VB", "VERB", "xcomp", 4),
    ]
    doc = _parsed(rows, [(3, 4, "PERSON")])
    subject = subject_of(doc[4])
    assert subject is not None and subject.text == "Baker"


def test_a_live_blog_label_the_parser_makes_a_second_subject_is_not_the_speaker() -> None:
    # 'The Latest: Baker urges voters to wait.': the label and the name both read as subjects of 'urges'.
    rows = [
        ("The", "DT", "DET", "det", 1),
        ("Latest", "JJS", "ADJ", "nsubj", 4),
        (":", ":", "PUNCT", "punct", 4),
        ("Baker", "NNP", "PROPN", "nsubj", 4),
        ("urges", "VBZ", "VERB", "ROOT", 4),
        ("voters", "NNS", "NOUN", "dobj", 4),
        ("to", "TO", "PART", "aux", 7),
        ("wait", "VB", "VERB", "xcomp", 4),
    ]
    doc = _parsed(rows, [(3, 4, "PERSON")])
    subject = subject_of(doc[4])
    assert subject is not None and subject.text == "Baker"


def test_her_campaign_is_the_campaign_of_the_person_the_pronoun_stands_for() -> None:
    text = (
        "Adaeze Okafor is running for mayor of Lakeside. She opened an office on Main Street on Monday.\n\n"
        "Her campaign said the office would stay open until the vote."
    )
    s = find(run(text), "stay open")
    assert (s.speaker_name, s.speaker_kind) == ("Okafor campaign", "organisation")


def test_it_for_an_acronym_is_the_name_the_acronym_stands_for() -> None:
    text = (
        "The Northern Reconstruction Fund (NRF) cut its forecast on Tuesday. Economists at the NRF warned of a "
        "slowdown. It said growth would slow to 1 percent."
    )
    assert find(run(text), "growth would slow").speaker_name == "Northern Reconstruction Fund"


def test_an_organisations_short_name_is_the_full_name_the_article_gave_it() -> None:
    text = (
        "The Lakeside Harbour Council voted on Monday to close the pier.\n\n"
        "The Harbour Council said the pier was unsafe and would be rebuilt next year."
    )
    s = find(run(text), "pier was unsafe")
    assert (s.speaker_name, s.speaker_kind) == ("Lakeside Harbour Council", "organisation")


def test_a_quotations_last_words_the_parser_makes_a_second_subject_are_not_the_speaker() -> None:
    # '"Full speed," said Baker.': the quotation's noun phrase and the name both read as subjects of 'said'.
    rows = [
        ("\u201c", "``", "PUNCT", "punct", 4),
        ("Full", "JJ", "ADJ", "amod", 2),
        ("speed", "NN", "NOUN", "nsubj", 4),
        ("\u201d", "''", "PUNCT", "punct", 4),
        ("said", "VBD", "VERB", "ROOT", 4),
        ("Baker", "NNP", "PROPN", "nsubj", 4),
        (".", ".", "PUNCT", "punct", 4),
    ]
    doc = _parsed(rows, [(5, 6, "PERSON")])
    subject = subject_of(doc[4])
    assert subject is not None and subject.text == "Baker"


def test_a_definite_description_names_the_role_holder_over_a_more_salient_person_without_it() -> None:
    text = (
        "Orchard Dispute Goes To Court\n\n"
        "County Court Justice Frank Nolan heard the orchard case on Monday.\n\n"
        '"Boundaries are a matter of record," Nolan wrote in a short order.\n\n'
        "Last week, lawyers for Sarah Kessler asked for a survey of the fence. Sarah Kessler argued that the fence "
        "had moved. Kessler said the trees were hers. Kessler said her grandfather planted them. Kessler said the "
        "neighbours knew it.\n\n"
        "The judge told Kessler that the old survey would settle the matter."
    )
    assert find(run(text), "old survey would settle").speaker_name == "Frank Nolan"


def test_a_quotation_paragraph_carries_on_from_the_sentence_that_introduced_its_speaker() -> None:
    text = (
        "Council Splits Over Harbour Plan\n\n"
        "The harbour plan would cost the city $40 million, according to an analysis by Sarah Kessler, a former city "
        "budget officer, whose figures were checked by the auditor.\n\n"
        "The cost would fall mostly on ferry users, said Kessler.\n\n"
        "The plan has become a campaign issue, with Mayor Adaeze Okafor, who wants a smaller harbour, attacking it "
        "at every stop.\n\n"
        '"This plan would sink the ferry for good," she said at a rally on Friday. "Nobody asked the riders."'
    )
    assert find(run(text), "sink the ferry").speaker_name == "Adaeze Okafor"


def test_a_memo_and_it_take_the_full_name_of_the_organisation_named_short() -> None:
    memo = (
        "The Lakeside Harbour Council voted on Monday to close the pier.\n\n"
        "A Harbour Council memo said the pier had been unsafe for years."
    )
    assert find(run(memo), "unsafe for years").speaker_name == "Lakeside Harbour Council"
    it = (
        "The Lakeside Harbour Council voted on Monday to close the pier. The Harbour Council met again on Friday.\n\n"
        "It said the pier had been unsafe for years."
    )
    assert find(run(it), "unsafe for years").speaker_name == "Lakeside Harbour Council"


def test_a_news_conference_announcing_something_is_its_speaker_announcing_it() -> None:
    text = (
        "Sarah Kessler runs the state water board.\n\n"
        '"Nobody owns the river," she said at a news conference announcing that her board was suing the county.'
    )
    assert find(run(text), "suing the county").speaker_name == "Sarah Kessler"


def test_a_transcript_label_the_tagger_reads_as_a_person_at_another_turn_is_a_person_at_every_turn() -> None:
    # The tagger's reading is fixed here: the host's label is an organisation at one turn, a person at the next.
    doc = load_pipeline()(
        "Harlan Says Senator Will Skip Debate\n\n"
        "On Sunday, Governor Mary Harlan spoke with a host about the debate.\n\n"
        '"HOLLIS: Will the senator attend the debate?\n\n'
        '"HARLAN: No, he will not.\n\n'
        '"HOLLIS: Why not?'
    )
    first, second = [t.i for t in doc if t.text == "HOLLIS"]
    others = [e for e in doc.ents if e.start not in (first, second)]
    doc.ents = [*others, Span(doc, first, first + 1, label="ORG"), Span(doc, second, second + 1, label="PERSON")]
    assert _describe(doc, first, first + 1) == ("HOLLIS", "person")


def test_a_full_name_the_tagger_misses_is_known_when_its_surname_goes_on_as_a_subject() -> None:
    doc = load_pipeline()(
        "Clinic Doctor Draws Critics\n\n"
        "Ilkay Dorsan, a surgeon and television host, has been called a fraud by other doctors. Dorsan has sold "
        "pills that no trial supports.\n\n"
        "Mayor Piet Brandt went on the show on Thursday. Dorsan is hardly a neutral judge of the mayor's health."
    )
    # The tagger's reading is fixed here: the full name is no entity, the later surnames are people.
    doc.ents = [e for e in doc.ents if e.text != "Ilkay Dorsan" and not e.text.startswith("Ilkay")]
    last = [t.i for t in doc if t.text == "Dorsan"][-1]
    assert _describe(doc, last, last + 1) == ("Ilkay Dorsan", "person")


def test_a_name_pair_whose_surname_is_a_place_elsewhere_is_not_made_a_person() -> None:
    doc = load_pipeline()(
        "Port Towns Brace For Storm\n\n"
        "Lower Halden, a fishing port, has closed its harbour. Halden has sandbags on every street. Halden is "
        "ready, the mayor of Halden said."
    )
    doc.ents = [e for e in doc.ents if "Halden" not in e.text] + [
        Span(doc, t.i, t.i + 1, label="GPE") for t in doc if t.text == "Halden"
    ][-1:]
    first = next(t.i for t in doc if t.text == "Halden")
    assert _describe(doc, first, first + 1)[0] != "Lower Halden"


def test_a_pronoun_in_a_relative_clause_on_another_noun_says_nothing_of_the_subjects_gender() -> None:
    # The tagger's reading is fixed here: the full name is a person.
    doc = load_pipeline()(
        "Ferry Fight Heats Up.\n\nTamsin Okafor wrote to the harbour chairman, who gave up his seat on the board last "
        "year."
    )
    first = next(t.i for t in doc if t.text == "Tamsin")
    doc.ents = [Span(doc, first, first + 2, label="PERSON")]
    resolver = Resolver(doc, Context.of(doc).sent)
    assert resolver.t.gender.get("Tamsin Okafor") is None


def test_a_sections_lead_in_in_capitals_the_parser_makes_a_second_subject_is_not_the_speaker() -> None:
    # 'THE VOTE Later, Baker said ...': the lead-in and the name both read as subjects of 'said'.
    rows = [
        ("THE", "DT", "DET", "det", 1),
        ("VOTE", "NN", "NOUN", "nsubj", 5),
        ("Later", "RB", "ADV", "advmod", 5),
        (",", ",", "PUNCT", "punct", 5),
        ("Baker", "NNP", "PROPN", "nsubj", 5),
        ("said", "VBD", "VERB", "ROOT", 5),
        ("it", "PRP", "PRON", "nsubj", 7),
        ("passed", "VBD", "VERB", "ccomp", 5),
        (".", ".", "PUNCT", "punct", 5),
    ]
    doc = _parsed(rows, [(4, 5, "PERSON")])
    subject = subject_of(doc[5])
    assert subject is not None and subject.text == "Baker"


def test_the_campaign_is_the_campaign_of_the_person_the_story_has_moved_on_to() -> None:
    text = (
        "Race Enters Final Weeks\n\n"
        "Piet Brandt mocked his rival at a rally. The Brandt campaign said he would visit five states.\n\n"
        "Sarah Kessler toured the harbour on Thursday. She met nurses at two clinics. She spoke to a crowd of "
        "students.\n\n"
        "Kessler wants every student to spend a summer in the harbour clinics.\n\n"
        "The campaign says the candidate will announce the plan on Friday. Kessler's campaign declined to give "
        "a cost."
    )
    s = find(run(text), "announce the plan")
    assert (s.speaker_name, s.speaker_kind) == ("Kessler campaign", "organisation")


def test_i_after_a_label_that_names_no_person_is_not_the_label() -> None:
    text = (
        "Harbour Plan Draws Letters\n\n"
        "Letters to the editor, edited by Lena Marsh.\n\n"
        "NOTE: I think the harbour plan is a waste of money, and the council should drop it."
    )
    statements = run(text)
    assert all(s.speaker_name != "NOTE" for s in statements)


def test_a_surname_misspelt_by_one_letter_is_the_person_named_in_full() -> None:
    text = (
        "Two voters, Marisol Quenneville and Dario Fenwick, saw the governor speak at a rally last week.\n\n"
        "Quennevile said the governor had ignored the valley for years. She said she would vote for the challenger."
    )
    statements = run(text)
    assert find(statements, "ignored the valley").speaker_name == "Marisol Quenneville"
    assert find(statements, "vote for the challenger").speaker_name == "Marisol Quenneville"


def test_a_surname_one_letter_off_with_another_first_letter_is_someone_else() -> None:
    statements = run("Dario Fenwick runs the depot. Renwick, a rival, said the depot would close in May.")
    assert find(statements, "close in May").speaker_name == "Renwick"


def test_one_edit_takes_a_dropped_added_changed_or_swapped_letter_only() -> None:
    assert _one_edit("quenneville", "quennevile")
    assert _one_edit("mcclenney", "mclenney")
    assert _one_edit("harwood", "harwoood")
    assert _one_edit("harwood", "harwoad")
    assert _one_edit("harwood", "hawrood")
    assert not _one_edit("harwood", "harwood")
    assert not _one_edit("harwood", "hawroad")
    assert not _one_edit("harwood", "harwoodes")


def test_a_role_no_one_before_holds_is_the_person_named_speaking_next() -> None:
    text = (
        "Senator Ada Moreno scolded the host at a hearing last year.\n\n"
        "The head of the studio said the host would stay. Tom Bell wrote in an email that the show would go on."
    )
    assert find(run(text), "the host would stay").speaker_name == "Tom Bell"


def test_a_role_someone_before_holds_stays_with_them() -> None:
    text = (
        "Senator Ada Moreno scolded the host at a hearing last year. The senator said the show was a disgrace. "
        "Tom Bell wrote in an email that the show would go on."
    )
    assert find(run(text), "was a disgrace").speaker_name == "Ada Moreno"


def test_a_section_label_before_a_colon_is_not_a_speaker() -> None:
    text = (
        "The envoy looked back on a decade in office.\n\n"
        "Success: Mr. Okafor made the water treaty his signature issue and travelled to every signatory state."
    )
    assert not [s for s in run(text) if s.speaker is not None and s.speaker.text == "Success"]


def test_a_common_noun_that_can_speak_before_a_colon_stays_the_source() -> None:
    assert find(run("Poll: Voters favour the dam by a wide margin"), "favour the dam").speaker_name == "Poll"


def test_a_name_the_tagger_reads_as_a_noun_before_a_colon_stays_the_source() -> None:
    text = (
        "Factcheckr: The senator's claim about the bridge is mostly false\n\n"
        "After the debate Factcheckr looked at the senator's claim."
    )
    assert find(run(text), "mostly false").speaker_name == "Factcheckr"
