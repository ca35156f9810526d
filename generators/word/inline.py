"""The text of one paragraph as a reader sees it: tabs and breaks, raised and lowered text
(m², H₂O, or x^(n+1)), equations as linear text; deleted text, field codes and the fallback of
alternate content left out."""

from __future__ import annotations

import re

from docx.oxml.ns import qn

FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def paragraph_text(element) -> str:
    """The text a reader sees: tabs and breaks as spaces and line breaks, field codes left out,
    superscript and subscript as such (m², H₂O, or x^(n+1)), equations as linear text."""
    parts = list(_inline(element, None))
    lines = (re.sub(r"[ \t\u00a0]{2,}", " ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


SKIPPED = (qn("w:del"), qn("w:moveFrom"), FALLBACK, qn("w:instrText"), qn("w:delText"), qn("w:rPr"), qn("w:pPr"),
           qn("w:footnoteReference"), qn("w:endnoteReference"))
SUPER = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
SUB = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


def _inline(node, position: str | None):
    for child in node:
        tag = child.tag
        if tag in SKIPPED or not isinstance(tag, str):
            continue
        if tag == qn("w:t"):
            yield _shifted(child.text or "", position)
        elif tag == qn("w:tab"):
            yield " "
        elif tag == qn("w:noBreakHyphen"):
            yield "-"
        elif tag in (qn("w:br"), qn("w:cr")):
            if child.get(qn("w:type")) in (None, "textWrapping"):
                yield "\n"
        elif tag in (MATH + "oMath", MATH + "oMathPara"):
            yield " " + " ".join(math_text(child).split()) + " "
        elif tag == qn("w:r"):
            yield from _inline(child, _vertical(child) or position)
        else:
            yield from _inline(child, position)


def _vertical(run) -> str | None:
    found = run.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}")
    value = found.get(qn("w:val")) if found is not None else None
    return value if value in ("superscript", "subscript") else None


def _shifted(text: str, position: str | None) -> str:
    """Raised or lowered text as a reader sees it: ² where Unicode has it, else ^(…) or _(…)."""
    if not position or not text.strip():
        return text
    table, mark = (SUPER, "^") if position == "superscript" else (SUB, "_")
    shifted = text.translate(table)
    return shifted if all(ord(ch) > 127 or ch == " " for ch in shifted) else f"{mark}({text})"


def math_text(node) -> str:
    """An equation (Office Math) as linear text: x^(2), (a)/(b), √(x), sums and their limits."""
    tag = node.tag.replace(MATH, "") if isinstance(node.tag, str) else ""
    parts = {child.tag.replace(MATH, ""): child for child in node if isinstance(child.tag, str)}
    text = lambda name: math_text(parts[name]) if name in parts else ""  # noqa: E731
    if tag == "t":
        return node.text or ""
    if tag == "sSup":
        return f"{text('e')}^({text('sup')})"
    if tag == "sSub":
        return f"{text('e')}_({text('sub')})"
    if tag == "sSubSup":
        return f"{text('e')}_({text('sub')})^({text('sup')})"
    if tag == "f":
        return f"({text('num')})/({text('den')})"
    if tag == "rad":
        degree = text("deg")
        return f"√({text('e')})" if not degree else f"({text('e')})^(1/{degree})"
    if tag == "nary":
        character = parts.get("naryPr")
        symbol = character.find(MATH + "chr") if character is not None else None
        sign = symbol.get(MATH + "val") if symbol is not None else "∫"
        return f"{sign}_({text('sub')})^({text('sup')}) {text('e')}"
    if tag == "d":
        return "(" + ", ".join(math_text(e) for e in node if isinstance(e.tag, str) and e.tag == MATH + "e") + ")"
    if tag.endswith("Pr"):
        return ""
    return "".join(math_text(child) for child in node if isinstance(child.tag, str))
