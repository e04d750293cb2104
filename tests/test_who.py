"""Who: people with roles, organisations and places, from sentences written for these tests."""

from __future__ import annotations

import pytest

from briefer.extract.who import extract_who, resolve_actor
from briefer.models import Entity, Sentence

CAST = (
    Entity("Mark Carney", "person", "Prime Minister", 3, (0, 2, 4)),
    Entity("Anita Anand", "person", "Foreign Affairs Minister", 1, (1,)),
    Entity("Donald Trump", "person", "President", 2, (1, 3)),
    Entity("NATO", "organization", None, 2, (2, 3)),
    Entity("Canada", "place", None, 4, (0, 1)),
)


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Carney", "Mark Carney"),
        ("Prime Minister Mark Carney", "Mark Carney"),
        ("Carney's office", "Mark Carney"),
        ("the minister", "Anita Anand"),
        ("the prime minister", "Mark Carney"),
        ("Anand", "Anita Anand"),
        ("the president", "Donald Trump"),
        ("Canada", "Canada"),
        ("Canada's", "Canada"),
        ("NATO", "NATO"),
    ],
)
def test_resolve_actor_finds_the_entity_a_mention_names(phrase: str, name: str) -> None:
    assert resolve_actor(phrase, CAST) == name


@pytest.mark.parametrize("phrase", ["Ottawa", "the spokesperson", "", "Smith"])
def test_resolve_actor_gives_none_for_unknown_mentions(phrase: str) -> None:
    assert resolve_actor(phrase, CAST) is None


def test_resolve_actor_refuses_an_ambiguous_title() -> None:
    two = (*CAST, Entity("Jane Roe", "person", "President", 1, (5,)))
    assert resolve_actor("the president", two) is None


def who_of(*texts: str) -> tuple[Entity, ...]:
    sentences = [Sentence(i, text, i, 0, len(text)) for i, text in enumerate(texts)]
    return extract_who(sentences, None)


def people(*texts: str) -> dict[str, str | None]:
    return {e.name: e.role for e in who_of(*texts) if e.kind == "person"}


def kinds(*texts: str) -> dict[str, str]:
    return {e.name: e.kind for e in who_of(*texts)}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Prime Minister Helen Barrow on Monday opened the new bridge.", "Helen Barrow", "Prime Minister"),
        ("The talks were led by Foreign Affairs Minister Ruth Okafor.", "Ruth Okafor", "Foreign Affairs Minister"),
        ("U.S. army Gen. Tobias Wrenfield will brief the allies.", "Tobias Wrenfield", "U.S. army Gen"),
        (
            "“We are ready,” Dmytro Halvorsen, who serves as Norway’s consul general in Leeds, told reporters.",
            "Dmytro Halvorsen",
            "Norway’s consul general",
        ),
        ("Adm. Pietro Vanzetti, chairman of the alliance’s military committee, said so.", "Pietro Vanzetti", None),
        ("Palace press secretary Mirela Tosk confirmed the visit on Friday.", "Mirela Tosk", "Palace press secretary"),
        ("The union’s leader, Gwen Atterby, rejected the offer.", "Gwen Atterby", "leader"),
        ("The decision was praised by Oskar Lindqvist, the head of the port authority.", "Oskar Lindqvist", None),
        ("The firm's lawyer, Jonah Pettibone, said the case would fail.", "Jonah Pettibone", "lawyer"),
        ("Tessa Vormann is executive producer of the series.", "Tessa Vormann", "executive producer of the series"),
        ("She lost to the world No12 Ilse Brandvold in the final.", "Ilse Brandvold", "world No12"),
        ("The country’s former Prime Minister, Arvind Khosla, was summoned.", "Arvind Khosla", "former Prime Minister"),
    ],
)
def test_people_are_found_with_the_role_the_article_gives(text: str, name: str, role: str | None) -> None:
    found = people(text)
    assert name in found
    if role is not None:
        assert found[name] == role


def test_an_appositive_role_is_preferred_to_a_bare_military_title() -> None:
    found = people("Adm. Pietro Vanzetti, chairman of the alliance’s military committee, said so.")
    assert found["Pietro Vanzetti"].startswith("chairman")


def test_a_name_without_a_given_name_needs_a_structural_cue() -> None:
    assert "Zorvak Pellinen" not in people("The Zorvak Pellinen was a success.")
    assert "Zorvak Pellinen" in people("The plan is sound, Zorvak Pellinen said.")
    assert "Zorvak Pellinen" in people("According to Zorvak Pellinen, the plan is sound.")


def test_a_known_given_name_is_enough() -> None:
    assert "Margaret Okonkwo" in people("Margaret Okonkwo won the seat by a wide margin.")


def test_later_mentions_by_surname_and_title_are_merged_and_counted() -> None:
    who = who_of(
        "Prime Minister Helen Barrow opened the bridge.",
        "Barrow spoke for ten minutes.",
        "The crowd cheered when Ms. Barrow arrived.",
    )
    barrow = next(e for e in who if e.name == "Helen Barrow")
    assert barrow.mentions == 3
    assert barrow.sentences == (0, 1, 2)
    assert [e.name for e in who if e.kind == "person"] == ["Helen Barrow"]


def test_a_shared_surname_goes_to_the_person_named_last() -> None:
    who = who_of(
        "Robert Danforth met Alice Danforth on Monday.",
        "Gwen Atterby spoke to Alice Danforth later.",
        "Danforth said the meeting went well.",
    )
    alice = next(e for e in who if e.name == "Alice Danforth")
    assert 2 in alice.sentences


def test_a_title_with_one_surname_is_a_person_and_joins_the_full_name() -> None:
    who = who_of("President Kowalczyk signed the bill.", "Marta Kowalczyk later thanked the staff.")
    assert [(e.name, e.role) for e in who if e.kind == "person"] == [("Marta Kowalczyk", "President")]


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("The Prime Minister spoke on Tuesday.", "Prime Minister"),
        ("Officials met at the White House on Monday.", "White House"),
        ("She told Global News in an interview that talks went well.", "Global News"),
        ("He told Fox News on Tuesday that he was ready.", "Fox News"),
        ("The Coalition of the Willing met in Helsinki.", "Coalition of the Willing"),
        ("Members of the Canadian Armed Forces will get a raise.", "Canadian Armed Forces"),
        ("The plan was discussed at the General Election hustings.", "Election"),
        ("The Marshall Plan rebuilt much of the continent.", "Marshall Plan"),
        ("The episode aired on Dr. Phil last week.", "Phil"),
        ("Judge Judy is the most watched show on daytime television.", "Judy"),
        ("He appeared on the BBC's Talking Point programme.", "Talking Point"),
        ("Yet the army still faces shortages, Ottawa said.", "Yet"),
        ("Asia Remembered will be shown on the main channel.", "Asia Remembered"),
        ("President of the United States is a demanding job.", "United States"),
    ],
)
def test_names_that_are_not_people_stay_out(text: str, not_a_person: str) -> None:
    assert not any(not_a_person in name for name in people(text))


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("NATO chiefs will meet on Wednesday.", "NATO", "organization"),
        ("Leaders gathered at the G7 summit in Alberta.", "G7", "organization"),
        ("Leaders gathered at the G7 summit in Alberta.", "Alberta", "place"),
        ("The Fairhaven Police Department issued a statement.", "Fairhaven Police Department", "organization"),
        ("The talks in Kyiv ended late.", "Kyiv", "place"),
        ("He spoke with NBC News in Washington.", "NBC News", "organization"),
        ("He spoke with NBC News in Washington.", "Washington", "place"),
        ("The Justice Department opened an inquiry.", "Justice Department", "organization"),
    ],
)
def test_organisations_and_places_are_kept_apart_from_people(text: str, name: str, kind: str) -> None:
    assert kinds(text)[name] == kind


def test_days_months_and_nationalities_are_nothing() -> None:
    found = kinds("On Tuesday in March the Canadian and Ukrainian delegations met.")
    assert not {"Tuesday", "March", "Canadian", "Ukrainian"} & set(found)


def test_people_come_first_by_importance_then_organisations_then_places() -> None:
    who = who_of(
        "Gwen Atterby met Prime Minister Helen Barrow in Oslo with NATO officials.",
        "Barrow said the talks were useful.",
        "Barrow later flew home.",
    )
    assert [e.kind for e in who] == ["person", "person", "organization", "place"]
    assert who[0].name == "Helen Barrow"


def test_a_list_of_names_beside_a_person_are_people() -> None:
    found = people("The agency's Vasko Trelund and Alvi Eskerin contributed to this report.")
    assert {"Vasko Trelund", "Alvi Eskerin"} <= set(found)


def test_people_joined_by_and_are_kept_apart() -> None:
    found = people("Talks with U.S. President Lena Harrow and Polish President Otto Brenk ended.")
    assert found == {"Lena Harrow": "U.S. President", "Otto Brenk": "Polish President"}


def test_a_stray_word_before_a_known_name_does_not_make_a_new_person() -> None:
    found = people("Jeremy Falkner was suspended.", "Fans signed a Save Falkner petition, Falkner said.")
    assert list(found) == ["Jeremy Falkner"]


def test_the_title_alone_names_the_person_named_just_before() -> None:
    who = who_of(
        "Gordon Keswick has promised more money for the flood victims.",
        "The prime minister was speaking after returning from his holiday.",
    )
    keswick = next(e for e in who if e.name == "Gordon Keswick")
    assert keswick.role == "prime minister"
    assert keswick.mentions == 2


def test_the_title_of_someone_else_is_not_taken_for_the_person_named_before() -> None:
    who = who_of(
        "Gordon Keswick photographed the children.",
        "The president of the local charity thanked him.",
        "The detention-centre director wrote to every school.",
    )
    assert next(e for e in who if e.name == "Gordon Keswick").role is None


def test_the_minister_counts_as_a_mention_of_the_one_minister() -> None:
    who = who_of(
        "Defence Minister Ruth Okafor met Gwen Atterby and Oskar Lindqvist.",
        "Atterby and Lindqvist spoke first.",
        "The minister said nothing.",
    )
    assert next(e for e in who if e.name == "Ruth Okafor").sentences == (0, 2)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "“We are close,” said Ken Arakawa, chief operating officer of the company.",
            "chief operating officer of the company",
        ),
        ("Ines Marlowe, the editor in chief of the weekly, disagreed.", "editor in chief of the weekly"),
        (
            "Greta Falk, director of communications for the Northern County Prosecutor's Office, said so.",
            "director of communications",
        ),
        ("Omar Haddad, president and CEO of the group, spoke first.", "president and CEO of the group"),
        (
            "Martin Weisz, spokesman for the foreign ministry tweeted Monday that it was over.",
            "spokesman for the foreign ministry",
        ),
        ("Britain's former European 100m champion Lena Storrow is banned.", "former European 100m champion"),
        (
            "The Shadow Secretary of State for Transport, Mia Doran, said: “No.”",
            "Shadow Secretary of State for Transport",
        ),
        ("Eddie Brannock, manager Alan Moss and coach Tony Sim were there.", None),
    ],
)
def test_roles_end_after_their_heads_and_one_complement(text: str, role: str | None) -> None:
    found = people(text)
    assert role in found.values()


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Somali President Hassan Sheikh Mahad met the envoy.", "Hassan Sheikh Mahad", "Somali President"),
        ("Deputy Prime Minister John Prescott opened the talks.", "John Prescott", "Deputy Prime Minister"),
        ("Prime Minister Haider al-Rashidi spoke in the capital.", "Haider al-Rashidi", "Prime Minister"),
        ("Officers Wen Liu and Rafael Ramos were honoured.", "Wen Liu", "Officers"),
        ("Talks with the Office of Supreme Leader Ayatollah Khorrami stalled.", "Khorrami", "Supreme Leader Ayatollah"),
    ],
)
def test_the_name_starts_after_the_whole_title(text: str, name: str, role: str) -> None:
    assert people(text).get(name) == role


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Fires spread towards Santa Monica on Sunday, officials said.", "Santa Monica"),
        ("The report appeared in Le Parisien, Sophie Marr said.", "Le Parisien"),
        ("Jefferson Parish Sheriff Newell Norman said the road was closed.", "Jefferson Parish Sheriff"),
        ("The Sigma Alpha Epsilon chapter was closed.", "Alpha Epsilon"),
    ],
)
def test_places_papers_and_titles_are_not_people(text: str, not_a_person: str) -> None:
    assert not_a_person not in people(text)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("She was arrested in Marlowby on Friday.", "Marlowby", "place"),
        ("Police in Westerholt, Massachusetts, made the arrest.", "Westerholt", "place"),
        ("The couple live in Jacksonville, Ark., with their children.", "Ark", "place"),
        ("House Speaker John Boehner, R-Ohio, said no.", "Ohio", "place"),
        (
            "The Bristol County District Attorney's Office said so.",
            "Bristol County District Attorney's Office",
            "organization",
        ),
        (
            "Officer Robert Clark of the Grapevine Police Department said so.",
            "Grapevine Police Department",
            "organization",
        ),
        ("The Labour party and the Tory benches agreed, Gwen Atterby said.", "Labour", "organization"),
        ("The AFL-CIO backed the plan.", "AFL-CIO", "organization"),
        ("US Treasury Under-Secretary John Taylor spoke.", "US Treasury", "organization"),
        ("The Gates Foundation and Norway are joining up.", "Norway", "place"),
    ],
)
def test_organisations_and_places_by_their_cues(text: str, name: str, kind: str) -> None:
    assert kinds(text).get(name) == kind


@pytest.mark.parametrize(
    "text",
    ["It happened in Article 51 of the charter.", "He was in Manny's corner.", "Initially, the plan failed."],
)
def test_in_before_a_word_that_is_no_place(text: str) -> None:
    assert not [e for e in who_of(text) if e.kind == "place"]


def test_a_person_in_the_headline_ranks_higher() -> None:
    texts = ["Gwen Atterby met Helen Barrow.", "Atterby spoke first.", "Barrow replied."]
    sentences = [Sentence(i, text, i, 0, len(text)) for i, text in enumerate(texts)]
    assert extract_who(sentences, None)[0].name == "Gwen Atterby"
    assert extract_who(sentences, "Barrow wins the vote")[0].name == "Helen Barrow"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Her mother, Bernadette Karlo of Oregon, has told reporters.", "Bernadette Karlo", "mother"),
        ("Isaac Herzl -- the Labor Party chairman -- said so.", "Isaac Herzl", "Labor Party chairman"),
        (
            "The court summoned India's former Prime Minister, Arun Mehta, as a suspect.",
            "Arun Mehta",
            "former Prime Minister",
        ),
        ("The son of Ahmadou Mossa, a Fotokol resident, was taken.", "Ahmadou Mossa", "Fotokol resident"),
    ],
)
def test_roles_from_family_words_dashes_and_titles_before_a_comma(text: str, name: str, role: str) -> None:
    assert people(text).get(name) == role


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Doctors Without Borders sent a team, Marta Kowalczyk said.", "Without Borders"),
        ("The game was played at Bankers Life Fieldhouse, Gwen Atterby said.", "Life Fieldhouse"),
        ("Did Kim know about the plan?", "Did Kim"),
        ("Fires spread across Kent County on Sunday, Gwen Atterby said.", "Kent County"),
        ("He now plays for Orlando City, Gwen Atterby said.", "Orlando City"),
    ],
)
def test_groups_clubs_and_areas_are_not_people(text: str, not_a_person: str) -> None:
    assert not_a_person not in people(text)


def test_a_title_before_someone_else_is_not_a_role() -> None:
    found = people("According to the State Department spokesman Marie Harf, John Kerry is the first to do so.")
    assert found.get("John Kerry") is None
    assert found.get("Marie Harf") == "State Department spokesman"


def test_dotted_and_plain_initials_are_one_place() -> None:
    who = who_of("U.S. troops will stay.", "The US said so.")
    assert [(e.name, e.mentions) for e in who if e.kind == "place"] == [("U.S.", 2)]


def test_a_courtesy_title_after_the_office_is_not_part_of_the_role() -> None:
    found = people("Former Foreign Secretary Sir Malcolm Rifkin said no.")
    assert found == {"Malcolm Rifkin": "Former Foreign Secretary"}


def test_a_military_title_before_a_surname_names_the_full_person() -> None:
    who = who_of("Muammar Gadhafi ruled for decades.", "Colonel Gadhafi's forces fled the city.")
    assert [(e.name, e.role, e.mentions) for e in who if e.kind == "person"] == [("Muammar Gadhafi", "Colonel", 2)]


def test_a_name_ending_in_a_known_organisation_is_not_a_person() -> None:
    assert "Millwall Twitter" not in people("The official Millwall Twitter account posted a photo.")


def test_a_particle_written_with_a_capital_is_the_same_person() -> None:
    who = who_of("Robin van Persie scored twice.", "Van Persie said he was pleased.")
    assert [(e.name, e.mentions) for e in who if e.kind == "person"] == [("Robin van Persie", 2)]


@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("Children at Glebe Elementary were sent home, Gwen Atterby said.", "Glebe Elementary"),
        ("The Dakota Access Pipeline was halted, Gwen Atterby said.", "Dakota Access Pipeline"),
        ("The team beat Sam Houston State, Gwen Atterby said.", "Sam Houston State"),
    ],
)
def test_schools_pipelines_and_universities_are_not_people(text: str, not_a_person: str) -> None:
    assert not_a_person not in people(text)


def test_a_participle_that_belongs_to_the_title() -> None:
    assert people("Gary Downford, managing director of the firm, spoke.") == {
        "Gary Downford": "managing director of the firm"
    }


def test_in_before_a_name_followed_by_a_noun_is_no_place() -> None:
    assert "National Lottery" not in kinds("Funds fell after a drop in National Lottery ticket sales.")


def test_scientific_and_common_acronyms_are_not_organisations() -> None:
    assert "DNA" not in kinds("DNA in the sample matched, Gwen Atterby said.")


def test_a_name_in_quotation_marks_is_a_title_not_a_person() -> None:
    assert "Hot Bench" not in people("This season the studio launched “Hot Bench,” a show about judges.")
    assert "Molly Brennan" not in people('The film "Molly Brennan" opens on Friday.')


@pytest.mark.parametrize(
    "text",
    [
        "Tobiah Crantz, 18, was indicted on Monday.",
        "Tobiah Crantz's lawyer said the evidence was thin.",
    ],
)
def test_an_age_or_a_relative_marks_a_person(text: str) -> None:
    assert "Tobiah Crantz" in people(text)


def _who(*texts: str, title: str | None = None) -> list[tuple[str, str]]:
    sentences = [Sentence(i, text, i, 0, len(text)) for i, text in enumerate(texts)]
    return [(e.name, e.kind) for e in extract_who(sentences, title)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pacific Gas & Electric Co. agreed to pay the fine.", [("Pacific Gas & Electric Co", "organization")]),
        ("Procter & Gamble said sales rose.", [("Procter & Gamble", "organization")]),
        ("The Hong Kong Stock Exchange halted trading.", [("Hong Kong Stock Exchange", "organization")]),
        (
            "Manchester United and Real Madrid both bid for the striker.",
            [("Manchester United", "organization"), ("Real Madrid", "organization")],
        ),
        (
            "The Bank of England and the Financial Conduct Authority warned lenders.",
            [("Bank of England", "organization"), ("Financial Conduct Authority", "organization")],
        ),
        (
            "The Department of Health and Human Services said.",
            [("Department of Health and Human Services", "organization")],
        ),
        ("The Department of Trade and Industry said.", [("Department of Trade and Industry", "organization")]),
        ("The plant makes 500 MW, a second one 2 GW, and cuts CO2 output by a third.", []),
        ("Emissions of CH4 and NOx fell while output reached 40 TWh.", []),
    ],
)
def test_whole_names_and_units(text: str, expected: list[tuple[str, str]]) -> None:
    assert _who(text) == expected


@pytest.mark.parametrize(
    ("title", "body", "subject"),
    [
        ("SpaceX delays Starship flight", "The company said the launch would take place next month.", "SpaceX"),
        ("PG&E to pay $45 million after wildfire", "The utility agreed on Monday to pay the fine.", "PG&E"),
        ("Shares of Vantoria jump after results", "Analysts said Vantoria had a strong quarter.", "Vantoria"),
    ],
)
def test_the_headline_subject_is_listed(title: str, body: str, subject: str) -> None:
    assert (subject, "organization") in _who(body, title=title)


def test_headline_words_that_name_no_organisation_are_not_listed() -> None:
    found = _who(
        "Ukraine wants Canada to take part, said Oleh Nikolenko.", title="Ukraine Hopeful Canada Will Join Talks"
    )
    assert found == [("Oleh Nikolenko", "person"), ("Ukraine", "place"), ("Canada", "place")]
