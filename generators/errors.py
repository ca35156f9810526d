"""Expected failures and how the command reports them: the one error boundary's vocabulary.

    StyrdokError     an expected failure with a Swedish message; exit 1
    UsageError       the command line asks for something impossible; exit 2
    note             a fault worked around (an unusable cache): told once, not a failure
    os_message       an operating-system error (a folder where a file was expected, no space,
                     no permission) in Swedish, with the path it concerns
    internal_error   anything else: a bug in styrdok, reported in Swedish with how to report it

Content findings travel separately as ContentError (generators.content.findings): they are a
list, printed in compiler form.
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
import traceback


class StyrdokError(Exception):
    """An expected failure: the message is Swedish and complete; exit code 1."""

    exit_code = 1


class UsageError(StyrdokError):
    """The command line names something that does not exist or cannot be done; exit code 2."""

    exit_code = 2


_ERRNO = {
    errno.ENOENT: "finns inte",
    errno.EISDIR: "är en mapp, inte en fil",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "åtgärden är inte tillåten",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.ENAMETOOLONG: "namnet är för långt för filsystemet",
    errno.EEXIST: "finns redan",
    errno.ENOTEMPTY: "mappen är inte tom",
    errno.EXDEV: "kan inte flyttas mellan två filsystem",
    errno.ELOOP: "för många symboliska länkar i sökvägen",
    errno.EMFILE: "för många öppna filer",
    errno.EBUSY: "används av ett annat program",
    errno.EIO: "in- eller utmatningsfel på disken",
}


def os_message(error: OSError) -> str:
    """'build/word: är en mapp, inte en fil' rather than '[Errno 21] Is a directory'."""
    reason = _ERRNO.get(error.errno or 0)
    if reason is None:
        name = errno.errorcode.get(error.errno or 0, "okänt")
        reason = f"systemfel {name}"
    path = error.filename if error.filename is not None else ""
    return f"{os.fsdecode(path)}: {reason}" if path != "" else reason


_noted: set[str] = set()


def note(message: str) -> None:
    """Tell, once per process, of a fault the command works around (a cache it cannot use, a
    damaged record of the last build): it is not the command's failure."""
    if message in _noted:
        return
    _noted.add(message)
    try:
        print(f"styrdok: obs: {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def internal_error(error: BaseException) -> str:
    """The message for an unexpected exception; the traceback goes to a file the user can send."""
    log = ""
    try:
        handle, name = tempfile.mkstemp(prefix="styrdok-internt-fel-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write("".join(traceback.format_exception(error)))
        log = f"; detaljerna finns i {name}"
    except OSError:
        pass
    return (f"internt fel i styrdok ({type(error).__name__}). Det är ett fel i programmet, inte i "
            f"innehållet{log}. Rapportera det till den som underhåller styrdok med kommandot du "
            f"körde och den filen (med STYRDOK_DEBUG=1 skrivs felet ut här i stället).")
