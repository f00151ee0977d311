"""The word lists the rules read, as package data (``zjtext/resources/``), each loaded once.

A list is a ``.txt`` file, one entry per line; a table is a ``.tsv`` file, an entry and its value(s)
separated by tabs. In both, blank lines and lines starting with ``#`` are comments: say there why a word
is in the list (the language phenomenon), never which report it came from.

>>> word_table("units")["％"]
('percent', '%')
>>> alternation(["以上", "及以上", "左右"])
'及以上|以上|左右'
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

__all__ = ["word_list", "word_table", "columns", "alternation", "resource_text"]

#: The package's data folder: word lists, tables, the indicator vocabulary.
RESOURCES = Path(__file__).resolve().with_name("resources")


def resource_text(filename: str) -> str:
    """The text of ``zjtext/resources/FILENAME`` (UTF-8).

    >>> resource_text("units.tsv").startswith("#")
    True
    """
    return (RESOURCES / filename).read_text(encoding="utf-8")


def _lines(filename: str) -> list[str]:
    text = resource_text(filename)
    return [line.rstrip("\r") for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``resources/NAME.txt`` in file order (duplicates kept once).

    >>> "八八战略" in word_list("policy_terms")
    True
    """
    return tuple(dict.fromkeys(line.strip() for line in _lines(f"{name}.txt")))


@lru_cache(maxsize=None)
def word_table(name: str) -> dict[str, str | tuple[str, ...]]:
    """``resources/NAME.tsv`` as {entry: value}: the second column, or a tuple of the columns after the
    first when there are more (empty trailing columns dropped). Read-only by convention: do not mutate.

    >>> word_table("units")["%"]
    'percent'
    """
    table: dict[str, str | tuple[str, ...]] = {}
    for line in _lines(f"{name}.tsv"):
        key, *values = line.split("\t")
        while values and not values[-1].strip():
            values.pop()
        values = [v.strip() for v in values]
        table[key.strip()] = values[0] if len(values) == 1 else tuple(values)
    return table


def columns(value: str | tuple[str, ...]) -> tuple[str, ...]:
    """A :func:`word_table` value as a tuple of its columns, whether the row had one value or more.

    >>> columns("percent"), columns(("percent", "%"))
    (('percent',), ('percent', '%'))
    """
    return (value,) if isinstance(value, str) else tuple(value)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of *words*, longest first (so 及以上 wins over 以上), each escaped.

    >>> alternation(["万", "万亿", "亿"])
    '万亿|万|亿'
    """
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
