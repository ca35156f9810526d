"""The `styrdok` command: parse arguments, call one stage, print in Swedish, set the exit code.

Exit codes: 0 done (warnings allowed), 1 errors in the content or the output, 2 usage error.
main() is the one error boundary: findings (ContentError), expected failures (StyrdokError),
operating-system errors, a closed pipe and Ctrl-C end in a Swedish message; anything else is a
bug, reported as an internal error with where its traceback was saved, never as a bare
traceback (STYRDOK_DEBUG=1 lets it through).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import signal
import sys
from pathlib import Path

from generators import __version__
from generators.argparse_sv import SwedishParser, check_arguments
from generators.content.findings import ContentError, Finding
from generators.errors import StyrdokError, UsageError, internal_error, os_message
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
            _print_findings(error.findings, args)
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


def _with_outcome(message: str, args) -> str:
    outcome = _outcome(args)
    return f"{message.rstrip('.')}. {outcome}" if outcome and not message.endswith(outcome) else message


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


def build_parser() -> argparse.ArgumentParser:
    parser = SwedishParser(prog="styrdok", description="Styrdokument för ett samordningsförbund: planer, budget, översyner.")
    parser.add_argument("--version", action="version", help="visa versionsnumret och avsluta",
                        version=f"styrdok version {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", title="kommandon")

    def command(name: str, help: str, handler, formats: tuple[str, ...] = ()) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--content", type=Path, metavar="MAPP",
                         help="innehållsmappen (standard: content/ här eller i närmaste mapp ovanför som har en)")
        if formats:
            sub.add_argument("--format", choices=formats, default=formats[0], help="utdataformat")
        sub.set_defaults(handler=handler)
        return sub

    command("list", "lista alla planversioner och årliga översyner", run_list, ("text", "json"))
    command("check", "kontrollera innehållet", run_check, ("text", "json"))
    build = command("build", "bygg Word-filer, webbplats och ändringsrapporter", run_build)
    build.add_argument("--out", type=Path, metavar="MAPP",
                       help="utdatamappen (standard: build/ bredvid innehållsmappen)")
    build.add_argument("--force", action="store_true", help="bygg allt, också det som inte ändrats")
    build.add_argument("--utkast", action="store_true", dest="preview",
                       help="ta med utkasten på webbplatsen: en intern förhandsvisning som inte ska publiceras")
    diff = command("diff", "visa vad som ändrats mellan två versioner", run_diff, ("text", "markdown", "json", "docx"))
    diff.add_argument("old", metavar="GAMMAL", help="id för den äldre versionen (se styrdok list)")
    diff.add_argument("new", metavar="NY", help="id för den nyare versionen")
    diff.add_argument("-o", "--output", type=Path, metavar="FIL", help="skriv till en fil i stället för till terminalen")
    revision = command("new-revision", "börja årets revidering: en ny utkastversion av en befintlig", run_new_revision)
    revision.add_argument("source", metavar="FRÅN", help="id för versionen som revideras")
    revision.add_argument("--id", required=True, dest="new_id", metavar="NY", help="id för den nya versionen")
    revision.add_argument("--period", metavar="ÅR", help="den nya perioden, t.ex. 2022 eller 2023-2026; titel och "
                          "budgetår flyttas med (utan: samma period som FRÅN)")
    revision.add_argument("--titel", dest="title", metavar="TEXT", help="den nya titeln (standard: den gamla med den nya perioden)")
    review = command("new-review", "börja årets årliga översyn: ett utkast med planens mål, årets budget och "
                     "insatser och tomma siffror att fylla i", run_new_review)
    review.add_argument("year", type=_year, metavar="ÅR", help="året som översynen följer upp, t.ex. 2024")
    review.add_argument("--id", dest="new_id", metavar="ID", help="id för översynen (standard: arlig-oversyn-ÅR)")
    _follow_up_commands(commands)
    adopt = command("adopt", "anteckna styrelsens beslut att anta ett utkast, eller rätta ett antecknat beslut",
                    run_adopt)
    adopt.add_argument("version", metavar="ID", help="id för utkastet som antas")
    adopt.add_argument("--datum", metavar="ÅÅÅÅ-MM-DD", help="beslutsdagen, t.ex. 2026-12-10 (krävs utom med --ratta)")
    adopt.add_argument("--paragraf", metavar="TEXT", help='paragrafen i protokollet, t.ex. "§ 45" (krävs utom med --ratta)')
    adopt.add_argument("--organ", metavar="TEXT",
                       help="vem som beslutade, som i löpande text (standard: styrelsen)")
    adopt.add_argument("--diarienummer", metavar="TEXT", help="ärendets diarienummer")
    adopt.add_argument("--utan-siffror", dest="without_figures", action="store_true",
                       help="anta en årlig översyn också när inga uppföljningssiffror är ifyllda")
    adopt.add_argument("--ratta", action="store_true", dest="correct",
                       help="rätta ett beslut som redan är antecknat: bara de uppgifter som anges ändras")
    importer = command("import", "gör ett utkast av en plan skriven i Word", run_import)
    importer.add_argument("file", type=Path, metavar="FIL.docx", help="Word-filen")
    importer.add_argument("--id", required=True, dest="new_id", metavar="NY", help="id för den nya versionen")
    importer.add_argument("--slag", dest="kind", choices=("verksamhetsplan", "mal-och-inriktningsplan"),
                          help="vilket slags plan (standard: mal-och-inriktningsplan om titeln säger det, "
                               "annars verksamhetsplan)")
    importer.add_argument("--tillat-forlust", dest="allow_loss", action="store_true",
                          help="skriv utkastet även om text, bilder eller sammanfogade celler inte följer med")
    pending = importer.add_mutually_exclusive_group()
    pending.add_argument("--godkann-alla", dest="revisions", action="store_const", const="godkann",
                         help="godkänn alla spårade ändringar i Word-filen (som Words Godkänn alla)")
    pending.add_argument("--avvisa-alla", dest="revisions", action="store_const", const="avvisa",
                         help="avvisa alla spårade ändringar i Word-filen (som Words Avvisa alla)")
    importer.add_argument("--period", metavar="ÅR", help="planens period när Word-filens titel inte anger den, "
                          "t.ex. 2024 eller 2024-2026")
    importer.add_argument("--ersatter", "--onto", dest="onto", metavar="ID",
                          help="läs Word-filen som en redigerad kopia av versionen ID; utkastet ersätter ID")
    server = command("serve", "förhandsgranska webbplatsen och bygg om när innehållet ändras", run_serve)
    server.add_argument("--out", type=Path, metavar="MAPP",
                        help="utdatamappen (standard: build/ bredvid innehållsmappen)")
    server.add_argument("--port", type=_port, default=8000, help="porten på den här datorn (standard: 8000)")
    _init_command(commands)
    schema = command("schema", "skriv JSON Schema för innehållsfilerna", run_schema)
    schema.add_argument("--out", type=Path, default=Path("schema"), metavar="MAPP",
                        help="mappen att skriva till (standard: schema/)")
    return parser


def _init_command(commands) -> None:
    about = "börja ett nytt projekt för ett samordningsförbund: innehåll, webbplats och README"
    init = commands.add_parser("init", help=about, description=about + ". Det som inte anges frågas efter "
                               "när kommandot körs i en terminal.")
    init.add_argument("folder", type=Path, metavar="MAPP", help="den nya projektmappen (finns inte eller är tom)")
    init.add_argument("--namn", metavar="TEXT", help='förbundets namn, t.ex. "Samordningsförbundet Västra Län"')
    init.add_argument("--kortnamn", metavar="TEXT", help='förbundets korta namn, t.ex. "SVL"')
    init.add_argument("--medlem", action="append", default=[], metavar="NAMN:SLAG[:NYCKEL]",
                      help="en medlem; SLAG är staten, region eller kommun, NYCKEL kommunens andel i procent "
                           "av kommunernas fjärdedel (t.ex. 'Flen:kommun:12,5'); anges en gång per medlem")
    init.add_argument("--tidigare-namn", dest="former", action="append", default=[], metavar="NAMN=TIDIGARE:ÅR",
                      help="ett tidigare namn på en medlem och sista året det gällde, t.ex. "
                           "'Region Väst=Landstinget Väst:2018'")
    init.add_argument("--epost", metavar="ADRESS", help="förbundets e-postadress (tillgänglighetsredogörelsen)")
    init.add_argument("--telefon", metavar="NUMMER", help="förbundets telefonnummer")
    init.add_argument("--ar", type=int, metavar="ÅR", help="året för den första verksamhetsplanen (standard: nästa år)")
    init.add_argument("--betydelse", metavar="TEXT", help="vad kortnamnet står för, om det är en förkortning")
    init.add_argument("--bildat", type=int, metavar="ÅR", help="året förbundet bildades")
    init.add_argument("--farg", metavar="#RRGGBB", help="webbplatsens färg; minst 4,5:1 i kontrast mot vitt")
    init.add_argument("--logotyp", type=Path, metavar="FIL", help="en PNG- eller JPEG-bild för försättsbladen")
    init.add_argument("--webbadress", metavar="URL", help="webbplatsens adress, t.ex. https://example.se/styrdokument/")
    init.set_defaults(handler=run_init)


def run_init(args) -> int:
    from generators.authoring.init_command import run
    return run(args)


def _follow_up_commands(commands) -> None:
    """`follow-up template` and `follow-up read`: the year's figures through a spreadsheet."""
    text = "uppföljningssiffror ur kalkylark: en mall att fylla i och inläsning till den årliga översynen"
    steps = commands.add_parser("follow-up", help=text, description=text).add_subparsers(
        dest="step", required=True, metavar="STEG", title="steg")
    template = steps.add_parser("template", help="skriv årets mall (.xlsx)", description="skriv årets mall (.xlsx)")
    template.add_argument("year", type=_year, metavar="ÅR", help="året som översynen följer upp, t.ex. 2024")
    template.add_argument("-o", "--output", type=Path, required=True, metavar="FIL.xlsx", help="mallen att skriva")
    reader = steps.add_parser("read", help="för in siffrorna ur en ifylld mall (.xlsx) eller en CSV-fil från "
                              "Uppföljning Finsam", description="för in siffrorna i den årliga översynen")
    reader.add_argument("file", type=Path, metavar="FIL", help="den ifyllda mallen (.xlsx) eller CSV-filen")
    reader.add_argument("--skriv-over", dest="overwrite", action="store_true",
                        help="skriv över siffror som ändrats för hand i översynen sedan förra inläsningen")
    for sub in (template, reader):
        sub.add_argument("--review", metavar="ID", help="översynens id (standard: årets översyn)")
        sub.add_argument("--content", type=Path, metavar="MAPP",
                         help="innehållsmappen (standard: content/ här eller i närmaste mapp ovanför som har en)")
    template.set_defaults(handler=lambda args: _follow_up("run_template", args))
    reader.set_defaults(handler=lambda args: _follow_up("run_read", args))


def _follow_up(name: str, args) -> int:
    from generators.authoring.follow_up import handlers
    return getattr(handlers, name)(args)


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


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} är ingen port: ange ett heltal 1–65535")
    return int(text)


def run_list(args) -> int:
    from generators import listing
    from generators.content.loading import load_content
    from generators.validity import today

    day = today()
    listed = listing.rows(load_content(args.content), day)
    print(listing.as_json(listed) if args.format == "json" else listing.as_text(listed, day))
    return 0


def run_check(args) -> int:
    from generators.content.checks import check_content
    from generators.content.loading import load_content

    findings = check_content(load_content(args.content))
    _print_findings(findings, args)
    return 1 if any(f.severity == "fel" for f in findings) else 0


def run_build(args) -> int:
    import time

    from generators.build import build
    from generators.writing import refuse_protected

    refuse_protected(args.out, args.content, "--out")
    started = time.perf_counter()
    with _progress() as progress:
        report = build(args.content, args.out, progress, force=getattr(args, "force", False),
                       preview=getattr(args, "preview", False))
    # Acknowledged findings are known and kept on purpose: one line here, all of them with check.
    _print_findings([f for f in report.findings if f.severity != "kvitterad"], args, summary_line=False)
    acknowledged = sum(f.severity == "kvitterad" for f in report.findings)
    if acknowledged:
        print(f"{acknowledged} kvitterade fynd visas inte här; styrdok check visar dem med sina motiveringar")
    for draft in report.unrendered:
        print(f"utkastet {draft} har fel som hindrar att det byggs; det antagna är byggt")
    seconds = time.perf_counter() - started
    if not report.written:
        print(f"inget har ändrats sedan förra bygget i {report.out} ({_seconds(seconds)}); "
              f"{summary(report.findings)}")
        return 0
    print(f"byggde {len(report.written)} och behöll {len(report.skipped)} oförändrade i {report.out} "
          f"på {_seconds(seconds)}; {summary(report.findings)}")
    return 0


def _seconds(seconds: float) -> str:
    """'1,50 s': a decimal comma, as Swedish writes it."""
    from generators.formatting import decimal
    return f"{decimal(seconds, 2)} s"


class _progress:
    """A progress display on a terminal, plain lines otherwise: progress(state, path)."""

    def __enter__(self):
        if sys.stdout.isatty():
            from rich.progress import Progress, SpinnerColumn, TextColumn
            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("bygger")
            return lambda state, path: self.bar.update(self.task, description=f"{state} {path}")
        self.bar = None
        return lambda state, path: print(f"{state} {path}", flush=True)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def run_diff(args) -> int:
    from generators.changes.diff import diff_versions
    from generators.changes.render import as_json, as_markdown, as_rich, as_text
    from generators.changes.report import build_report
    from generators.content.loading import load_content
    from generators.templating import phrases
    from generators.writing import refuse_protected, write_bytes

    if args.format == "docx" and not args.output:
        raise UsageError("--format docx skriver en Word-fil: ange den med -o FIL (eller -o - till en annan process)")
    if str(args.output) == "-":  # the usual name for the standard output
        args.output = None
        if args.format == "docx" and sys.stdout.isatty():
            raise UsageError("--format docx är en Word-fil och skrivs inte till terminalen: ange en fil med -o FIL")
    elif args.output:
        refuse_protected(args.output, args.content, "-o")
    content = load_content(args.content, drafts_may_fail=True)  # a draft being written never stops a diff of others
    old, new = (_version(content, version_id) for version_id in (args.old, args.new))
    if args.format == "docx":
        for version in (old, new):
            if version.kind == "arlig-oversyn":
                raise UsageError(f"--format docx visar spårade ändringar mellan två planer; {version.id} är en "
                                 f"årlig översyn (jämför den med --format text, markdown eller json)")
        from generators.cache import user_cache  # Word only when asked for: text starts faster without docx
        from generators.word.output import tracked_docx
        data = tracked_docx(old, new, content, phrases(), user_cache())
        if args.output is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            return 0
        write_bytes(args.output, data)
        print(f"skrev {args.output}")
        return 0
    report = build_report(diff_versions(old, new, content.organisation.model), phrases())
    if args.format == "text" and not args.output and sys.stdout.isatty():
        from rich.console import Console
        Console(soft_wrap=True, highlight=False).print(as_rich(report))
        return 0
    render = {"json": as_json, "markdown": as_markdown, "text": as_text}[args.format]
    text = render(report)
    if args.output:
        write_bytes(args.output, text.encode("utf-8"))
        print(f"skrev {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _version(content, version_id: str):
    from generators.authoring.adoption import unknown_version

    loaded = content.version(version_id)
    if loaded is None:
        unreadable = sorted({f.file for f in content.broken_drafts})  # perhaps the one asked for
        also = f"; utkast med fel som inte kan jämföras (se styrdok check): {', '.join(unreadable)}" if unreadable else ""
        raise UsageError(unknown_version(content, version_id) + also)
    return loaded.model


def run_new_revision(args) -> int:
    from generators.authoring.revision import new_revision
    from generators.content.loading import display_path, load_content

    moved: list[str] = []
    path = new_revision(load_content(args.content), args.source, args.new_id, args.period, args.title, moved)
    print(f"skrev {display_path(path)}")
    if args.period is None:
        return 0
    from generators.content.period_text import left_in

    content = load_content(args.content)
    left = left_in(content.version(args.new_id), content.version(args.source).model)
    print(f"flyttade {len(moved)} {'mening' if len(moved) == 1 else 'meningar'} i texten till den nya perioden; "
          f"{len(left)} {'mening' if len(left) == 1 else 'meningar'} nämner fortfarande förra perioden "
          f"(styrdok check visar dem med förslag, regel period-i-text)")
    for sentence in moved:
        print(f"  flyttad: {sentence}")
    for sentence in left:
        print(f"  kvar: {sentence}")
    return 0


def _year(text: str) -> int:
    if not (re.fullmatch(r"[0-9]{4}", text) and 1900 <= int(text) <= 2200):
        raise argparse.ArgumentTypeError(f"{text!r} är inget år: skriv det med fyra siffror, t.ex. 2024")
    return int(text)


def run_new_review(args) -> int:
    from generators.authoring.review_start import new_review
    from generators.content.loading import display_path, load_content

    path = new_review(load_content(args.content), args.year, args.new_id)
    print(f"skrev {display_path(path)}; fyll i siffrorna för hand eller med styrdok follow-up template {args.year} "
          f"-o uppfoljning-{args.year}.xlsx och styrdok follow-up read")
    return 0


def run_adopt(args) -> int:
    from generators.authoring.adoption import Decision, adopt, correct, parse_date
    from generators.content.checks import check_content
    from generators.content.loading import display_path, load_content
    from generators.cover import standings
    from generators.templating import phrases
    from generators.validity import today

    date = parse_date(args.datum) if args.datum is not None else None
    content = load_content(args.content)
    if args.correct:
        path = correct(content, args.version, Decision(date, args.paragraf, args.organ, args.diarienummer))
    else:
        missing = [name for name, value in (("--datum", date), ("--paragraf", args.paragraf)) if value is None]
        if missing:
            raise UsageError(f"ange {' och '.join(missing)} (eller --ratta för att rätta ett antecknat beslut)")
        decision = Decision(date, args.paragraf, args.organ or "styrelsen", args.diarienummer)
        path = adopt(content, args.version, decision, check_content(content), args.without_figures)
    content = load_content(args.content)
    standing = standings([v.model for v in content.versions], phrases())
    print(f"skrev {display_path(path)}: {standing[args.version].decision}")
    for version_id, other in standing.items():
        if other.successor is not None and other.successor.id == args.version:
            verb = "är ersatt" if other.state == "ersatt" else "ersätts"
            print(f"{version_id} {verb} av {args.version} från {other.since}")
    if date and date > today().isoformat():  # allowed (a meeting prepared for), but said at once
        print(f"obs: beslutsdatumet {date} har inte kommit än; till dess visar utdata versionen som antagen "
              f"men inte gällande")
    return 0


def run_import(args) -> int:
    from generators.authoring.import_command import run
    return run(args)


def run_serve(args) -> int:
    from generators import ROOT
    from generators.web.serve import WATCHED, port_free, serve

    def rebuild(first: bool = False) -> None:
        try:
            run_build(args)
        except ContentError as error:
            _print_findings(error.findings, args)
            print("styrdok: innehållet har fel; webbplatsen visar den senaste fungerande versionen", file=sys.stderr)
        except (StyrdokError, OSError) as error:  # the watcher goes on: the next save may fix it
            if first and getattr(error, "exit_code", 1) == 2:  # --out names a folder that cannot be one
                raise
            message = os_message(error) if isinstance(error, OSError) else str(error)
            print(f"styrdok: fel: {message}; webbplatsen visar den senaste fungerande versionen", file=sys.stderr)
        except Exception as error:  # noqa: BLE001 - a bug, told as one; serving goes on whatever the content does
            if os.environ.get("STYRDOK_DEBUG"):
                raise
            print(f"styrdok: fel: {internal_error(error)} Webbplatsen visar den senaste fungerande versionen.",
                  file=sys.stderr)

    if not port_free(args.port):
        raise UsageError(f"porten {args.port} används redan av ett annat program: välj en annan med --port")
    rebuild(first=True)  # a first build that fails still serves the last good site, and a save may fix it
    folders = [args.content] + [ROOT / name for name in WATCHED if name != "content"]
    serve(args.out / "site", args.port, rebuild, folders)
    return 0


def run_schema(args) -> int:
    from generators.content.schema import write_schemas
    from generators.writing import refuse_protected

    refuse_protected(args.out, args.content, "--out")
    for path in write_schemas(args.out):
        print(f"skrev {path}")
    return 0


def _print_findings(findings: list[Finding], args, summary_line: bool = True) -> None:
    if getattr(args, "format", "text") == "json":
        print(terminal(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2), keep="\n"))
        return
    if not sys.stdout.isatty():  # plain lines for files and pipes, without loading rich
        for finding in findings:
            print(terminal(finding.format()))
        if summary_line:
            print(summary(findings))
        return
    from rich.console import Console

    console = Console(soft_wrap=True, highlight=False, stderr=False)
    colours = {"fel": "bold red", "varning": "yellow", "kvitterad": "dim"}
    for finding in findings:
        console.print(terminal(finding.format()), style=colours[finding.severity], markup=False)
    if summary_line:
        console.print(summary(findings), markup=False)


def summary(findings: list[Finding]) -> str:
    counts = {severity: sum(f.severity == severity for f in findings) for severity in ("fel", "varning", "kvitterad")}
    return (f"{counts['fel']} fel, {counts['varning']} varning{'ar' if counts['varning'] != 1 else ''}, "
            f"{counts['kvitterad']} kvitterade")


if __name__ == "__main__":
    sys.exit(main())
