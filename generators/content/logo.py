"""The organisation's logo, checked like the rest of the content and made into one picture that
every output embeds.

    logo_path(content)      the file organisation.yaml names, or None
    logo_problem(content)   why the logo cannot be used, in Swedish, or None
    canonical_logo(content) the logo as one PNG (RGB or RGBA, at most MAX_SIDE pixels a side)

The file must lie inside the content folder (links resolved), be a PNG or JPEG picture of at most
MAX_BYTES, and its size in pixels, read from the header before anything is decoded, at most
MAX_PIXELS. It is then decoded once and written again as a PNG: a CMYK JPEG, a JPEG without its
JFIF segment or a PNG without its end marker come out as the same kind of picture, which Word,
the PDF and the site all take; a picture cut off halfway cannot be decoded and is refused.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache
from pathlib import Path

from generators.content.files import is_regular

MAX_BYTES = 10 * 1024 * 1024
"""A logo is tens of kilobytes; ten megabytes is far beyond any."""
MAX_PIXELS = 25_000_000
"""5 000 × 5 000 pixels: decoding it takes about 100 MB."""
MAX_SIDE = 1200
"""The cover shows the logo some 2 cm high: 1 200 pixels are sharp in print at any width."""
FORMATS = ("PNG", "JPEG")


class LogoError(Exception):
    """The logo cannot be used; the message is Swedish and says why."""


def logo_path(content) -> Path | None:
    """The organisation's logo file, where organisation.yaml names one."""
    logo = content.organisation.model.logo
    return content.organisation.path.parent / logo if logo else None


def logo_problem(content) -> str | None:
    """Decodes the logo (check must know it can be decoded) without writing it again: check runs
    on every save."""
    try:
        data = _logo_bytes(content)
        if data is not None:
            _decoded(data, content.organisation.model.logo)
    except LogoError as error:
        return str(error)
    return None


def canonical_logo(content) -> bytes | None:
    """The logo as the PNG every output embeds; raises LogoError when it cannot be used."""
    data = _logo_bytes(content)
    return None if data is None else _canonical(data, content.organisation.model.logo)


def _logo_bytes(content) -> bytes | None:
    path = logo_path(content)
    if path is None:
        return None
    name = content.organisation.model.logo
    if not path.exists():
        raise LogoError(f"logotypen {name!r} finns inte i innehållsmappen")
    if not path.resolve().is_relative_to(content.root.resolve()) or not is_regular(path):
        raise LogoError(f"logotypen {name!r} är en länk till en plats utanför innehållsmappen eller ingen vanlig fil")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LogoError(f"logotypen {name!r} är för stor ({size / 1e6:.1f} MB); en logotyp får vara högst "
                        f"{MAX_BYTES // (1024 * 1024)} MB")
    return path.read_bytes()


@lru_cache(maxsize=4)
def _canonical(data: bytes, name: str) -> bytes:
    """Made once per process and logo: every cover of a build shares it."""
    made = _decoded(data, name).copy()
    made.thumbnail((MAX_SIDE, MAX_SIDE))
    buffer = io.BytesIO()
    made.save(buffer, format="PNG")
    return buffer.getvalue()


@lru_cache(maxsize=4)
def _decoded(data: bytes, name: str):
    """The picture decoded, in RGB or RGBA; raises LogoError with the reason in Swedish."""
    from PIL import Image
    too_large = LogoError(f"logotypen {name!r} har för många bildpunkter; en logotyp får ha högst "
                          f"{MAX_PIXELS // 1_000_000} miljoner (t.ex. 5 000 × 5 000)")
    try:
        with warnings.catch_warnings():
            # Pillow's own (English) warning about large pictures: our limit, below, says it in Swedish.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as picture:  # reads the header only
                width, height = picture.size
                if width * height > MAX_PIXELS:
                    raise too_large
                picture.load()
                return _plain(picture)
    except LogoError:
        raise
    except Image.DecompressionBombError:
        raise too_large from None
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a file that is no whole picture
        raise LogoError(f"logotypen {name!r} är ingen hel PNG- eller JPEG-bild (filen är skadad, avkortad "
                        f"eller av ett annat slag); spara den igen som PNG") from None


def _plain(picture):
    """RGB, or RGBA where the picture has transparency: the modes every reader of PNG takes."""
    transparent = picture.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in picture.info
    if picture.mode.startswith("I") or picture.mode == "F":  # 16 and 32 bits a point: to 8
        picture = picture.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    return picture.convert("RGBA" if transparent else "RGB")
