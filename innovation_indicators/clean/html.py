"""HTML pages: article text, title, date and publisher via trafilatura; the extracted text then
goes through the same line rules as plain text (related lists and footers trafilatura kept)."""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass
class HtmlArticle:
    title: str | None
    published: str | None
    publisher: str | None
    text: str | None
    page_text_chars: int


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    # fast: skip the jusText/readability fallback; jusText has no Chinese stoplist, so on these
    # pages it costs 4-9x the time and changed no output in our measurements
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True, fast=True)
    full = trafilatura.html2txt(html) or ""
    if doc is None:
        return HtmlArticle(None, None, None, None, len(full))
    return HtmlArticle(doc.title, doc.date, doc.sitename or doc.author, doc.text, len(full))
