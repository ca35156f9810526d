"""argparse speaking Swedish: its own messages (usage, errors, help headings) translated.

argparse looks its messages up through gettext at call time, so a lookup table that
replaces the module's `_` is enough; unknown messages stay as they are.
"""

from __future__ import annotations

import argparse
import re

from generators.errors import UsageError
from generators.escaping import terminal

SWEDISH = {
    "usage: ": "användning: ",
    "options": "flaggor",
    "positional arguments": "argument",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa versionen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "expected one argument": "ett värde krävs",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
    "not allowed with argument %s": "går inte ihop med %s",
    "expected %s argument": "%s värde krävs",
    "expected %s arguments": "%s värden krävs",
}


def _swedish(message: str) -> str:
    return SWEDISH.get(message, message)


def _nswedish(singular: str, plural: str, count: int) -> str:
    return _swedish(singular if count == 1 else plural)


argparse._ = _swedish
argparse.ngettext = _nswedish


class SwedishParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors and help are in Swedish; usage errors exit with 2."""


_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters (terminal escapes among them), bytes that are not UTF-8 (which Python
hands over as lone surrogates) and non-characters: what no content file may hold either."""


def check_arguments(arguments: list[str]) -> None:
    """Command-line values are checked like content: one that holds a character no document or
    terminal can show is refused with a Swedish message (exit 2), before anything is read."""
    for argument in arguments:
        found = _UNSHOWABLE.search(argument)
        if found is None:
            continue
        character = found.group(0)
        what = ("är inte UTF-8" if "\udc80" <= character <= "\udcff"
                else f"innehåller tecknet U+{ord(character):04X}, som inte kan visas")
        raise UsageError(f"argumentet {terminal(argument)} {what}; skriv det utan")

