"""`styrdok init FOLDER`: the command's side of project.py: what is not given on the command line
is asked for in a terminal, and refused with the option to use elsewhere."""

from __future__ import annotations

import sys

from generators.errors import UsageError


def run(args) -> int:
    from generators.authoring.project import Member, Project, former_name, init_project, plain_text

    name = args.namn or _ask("Förbundets namn")
    short_name = args.kortnamn or _ask("Kortnamn")
    texts = args.medlem or _ask_members()
    members = [Member.parse(text) for text in texts]
    for text in args.former:
        former_name(text, members)
    if not (args.epost or args.telefon):
        args.epost = _ask("E-postadress (för tillgänglighetsredogörelsen)")
    project = Project(plain_text(name, "--namn"), plain_text(short_name, "--kortnamn"), members,
                      email=args.epost, phone=args.telefon, meaning=args.betydelse, founded=args.bildat,
                      colour=args.farg, site_url=args.webbadress, logo=args.logotyp,
                      **({"year": args.ar} if args.ar else {}))
    folder = init_project(args.folder, project)
    print(f"skrev {folder}: content/ med organisation.yaml och två planutkast, mkdocs.yml och README.md")
    print(f"fortsätt med: cd {folder} && styrdok check")
    return 0


def _ask(question: str) -> str:
    if not sys.stdin.isatty():
        raise UsageError(f"{question.lower()} saknas: ange det som ett argument (se styrdok init --help)")
    return input(f"{question}: ").strip()


def _ask_members() -> list[str]:
    if not sys.stdin.isatty():
        raise UsageError("medlemmarna saknas: ange var och en med --medlem NAMN:SLAG (se styrdok init --help)")
    print("Medlemmarna, en per rad som NAMN:SLAG eller NAMN:kommun:NYCKEL (SLAG: staten, region, kommun); "
          "en tom rad avslutar.")
    lines = []
    while line := input("Medlem: ").strip():
        lines.append(line)
    return lines
