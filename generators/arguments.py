"""The `styrdok` command line: its commands, their arguments and help, in Swedish.

Each command names its handler in generators/commands.py (or in authoring/ for the larger ones);
cli.py parses with this parser and calls the handler inside its one error boundary.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from generators import __version__, commands as run
from generators.argparse_sv import SwedishParser


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

    command("list", "lista alla planversioner och årliga översyner", run.run_list, ("text", "json"))
    command("check", "kontrollera innehållet", run.run_check, ("text", "json"))
    build = command("build", "bygg Word-filer, webbplats och ändringsrapporter", run.run_build)
    build.add_argument("--out", type=Path, metavar="MAPP",
                       help="utdatamappen (standard: build/ bredvid innehållsmappen)")
    build.add_argument("--force", action="store_true", help="bygg allt, också det som inte ändrats")
    build.add_argument("--utkast", action="store_true", dest="preview",
                       help="ta med utkasten på webbplatsen: en intern förhandsvisning som inte ska publiceras")
    diff = command("diff", "visa vad som ändrats mellan två versioner", run.run_diff,
                   ("text", "markdown", "json", "docx"))
    diff.add_argument("old", metavar="GAMMAL", help="id för den äldre versionen (se styrdok list)")
    diff.add_argument("new", metavar="NY", help="id för den nyare versionen")
    diff.add_argument("-o", "--output", type=Path, metavar="FIL", help="skriv till en fil i stället för till terminalen")
    revision = command("new-revision", "börja årets revidering: en ny utkastversion av en befintlig version",
                       run.run_new_revision)
    revision.add_argument("source", metavar="FRÅN", help="id för versionen som revideras")
    revision.add_argument("--id", required=True, dest="new_id", metavar="NY", help="id för den nya versionen")
    revision.add_argument("--period", metavar="ÅR", help="den nya perioden, t.ex. 2022 eller 2023-2026; titel och "
                          "budgetår flyttas med (utan: samma period som FRÅN)")
    revision.add_argument("--titel", dest="title", metavar="TEXT", help="den nya titeln (standard: den gamla med den nya perioden)")
    review = command("new-review", "börja årets årliga översyn: ett utkast med planens mål, årets budget och "
                     "insatser och tomma siffror att fylla i", run.run_new_review)
    review.add_argument("year", type=_year, metavar="ÅR", help="året som översynen följer upp, t.ex. 2024")
    review.add_argument("--id", dest="new_id", metavar="ID", help="id för översynen (standard: arlig-oversyn-ÅR)")
    _follow_up_commands(commands)
    adopt = command("adopt", "anteckna styrelsens beslut att anta ett utkast, eller rätta ett antecknat beslut",
                    run.run_adopt)
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
    importer = command("import", "gör ett utkast av en plan skriven i Word", run.run_import)
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
    server = command("serve", "förhandsgranska webbplatsen och bygg om när innehållet ändras", run.run_serve)
    server.add_argument("--out", type=Path, metavar="MAPP",
                        help="utdatamappen (standard: build/ bredvid innehållsmappen)")
    server.add_argument("--port", type=_port, default=8000, help="porten på den här datorn (standard: 8000)")
    _init_command(commands)
    schema = command("schema", "skriv JSON Schema för innehållsfilerna", run.run_schema)
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
                           "av kommunernas fjärdedel (t.ex. 'Västby:kommun:12,5'); anges en gång per medlem")
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
    init.set_defaults(handler=run.run_init)


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


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} är ingen port: ange ett heltal 1–65535")
    return int(text)


def _year(text: str) -> int:
    if not (re.fullmatch(r"[0-9]{4}", text) and 1900 <= int(text) <= 2200):
        raise argparse.ArgumentTypeError(f"{text!r} är inget år: skriv det med fyra siffror, t.ex. 2024")
    return int(text)
