"""Which characters the documents can show. The PDF is PDF/UA-1, typeset in Arimo with Typst's
own fonts as fallback, and PDF/UA-1 refuses a character that no font has (an emoji, a Chinese
character): `check` must know that before `build` finds out.

Arimo's character map answers for almost every text at once; only the rare characters it lacks
are put to Typst itself, in one small document, so the answer is Typst's, not a guess."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

_REFUSED = re.compile(r'the text `"(.+?)"` could not be displayed')


@cache
def _arimo() -> frozenset[int]:
    """Arimo's character map, kept in the cache by the font file's hash: reading it with
    fontTools costs every check and build some 30 ms."""
    import fontpkg_arimo

    from generators.cache import key, user_cache
    path = fontpkg_arimo.ROOT / "files" / "Arimo[wght].ttf"
    codes = user_cache().get_or_render(key("character-map", hashlib.sha256(path.read_bytes()).hexdigest()),
                                       lambda: _character_map(path))
    return frozenset(int(code) for code in codes.split())


def _character_map(path) -> bytes:
    from fontTools.ttLib import TTFont
    with TTFont(path, lazy=True) as font:
        return " ".join(str(code) for code in sorted(font.getBestCmap())).encode()


def _ignorable(char: str) -> bool:
    """Spaces, format characters and variation selectors take no glyph of their own."""
    return char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Mn", "Me") \
        or "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


def unshowable(characters: set[str]) -> list[str]:
    """The characters among these that the PDF cannot show, in code point order."""
    candidates = sorted(c for c in characters if not _ignorable(c) and ord(c) not in _arimo())
    return _refused_by_typst(tuple(candidates)) if candidates else []


@cache
def _refused_by_typst(candidates: tuple[str, ...]) -> list[str]:
    from typst import TypstError

    from generators.pdf.markup import Markup, escape
    from generators.pdf.typeset import typeset
    refused, left = [], list(candidates)
    while left:
        try:
            typeset(Markup("#par[" + " ".join(escape(c) for c in left) + "]\n#heading-pages()"), _INPUTS, None)
            break
        except TypstError as error:
            named = _REFUSED.search(str(error))
            shown = [c for c in left if named and c in named.group(1)]
            if not shown:  # an answer we cannot read: count them all as refused rather than build and fail
                return sorted(refused + left)
            refused += shown
            left = [c for c in left if c not in shown]
    return sorted(refused)


_INPUTS = {"title": "Prov", "author": "", "keywords": "", "footer-before": "", "footer-between": "",
           "footer-after": ""}
