"""Clean: raw page bytes to Simplified article text with title, publisher and date.

Every removal is counted (chrome, spam, debris characters) so a reader can audit it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .encoding import charset_from_content_type, decode_bytes
from .html import extract_html
from .text import clean_text_page, find_date, find_publisher
from .traditional import remove_pinyin_debris, to_simplified


class CleanError(ValueError):
    """The bytes cannot be turned into article text; the message says why."""


@dataclass
class CleanDocument:
    text: str
    title: str | None
    publisher: str | None
    published_date: date | None
    encoding: str
    content_kind: str
    is_converted_from_traditional: bool
    removed_chrome_chars: int
    removed_spam_chars: int
    removed_debris_chars: int


_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|div|p|meta)[\s>]", re.I)


def is_html(data: bytes, content_type: str | None, uri: str) -> bool:
    if content_type and "html" in content_type.lower():
        return True
    if uri.lower().endswith((".html", ".htm", ".shtml")):
        return True
    if content_type and content_type.lower().startswith("text/plain"):
        return False
    return bool(_HTML_SNIFF.search(data[:4096]))


def check_binary(data: bytes, content_type: str | None) -> None:
    ct = (content_type or "").lower()
    if data.startswith(b"%PDF") or "application/pdf" in ct:
        raise CleanError("the body is a PDF, not an HTML or text page")
    if b"\x00" in data[:4096] or any(t in ct for t in ("image/", "audio/", "video/", "application/octet-stream", "application/zip")):
        raise CleanError(f"the body is binary ({content_type or 'NUL bytes found'}), not an HTML or text page")
    if not data.strip():
        raise CleanError("the page is empty")


def _parse_date(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def clean_document(data: bytes, content_type: str | None, uri: str) -> CleanDocument:
    check_binary(data, content_type)
    decoded = decode_bytes(data, charset_from_content_type(content_type))
    if is_html(data, content_type, uri):
        art = extract_html(decoded.text, uri if uri.startswith("http") else None)
        if not art.text:
            raise CleanError("no article text found in the HTML page")
        body, debris = remove_pinyin_debris(art.text)
        body, converted = to_simplified(body)
        page = clean_text_page(body)
        text = page.body or body
        chrome = max(0, art.page_text_chars - len(art.text)) + page.chrome_chars
        title = to_simplified(art.title)[0] if art.title else page.title
        published = _parse_date(art.published) or _parse_date(page.published) or _parse_date(find_date(decoded.text.split("\n")))
        publisher = art.publisher or page.publisher or find_publisher(decoded.text.split("\n"))
        return CleanDocument(text, title, publisher, published, decoded.encoding, "html",
                             converted, chrome, page.spam_chars, debris + decoded.replaced_chars)
    raw, debris = remove_pinyin_debris(decoded.text)
    raw, converted = to_simplified(raw)
    page = clean_text_page(raw)
    if not page.body.strip():
        raise CleanError("no article text found: every line looked like navigation, lists or footers")
    return CleanDocument(page.body, page.title, page.publisher, _parse_date(page.published), decoded.encoding,
                         "text", converted, page.chrome_chars, page.spam_chars, debris + decoded.replaced_chars)
