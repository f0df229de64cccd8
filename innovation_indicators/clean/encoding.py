"""Bytes to text: the declared charset (header or <meta>), else detection among UTF-8, GB18030
(a superset of GBK/GB2312) and Big5. Undecodable bytes are replaced, never fatal."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# GBK and GB2312 pages often use characters only GB18030 has; decoding as its superset is safe.
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "gb_2312": "gb18030", "x-gbk": "gb18030",
              "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "cp950": "big5hkscs"}
_CANDIDATES = ("utf_8", "gb18030", "big5hkscs")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced_chars: int
    source: str          # header, meta, bom, utf-8, detected


def _canonical(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(codec, _SUPERSETS.get(name.strip().lower(), codec))


def charset_from_content_type(content_type: str | None) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8", 0, "bom")
    for source, name in (("header", declared), ("meta", _meta_charset(data))):
        enc = _canonical(name)
        if enc:
            try:
                return Decoded(data.decode(enc), enc, 0, source)
            except UnicodeDecodeError:
                pass   # a wrong declaration is common; fall through to detection
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 0, "utf-8")
    except UnicodeDecodeError:
        pass
    strict = []
    for enc in _CANDIDATES[1:]:
        try:
            strict.append((enc, data.decode(enc)))
        except UnicodeDecodeError:
            continue
    if len(strict) == 1:
        enc, text = strict[0]
        return Decoded(text, enc, 0, "detected")
    best = from_bytes(data, cp_isolation=list(_CANDIDATES)).best()
    enc = _canonical(best.encoding) if best else None
    if len(strict) > 1:
        # both decode: prefer the one whose text reads as common Chinese
        enc = enc if enc in dict(strict) else max(strict, key=lambda p: _common_share(p[1]))[0]
        return Decoded(dict(strict)[enc], enc, 0, "detected")
    enc = enc or "gb18030"
    text = data.decode(enc, errors="replace")
    return Decoded(text, enc, text.count("\ufffd"), "detected")


def _meta_charset(data: bytes) -> str | None:
    m = _META.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


_COMMON = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞")


def _common_share(text: str) -> float:
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return sum(c in _COMMON for c in cjk) / len(cjk) if cjk else 0.0
