"""HTML pages: the article's main text and metadata.

trafilatura finds the article among menus, sidebars and scripts and reads
title, authors, address and site name; htmldate reads the publication and
update dates (with their time where the page gives it). The extracted text,
not the page, is the document that every offset refers to.
"""

from __future__ import annotations

import re
from datetime import datetime

import htmldate
import trafilatura
from trafilatura.settings import Document

from quotegraph.errors import EmptyInputError
from quotegraph.ingest.decode import declared_charset, decode
from quotegraph.ingest.document import DocumentFormat, SourceDocument
from quotegraph.ingest.fields import authors_field, datetime_field, text_field
from quotegraph.ingest.limits import Limits
from quotegraph.records import ArticleMeta

_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Parts of a page that are never its article: what a browser without
# scripts shows instead of the page ("Please enable JavaScript").
_NEVER_ARTICLE = ["//noscript"]
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` starts as an HTML page does."""
    return _HTML_START.match(text[:4096]) is not None


def _page_date(page: str, *, original: bool, source: str) -> datetime | None:
    found = htmldate.find_date(
        page, extensive_search=False, original_date=original, outputformat=_DATE_FORMAT
    )
    return datetime_field(found, source)


# What trafilatura finds on a page without an article is a menu or a cookie
# notice: a handful of words. The shortest news brief is longer than this.
MIN_ARTICLE_WORDS = 15


def extract_article(page: str, source: str, *, url: str | None = None) -> tuple[str, ArticleMeta]:
    """The main text of an HTML page and its metadata.

    ``url`` is the address the page was fetched from, where it is known (a
    crawl archive records it): it is the article's URL, and names the outlet
    when the page does not. It does not date the article: a date in an
    address is a day without its time, and the page knows better.

    Raises :class:`EmptyInputError` for a page with no article in it (a page
    of scripts, a login wall, an index).
    """
    found = trafilatura.bare_extraction(
        page, url=url, with_metadata=True, include_comments=False, prune_xpath=_NEVER_ARTICLE
    )
    if not isinstance(found, Document) or len((found.text or "").split()) < MIN_ARTICLE_WORDS:
        raise EmptyInputError(source, "no article text found in the HTML page")
    text = found.text or ""
    published = _page_date(page, original=True, source=source)
    updated = _page_date(page, original=False, source=source)
    meta = ArticleMeta(
        source=source,
        title=text_field(found.title),
        url=url or text_field(found.url),
        outlet=text_field(found.sitename) or text_field(found.hostname),
        published=published,
        updated=updated if updated != published else None,
        authors=authors_field(found.author),
    )
    return text, meta


def page_document(
    raw: bytes,
    source: str,
    limits: Limits,
    *,
    charset: str | None = None,
    url: str | None = None,
    format: DocumentFormat = "html",
) -> SourceDocument:
    """A fetched web page as a document: decoded by ``charset`` (else the page's own
    declaration, else a guess), its article and metadata extracted."""
    decoded = decode(raw, source, declared=charset or declared_charset(raw))
    text, meta = extract_article(decoded.text, source, url=url)
    return SourceDocument(
        source=source,
        text=limits.check_text(text, source),
        meta=meta,
        format=format,
        encoding=decoded.encoding,
        encoding_guessed=decoded.guessed,
    )
