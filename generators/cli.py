"""The `styrdok` command: parse arguments, call one stage, print in Swedish, set the exit code.

Exit codes: 0 done (warnings allowed), 1 errors in the content or the output, 2 usage error.
main() is the one error boundary: findings (ContentError), expected failures (StyrdokError),
operating-system errors, a closed pipe and Ctrl-C end in a Swedish message; anything else is a
bug, reported as an internal error with where its traceback was saved, never as a bare
traceback (STYRDOK_DEBUG=1 lets it through).
"""

from __future__ import annotations

import gc
import os
import re
import signal
import sys
from pathlib import Path

from generators.argparse_sv import check_arguments
from generators.arguments import build_parser
from generators.commands import print_findings
from generators.content.findings import ContentError
from generators.errors import StyrdokError, internal_error, os_message
from generators.escaping import terminal


def main(argv: list[str] | None = None) -> int:
    """argv None: the process's own arguments, and the process ends when the command does."""
    if argv is None:
        # Python collects garbage every 700 new objects, walking the libraries' objects again and
        # again: 5-10 % of a build's processor time (of a 10 000-section plan's too), for the
        # same peak memory.
        gc.set_threshold(50_000, 20, 100)
    code = _run(argv)
    if argv is None:
        # Done: a Ctrl+C now has nothing left to stop, and must not end in a traceback at exit.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # Python's last garbage collection at exit walks every object the command made (a tenth
        # of a second after a build); frozen, they are left to the operating system to free.
        gc.freeze()
    return code


def _run(argv: list[str] | None) -> int:
    _tolerant_streams()
    args = None
    try:
        arguments = sys.argv[1:] if argv is None else argv
        check_arguments(arguments)
        args = build_parser().parse_args(arguments)
        _project_folders(args)
        try:
            return args.handler(args)
        except ContentError as error:
            print_findings(error.findings, args)
            if getattr(args, "format", "text") != "json" and _outcome(args):
                print(_outcome(args))
            return 1
    except StyrdokError as error:
        return _fail(_with_outcome(str(error), args), error.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        return _fail("utskriften avbröts: programmet som läste den slutade läsa", 1)
    except KeyboardInterrupt:
        return _fail(_with_outcome("avbrutet", args), 1)
    except OSError as error:
        return _fail(_with_outcome(os_message(error), args), 1)
    except Exception as error:  # noqa: BLE001 - the boundary: a bug, but still no bare traceback
        if os.environ.get("STYRDOK_DEBUG"):
            raise
        return _fail(internal_error(error), 1)


def _outcome(args) -> str:
    """What a refused or failed command did not do, said after why."""
    command = getattr(args, "command", None)
    if command in ("build", "serve"):
        return f"Inget byggdes; {getattr(args, 'out', 'build')}/ är som förut."
    if command == "adopt":
        return "Inget ändrades." if getattr(args, "correct", False) else "Inget antogs."
    if command in ("new-revision", "import", "schema") or getattr(args, "output", None):
        return "Inget skrevs."
    return ""


SAID_OUTCOME = re.compile(r"\bInge[nt] (?:\w+ )?(?:skrevs|antogs|ändrades|byggdes)\b")
"""A message that already says what was not done ('Ingen mall skrevs.')."""


def _with_outcome(message: str, args) -> str:
    outcome = _outcome(args)
    if not outcome or SAID_OUTCOME.search(message):
        return message
    ending = "" if message.endswith(("?", "!", ".")) else "."
    return f"{message}{ending} {outcome}"


def _fail(message: str, code: int) -> int:
    try:
        shown = terminal(message, keep="\n")  # a message of several lines keeps its line breaks
        print(f"styrdok: fel: {shown}", file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr is gone too: the exit code is all that is left
        pass
    return code


def _tolerant_streams() -> None:
    """A terminal or pipe that cannot show å, ä and ö gets them escaped rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "åäö–−".encode(stream.encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's last flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _project_folders(args) -> None:
    """Without --content, the project's content/ found upward from here (as git finds its
    repository), and build/ beside it unless --out says otherwise."""
    if not hasattr(args, "content"):
        return
    found = None
    if args.content is None:
        from generators.content.files import find_content
        found = find_content(Path.cwd())
        if found == Path.cwd() / "content":
            found = None  # here: said as before, content/ and build/
        args.content = found or Path("content")
    if hasattr(args, "out") and args.out is None:
        args.out = found.parent / "build" if found else Path("build")



if __name__ == "__main__":
    sys.exit(main())
