"""What each `styrdok` command does and prints (the larger ones live in authoring/).

A handler gets the parsed arguments (generators/arguments.py) and returns the exit code; what
goes wrong is raised, and cli.py's error boundary says it in Swedish.
"""

from __future__ import annotations

import json
import os
import sys

from generators.content.findings import ContentError, Finding
from generators.errors import StyrdokError, UsageError, internal_error, os_message
from generators.escaping import terminal


def run_init(args) -> int:
    from generators.authoring.init_command import run
    return run(args)


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
    print_findings(findings, args)
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
    print_findings([f for f in report.findings if f.severity != "kvitterad"], args, summary_line=False)
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
    from generators.content.financing import budget_decision

    # The law's dates for a budget decision: a decision already taken is recorded as it was, and
    # said at once rather than at the next check.
    adopted = content.version(args.version)
    for finding in budget_decision(content):
        if finding.file == adopted.display:
            print(terminal(finding.format()))
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
            print_findings(error.findings, args)
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


def print_findings(findings: list[Finding], args, summary_line: bool = True) -> None:
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
