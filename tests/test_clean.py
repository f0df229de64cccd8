"""Cleaning: encodings, chrome, spam, Traditional text and pinyin debris, metadata."""
from datetime import date

import pytest

from innovation_indicators.clean import CleanError, check_binary, clean_document
from innovation_indicators.clean.encoding import decode_bytes
from innovation_indicators.clean.rules import chrome_rules
from innovation_indicators.clean.spam import is_spam_header
from innovation_indicators.clean.text import classify, clean_text_page
from innovation_indicators.clean.traditional import remove_pinyin_debris, to_simplified
from tests.fixtures.pages import BIG5_PAGE, CHROME_TEXT, GBK_PAGE, SPAM_TEXT, TRADITIONAL_TEXT


@pytest.mark.parametrize("text,encoding,expected", [
    ("示例市高新技术企业达到3200家，同比增长18%。" * 3, "gbk", "gb18030"),
    ("示例市高新技術企業達到3200家，同比增長18%。" * 3, "big5", "big5hkscs"),
    ("示例市高新技术企业达到3200家。", "utf-8", "utf-8"),
])
def test_detects_encoding_without_declaration(text, encoding, expected):
    d = decode_bytes(text.encode(encoding))
    assert d.encoding == expected and d.text == text


def test_declared_charset_wins_and_wrong_declaration_falls_back():
    data = "高新技术企业".encode("gbk")
    assert decode_bytes(data, "gbk").source == "header"
    assert decode_bytes(data, "utf-8").encoding == "gb18030"


def test_undecodable_bytes_do_not_crash():
    d = decode_bytes(b"\xff\xfe\xfa" * 5 + "高新".encode("gbk"))
    assert d.text and d.encoding


def test_gbk_html_without_charset():
    doc = clean_document(GBK_PAGE.encode("gbk"), None, "http://a.example/p.html")
    assert doc.encoding == "gb18030" and doc.content_kind == "html"
    assert "3200家" in doc.text and "首页" not in doc.text and "版权所有" not in doc.text
    assert doc.title == "示例市科技创新提速" and doc.published_date == date(2024, 7, 15)


def test_big5_html_becomes_simplified():
    doc = clean_document(BIG5_PAGE.encode("big5"), "text/html", "http://b.example/p.html")
    assert doc.encoding == "big5hkscs" and doc.is_converted_from_traditional
    assert "高新技术企业" in doc.text and "技術" not in doc.text


def test_plain_text_chrome_is_removed_and_counted():
    page = clean_text_page(CHROME_TEXT)
    assert page.body.startswith("今年上半年") and page.body.endswith("创新生态持续优化。")
    for chrome in ("朋友圈", "photo_0123", "▲", "责任编辑", "相关阅读", "3000亩", "1200家"):
        assert chrome not in page.body
    assert page.title == "示例市科技创新提速" and page.published == "2024-07-15" and page.publisher == "示例网"
    assert page.chrome_chars > 50


def test_spam_keywords_injected_into_sentences_are_removed():
    doc = clean_document(SPAM_TEXT.encode(), None, "spam.txt")
    assert "配资" not in doc.text and "金鼎" not in doc.text
    assert "今年上半年，示例市" in doc.text and "增长1.2倍，新型" in doc.text
    assert doc.removed_spam_chars >= len("股票配资开户") + len("金鼎配资")
    assert doc.title == "示例市科技创新提速" and doc.published_date == date(2024, 7, 16)


def test_traditional_with_pinyin_debris():
    doc = clean_document(TRADITIONAL_TEXT.encode(), None, "trad.txt")
    assert doc.is_converted_from_traditional
    assert "(" not in doc.text and "zhǎng" not in doc.text
    assert "高新技术企业达到3200家" in doc.text and doc.removed_debris_chars > 20
    assert doc.title == "示例市：以科技为引领发展"


def test_pinyin_removal_keeps_real_parentheses():
    text, removed = remove_pinyin_debris("发(fā)展(zhǎn)与(AI)和中国(重庆)自贸区")
    assert text == "发展与(AI)和中国(重庆)自贸区" and removed == len("(fā)(zhǎn)")


def test_simplified_text_is_left_alone():
    text, converted = to_simplified("高新技术企业达到3200家")
    assert not converted and text == "高新技术企业达到3200家"


@pytest.mark.parametrize("data,ct,reason", [
    (b"%PDF-1.4 ...", None, "PDF"), (b"abc", "application/pdf", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", "binary"), (b"   ", "text/html", "empty"),
])
def test_binary_and_empty_bodies_are_refused(data, ct, reason):
    with pytest.raises(CleanError, match=reason):
        check_binary(data, ct)


def test_page_with_no_article_is_an_error():
    with pytest.raises(CleanError, match="no article text"):
        clean_document("首页\n新闻\n联系我们\n".encode(), "text/plain", "x.txt")


@pytest.mark.parametrize("line,kind", [
    ("首页 > 科技 > 正文", "chrome"), ("业 界/ 互联网/ 行 业/ 通 信/ 数 码", "chrome"),
    ("640.webp (2).jpg", "chrome"), ("▲科研人员在实验室 示例 摄", "chrome"),
    ("渝ICP备2020014939号-1", "chrome"), ("发布日期:2025-01-22 13:22    点击次数:85", "chrome"),
    ("开心", "chrome"), ("一区二区三区_熟女av_国产精品_日韩", "spam"),
    ("今年全市新增高新技术企业500家，同比增长12%。", "prose"), ("两江协同创新区", "short"),
])
def test_line_classifier(line, kind):
    assert classify(line, chrome_rules()) == kind


def test_spam_header_needs_stuffing():
    r = chrome_rules()
    assert is_spam_header("鑫汇配资_股票配资开户_配资炒股平台", r)
    assert not is_spam_header("股票配资开户 长三角科创共同体建设交出新答卷", r)


def test_government_portal_page_end_to_end():
    from innovation_indicators.extract.observations import extract_observations
    from tests.fixtures.pages import GOV_PORTAL_TEXT

    doc = clean_document(GOV_PORTAL_TEXT.encode(), None, "gov.txt")
    assert doc.title == "合肥高新区上半年创新指标稳中有进" and doc.published_date == date(2024, 7, 26)
    for chrome in ("无障碍", "政务公开", "字体", "打印本页", "扫一扫", "相关链接", "ICP", "网站标识码"):
        assert chrome not in doc.text
    assert doc.removed_spam_chars == 0
    rows = extract_observations(doc.text, doc.published_date, doc.title)
    assert [(r["value"], r["unit"]) for r in rows] == [
        (412, "家"), (2650, "家"), (96, "家"), (3120, "件"), (68, "家"), (2000, "家")]
    assert {r["region_code"] for r in rows} == {"Z-HTZ-340100"}
    assert rows[1]["subject"] == "国家高新技术企业总数" and rows[3]["growth_pct"] == 21.4


def test_multi_syllable_pinyin_debris():
    text, removed = remove_pinyin_debris("經濟 (jīng jì)發展(fā zhǎn)良好")
    assert text == "經濟發展良好" and removed == len(" (jīng jì)(fā zhǎn)")
