"""Reading brat-standoff gold folders in the PolNeAR layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotegraph.errors import GoldError
from quotegraph.evaluate import GoldAttribution, GoldDocument, read_gold

FIXTURES = Path(__file__).parent / "fixtures"
LEVY = "valdren-post_2031-03-14_harbour-levy-vote"
TOLLS = "harrow-courier_2031-05-02_bridge-tolls"


def document(documents: list[GoldDocument], stem: str) -> GoldDocument:
    return next(document for document in documents if document.stem == stem)


def test_documents_are_sorted_by_stem() -> None:
    """Every text file is a document, in stem order."""
    assert [document.stem for document in read_gold(FIXTURES)] == [
        TOLLS,
        "meridian-daily_2031-06-20_school-closures",
        LEVY,
        "valdren-post_2031-07-01_ferry-timetable",
    ]


def test_attributions_of_one_file() -> None:
    """Discontinuous and multi-line contents, trigger cues and missing sources read as fragments."""
    levy = document(read_gold(FIXTURES), LEVY)
    assert levy.attributions == (
        GoldAttribution(((52, 95),), ((131, 135),), ((97, 130),)),
        GoldAttribution(((149, 199), (221, 258)), ((205, 209),), ((200, 204),)),
        GoldAttribution(((287, 341),), ((282, 286),), ((260, 281),)),
        GoldAttribution(((376, 458),), ((464, 469),), ((459, 463),)),
        GoldAttribution(((472, 480), (500, 519)), ((482, 498),), ()),
    )
    assert "\n" in levy.text[376:458]


def test_text_keeps_its_newlines_untranslated(tmp_path: Path) -> None:
    """Offsets count characters of the file as stored, so CRLF stays two characters."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "crlf.txt").write_bytes(b"A said\r\nit.")
    (tmp_path / "attributions" / "crlf_x.ann").write_text(
        "T1\tContent 8 11\tit.\nE1\tAttribution:T1 Content:T1\n"
    )
    [crlf] = read_gold(tmp_path)
    assert crlf.text == "A said\r\nit."
    assert crlf.attributions == (GoldAttribution(((8, 11),), ((8, 11),), ()),)


def test_content_roles_are_joined() -> None:
    """Content and Content2 of one E line make one content of two fragments."""
    tolls = document(read_gold(FIXTURES), TOLLS)
    assert tolls.attributions[1].content == ((130, 169), (221, 243))
    assert tolls.attributions[2].source == tolls.attributions[3].source


def test_smallest_annotator_is_the_default() -> None:
    """A document with two annotators is read from the smallest id unless another is asked for."""
    assert len(document(read_gold(FIXTURES), TOLLS).attributions) == 5
    assert len(document(read_gold(FIXTURES, annotator="b7"), TOLLS).attributions) == 2
    assert len(document(read_gold(FIXTURES, annotator="zz"), TOLLS).attributions) == 5


def make_gold(folder: Path, text: str, ann: str | None, name: str = "doc_a1.ann") -> Path:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "doc.txt").write_text(text, encoding="utf-8")
    if ann is not None:
        (folder / "attributions" / name).write_text(ann, encoding="utf-8")
    return folder


def test_text_without_annotation_has_no_attributions(tmp_path: Path) -> None:
    """A text without any .ann file is a document without attributions, not an error."""
    assert read_gold(make_gold(tmp_path, "Nothing said.", None)) == [
        GoldDocument("doc", "Nothing said.", ())
    ]


def test_bare_annotation_name_is_accepted(tmp_path: Path) -> None:
    """<stem>.ann without an annotator suffix is read too."""
    folder = make_gold(
        tmp_path, "He said so.", "T1\tContent 3 7\tsaid\nE1\tAttribution:T1 Content:T1\n", "doc.ann"
    )
    assert len(read_gold(folder)[0].attributions) == 1


def test_argument_pointing_nowhere_is_ignored(tmp_path: Path) -> None:
    """An E argument naming an undefined T is left out; the rest of the line still counts."""
    ann = "T1\tContent 0 2\tHe\nE1\tAttribution:T9 Content:T1 Source:T8\n"
    [doc] = read_gold(make_gold(tmp_path, "He said so.", ann))
    assert doc.attributions == (GoldAttribution(((0, 2),)),)


@pytest.mark.parametrize(
    ("ann", "message"),
    [
        ("T1\tContent\tHe\n", "malformed T line"),
        ("T1\tContent 0 x\tHe\n", "bad offsets"),
        ("T1\tContent 0 2 4\tHe\n", "bad offsets"),
        ("T1\tContent 0 99\tHe\nE1\tAttribution:T1 Content:T1\n", "beyond the 11 characters"),
    ],
)
def test_malformed_annotation_is_refused(tmp_path: Path, ann: str, message: str) -> None:
    """A broken .ann line raises GoldError naming the file, the line and what was expected."""
    with pytest.raises(GoldError, match=message) as raised:
        read_gold(make_gold(tmp_path, "He said so.", ann))
    assert "doc_a1.ann" in str(raised.value)


@pytest.mark.parametrize("missing", ["text", "attributions"])
def test_folder_without_the_layout_is_refused(tmp_path: Path, missing: str) -> None:
    """A folder lacking text/ or attributions/ raises GoldError describing the expected layout."""
    folder = make_gold(tmp_path, "He said so.", None)
    (folder / missing).rename(folder / "elsewhere")
    with pytest.raises(GoldError, match=f"{missing}/ is missing.*<stem>_<annotator>.ann"):
        read_gold(folder)


def test_folder_without_texts_is_refused(tmp_path: Path) -> None:
    """An empty gold folder is an error, not a perfect score over nothing."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    with pytest.raises(GoldError, match=r"no \.txt files"):
        read_gold(tmp_path)


def test_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    """Gold texts must be UTF-8: offsets would mean nothing otherwise."""
    folder = make_gold(tmp_path, "", None)
    (folder / "text" / "doc.txt").write_bytes(b"caf\xe9")
    with pytest.raises(GoldError, match="not UTF-8"):
        read_gold(folder)
