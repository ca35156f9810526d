"""A förbund's accent colour and whether people can read it (WCAG 2.1 contrast).

The site puts white text on the colour (its header) and the colour on white (links, focus), and
the documents print headings in it: both ask for 4.5:1, which is the same test both ways.
"""

from __future__ import annotations

MINIMUM = 4.5


def luminance(colour: str) -> float:
    """'#1f4e79' -> WCAG's relative luminance, 0 (black) to 1 (white)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def contrast_problem(colour: str) -> str | None:
    """None when white text on the colour (and the colour on white) reaches 4.5:1, else why not."""
    if len(colour) != 7 or colour[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in colour[1:]):
        return f"{colour!r} är ingen färg skriven #rrggbb, t.ex. #1f4e79"
    ratio = contrast(colour, "#ffffff")
    if ratio < MINIMUM:
        shown = f"{ratio:.2f}".replace(".", ",")
        return (f"färgen {colour} har kontrasten {shown}:1 mot vitt; text på webbplatsen och i dokumenten "
                f"behöver minst 4,5:1 (välj en mörkare färg)")
    return None
