"""`styrdok init`: any samordningsförbund can start, and nothing of RAR's is in the tool.

Two förbund made with init (one region and three kommuner; two regions and nine kommuner, one of
them renamed), each with its goal and budget written as the office would write them, adopted and
built, then revised: every output names its own förbund and members, and no output, nor styrdok's
own code, templates or site files, names RAR, Sörmland or a region or kommun of RAR's. The README
starts a förbund in three commands."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import CONTENT, ROOT

SMALL = dict(name="Samordningsförbundet Norra Ådalen", short="SNÅ", year=2027, colour="#1f4e79", members=[
    "Försäkringskassan:staten", "Arbetsförmedlingen:staten", "Region Norrbotten:region",
    "Kalix:kommun:50", "Överkalix:kommun:20", "Haparanda:kommun:30"], former=[])
LARGE = dict(name="Finsamförbundet Två Län", short="FTL", year=2028, colour=None, members=[
    "Försäkringskassan:staten", "Arbetsförmedlingen:staten", "Region Väst:region:60", "Region Öst:region:40",
    *[f"{name}:kommun" for name in ("Alby", "Bredby", "Cedervik", "Dalsjö", "Edsby", "Forsa", "Grånäs",
                                    "Hallby", "Iggesund")]],
    former=["Region Väst=Landstinget Väst:2018"])
TO_WRITE = re.compile(r"\[Att skriva: ([^\]]*)\]")


def _bundled_names() -> re.Pattern:
    """The bundled förbund's own words, as whole words in any case: its name and short name, RAR,
    Sörmland (also unaccented and as the county), its regions and kommuner and their former names.
    The state's agencies are every förbund's members and are left out."""
    organisation = yaml.safe_load((CONTENT / "organisation.yaml").read_text("utf-8"))
    names = {organisation["namn"], organisation["kortnamn"], "RAR", "Sörmland", "Sormland", "Södermanland"}
    for member in organisation["medlemmar"]:
        if member["grupp"] != "staten":
            names |= {member["namn"], *(former["namn"] for former in member.get("tidigare_namn", []))}
    words = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


BUNDLED = _bundled_names()


def _init(styrdok, folder: Path, spec: dict, *extra: str):
    args = ["init", folder, "--namn", spec["name"], "--kortnamn", spec["short"], "--ar", str(spec["year"]),
            "--epost", "kansli@example.se", *extra] + (["--farg", spec["colour"]] if spec["colour"] else [])
    for member in spec["members"]:
        args += ["--medlem", member]
    for former in spec["former"]:
        args += ["--tidigare-namn", former]
    return styrdok(*args)


def _write_everything(folder: Path, spec: dict) -> None:
    """What the office does next: write every marked text and fill the budget by the law's split."""
    year = spec["year"]
    for path in (folder / "content" / "plans").glob("*.yaml"):
        text = TO_WRITE.sub(lambda m: f"{spec['short']} skriver: {m.group(1)}.", path.read_text("utf-8"))
        path.write_text(text, "utf-8")
    plan = folder / "content" / "plans" / f"verksamhetsplan-{year}.yaml"
    members = [m.split(":") for m in spec["members"]]
    groups = {"staten": 18000, "region": 9000, "kommun": 9000}
    text = plan.read_text("utf-8")
    for name, kind, *key in members:
        in_group = [m for m in members if m[1] == kind]
        share = float(key[0]) / 100 if key else 1 / len(in_group)
        figure = round(groups[kind] * share)
        text = re.sub(rf'(text: "{re.escape(name)}"\n(?:.*\n){{2}}\s*belopp: \{{{year}:) \}}',
                      lambda m, f=figure: f"{m.group(1)} {f}}}", text, count=1)
    total = sum(int(x) for x in re.findall(rf"belopp: \{{{year}: (\d+)\}}", text))
    text = text.replace(f"text: Summa intäkter\n              belopp: {{{year}: }}",
                        f"text: Summa intäkter\n              belopp: {{{year}: {total}}}")
    text = text.replace(f"belopp: {{{year}: }}", f"belopp: {{{year}: {total}}}")  # the cost line and its sum
    text = text.replace("status: utkast", f"samrad: '{year - 1}-10-31'\nstatus: utkast")
    plan.write_text(text, "utf-8")


def _revise_budget(styrdok, year: int) -> str:
    """The board's revision of the budget: every contribution doubled, the law's split and the key kept."""
    revised = f"verksamhetsplan-{year}-reviderad"
    started = styrdok("new-revision", f"verksamhetsplan-{year}", "--id", revised)
    assert started.code == 0, started.err
    plan = Path("content") / "plans" / f"{revised}.yaml"
    plan.write_text(re.sub(rf"(belopp: \{{{year}: )(\d+)\}}", lambda m: f"{m.group(1)}{2 * int(m.group(2))}}}",
                           plan.read_text("utf-8")), "utf-8")
    adopted = styrdok("adopt", revised, "--datum", f"{year - 1}-11-27", "--paragraf", "§ 9")
    assert adopted.code == 0, adopted.err + adopted.out
    return revised


def _every_file(folder: Path) -> dict[str, str]:
    """Every file of the project as a search reads it: each part of a Word file, a PDF's text and
    its information (title, subject, keywords, XMP), JSON decoded (the search index escapes å, ä, ö)."""
    found = {}
    for path in (p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                text = "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
        elif path.suffix == ".pdf":
            text = "\n".join(subprocess.run([tool, *flags, str(path), *rest], capture_output=True, text=True,
                                            check=True).stdout
                             for tool, flags, rest in (("pdftotext", [], ["-"]), ("pdfinfo", [], []),
                                                       ("pdfinfo", ["-meta"], [])))
        else:
            try:
                text = path.read_text("utf-8")
            except UnicodeDecodeError:
                continue  # an image
            if path.suffix == ".json":
                text = json.dumps(json.loads(text), ensure_ascii=False)
        found[str(path.relative_to(folder))] = text
    return found


def _texts(out: Path) -> dict[str, str]:
    """Every output's text as a reader gets it: Word's XML text, the PDF's text, the site's HTML."""
    found = {}
    for docx in (out / "word").glob("*.docx"):
        with zipfile.ZipFile(docx) as archive:
            found[str(docx)] = " ".join(re.sub(r"<[^>]+>", "", archive.read(name).decode("utf-8"))
                                        for name in archive.namelist() if name.endswith(".xml"))
    for pdf in (out / "pdf").glob("*.pdf"):
        found[str(pdf)] = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                         check=True).stdout
    for page in (out / "site").rglob("*.html"):
        found[str(page)] = page.read_text("utf-8")
    return found


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler's pdftotext reads the PDF files")
@pytest.mark.parametrize("spec", [SMALL, LARGE], ids=["en-region-tre-kommuner", "två-regioner-nio-kommuner"])
def it_starts_a_forbund_that_builds_with_its_own_names(tmp_path, styrdok, spec, monkeypatch):
    folder = tmp_path / spec["short"].lower()
    made = _init(styrdok, folder, spec)
    assert made.code == 0, made.err
    monkeypatch.chdir(folder)
    first = styrdok("build")
    assert first.code == 0, first.err + first.out
    check = styrdok("check")
    assert check.code == 1 and "texten är inte skriven än (förbundets vision)" in check.out

    _write_everything(folder, spec)
    check = styrdok("check")
    assert check.code == 0, check.out
    year = spec["year"]
    for version in (f"mal-och-inriktningsplan-{year}-{year + 3}", f"verksamhetsplan-{year}"):
        adopted = styrdok("adopt", version, "--datum", f"{year - 1}-11-20", "--paragraf", "§ 7")
        assert adopted.code == 0, adopted.err + adopted.out
    revised = _revise_budget(styrdok, year)
    built = styrdok("build")
    assert built.code == 0, built.err + built.out

    out = folder / "build"
    texts = {path: " ".join(text.split()) for path, text in _texts(out).items()}
    report = f"verksamhetsplan-{year}-{revised}"
    with_members = [out / "word" / f"andringar-{report}.docx", out / "site" / "andringar" / report / "index.html",
                    out / "site" / "index.html", out / "site" / "budget" / "index.html"]
    for plan in (f"verksamhetsplan-{year}", revised):
        with_members += [out / "word" / f"{plan}.docx", out / "pdf" / f"{plan}.pdf",
                         out / "site" / "planer" / plan / "index.html"]
    for path, text in texts.items():  # every document and page, the change report's too
        assert spec["name"] in text, path
    for path in with_members:
        missing = [m.split(":")[0] for m in spec["members"] if m.split(":")[0] not in texts[str(path)]]
        assert not missing, f"{path} lacks {missing}"
    home = texts[str(out / "site" / "index.html")]
    assert f"<title>{spec['short']} – styrdokument</title>" in home and spec["name"] in home
    if spec["colour"]:  # the förbund's colour on the site's header and the documents' headings
        assert spec["colour"] in home
        with zipfile.ZipFile(folder / "build" / "word" / f"verksamhetsplan-{year}.docx") as archive:
            assert f'w:color w:val="{spec["colour"][1:].upper()}"' in archive.read("word/styles.xml").decode()
    found = [f"{path}: {match.group(0)}" for path, text in _every_file(folder).items()
             for match in BUNDLED.finditer(text)]
    assert not found, found


def it_starts_a_forbund_in_the_readmes_three_commands(tmp_path, styrdok, monkeypatch):
    """The README's section on a new förbund, run as written: init, cd, build."""
    section = (ROOT / "README.md").read_text("utf-8").split("\n## Ett nytt samordningsförbund\n")[1].split("\n## ")[0]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    commands = [shlex.split(line) for line in block.replace("\\\n", " ").splitlines() if line.strip()]
    assert [command[:2] for command in commands] == [["styrdok", "init"], ["cd", commands[0][2]], ["styrdok", "build"]]
    monkeypatch.chdir(tmp_path)
    made = styrdok(*commands[0][1:])
    assert made.code == 0, made.err
    monkeypatch.chdir(commands[1][1])
    built = styrdok(*commands[2][1:])
    assert built.code == 0, built.err + built.out
    name = commands[0][commands[0].index("--namn") + 1]
    assert name in Path("build/site/index.html").read_text("utf-8")
    assert len(list(Path("build/word").glob("*.docx"))) == 2 and len(list(Path("build/pdf").glob("*.pdf"))) == 2


def it_knows_a_renamed_member_by_its_former_name(tmp_path, styrdok):
    """The member renamed (Landstinget Väst until 2018) keeps its former name in organisation.yaml,
    and a plan from 2028 that still says the old name is told the new one."""
    folder = tmp_path / "ftl"
    assert _init(styrdok, folder, LARGE).code == 0
    organisation = yaml.safe_load((folder / "content" / "organisation.yaml").read_text("utf-8"))
    west = next(member for member in organisation["medlemmar"] if member["namn"] == "Region Väst")
    assert west["tidigare_namn"] == [{"namn": "Landstinget Väst", "till_ar": 2018}]
    _write_everything(folder, LARGE)
    plan = folder / "content" / "plans" / "verksamhetsplan-2028.yaml"
    text = plan.read_text("utf-8").replace("FTL skriver: de insatser", "Landstinget Väst och FTL: de insatser")
    plan.write_text(text, "utf-8")
    check = styrdok("check", "--content", folder / "content")
    assert check.code == 1
    assert "'Landstinget Väst' är ett namn som gällde till och med 2018; versionen gäller från 2028: " \
           "skriv 'Region Väst' [tidigare-namn]" in check.out


def it_refuses_a_forbund_the_law_does_not_allow(tmp_path, styrdok):
    no_kommun = styrdok("init", tmp_path / "x", "--namn", "Förbund", "--kortnamn", "F", "--epost", "a@b.se",
                        "--medlem", "Försäkringskassan:staten", "--medlem", "Region A:region")
    assert no_kommun.code == 2 and "ingen medlem som är en kommun" in no_kommun.err
    keys = styrdok("init", tmp_path / "y", "--namn", "Förbund", "--kortnamn", "F", "--epost", "a@b.se",
                   "--medlem", "Försäkringskassan:staten", "--medlem", "Region A:region",
                   "--medlem", "A:kommun:60", "--medlem", "B:kommun:30")
    assert keys.code == 2 and "summerar till 90 %" in keys.err
    pale = styrdok("init", tmp_path / "z", "--namn", "Förbund", "--kortnamn", "F", "--epost", "a@b.se",
                   "--medlem", "Försäkringskassan:staten", "--medlem", "Region A:region", "--medlem", "A:kommun",
                   "--farg", "#7f9fff")
    assert pale.code == 2 and "kontrasten" in pale.err and "4,5:1" in pale.err
    assert not any(tmp_path.iterdir()), "nothing written when refused"


@pytest.mark.parametrize("option, value, said", [
    ("--epost", "kansli@example", "ska vara en e-postadress"), ("--epost", "kansli.rar.se", "ska vara en e-postadress"),
    ("--telefon", "ring oss", "ska vara ett telefonnummer"), ("--webbadress", "www.example.se", "ska vara en webbadress"),
    ("--farg", "blå", "'blå' är ingen färg skriven #rrggbb")])
def it_refuses_what_check_would_refuse_naming_the_option(tmp_path, styrdok, option, value, said):
    """Whatever init writes passes check: a value the content model refuses is refused at once,
    with the option that gave it, and nothing is written."""
    run = _init(styrdok, tmp_path / "ny", dict(SMALL, colour=None), option, value)
    assert run.code == 2 and f"{option}: {said}" in run.err and value in run.err, run.err
    assert not (tmp_path / "ny").exists()


def it_checks_the_law_and_the_key_in_the_content(tmp_path, styrdok):
    spec = dict(SMALL, members=[*SMALL["members"]])
    folder = tmp_path / "f"
    assert _init(styrdok, folder, spec).code == 0
    _write_everything(folder, spec)
    organisation = folder / "content" / "organisation.yaml"
    text = organisation.read_text("utf-8")
    organisation.write_text(text.replace("andel: 1/2", "andel: 2/3", 1).replace("nyckel: 50.0", "nyckel: 40.0"),
                            "utf-8")
    check = styrdok("check", "--content", folder / "content")
    assert "staten har andelen 2/3; lagen (2003:1210) anger 1/2 [lagens-andelar]" in check.out
    assert "nycklarna i gruppen kommunerna summerar till 90,0\u00a0%, inte 100 % [medlemsnyckel]" in check.out
    assert "Kalix bidrar 2027 med 4\u00a0500 av gruppens 9\u00a0000 tkr (50,0\u00a0%); nyckeln anger " \
        "40,0\u00a0% [medlemsnyckel]" in check.out


def it_warns_of_a_budget_adopted_late_or_without_consultation(tmp_path, styrdok):
    folder = tmp_path / "f"
    assert _init(styrdok, folder, SMALL).code == 0
    _write_everything(folder, SMALL)
    plan = folder / "content" / "plans" / "verksamhetsplan-2027.yaml"
    plan.write_text(plan.read_text("utf-8").replace("samrad: '2026-10-31'\n", ""), "utf-8")
    adopted = styrdok("adopt", "verksamhetsplan-2027", "--datum", "2026-12-10", "--paragraf", "§ 9",
                      "--content", folder / "content")
    assert adopted.code == 0, adopted.err
    check = styrdok("check", "--content", folder / "content")
    assert "budgeten för 2027 ska antas senast 30 november 2026 (lag 2003:1210); beslutet är från " \
           "10 december 2026 [budgetbeslut]" in check.out
    assert "samrådet med medlemmarna före budgetbeslutet är inte antecknat" in check.out
    assert check.code == 0, "warnings: a decision taken is a fact the content records"


def it_names_no_organisation_in_the_tool():
    """Not in code, comments, templates, phrases, site files or the site configuration init copies;
    nor in help texts and messages, which are written there."""
    found = []
    for path in [ROOT / "mkdocs.yml", *(ROOT / "generators").rglob("*"), *(ROOT / "templates").rglob("*"),
                 *(ROOT / "site").rglob("*")]:
        if path.is_file() and "__pycache__" not in path.parts:
            try:
                text = path.read_text("utf-8")
            except UnicodeDecodeError:
                continue  # an image or a font
            found += [f"{path.relative_to(ROOT)}: {match.group(0)}" for match in BUNDLED.finditer(text)]
    assert not found, found


def it_publishes_no_change_report_between_its_two_side_by_side_plans(tmp_path, styrdok):
    """The new förbund's verksamhetsplan does not replace its mål- och inriktningsplan: no
    report of the vision 'struck' by the budget plan."""
    assert _init(styrdok, tmp_path / "ny", SMALL).code == 0
    out = tmp_path / "ny" / "build"
    assert styrdok("build", "--content", tmp_path / "ny" / "content", "--out", out).code == 0
    assert not list((out / "word").glob("andringar-*"))
