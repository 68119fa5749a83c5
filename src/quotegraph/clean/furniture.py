"""Finding page furniture: which lines of a page are not its article body.

This module only finds; :mod:`quotegraph.clean.cleaner` turns the findings
into removed spans and the offset map.

Lines are judged one at a time against the rules of ``data/furniture.toml``,
then in context:

* a short line next to a photo credit is its caption;
* the lines that an advert label or a related-articles label heads in its
  paragraph are adverts or teasers, if they look like them;
* after a comment-section opener in the second half of a page, the rest of
  the page is readers' comments;
* in the head of the page, bylines and datelines give the authors and dates;
* a line that is the outlet's name, or in the head of the page (before its
  first paragraph of prose) has the shape of a masthead, is the masthead;
* the first line left is the headline if it is the title (or, with no title
  given, if it stands alone and looks like one); its copy nearest the body
  stays in the text, which it opens (a headline often says who said what:
  "Voss: Quay will reopen"), and the other copies in the head are furniture;
* in the head of the page, section navigation, breadcrumbs, a lone section
  label and the tagline beside a masthead are furniture too. Shapes that
  prose could take ("Health", "News | Sport") are looked for only there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

from quotegraph.clean.bylines import parse_byline
from quotegraph.clean.datelines import parse_dateline
from quotegraph.clean.headline import looks_like_headline, same_title
from quotegraph.clean.lines import Line
from quotegraph.clean.rules import BlockRule, CaptionRule, FurnitureRules

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_CLOSING_MARK = re.compile(r"[.:;,][\"'”’»)\]]*$")


@dataclass(frozen=True, slots=True)
class Head:
    """What the head of a page says about the article."""

    headline: str | None = None
    headline_lines: tuple[int, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Findings:
    """The furniture kind of every line (None for body text) and the head."""

    kinds: tuple[str | None, ...]
    head: Head


def _blank_or_edge(lines: tuple[Line, ...], index: int) -> bool:
    return not 0 <= index < len(lines) or lines[index].blank


def _caption_like(line: Line, rule: CaptionRule) -> bool:
    text = line.content
    if not text or len(text) > rule.max_chars or text.endswith(":"):
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    if any(mark in text for mark in rule.quote_marks):
        return False
    return rule.reporting_words.isdisjoint(re.findall(r"\w+", text.lower()))


def _caption_of(
    lines: tuple[Line, ...], kinds: list[str | None], credit: int, rule: CaptionRule
) -> int | None:
    """The line that captions the picture credited at ``credit``, if any.

    In the credit's own paragraph, the line before it, else the line after it;
    for a credit that stands alone, the next paragraph if it is a single line.
    """
    before, after = credit - 1, credit + 1
    if not (_blank_or_edge(lines, before) and _blank_or_edge(lines, after)):
        candidates = [index for index in (before, after) if not _blank_or_edge(lines, index)]
    else:
        following = [index for index in range(after, len(lines)) if not lines[index].blank][:1]
        candidates = [index for index in following if _blank_or_edge(lines, index + 1)]
    for index in candidates:
        if kinds[index] is None and _caption_like(lines[index], rule):
            return index
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold())


def _is_outlet(line: str, outlet: str | None) -> bool:
    """True when ``line`` is the outlet's name, with or without "The"."""
    if not outlet:
        return False
    name = _words(outlet)
    words = _words(line)
    return bool(words) and name in (words, ["the", *words])


@dataclass(slots=True)
class _Finder:
    lines: tuple[Line, ...]
    rules: FurnitureRules
    outlet: str | None
    kinds: list[str | None]
    head: Head

    def judge_lines(self) -> None:
        """Give each line the kind its own text shows, head lines included."""
        visible = [line.index for line in self.lines if not line.blank]
        in_head = set(visible[: self.rules.head.lines])
        halfway = len(visible) // 2
        for position, index in enumerate(visible):
            text = self.lines[index].content
            dateline = parse_dateline(text, outlet=self.outlet)
            if dateline is not None:
                self.kinds[index] = "dateline"
                if index in in_head or dateline.labelled:
                    self.add_dates(dateline.published, dateline.updated)
                continue
            rule = self.rules.kind_of(text)
            if rule is not None:
                self.kinds[index] = rule.kind
                if rule.opens_tail and position >= halfway:
                    self.close_tail(visible[position + 1 :], rule.kind)
                    return
            elif self.rules.byline.trailer.fullmatch(text):
                self.kinds[index] = "byline"
            elif _is_outlet(text, self.outlet):
                self.kinds[index] = "masthead"
            elif self.rules.marketing.sells(text):
                self.kinds[index] = "advert"
            elif index in in_head:
                self.judge_byline(index, text)

    def judge_byline(self, index: int, text: str) -> None:
        byline = parse_byline(text, self.rules.byline, outlet=self.outlet)
        if byline is None:
            return
        self.kinds[index] = "byline"
        self.head = replace(self.head, authors=self.head.authors + byline.authors)
        self.add_dates(byline.published, byline.updated)

    def add_dates(self, published: datetime | None, updated: datetime | None) -> None:
        self.head = replace(
            self.head,
            published=self.head.published or published,
            updated=self.head.updated or updated,
        )

    def close_tail(self, rest: list[int], kind: str) -> None:
        for index in rest:
            self.kinds[index] = kind

    def judge_captions(self) -> None:
        credits = [index for index, kind in enumerate(self.kinds) if kind == "credit"]
        for credit in credits:
            caption = _caption_of(self.lines, self.kinds, credit, self.rules.caption)
            if caption is not None:
                self.kinds[caption] = "caption"

    def judge_blocks(self) -> None:
        """Take the lines that an advert or related-articles label heads."""
        for index, kind in enumerate(self.kinds):
            if kind is None:
                continue
            text = self.lines[index].content
            rule = next((rule for rule in self.rules.blocks if rule.pattern.fullmatch(text)), None)
            if rule is None:
                continue
            for following in range(index + 1, min(index + 1 + rule.max_lines, len(self.lines))):
                if self.kinds[following] is not None or not self.fits_block(following, rule):
                    break
                self.kinds[following] = rule.kind

    def fits_block(self, index: int, rule: BlockRule) -> bool:
        """True when the line at ``index`` looks like what ``rule``'s label heads."""
        line = self.lines[index]
        text = line.content
        if line.blank or len(text) > rule.max_chars:
            return False
        reporting = self.rules.reporting
        if rule.needs == "teaser":
            return _CLOSING_MARK.search(text) is None and not reporting.uses_a_reporting_word(text)
        if reporting.shows_in(text):
            return False
        marketing = self.rules.marketing
        return marketing.calls_or_prices(text) or (
            marketing.offers_something(text) and not text.endswith(".")
        )

    def head_zone(self) -> list[int]:
        """The lines of the head of the page left to judge, before its first prose."""
        head = self.rules.head
        zone: list[int] = []
        for line in self.lines:
            if line.blank:
                continue
            if len(zone) >= head.lines:
                break
            if self.kinds[line.index] is None:
                words = len(line.content.split())
                if words >= head.long_words or (
                    words >= head.prose_words and _SENTENCE_END.search(line.content)
                ):
                    break
            zone.append(line.index)
        return [index for index in zone if self.kinds[index] is None]

    def judge_mastheads(self, title: str | None) -> None:
        """Find the outlet's name in the head, unless it is the title."""
        for index in self.head_zone():
            text = self.lines[index].content
            if title is not None and same_title(text, title):
                continue
            if self.rules.head.masthead.fullmatch(text) and not self.names_sections(text):
                self.kinds[index] = "masthead"

    def names_sections(self, text: str) -> bool:
        """True for a line made only of section names ("Local News")."""
        return not self.rules.head.section_words.sub("", text).strip(" &")

    def judge_head(self, title: str | None) -> None:
        """Find navigation, section labels, taglines and the headline again in the head."""
        head = self.rules.head
        zone = self.head_zone()
        for index in zone:
            if index in self.head.headline_lines:
                continue
            text = self.lines[index].content
            headline = self.head.headline
            if (title is not None and same_title(text, title)) or (
                headline is not None and same_title(text, headline)
            ):
                self.keep_headline_at(index)
                continue
            spaced = head.spaced_navigation.fullmatch(text) is not None and (
                len(head.section_words.findall(text)) >= head.min_section_words
            )
            if spaced or head.navigation.fullmatch(text) or head.label.fullmatch(text):
                self.kinds[index] = "navigation"
        for index in zone:
            text = self.lines[index].content
            beside = {
                self.kinds[other]
                for other in (index - 1, index + 1)
                if not _blank_or_edge(self.lines, other)
            }
            if (
                self.kinds[index] is None
                and beside & {"masthead", "navigation"}
                and len(text.split()) <= head.tagline_words
                and _CLOSING_MARK.search(text) is None
                and not _SENTENCE_END.search(text)
                and not self.rules.reporting.shows_in(text)
            ):
                self.kinds[index] = "masthead"

    def keep_headline_at(self, index: int) -> None:
        """Keep the copy of the headline at line ``index``, the nearest yet to the body,
        and make the copies before it furniture."""
        for earlier in self.head.headline_lines:
            self.kinds[earlier] = "headline"
        self.head = replace(self.head, headline_lines=(index,))

    def judge_headline(self, title: str | None) -> None:
        first = next(
            (line for line in self.lines if not line.blank and self.kinds[line.index] is None), None
        )
        if first is None:
            return
        second = self.lines[first.index + 1] if first.index + 1 < len(self.lines) else None
        if title is not None:
            chosen = [first] if same_title(first.content, title) else []
            if (
                not chosen
                and second is not None
                and not second.blank
                and self.kinds[second.index] is None
            ):
                chosen = (
                    [first, second]
                    if same_title(f"{first.content} {second.content}", title)
                    else []
                )
        else:
            stands_alone = second is not None and second.blank and first.index + 2 < len(self.lines)
            chosen = (
                [first]
                if stands_alone and looks_like_headline(first.content, self.rules.headline)
                else []
            )
        if chosen:
            self.head = replace(
                self.head,
                headline=" ".join(line.content for line in chosen),
                headline_lines=tuple(line.index for line in chosen),
            )


def find_furniture(
    lines: tuple[Line, ...],
    rules: FurnitureRules,
    *,
    title: str | None = None,
    outlet: str | None = None,
) -> Findings:
    """Judge every line of a page: furniture of some kind, or body text."""
    finder = _Finder(lines, rules, outlet, [None] * len(lines), Head())
    finder.judge_lines()
    finder.judge_captions()
    finder.judge_blocks()
    finder.judge_mastheads(title)
    finder.judge_headline(title)
    finder.judge_head(title)
    return Findings(tuple(finder.kinds), finder.head)
