"""Rebuild `feeds/extract/data/outlets.json`: news outlets with their domain and country.

Usage: python tools/build_outlets.py [--wheel PATH/TO/fundus-0.5.7-py3-none-any.whl]

The source is the publisher collection of fundus 0.5.7 (MIT License, Copyright (c) 2023
Max Dallabetta, Conrad Dobberstein, Aaron Wey; https://github.com/flairNLP/fundus): the
`Publisher(name=..., domain=...)` entries of its `fundus/publishers/<country>/__init__.py`
files, whose folder names the country. The files are read as text and parsed with `ast`,
never imported (fundus would import its crawler's dependencies), either from the
installed distribution (`pip install --no-deps fundus==0.5.7`, or the `outlets-data` extra)
or from a wheel given with `--wheel` (`pip download --no-deps fundus==0.5.7 -d DIR`).
Its licence text is copied into the data file. The same version gives the same file,
byte for byte.

To that, `CURATED` below adds the wire agencies and outlets that credits name most and
fundus lacks (Bloomberg, Kyodo News, Xinhua, Al Jazeera, CNN, Politico...), and renames a
few of fundus's entries (matched by domain) to the name their credits use ("Associated
Press" for "Associated Press News", "BBC" for "The BBC", "DW" for "Deutsche Welle"); the
fundus name stays as an alias (not "People", for "People's Daily": a credit "People" is
the magazine). A trailing abbreviation in parentheses becomes an alias
("Neue Zürcher Zeitung (NZZ)" -> "Neue Zürcher Zeitung", alias "NZZ").

Each outlet: name, domain (host without "www."), other_domains, country (ISO 3166-1
alpha-2, or null for an international outlet), aliases (sorted). Outlets are sorted by
name, one a line, so a change reads as a small diff.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import re
import zipfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "feeds" / "extract" / "data" / "outlets.json"
FUNDUS_VERSION = "0.5.7"
_GROUP_COUNTRY = {"uk": "GB", "ind": "IN", "isl": "IS"}
"""fundus's folder names that are not the ISO code in lower case."""
_PUBLISHERS = re.compile(r"^fundus/publishers/([a-z]+)/__init__\.py$")
_NOT_ALIASES = {"People"}
"""fundus names kept out of a renamed outlet's aliases: a credit "People" is the magazine."""
_ABBREVIATION = re.compile(r"^(?P<name>.+?) \((?P<short>[A-Z]{2,5}|[a-z]{2,5})\)$")


@dataclass
class Outlet:
    """One row of the data file."""

    name: str
    domain: str
    country: str | None
    aliases: set[str] = field(default_factory=set)
    other_domains: set[str] = field(default_factory=set)

    def row(self) -> dict[str, object]:
        """The JSON object of this outlet."""
        return {"name": self.name, "domain": self.domain, "country": self.country,
                "aliases": sorted(self.aliases - {self.name}),
                "other_domains": sorted(self.other_domains - {self.domain})}


def _curated(name: str, domain: str, country: str | None, *aliases: str,
             domains: tuple[str, ...] = ()) -> Outlet:
    return Outlet(name, domain, country, set(aliases), set(domains))


CURATED = [
    # Wire agencies.
    _curated("Reuters", "reuters.com", "GB", "Thomson Reuters"),
    _curated("Associated Press", "apnews.com", "US", "AP", "The Associated Press", "AP News",
             domains=("ap.org",)),
    _curated("AFP", "afp.com", "FR", "Agence France-Presse", "Agence France Presse"),
    _curated("Bloomberg", "bloomberg.com", "US", "Bloomberg News", "Bloomberg L.P."),
    _curated("Kyodo News", "kyodonews.net", "JP", "Kyodo"),
    _curated("Xinhua", "xinhuanet.com", "CN", "Xinhua News Agency", domains=("news.cn",)),
    _curated("Anadolu Agency", "aa.com.tr", "TR", "AA", "Anadolu"),
    _curated("United Press International", "upi.com", "US", "UPI"),
    _curated("dpa", "dpa.com", "DE", "Deutsche Presse-Agentur"),
    _curated("ANSA", "ansa.it", "IT"),
    _curated("EFE", "efe.com", "ES", "Agencia EFE"),
    _curated("TASS", "tass.com", "RU", domains=("tass.ru",)),
    _curated("Interfax", "interfax.ru", "RU", domains=("interfax.com",)),
    _curated("Yonhap", "yna.co.kr", "KR", "Yonhap News Agency"),
    _curated("Press Trust of India", "ptinews.com", "IN", "PTI"),
    _curated("PA Media", "pamediagroup.com", "GB", "PA", "Press Association"),
    _curated("Australian Associated Press", "aap.com.au", "AU", "AAP"),
    # Broadcasters and papers that credits often name.
    _curated("Al Jazeera", "aljazeera.com", "QA", "Al Jazeera English", domains=("aljazeera.net",)),
    _curated("BBC", "bbc.co.uk", "GB", "BBC News", "The BBC", domains=("bbc.com",)),
    _curated("CNN", "cnn.com", "US"),
    _curated("DW", "dw.com", "DE", "Deutsche Welle"),
    _curated("Politico", "politico.com", "US", "POLITICO"),
    _curated("Politico Europe", "politico.eu", "BE", "POLITICO Europe", "Politico EU"),
    _curated("Euronews", "euronews.com", None,
             domains=("de.euronews.com", "fr.euronews.com")),
    _curated("People's Daily", "people.com.cn", "CN", "People's Daily Online"),
    _curated("The New York Times", "nytimes.com", "US", "New York Times"),
    _curated("The Wall Street Journal", "wsj.com", "US", "Wall Street Journal"),
    _curated("Financial Times", "ft.com", "GB"),
    _curated("NPR", "npr.org", "US"),
    _curated("Sky News", "news.sky.com", "GB"),
    _curated("France 24", "france24.com", "FR"),
    _curated("RFI", "rfi.fr", "FR", "Radio France Internationale"),
    _curated("NHK", "nhk.or.jp", "JP", "NHK World"),
    _curated("South China Morning Post", "scmp.com", "HK", "SCMP"),
    _curated("Radio Free Europe/Radio Liberty", "rferl.org", "CZ", "RFE/RL"),
]


def fundus_files(wheel: Path | None) -> dict[str, str]:
    """Relative path -> text of fundus's publisher files, licence and metadata."""
    if wheel is not None:
        with zipfile.ZipFile(wheel) as archive:
            return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                    if _wanted(name)}
    dist = metadata.distribution("fundus")
    return {str(path): path.read_text(encoding="utf-8") for path in dist.files or []
            if _wanted(str(path))}


def _wanted(name: str) -> bool:
    return bool(_PUBLISHERS.match(name)) or re.fullmatch(
        r"fundus-[^/]+\.dist-info/(?:licenses/)?(?:LICENSE|METADATA)", name) is not None


def _version(files: dict[str, str]) -> str:
    meta = next(text for name, text in files.items() if name.endswith("/METADATA"))
    return re.search(r"^Version: (\S+)$", meta, re.MULTILINE).group(1)  # type: ignore[union-attr]


def fundus_outlets(files: dict[str, str]) -> list[Outlet]:
    """Every publisher of fundus's collection, in file order."""
    found: list[Outlet] = []
    for path, text in sorted(files.items()):
        if (match := _PUBLISHERS.match(path)) and (calls := _publisher_calls(text)):
            country = _country(match.group(1))  # "shared" holds parsers, no publisher
            found += [_outlet(call, country) for call in calls]
    return found


def _country(group: str) -> str:
    code = _GROUP_COUNTRY.get(group, group.upper())
    if pycountry.countries.get(alpha_2=code) is None:
        raise ValueError(f"fundus group {group!r} is not a country code: add it to _GROUP_COUNTRY")
    return code


def _publisher_calls(text: str) -> list[dict[str, ast.expr]]:
    return [{k.arg: k.value for k in node.keywords if k.arg}
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Publisher"]


def _outlet(call: dict[str, ast.expr], country: str) -> Outlet:
    name, domain = ast.literal_eval(call["name"]), ast.literal_eval(call["domain"])
    old = ast.literal_eval(call["deprecated_domains"]) if "deprecated_domains" in call else []
    return Outlet(name, host(domain), country, other_domains={host(d) for d in old})


def _abbreviated(outlet: Outlet) -> Outlet:
    """"Neue Zürcher Zeitung (NZZ)" as "Neue Zürcher Zeitung", alias "NZZ"."""
    if match := _ABBREVIATION.match(outlet.name):
        outlet.name = match.group("name")
        outlet.aliases.add(match.group("short"))
    return outlet


def host(url: str) -> str:
    """The host of a URL, lower case, without a leading "www." ("www1." too)."""
    bare = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/", 1)[0]
    return re.sub(r"^www\d*\.", "", bare)


def merged(found: list[Outlet], curated: list[Outlet]) -> list[Outlet]:
    """fundus's outlets with the curated ones added, or renaming those of their domains."""
    curated = copy.deepcopy(curated)
    by_domain = {d: c for c in curated for d in {c.domain} | c.other_domains}
    kept: dict[str, Outlet] = {c.name: c for c in curated}
    for outlet in found:
        if (target := by_domain.get(outlet.domain)) is not None:
            target.aliases |= {outlet.name} - _NOT_ALIASES  # as fundus writes it: "The BBC"
            target.other_domains |= outlet.other_domains
            continue
        outlet = _abbreviated(outlet)
        if outlet.name in kept:
            raise ValueError(f"two outlets named {outlet.name!r}: curate one of them")
        kept[outlet.name] = outlet
    _check_aliases(list(kept.values()))
    return sorted(kept.values(), key=lambda o: (o.name.casefold(), o.name))


def _check_aliases(outlets: list[Outlet]) -> None:
    owner: dict[str, str] = {}
    for outlet in outlets:
        for alias in {outlet.name} | outlet.aliases:
            if owner.setdefault(alias, outlet.name) != outlet.name:
                raise ValueError(f"{alias!r} names both {owner[alias]!r} and {outlet.name!r}")


def _about(version: str) -> str:
    return (f"News outlets: name, domain (host without 'www.'), other_domains, country "
            f"(ISO 3166-1 alpha-2, null when international), aliases. From the publisher "
            f"collection of fundus {version} (MIT License, Copyright (c) 2023 Max Dallabetta, "
            f"Conrad Dobberstein, Aaron Wey; https://github.com/flairNLP/fundus; its licence "
            f"text is in 'license'), plus wire agencies and outlets curated in "
            f"tools/build_outlets.py; rebuilt by tools/build_outlets.py")


def render(outlets: list[Outlet], version: str, license_text: str) -> str:
    """The data file's text: stable, one outlet a line."""
    rows = [f"  {json.dumps(o.row(), ensure_ascii=False, sort_keys=True)}" for o in outlets]
    return (f'{{"about": {json.dumps(_about(version), ensure_ascii=False)},\n'
            f' "license": {json.dumps(license_text.strip(), ensure_ascii=False)},\n'
            f' "outlets": [\n' + ",\n".join(rows) + "\n ]\n}\n")


def build(files: dict[str, str]) -> tuple[str, int]:
    """The data file's text and its number of outlets, from fundus's files."""
    version = _version(files)
    if version != FUNDUS_VERSION:
        raise ValueError(f"fundus {version} found, {FUNDUS_VERSION} expected (the file would differ)")
    license_text = next(text for name, text in files.items() if name.endswith("LICENSE"))
    outlets = merged(fundus_outlets(files), CURATED)
    return render(outlets, version, license_text), len(outlets)


def main() -> None:
    """Read fundus, merge the curated outlets, write the file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--wheel", type=Path, help="fundus's wheel instead of the installed one")
    text, count = build(fundus_files(parser.parse_args().wheel))
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {count} outlets")


if __name__ == "__main__":
    main()
