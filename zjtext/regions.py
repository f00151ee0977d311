"""The national order of regions: 全国 first, then the provinces by administrative division code
(北京 110000, 天津 120000 … 新疆 650000), as Chinese statistics list them. The codes are data
(``resources/divisions.tsv``); a region not in it (a city, a made-up name) comes after them, by name.

>>> division_code("北京市"), division_code("新疆"), division_code("全国"), division_code("样例市")
(110000, 650000, 100000, None)
>>> sorted(["广东省", "全国", "北京市", "样例市", "天津市"], key=region_key)
['全国', '北京市', '天津市', '广东省', '样例市']
>>> sorted([("浙江省", 2024), ("全国", 2019), ("浙江省", 2026), ("全国", 2013)], key=lambda r: report_key(*r))
[('全国', 2019), ('全国', 2013), ('浙江省', 2026), ('浙江省', 2024)]
"""
from __future__ import annotations

from functools import lru_cache

from .lexicon import resource_text

__all__ = ["division_code", "region_key", "report_key"]


@lru_cache(maxsize=1)
def _codes() -> dict[str, int]:
    """Full and short names → division code."""
    text = resource_text("divisions.tsv")
    codes: dict[str, int] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, name, short = line.split("\t")
            codes[name] = codes[short] = int(code)
    return codes


def division_code(region: str | None) -> int | None:
    """The administrative division code of a province-level region (full or short name), else None."""
    return _codes().get(str(region or "").strip())


def region_key(region: str | None) -> tuple[int, str]:
    """Sort key of a region in the national order; unknown regions last, by name."""
    code = division_code(region)
    return (code if code is not None else 10**6, str(region or ""))


def report_key(region: str | None, year: int | None) -> tuple[int, str, int]:
    """Sort key of a report: its region in the national order, then the newest year first (no year last)."""
    return (*region_key(region), -(year or -10**4))
