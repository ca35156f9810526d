"""The logo is content like the rest (issue 18): inside the content folder, its size and pixels
checked before it is decoded, made into one PNG that Word and the PDF embed. Every picture
Pillow can write, whole or damaged, is refused by `check` with a Swedish finding or built."""

from __future__ import annotations

import io
import warnings

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from generators.content.loading import load_content
from generators.content.logo import MAX_PIXELS, canonical_logo

FORMATS = ["PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP", "PPM", "ICO", "TGA", "PCX", "JPEG2000", "SGI", "IM", "DDS",
           "QOI", "MSP", "XBM", "PDF"]
MODES = ["1", "L", "LA", "P", "PA", "RGB", "RGBA", "RGBa", "CMYK", "YCbCr", "LAB", "HSV", "I", "I;16", "F"]


def _with_logo(folder, data: bytes, name: str = "logotyp.png") -> None:
    organisation = folder / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    if "logotyp:" not in text:  # hypothesis runs every example in the same folder
        organisation.write_text(text.replace("kortnamn: RAR Sörmland\n", f"kortnamn: RAR Sörmland\nlogotyp: {name}\n"),
                                encoding="utf-8")
    (folder / name).write_bytes(data)


def _picture(mode: str, size=(40, 20)) -> Image.Image:
    picture = Image.new("RGB", size, (200, 30, 40))
    picture.paste((20, 60, 200), (0, 0, size[0] // 2, size[1]))
    if mode == "PA":
        return picture.convert("P").convert("PA")
    return picture.convert(mode) if mode not in ("I;16",) else picture.convert("L").convert("I;16")


def _saved(picture: Image.Image, kind: str, **options) -> bytes | None:
    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            picture.save(buffer, format=kind, **options)
    except Exception:  # noqa: BLE001 - Pillow cannot write this mode in this format
        return None
    return buffer.getvalue()


def _without_jfif(jpeg: bytes) -> bytes:
    """The JPEG with its APP0 (JFIF) segment taken out."""
    assert jpeg[2:4] == b"\xff\xe0"
    length = int.from_bytes(jpeg[4:6], "big")
    return jpeg[:2] + jpeg[4 + length:]


def _without_iend(png: bytes) -> bytes:
    return png[:png.rindex(b"IEND") - 4]


def _huge_png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be width × height: only the header, as a bomb would start."""
    import struct
    import zlib
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def _renders_every_cover(content_folder) -> None:
    """The Word file and the PDF of the plan, with the logo on the cover."""
    from generators.pdf.output import plan_pdf
    from generators.templating import phrases
    from generators.word.output import plan_docx
    content = load_content(content_folder)
    plan = content.plans[0].model
    assert plan_docx(plan, content, phrases()) and plan_pdf(plan, content, phrases())


@st.composite
def pictures(draw) -> bytes:
    # Half PNG or JPEG (the ones a logo may be, in every mode), half any format Pillow writes.
    kind = draw(st.one_of(st.sampled_from(["PNG", "JPEG"]), st.sampled_from(FORMATS)))
    mode = draw(st.sampled_from(MODES))
    size = (draw(st.integers(1, 300)), draw(st.integers(1, 300)))
    data = _saved(_picture(mode, size), kind)
    if data is None:
        data = _saved(_picture("RGB", size), kind) or _saved(_picture("RGB", size), "PNG")
    damage = draw(st.sampled_from(["none", "none", "cut", "flip", "no-end"]))
    if damage == "cut":
        data = data[:draw(st.integers(0, len(data) - 1))]
    elif damage == "flip" and data:
        where = draw(st.integers(0, len(data) - 1))
        data = data[:where] + bytes([data[where] ^ 0xFF]) + data[where + 1:]
    elif damage == "no-end" and b"IEND" in data:
        data = _without_iend(data)
    event(f"{kind} {damage}")
    event(f"mode {mode}")
    return data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=pictures())
def it_refuses_in_swedish_or_builds_every_picture_pillow_writes(minimal, styrdok, data):
    _with_logo(minimal, data)
    run = styrdok("check", "--content", minimal)
    if run.code != 0:
        event("check refuses")
        assert run.code == 1 and "organisation.yaml:" in run.out and ": fel: logotyp: logotypen 'logotyp.png' " in run.out, \
            run.out + run.err
        assert "Warning" not in run.err and "internt fel" not in run.out + run.err, run.err
        return
    event("check passes: built")
    _renders_every_cover(minimal)
    canonical = Image.open(io.BytesIO(canonical_logo(load_content(minimal))))
    assert canonical.format == "PNG" and canonical.mode in ("RGB", "RGBA")


def _cmyk_jpeg() -> bytes:
    return _saved(_picture("CMYK"), "JPEG")


@pytest.mark.parametrize("data", [
    pytest.param(_cmyk_jpeg(), id="CMYK JPEG"),
    pytest.param(_without_jfif(_saved(_picture("RGB"), "JPEG")), id="JPEG without JFIF"),
    pytest.param(_without_iend(_saved(_picture("RGB"), "PNG")), id="PNG without IEND"),
    pytest.param(_saved(_picture("I;16"), "PNG"), id="16-bit PNG"),
])
def it_normalises_a_picture_some_writer_would_refuse_and_builds(minimal, styrdok, tmp_path, data):
    _with_logo(minimal, data)
    assert styrdok("check", "--content", minimal).code == 0
    run = styrdok("build", "--content", minimal, "--out", tmp_path / "out", "--utkast")
    assert run.code == 0, run.out + run.err
    assert (tmp_path / "out" / "word" / "plan-2030.docx").exists() and (tmp_path / "out" / "pdf" / "plan-2030.pdf").exists()


@pytest.mark.parametrize("data, message", [
    (_saved(_picture("RGB"), "PNG")[:-200], "ingen hel PNG- eller JPEG-bild"),
    (_saved(_picture("RGB"), "GIF"), "ingen hel PNG- eller JPEG-bild"),
    (_huge_png_header(13_000, 13_000), "för många bildpunkter"),
    (_huge_png_header(60_000, 60_000), "för många bildpunkter"),
])
def it_refuses_a_damaged_or_huge_picture_before_decoding_it(minimal, styrdok, data, message):
    _with_logo(minimal, data)
    run = styrdok("check", "--content", minimal)
    assert run.code == 1 and f"fel: logotyp: logotypen 'logotyp.png' {'är' if 'hel' in message else 'har'} " in run.out
    assert message in run.out and "Warning" not in run.err and "DecompressionBomb" not in run.out + run.err


def it_refuses_a_logo_larger_than_the_limit_before_reading_it(minimal, styrdok):
    _with_logo(minimal, b"\x89PNG" + b"\0" * (11 * 1024 * 1024))
    run = styrdok("check", "--content", minimal)
    assert run.code == 1 and "är för stor (11.5 MB); en logotyp får vara högst 10 MB" in run.out, run.out


def it_refuses_a_logo_that_links_outside_the_content_folder(minimal, styrdok, tmp_path):
    outside = tmp_path / "hemligt.png"
    outside.write_bytes(_saved(_picture("RGB"), "PNG"))
    _with_logo(minimal, b"")
    (minimal / "logotyp.png").unlink()
    (minimal / "logotyp.png").symlink_to(outside)
    run = styrdok("check", "--content", minimal)
    assert run.code == 1 and "logotypen 'logotyp.png' är en länk till en plats utanför innehållsmappen" in run.out


def it_makes_a_large_logo_small_enough_for_every_cover(minimal):
    _with_logo(minimal, _saved(_picture("RGB", (4000, 2000)), "PNG"))
    logo = Image.open(io.BytesIO(canonical_logo(load_content(minimal))))
    assert logo.size == (1200, 600) and 4000 * 2000 <= MAX_PIXELS
