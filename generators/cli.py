"""The `styrdok` command: parse arguments, call one stage, print in Swedish, set the exit code.

Exit codes: 0 done (warnings allowed), 1 errors in the content or the output, 2 usage error.
Only expected errors (ContentError, UsageError) are caught here; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .argparse_sv import SwedishParser
from .findings import ContentError, Finding


class UsageError(Exception):
    """The command line names something that does not exist."""


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except ContentError as error:
        _print_findings(error.findings, args)
        return 1
    except UsageError as error:
        print(f"styrdok: fel: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("styrdok: avbrutet", file=sys.stderr)
        return 130


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
    schema = command("schema", "skriv JSON Schema för innehållsfilerna", run_schema)
    schema.add_argument("--out", type=Path, default=Path("schema"), metavar="MAPP",
                        help="mappen att skriva till (standard: schema/)")
    return parser


def run_list(args) -> int:
    from .loading import load_content

    content = load_content(args.content)
    rows = [
        {"id": v.model.id, "kind": v.model.kind, "title": v.model.title, "start_year": v.model.start_year,
         "end_year": v.model.end_year, "status": v.model.status, "path": v.relative}
        for v in content.versions
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    lines = [("id", "slag", "titel", "period", "status", "fil")]
    for row in rows:
        period = str(row["start_year"])
        if row["end_year"] != row["start_year"]:
            period += f"–{row['end_year']}"
        lines.append((row["id"], row["kind"], row["title"], period, row["status"], row["path"]))
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    for line in lines:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
    return 0


def run_check(args) -> int:
    from .checks import check_content
    from .loading import load_content

    findings = check_content(load_content(args.content))
    _print_findings(findings, args)
    return 1 if any(f.severity == "fel" for f in findings) else 0


def run_build(args) -> int:
    import time

    from .build import OutputFolderError, build

    started = time.perf_counter()
    try:
        report = build(args.content, args.out)
    except OutputFolderError as error:
        raise UsageError(str(error)) from None
    _print_findings(report.findings, args, summary_line=False)
    seconds = time.perf_counter() - started
    print(f"skrev {len(report.written)} filer till {report.out} på {seconds:.2f} s; {summary(report.findings)}")
    return 0


def run_schema(args) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(f"skrev {path}")
    return 0


def _print_findings(findings: list[Finding], args, summary_line: bool = True) -> None:
    if getattr(args, "format", "text") == "json":
        print(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
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
