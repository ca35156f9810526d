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
import signal
import sys
from pathlib import Path

from generators import __version__
from generators.argparse_sv import SwedishParser
from generators.content.findings import ContentError, Finding
from generators.errors import StyrdokError, UsageError, internal_error, os_message


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
        args = build_parser().parse_args(argv)
        try:
            return args.handler(args)
        except ContentError as error:
            _print_findings(error.findings, args)
            return 1
    except StyrdokError as error:
        return _fail(str(error), error.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        return _fail("utskriften avbröts: programmet som läste den slutade läsa", 1)
    except KeyboardInterrupt:
        building = getattr(args, "command", None) in ("build", "serve")
        return _fail("avbrutet" + ("; den förra utdatan är orörd" if building else ""), 1)
    except OSError as error:
        return _fail(os_message(error), 1)
    except Exception as error:  # noqa: BLE001 - the boundary: a bug, but still no bare traceback
        if os.environ.get("STYRDOK_DEBUG"):
            raise
        return _fail(internal_error(error), 1)


def _fail(message: str, code: int) -> int:
    try:
        print(f"styrdok: fel: {message}", file=sys.stderr, flush=True)
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
    parser = SwedishParser(prog="styrdok", description="Styrdokument för Samordningsförbundet RAR i Sörmland.")
    parser.add_argument("--version", action="version", version=f"styrdok {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="KOMMANDO", title="kommandon")

    def command(name: str, help: str, handler, formats: tuple[str, ...] = ()) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--content", type=Path, default=Path("content"), metavar="MAPP",
                         help="innehållsmappen (standard: content/)")
        if formats:
            sub.add_argument("--format", choices=formats, default=formats[0], help="utdataformat")
        sub.set_defaults(handler=handler)
        return sub

    command("list", "lista alla planversioner och årliga översyner", run_list, ("text", "json"))
    command("check", "kontrollera innehållet", run_check, ("text", "json"))
    build = command("build", "bygg Word-filer, webbplats och ändringsrapporter", run_build)
    build.add_argument("--out", type=Path, default=Path("build"), metavar="MAPP",
                       help="utdatamappen (standard: build/)")
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
    adopt = command("adopt", "anteckna styrelsens beslut att anta ett utkast", run_adopt)
    adopt.add_argument("version", metavar="ID", help="id för utkastet som antas")
    adopt.add_argument("--datum", required=True, metavar="ÅÅÅÅ-MM-DD", help="beslutsdagen, t.ex. 2026-12-10")
    adopt.add_argument("--paragraf", required=True, metavar="TEXT", help='paragrafen i protokollet, t.ex. "§ 45"')
    adopt.add_argument("--organ", default="styrelsen", metavar="TEXT",
                       help="vem som beslutade, som i löpande text (standard: styrelsen)")
    adopt.add_argument("--diarienummer", metavar="TEXT", help="ärendets diarienummer")
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
    server.add_argument("--out", type=Path, default=Path("build"), metavar="MAPP",
                        help="utdatamappen (standard: build/)")
    server.add_argument("--port", type=_port, default=8000, help="porten på den här datorn (standard: 8000)")
    schema = command("schema", "skriv JSON Schema för innehållsfilerna", run_schema)
    schema.add_argument("--out", type=Path, default=Path("schema"), metavar="MAPP",
                        help="mappen att skriva till (standard: schema/)")
    return parser


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} är ingen port: ange ett heltal 1–65535")
    return int(text)


def run_list(args) -> int:
    from generators.content.loading import load_content

    content = load_content(args.content)
    rows = [
        {"id": v.model.id, "kind": v.model.kind, "title": v.model.title, "start_year": v.model.start_year,
         "end_year": v.model.end_year, "period": v.model.period, "status": v.model.status, "path": v.display}
        for v in content.versions
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    lines = [("id", "slag", "titel", "period", "status", "fil")]
    for row in rows:
        lines.append((row["id"], row["kind"], row["title"], row["period"], row["status"], row["path"]))
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
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
    _print_findings(report.findings, args, summary_line=False)
    for draft in report.unrendered:
        print(f"utkastet {draft} har fel som hindrar att det byggs; det antagna är byggt")
    seconds = time.perf_counter() - started
    if not report.written:
        print(f"inget har ändrats sedan förra bygget i {report.out} ({seconds:.2f} s); {summary(report.findings)}")
        return 0
    print(f"byggde {len(report.written)} och behöll {len(report.skipped)} oförändrade i {report.out} "
          f"på {seconds:.2f} s; {summary(report.findings)}")
    return 0


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
    content = load_content(args.content)
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
    loaded = content.version(version_id)
    if loaded is None:
        known = ", ".join(v.model.id for v in content.versions)
        raise UsageError(f"versionen {version_id!r} finns inte; det finns: {known}")
    return loaded.model


def run_new_revision(args) -> int:
    from generators.authoring.revision import new_revision
    from generators.content.loading import display_path, load_content

    path = new_revision(load_content(args.content), args.source, args.new_id, args.period, args.title)
    print(f"skrev {display_path(path)}")
    return 0


def run_adopt(args) -> int:
    import datetime as dt

    from generators.authoring.adoption import Decision, adopt, parse_date
    from generators.content.checks import check_content
    from generators.content.loading import display_path, load_content
    from generators.cover import standings
    from generators.templating import phrases

    decision = Decision(parse_date(args.datum), args.paragraf, args.organ, args.diarienummer)
    content = load_content(args.content)
    path = adopt(content, args.version, decision, check_content(content))
    content = load_content(args.content)
    words = phrases()
    standing = standings([v.model for v in content.versions], words)
    print(f"skrev {display_path(path)}: {standing[args.version].decision}")
    for version_id, other in standing.items():
        if other.successor is not None and other.successor.id == args.version:
            print(f"{version_id} är ersatt av {args.version} {other.since}".rstrip())
    if dt.date.fromisoformat(decision.date) > dt.date.today():  # allowed (a meeting prepared for), but shown at once
        print(f"obs: beslutsdatumet {decision.date} har inte kommit än; nästa bygge visar planen som "
              f"antagen och den förra som ersatt redan nu")
    return 0


def run_import(args) -> int:
    if args.onto:
        return _run_import_onto(args)
    from generators.authoring.importing import (
        MIN_SHARE,
        acknowledge_findings,
        as_yaml,
        import_docx,
        link_to_predecessor,
        percent,
    )
    from generators.authoring.revision import write_checked_draft
    from generators.content.files import content_paths
    from generators.content.loading import display_path, load_content
    from generators.content.model import id_problem

    if id_problem(args.new_id):
        raise UsageError(id_problem(args.new_id))
    content_paths(args.content)  # the content folder exists
    target = args.content / "plans" / f"{args.new_id}.yaml"
    if target.exists():
        raise UsageError(f"{display_path(target)} finns redan")
    from generators.authoring.rolling import parse_period

    period = parse_period(args.period) if args.period else None
    imported = import_docx(args.file, args.new_id, args.kind, args.revisions, period)
    print(f"behöll {imported.kept_words} av {imported.source_words} ord ({percent(imported.share)})")
    if imported.parts:
        print("kände igen: " + ", ".join(imported.parts))
    problems = imported.problems()
    stop = bool(problems) and not args.allow_loss
    for loss in imported.losses:
        words = f" ({loss.words} ord)" if loss.words else ""
        severity = "fel" if stop and loss.blocking else "varning"
        print(f"{args.file}: {severity}: {loss.where}: {loss.what}{words}", file=sys.stderr)
    if imported.share < MIN_SHARE:
        print(f"{args.file}: {'fel' if stop else 'varning'}: {problems[0]}", file=sys.stderr)
    if imported.made_by_styrdok:
        print(f"{args.file}: obs: filen är en Word-fil från styrdok; läs in den med --ersatter ID (versionen den "
              f"gjordes av), så behåller utkastet id, delar och nummer och diagram, omslag och noter blir inte text",
              file=sys.stderr)
    if stop:
        raise StyrdokError("inget skrevs; kör med --tillat-forlust för att importera ändå")
    if imported.period_problem(args.file):
        raise UsageError(imported.period_problem(args.file))
    predecessor = link_to_predecessor(imported.data, load_content(args.content))
    for message in acknowledge_findings(imported, args.content, target):
        print(f"{display_path(target)}: kvitterad: {message}", file=sys.stderr)
    write_checked_draft(args.content, target, as_yaml(imported.data))
    print(f"skrev {display_path(target)}")
    if predecessor:
        print(f"{args.new_id} ersätter {predecessor}, som har samma slag och period (ändra ersatter om det inte stämmer)")
    return 0


def _run_import_onto(args) -> int:
    from generators.authoring.onto import edits, import_onto
    from generators.authoring.revision import write_checked_draft
    from generators.changes.diff import diff_versions
    from generators.content.loading import display_path, load_content
    from generators.content.model import PlanVersion
    from generators.templating import phrases

    content = load_content(args.content, drafts_may_fail=True)
    replaced = content.version(args.onto)
    folder = "reviews" if replaced is not None and not isinstance(replaced.model, PlanVersion) else "plans"
    target = args.content / folder / f"{args.new_id}.yaml"
    if target.exists():
        raise UsageError(f"{display_path(target)} finns redan")
    result = import_onto(args.file, content, args.onto, args.new_id, phrases(), args.revisions)
    for loss in result.losses:
        print(f"{args.file}: {'varning' if args.allow_loss else 'fel'}: {loss}", file=sys.stderr)
    if result.losses and not args.allow_loss:
        raise StyrdokError("inget skrevs; kör med --tillat-forlust för att importera ändå")
    import yaml
    new = type(replaced.model).model_validate(yaml.safe_load(result.text))
    changes = len(edits(diff_versions(content.version(args.onto).model, new, content.organisation.model)))
    write_checked_draft(args.content, target, result.text, inherited=content.version(args.onto).relative)
    print(f"skrev {display_path(target)}: {args.new_id} ersätter {args.onto}; "
          f"{changes} {'ändring' if changes == 1 else 'ändringar'} i texten (styrdok diff {args.onto} {args.new_id})")
    if result.comments:
        print(f"{result.comments} {'kommentar' if result.comments == 1 else 'kommentarer'} från Word står i "
              f"utkastet under kommentarer; styrdok check visar dem tills de tas bort")
    return 0


def run_serve(args) -> int:
    from generators import ROOT
    from generators.web.serve import WATCHED, port_free, serve

    def rebuild() -> None:
        try:
            run_build(args)
        except ContentError as error:
            _print_findings(error.findings, args)
            print("styrdok: innehållet har fel; webbplatsen visar den senaste fungerande versionen", file=sys.stderr)
        except (StyrdokError, OSError) as error:  # the watcher goes on: the next save may fix it
            message = os_message(error) if isinstance(error, OSError) else str(error)
            print(f"styrdok: fel: {message}; webbplatsen visar den senaste fungerande versionen", file=sys.stderr)

    if not port_free(args.port):
        raise UsageError(f"porten {args.port} används redan av ett annat program: välj en annan med --port")
    if run_build(args) != 0:
        return 1
    folders = [args.content] + [ROOT / name for name in WATCHED if name != "content"]
    serve(args.out / "site", args.port, rebuild, folders)
    return 0


def run_schema(args) -> int:
    from generators.content.schema import write_schemas

    for path in write_schemas(args.out):
        print(f"skrev {path}")
    return 0


def _print_findings(findings: list[Finding], args, summary_line: bool = True) -> None:
    if getattr(args, "format", "text") == "json":
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
        return
    if not sys.stdout.isatty():  # plain lines for files and pipes, without loading rich
        for finding in findings:
            print(finding.format())
        if summary_line:
            print(summary(findings))
        return
    from rich.console import Console

    console = Console(soft_wrap=True, highlight=False, stderr=False)
    colours = {"fel": "bold red", "varning": "yellow", "kvitterad": "dim"}
    for finding in findings:
        console.print(finding.format(), style=colours[finding.severity], markup=False)
    if summary_line:
        console.print(summary(findings), markup=False)


def summary(findings: list[Finding]) -> str:
    counts = {severity: sum(f.severity == severity for f in findings) for severity in ("fel", "varning", "kvitterad")}
    return (f"{counts['fel']} fel, {counts['varning']} varning{'ar' if counts['varning'] != 1 else ''}, "
            f"{counts['kvitterad']} kvitterade")


if __name__ == "__main__":
    sys.exit(main())
