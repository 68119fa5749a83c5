"""Furniture of the head and foot of a page, adverts, prompts and label blocks.

Every line here is invented for these tests and none comes from the demo
corpus, so that the rules are checked on shapes they were not written from.
Rows that must be kept are article prose that shares words or shapes with
furniture.
"""

from __future__ import annotations

import pytest

from quotegraph.clean import clean

from .test_furniture import AFTER, BEFORE

MIDDLE = "The works are expected to take eighteen months and will close the bridge to cars."

BODY_FURNITURE = [
    # share controls written with spaces
    ("Share on Facebook Share on WhatsApp Email this article", "controls"),
    ("Print this article", "controls"),
    # newsletter, membership and paywall prompts
    ("Get the Ashcombe Echo in your inbox every Monday. Sign up for free.", "prompt"),
    ("Receive our weekend briefing straight to your inbox.", "prompt"),
    ("Enjoying the Echo? Support quality journalism for just £2 a month. Subscribe now.", "prompt"),
    ("Support independent local reporting. Become a member today from $4 a month.", "prompt"),
    ("Continue reading: this story is for Echo subscribers. Log in or subscribe.", "prompt"),
    ("This article is for registered members only. Register for free to continue.", "prompt"),
    ("Register for free to read five articles a month.", "prompt"),
    ("Do you have a story about your school? Email newsdesk@ashcombe-echo.example", "prompt"),
    ("Have your say: send your letters to the editor, no more than 250 words.", "prompt"),
    ("Write to us at letters@kestrel-echo.example with your full name.", "prompt"),
    # copyright and legal footers
    ("© Kestrel Valley Echo 2023", "footer"),
    ("Copyright 2023 Brindlewick Media. All rights reserved.", "footer"),
    ("All rights reserved.", "footer"),
    ("Brindlewick Media Group. About us | Terms of use | Privacy policy | Accessibility", "footer"),
    ("Terms | Privacy | Cookie settings | Contact", "footer"),
    # comment sections
    ("Sign in to comment. Please read our house rules first.", "prompt"),
    ("Log in and join the discussion below, taking care to be civil.", "comments"),
    ("Comments are now closed for this story.", "comments"),
    # credits that name the outlet's own photographer
    ("Echo photo: Priya Anand", "credit"),
    ("Valley Herald picture: Sam Hollis", "credit"),
    # adverts that stand alone
    ("Spring sale at Oakridge Furniture: 30% off all sofas. Shop now in store.", "advert"),
    ("Easter breaks by the lake: two nights from £149 per person. Terms apply.", "advert"),
    ("Selling your car? Get a free online valuation today. Call now on 0800 000 000.", "advert"),
    ("Up to 40% off garden furniture at Pell's, from £99. While stocks last.", "advert"),
    ("These 9 Gadgets Are Selling Out Fast This Winter", "advert"),
    ("Here Are the 12 Cheapest Towns To Retire In", "advert"),
    ("Doctors hate this one simple trick for sleeping better", "advert"),
]

BODY_MUST_KEEP = [
    "He declined to comment.",
    "Prices rose by 15% last year, the council said.",
    "Book sales are up, according to the library.",
    "“We will not back down.”",
    "“Sign up now,” she told the crowd, “before the places go.”",
    "Sign up rates for the free school meals scheme have fallen this year.",
    "Health",
    "Health and safety inspectors visited the site twice.",
    "Tickets cost £5 and children go free.",
    "The hotel charges £120 a night and offers free parking.",
    "The shop offers free delivery to pensioners.",
    "Councillors agreed a 20% off-peak discount for residents.",
    "Book early, the organisers advise, as places are limited.",
    "Visit our website for details, the council told residents.",
    "Readers can support local journalism by buying a copy.",
    "Copyright lawyers say the ruling will change little.",
    "Terms of the deal were not disclosed.",
    "These 7 councillors voted against the plan.",
    "Do you have a plan for the bridge? Councillors asked the engineers.",
    "One thought on everyone's mind was the cost.",
    "Two comments on the plan were received, the clerk said.",
    "Get the kettle on, she wrote in her diary.",
    "Sign in sheets at the gate were checked by police.",
]


# Lone labels that are furniture at the top of a page but stay in its body.
BODY_ONLY_MUST_KEEP = ["NEWS", "Politics | Sport"]


def _page(line: str) -> str:
    return f"{BEFORE}\n\n{MIDDLE}\n\n{line}\n\n{AFTER}\n"


@pytest.mark.parametrize(("line", "kind"), BODY_FURNITURE)
def test_body_furniture_is_removed_with_its_kind(line: str, kind: str) -> None:
    """A furniture line among the paragraphs goes, and the paragraphs join."""
    text = _page(line)
    cleaned = clean(text)
    assert cleaned.text == f"{BEFORE}\n\n{MIDDLE}\n\n{AFTER}\n"
    kinds = {(text[item.start : item.end].strip(), item.kind) for item in cleaned.removed}
    assert (line, kind) in kinds


@pytest.mark.parametrize("line", BODY_MUST_KEEP + BODY_ONLY_MUST_KEEP)
def test_body_prose_is_kept(line: str) -> None:
    """A line of prose among the paragraphs is never removed."""
    text = _page(line)
    assert clean(text).text == text


@pytest.mark.parametrize("line", BODY_MUST_KEEP)
def test_body_prose_is_kept_at_the_top_of_the_page(line: str) -> None:
    """Prose at the top of a page is not taken for a masthead or navigation."""
    text = f"{line}\n\n{BEFORE}\n\n{AFTER}\n"
    assert clean(text).text == text


HEAD_FURNITURE = [
    ("Kestrel Valley Echo", "masthead"),
    ("The Ashcombe Herald", "masthead"),
    ("THE BRINDLEWICK TIMES", "masthead"),
    ("Home | News | Sport | Business | Weather", "navigation"),
    ("News > Education > Schools", "navigation"),
    ("SPORT » CRICKET", "navigation"),
    ("World | Asia", "navigation"),
    ("Home News Sport Business Opinion Weather Jobs", "navigation"),
    ("EDUCATION", "navigation"),
    ("LOCAL NEWS", "navigation"),
]


@pytest.mark.parametrize(("line", "kind"), HEAD_FURNITURE)
def test_head_furniture_before_the_first_paragraph_is_removed(line: str, kind: str) -> None:
    """Masthead, navigation and section labels at the top of a page go, and so does
    the headline's second copy; the first stays to open the text."""
    title = "Bridge to close for repairs"
    text = f"{title}\n\n{line}\n\n{title}\n\n{BEFORE}\n\n{AFTER}\n"
    cleaned = clean(text, title=title)
    assert cleaned.text == f"{title}\n\n{BEFORE}\n\n{AFTER}\n"
    kinds = {(text[item.start : item.end].strip(), item.kind) for item in cleaned.removed}
    assert (line, kind) in kinds


@pytest.mark.parametrize(("line", "kind"), HEAD_FURNITURE[3:])
def test_head_shapes_are_kept_in_the_body(line: str, kind: str) -> None:
    """Shapes that only the head of a page makes furniture stay in the body."""
    text = f"{BEFORE}\n\n{line}\n\n{AFTER}\n"
    assert clean(text).text == text


def test_tagline_beside_the_masthead_is_removed() -> None:
    """A short line without closing punctuation under the masthead is its tagline."""
    text = (
        "Kestrel Valley Echo\nThe paper for the whole valley since 1921\n"
        f"News | Farming | Sport\n\n{BEFORE}\n\n{AFTER}\n"
    )
    assert clean(text).text == f"{BEFORE}\n\n{AFTER}\n"


def test_line_that_is_the_outlet_name_is_removed_anywhere() -> None:
    """A line equal to the outlet's name is its masthead, with or without "The"."""
    text = f"{BEFORE}\n\nAshcombe Evening Star\n\n{AFTER}\n\nThe Ashcombe Evening Star\n"
    cleaned = clean(text, outlet="The Ashcombe Evening Star")
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}\n"
    assert {item.kind for item in cleaned.removed} == {"masthead", "blank"}


def test_the_outlet_name_inside_prose_is_kept() -> None:
    """Only a line that is the outlet's name alone is its masthead."""
    text = f"{BEFORE}\n\nThe Ashcombe Evening Star first reported the cracks.\n\n{AFTER}\n"
    assert clean(text, outlet="Ashcombe Evening Star").text == text


BLOCKS = [
    pytest.param(
        "Advertisement\nWinter sale at Finch & Co: everything half price. Ends Monday.",
        "advert",
        id="advert label and a sale",
    ),
    pytest.param(
        "SPONSORED\nThe Orchard Spa: weekend breaks from £89", "advert", id="sponsored and a price"
    ),
    pytest.param(
        "Sponsored content\nMillers Lane Garden Centre | Late opening on Thursdays | Free parking",
        "advert",
        id="sponsored and an offer without a full stop",
    ),
    pytest.param(
        "Related stories\nBridge to reopen in spring\nCan the valley's buses be saved?",
        "related",
        id="related label and teasers",
    ),
    pytest.param(
        "MORE FROM THE ECHO\nSchool wins award for reading\nFarmers fear “the worst harvest”",
        "related",
        id="more from the outlet and teasers",
    ),
]


@pytest.mark.parametrize(("block", "kind"), BLOCKS)
def test_lines_under_a_label_go_with_it(block: str, kind: str) -> None:
    """The adverts or teasers that a label heads in its paragraph are removed."""
    text = f"{BEFORE}\n\n{block}\n\n{AFTER}\n"
    cleaned = clean(text)
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}\n"
    assert kind in {item.kind for item in cleaned.removed}


NOT_BLOCKS = [
    pytest.param("Advertisement\nThe council will meet again in May.", id="prose after an advert"),
    pytest.param("Advertisement\nTickets for the concert are free.", id="an offer in a sentence"),
    pytest.param(
        "Advertisement\nThe hotel said rooms cost £90 a night.", id="a price in reported speech"
    ),
    pytest.param("Related\nThe council will appeal.", id="prose after a related label"),
    pytest.param("Read more\nWhy did the council say no?", id="a question that is reported"),
]


@pytest.mark.parametrize("block", NOT_BLOCKS)
def test_prose_under_a_label_is_kept(block: str) -> None:
    """With single line breaks, the prose after a label stays; only the label goes."""
    prose = block.split("\n")[1]
    text = f"{BEFORE}\n{block}\n{AFTER}\n"
    assert clean(text).text == f"{BEFORE}\n{prose}\n{AFTER}\n"


def test_numbered_comment_header_late_in_the_page_opens_the_comments() -> None:
    """ "Three thoughts on “...”" in the second half of a page starts its comments."""
    body = f"{BEFORE}\n\n{MIDDLE}\n\n{AFTER}\n\n"
    comments = "Three thoughts on “Bridge to close for repairs”\n\nValleyWalker\nAbout time.\n"
    assert clean(body + comments).text == body.rstrip("\n") + "\n"
