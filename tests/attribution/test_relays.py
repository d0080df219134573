"""Relays (``via``): the outlet, platform or programme a statement reached the reader through.

Every sentence here is invented; one test per construction.
"""

from __future__ import annotations

from .conftest import find, run


def test_tweeted_is_a_twitter_relay() -> None:
    s = find(run("Senator Ilse Marquardt tweeted that the bridge vote had been rigged."), "bridge vote")
    assert s.via == ("Twitter",)


def test_said_on_twitter() -> None:
    text = '"The harbour plan is dead," Mayor Joss Aldane said on Twitter.'
    s = find(run(text), "harbour plan")
    assert s.via == ("Twitter",)


def test_wrote_on_facebook() -> None:
    s = find(run("Councillor Priya Venn wrote on Facebook that the library would reopen in May."), "library")
    assert s.via == ("Facebook",)


def test_posted_message_on_facebook_as_an_adjunct() -> None:
    text = "In a long Facebook post on Saturday night, Ottilie Brask said she would not run again."
    s = find(run(text), "not run again")
    assert s.via == ("Facebook",)


def test_in_one_tweet_said() -> None:
    text = 'In one tweet, Governor Halvard Roe said: "The tunnel is finished and so are my critics."'
    s = find(run(text), "tunnel")
    assert s.via == ("Twitter",)


def test_said_on_an_outlets_programme() -> None:
    text = '"We will not raise the levy," Finance Minister Corin Vale said on Radio Meridian\'s "Morning Ledger."'
    s = find(run(text), "levy")
    assert "Morning Ledger" in s.via


def test_told_an_outlets_programme() -> None:
    text = 'Dagny Orr told Channel Nine\'s "Evening Desk" on Friday that the strike would end soon.'
    s = find(run(text), "strike")
    assert "Evening Desk" in s.via


def test_interview_on_a_quoted_programme() -> None:
    text = 'In an interview on "The Harbour Hour," Mayor Lisbet Krane said the ferry fares would fall.'
    s = find(run(text), "ferry fares")
    assert "The Harbour Hour" in s.via


def test_broadcast_of_a_programme() -> None:
    text = 'On this week\'s broadcast of "Capital Roundtable," Senator Emrys Dunmore said the treaty was weak.'
    s = find(run(text), "treaty")
    assert "Capital Roundtable" in s.via


def test_told_a_journalist_of_an_outlet() -> None:
    s = find(run("Brant Kellow told Mira Osei of CNN that the talks had stalled."), "talks had stalled")
    assert s.via == ("CNN",)


def test_told_an_outlets_host() -> None:
    s = find(run("Pollster Edda Frane told Radio Meridian host Tobin Lake that turnout would be high."), "turnout")
    assert s.via == ("Radio Meridian",)


def test_interview_with_an_outlet() -> None:
    s = find(run("In an interview with Reuters, Olwen Paske said the company would cut prices."), "cut prices")
    assert s.via == ("Reuters",)


def test_wrote_for_an_outlet() -> None:
    s = find(run("Analyst Fenna Holt wrote for Bloomberg that the rally would fade."), "rally would fade")
    assert s.via == ("Bloomberg",)


def test_said_on_an_outlet() -> None:
    text = '"The count was fair," Ruthven Moss said on CNN.'
    s = find(run(text), "count was fair")
    assert s.via == ("CNN",)


def test_named_show_without_quote_marks() -> None:
    text = "On The Midday Kitchen Show on Tuesday, Corliss Deane said the tax would hurt bakers."
    s = find(run(text), "tax would hurt")
    assert s.via == ("The Midday Kitchen Show",)


def test_a_place_in_the_content_is_no_relay() -> None:
    s = find(run("Hedda Mors said the video was posted on Facebook by a neighbour."), "video was posted")
    assert s.via == ()


def test_wrote_for_a_named_publisher() -> None:
    s = find(run("\u201cThe vote is close,\u201d wrote Oren Vasquez for Halden Polling."), "vote is close")
    assert s.via == ("Halden Polling",)


def test_forum_hosted_by_an_outlet() -> None:
    text = "Ines Calder said during a forum hosted by CNN that the port would be sold."
    s = find(run(text), "port would be sold")
    assert s.via == ("CNN",)


def test_told_an_outlet_the_tagger_reads_as_a_person() -> None:
    s = find(run('Dagny Orr told Fox that "they moved the vote because they were scared."'), "moved the vote")
    assert s.via == ("Fox",)


def test_told_an_outlets_quoted_programme_parsed_as_two_objects() -> None:
    text = "Ansel Brook tells Radio Meridian\u2019s \u201cMorning Ledger\u201d on Friday that the port will stay shut."
    s = find(run(text), "port will stay shut")
    assert s.via == ("Morning Ledger",)


def test_an_interview_with_an_outlets_journalist_is_relayed_by_the_outlet() -> None:
    text = "In a long interview with Fox News's Bret Baier, Governor Ansel Pike said the tunnel would open in May."
    s = find(run(text), "tunnel")
    assert s.via == ("Fox News",)


def test_telling_an_outlets_journalist_is_relayed_by_the_outlet() -> None:
    s = find(run("Mayor Tova Lind told CBS News' Scott Pelley that the ferry fares would fall."), "ferry fares")
    assert s.via == ("CBS News",)


def test_a_writers_participle_names_the_publication() -> None:
    s = find(run("Writing for the Harbour Herald, Ola Berg argued that the levy was unfair."), "levy")
    assert s.via == ("Harbour Herald",)


def test_a_participle_that_is_not_writing_names_no_publication() -> None:
    s = find(run("Speaking for the Harbour Union, Ola Berg argued that the levy was unfair."), "levy")
    assert s.via == ()


def test_a_relay_in_the_frame_between_two_quotations_of_one_statement_counts() -> None:
    text = '"The ferry plan is a mess," Ola Berg, a columnist for the Herald, said on Twitter. "Nobody asked us."'
    s = find(run(text), "ferry plan")
    assert "Nobody asked us" in s.content.text  # one statement, the frame a gap
    assert s.via == ("Twitter",)


def test_a_writer_for_an_outlet_in_the_frame_between_two_quotations() -> None:
    text = '"The debate changed little," wrote Ola Berg for Meridian Polling. "Most voters had decided."'
    s = find(run(text), "debate changed")
    assert s.via == ("Meridian Polling",)


def test_an_interview_on_an_outlets_programme_keeps_the_programme() -> None:
    text = "In a long interview on CNN's Morning Desk, Governor Ansel Pike said the tunnel would open."
    s = find(run(text), "tunnel")
    assert s.via == ("Morning Desk",)  # the tagger reads the title as a person
