"""Which lines are page furniture, of which kind, and which must stay."""

from __future__ import annotations

import pytest

from quotegraph.clean import clean

BEFORE = "The Harbourtown council met on Tuesday evening to discuss the old pier."
AFTER = "Residents who fish from the pier said they would keep campaigning for repairs."

FURNITURE = [
    # photo credits
    ("Tom Poe/Reuters", "credit"),
    ("Ada Finch / Getty Images.", "credit"),
    ("Photo: Jane Roe / AP", "credit"),
    ("(Photo by Tom Poe/Harbour Pictures)", "credit"),
    ("Ann Lee via Getty Images", "credit"),
    ("Getty.", "credit"),
    ("ASSOCIATED PRESS", "credit"),
    ("Credit: Millbrook Courier", "credit"),
    ("AP Photo/Tom Poe", "credit"),
    ("Handout/Reuters.", "credit"),
    ("TOM POE/AFP/Getty Images", "credit"),
    ("Courtesy of the Finch family", "credit"),
    # captions that carry their own credit
    ("Councillor Ada Finch walks along the old pier on Monday. (Tom Poe/Reuters)", "caption"),
    ("Residents gather outside the town hall in Millbrook. Photo: Jane Roe/AP", "caption"),
    ("The old pier at dusk, seen from the beach (Photo by Tom Poe)", "caption"),
    # buttons and icons
    ("FacebookTwitterEmailPrint", "controls"),
    ("SHARE THIS ARTICLE", "controls"),
    ("Share this article", "controls"),
    ("Share on Facebook Share on Twitter", "controls"),
    ("Share | Tweet | Email", "controls"),
    ("Tweet", "controls"),
    ("Print", "controls"),
    ("Close", "controls"),
    ("X.", "controls"),
    ("Comments (12)", "controls"),
    ("Click to share on Twitter (Opens in new window)", "controls"),
    ("Jane RoeFlagShareLikeReplyTom Poe moderator March 6, 9:12PM Pier Vote Live", "controls"),
    ("Image 3 of 12", "controls"),
    # paywall, registration and newsletter prompts
    ("Sign up for our newsletter", "prompt"),
    ("Sign up for the Lantern's daily newsletter to get the news first.", "prompt"),
    ("Subscribe to continue reading", "prompt"),
    ("Already a subscriber? Log in", "prompt"),
    ("Log in", "prompt"),
    ("You have 2 free articles left this month.", "prompt"),
    ("You've reached your limit of free articles.", "prompt"),
    ("Follow Jane Roe on Twitter @janeroe_news.", "prompt"),
    ("We use cookies to improve your experience on our site.", "prompt"),
    ("Get the Lantern's morning briefing delivered to your inbox.", "prompt"),
    ("Enter your email address:", "prompt"),
    # comment forms
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("Required fields are marked *", "comments"),
    ("Post Comment", "comments"),
    ("Cancel reply", "comments"),
    ("Name *", "comments"),
    ("Save my name, email, and website in this browser for the next time I comment.", "comments"),
    ("Notify me of new posts by email.", "comments"),
    ("Comments are closed.", "comments"),
    # categories and tags
    ("Tags: harbour, council, pier", "tags"),
    ("Filed under: Local News", "tags"),
    ("Filed under Local News, Harbourtown", "tags"),
    ("Topics: Politics, Millbrook", "tags"),
    # related articles
    ("Read more: Millbrook council sets its budget", "related"),
    ("RELATED: Harbourtown pier to close", "related"),
    ("Also on the Lantern:", "related"),
    ("Most Popular", "related"),
    ("More from Harbourtown Lantern", "related"),
    ("More on this story:", "related"),
    ("You may also like", "related"),
    ("Click here to read the full report.", "related"),
    # adverts
    ("Advertisement", "advert"),
    ("ADVERTISEMENT", "advert"),
    ("Story continues below advertisement", "advert"),
    ("Get tickets now for the Harbourtown Jazz Weekend at the Pier Pavilion", "advert"),
    ("Sponsored content", "advert"),
    ("Use code PIER20 for 20% off your first order", "advert"),
    ("Learn more", "advert"),
    # style sheets and scripts
    (".share-bar {", "markup"),
    ("width:100%;", "markup"),
    ("}", "markup"),
    ("var adSlot = 3;", "markup"),
    # section labels
    ("ABSTRACT.", "label"),
    ("Opinion", "label"),
    ("5 min read", "label"),
    # credit lines at the foot of wire copy
    ("Reporting by Jane Roe; Editing by Tom Poe", "byline"),
    ("Contributing: Ann Lee", "byline"),
    ("Jane Roe contributed to this report.", "byline"),
    # a dateline that names itself
    ("Updated 12 March 2019, 10:02", "dateline"),
]

MUST_KEEP = [
    "He declined to comment.",
    "No comment.",
    "“We had no choice,” said Ada Finch.",
    "“We had no choice”",
    "Reuters reported that the council had voted to close the pier.",
    "Getty Images, the photo agency, bought the town's archive in 2010.",
    "AP Photo editors chose a picture of the storm for the front page.",
    "Share prices in Harbourtown rose after the vote.",
    "Like many towns on the coast, Harbourtown depends on visitors.",
    "Print runs of the council newsletter have been cut.",
    "Email records show the council knew of the cracks in 2017.",
    "Comments from residents were mixed.",
    "Next, the council will vote on the budget.",
    "More than 400 people signed the petition.",
    "Close to 400 people attended the meeting.",
    "Save the Pier campaigners met on Monday.",
    "Subscribers to the town's water scheme will pay more, the council said.",
    "Sign up sheets were left at the library.",
    "By signing up for the scheme, residents can save money, the council said.",
    "The photo, taken by a resident, shows the pier collapsing.",
    "Photographs of the damage were shown to the committee.",
    "Pictures by the dozen were shown at the inquiry.",
    "Credit where credit is due, Finch said, the engineers were right.",
    "Courtesy of a generous donor, the library reopened.",
    "By Tuesday, the council had voted.",
    "By contrast, the neighbouring town kept its pier open.",
    "Follow-up inspections are planned for May.",
    "Follow the money, the auditor told councillors.",
    "Read the report in full, she urged councillors.",
    "Watch the video of the collapse below:",
    "Tickets for the reopening are on sale at the town hall, organisers said.",
    "Tags on the pier's supports show they were last checked in 2016.",
    "Related costs could reach £2m, the report said.",
    "Advertising revenue at the Lantern fell last year.",
    "Updated figures show the repair bill has doubled.",
    "Live music will return to the pier in summer.",
    "Login details for the council portal were leaked, the report said.",
    "Learn more about the pier at the town museum, the curator said.",
    "Name the ship, the children were told.",
    "Website traffic doubled after the collapse.",
    "Super Bowl XXX was played in Arizona.",
    "LinkedIn said it would open an office in Millbrook.",
    "The vote was 5/4 in favour.",
    "Jane Roe, a fisherman, said the pier was part of the town.",
    "You have to understand what the pier means to us, she said.",
    "Join our supporters at the rally on Friday, the campaign urged in a leaflet.",
    "Opinion polls show most residents want the pier repaired.",
    "Summary judgments were issued on Friday.",
    "More from the council later.",
    "More in the city than anywhere else: the poll found a gap of ten points.",
    "12:45 p.m.:",
    "On March 12, 2019, the council voted to close the pier.",
    "Trump said on Twitter that the vote was “very sad.”",
]


def _document(line: str) -> str:
    return f"{BEFORE}\n\n{line}\n\n{AFTER}\n"


@pytest.mark.parametrize(("line", "kind"), FURNITURE)
def test_furniture_line_is_removed_with_its_kind(line: str, kind: str) -> None:
    """A furniture line between two paragraphs goes, and the paragraphs join."""
    text = _document(line)
    cleaned = clean(text)
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}\n"
    kinds = {(text[item.start : item.end].strip(), item.kind) for item in cleaned.removed}
    assert (line, kind) in kinds


@pytest.mark.parametrize("line", MUST_KEEP)
def test_prose_line_is_kept_between_paragraphs(line: str) -> None:
    """A line of article prose is never taken for furniture."""
    text = _document(line)
    cleaned = clean(text)
    assert cleaned.text == text
    assert cleaned.removed == ()


@pytest.mark.parametrize("line", MUST_KEEP)
def test_prose_line_is_kept_as_the_first_line(line: str) -> None:
    """A first line of prose is not taken for a headline, byline or dateline."""
    text = f"{line}\n\n{BEFORE}\n\n{AFTER}\n"
    assert clean(text).text == text


CAPTIONS = [
    pytest.param(
        "Tom Poe/Reuters\n\nAda Finch inspects the cracked supports on Monday.\n\n",
        "Ada Finch inspects the cracked supports on Monday.",
        id="paragraph after a credit that stands alone",
    ),
    pytest.param(
        "Ada Finch inspects the cracked supports on Monday.\nPhoto: Tom Poe/AP\n\n",
        "Ada Finch inspects the cracked supports on Monday.",
        id="line before a credit in its paragraph",
    ),
    pytest.param(
        "Getty.\nThe pier after the storm.\n\n",
        "The pier after the storm.",
        id="line after a credit in its paragraph",
    ),
]


@pytest.mark.parametrize(("block", "caption"), CAPTIONS)
def test_short_line_next_to_a_credit_is_its_caption(block: str, caption: str) -> None:
    """A short descriptive line beside a photo credit is removed as a caption."""
    text = f"{BEFORE}\n\n{block}{AFTER}\n"
    cleaned = clean(text)
    assert cleaned.text == f"{BEFORE}\n\n{AFTER}\n"
    captions = [
        text[item.start : item.end].strip() for item in cleaned.removed if item.kind == "caption"
    ]
    assert captions == [caption]


NOT_CAPTIONS = [
    pytest.param("“We will rebuild it,” said Ada Finch.", id="a quote"),
    pytest.param("Ada Finch said the council would rebuild it.", id="reported speech"),
    pytest.param(
        "The council voted five to four on Tuesday to close the pier, which has stood since 1890, "
        "after engineers found cracks in a third of its supports and warned that a winter storm "
        "could bring down the whole structure without warning, putting anglers at risk.",
        id="a long paragraph",
    ),
    pytest.param("the engineers disagreed.", id="a continuation"),
]


@pytest.mark.parametrize("line", NOT_CAPTIONS)
def test_reporting_next_to_a_credit_is_kept(line: str) -> None:
    """Only the credit goes when the paragraph after it reads as reporting."""
    text = f"{BEFORE}\n\nTom Poe/Reuters\n\n{line}\n\n{AFTER}\n"
    assert clean(text).text == f"{BEFORE}\n\n{line}\n\n{AFTER}\n"


def test_comment_section_after_the_article_is_removed_to_the_end() -> None:
    """After a comment-section opener late in the page, readers' comments go too."""
    body = f"{BEFORE}\n\n{AFTER}\n\nThe council will meet again in May.\n\n"
    comments = "Leave a Reply\n\nPierFan99\n“Shame on the council,” I say.\n"
    cleaned = clean(body + comments)
    assert cleaned.text == body.rstrip("\n") + "\n"
    assert {item.kind for item in cleaned.removed} == {"comments", "blank"}


def test_comment_opener_early_in_a_page_removes_only_its_line() -> None:
    """An opener in the first half of a page is a stray label, not the comments."""
    text = f"Leave a comment\n\n{BEFORE}\n\n{AFTER}\n\nThe council will meet again.\n"
    assert clean(text).text == f"{BEFORE}\n\n{AFTER}\n\nThe council will meet again.\n"
