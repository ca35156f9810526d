"""Numbers as people type them: every way a whole number is written reads back as that number,
and every other text is refused with the text quoted (generated inputs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generators.authoring.follow_up.numbers import NotANumber, whole

SEPARATORS = st.sampled_from([" ", "\u00a0", "\u202f", ""])


def _grouped(number: int, separator: str) -> str:
    return f"{abs(number):,}".replace(",", separator)


@given(st.integers(-10**12, 10**12), SEPARATORS, st.sampled_from(["", ",0", ",00", ".0"]),
       st.sampled_from(["", " ", "  "]))
def it_reads_a_whole_number_however_it_is_grouped(number, separator, decimals, padding):
    sign = "-" if number < 0 else ""
    text = f"{padding}{sign}{_grouped(number, separator)}{decimals}{padding}"
    assert whole(text) == number


@given(st.integers(0, 10**9), st.integers(1, 9))
def it_refuses_decimals(number, tenth):
    with pytest.raises(NotANumber, match="har decimaler"):
        whole(f"{_grouped(number, ' ')},{tenth}")


@given(st.text(min_size=1).filter(lambda t: any(c.isalpha() for c in t)))
def it_refuses_words_and_quotes_them(text):
    with pytest.raises(NotANumber) as refused:
        whole(text, "antal")
    assert f"'{text.strip()}'" in str(refused.value) or f"'{text}'" in str(refused.value)


@given(st.integers(-10**9, 10**9))
def it_takes_numbers_from_cells_as_they_are(number):
    assert whole(number) == number and whole(float(number)) == number


@pytest.mark.parametrize("text", ["٣", "１２", "1e5", "12-3", "--5", "5 %", "1,2,3"])
def it_refuses_what_is_not_a_swedish_whole_number(text):
    with pytest.raises(NotANumber):
        whole(text)
