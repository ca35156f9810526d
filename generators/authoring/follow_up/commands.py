"""`styrdok follow-up template YEAR -o FILE.xlsx` and `styrdok follow-up read FILE [--review ID]`:
run_template and run_read are the commands' handlers, named in generators/arguments.py."""

from __future__ import annotations

from pathlib import Path

from generators.authoring.follow_up.applying import Applied, apply_figures
from generators.authoring.follow_up.layout import Layout, layout
from generators.authoring.follow_up.template import template_bytes
from generators.authoring.review_start import new_review, review_id, review_text, sources
from generators.content.findings import ContentError
from generators.content.loading import MODELS, Content, display_path, load_content
from generators.content.model import AnnualReview
from generators.content.reading import read_yaml
from generators.errors import StyrdokError, UsageError
from generators.writing import write_bytes, write_text


def find_review(content: Content, year: int | None, wanted: str | None) -> AnnualReview | None:
    if wanted:
        loaded = content.version(wanted)
        if loaded is None:
            return None
        if not isinstance(loaded.model, AnnualReview):
            raise UsageError(f"{wanted} är ingen årlig översyn")
        return loaded.model
    found = [r.model for r in content.reviews if r.model.year == year]
    if len(found) > 1:
        raise UsageError(f"året {year} har flera översyner ({', '.join(r.id for r in found)}): välj en med --review")
    return found[0] if found else None


def write_template(content: Content, year: int, wanted: str | None, out: Path) -> AnnualReview:
    """The template of the year's review; of the draft new-review would start when there is none yet."""
    review = find_review(content, year, wanted)
    if review is None:
        text = review_text(sources(content, year), wanted or review_id(year))
        review = MODELS["review"].model_validate(read_yaml(text.encode("utf-8")).data)
    if review.year != year:
        raise UsageError(f"{review.id} är översynen av {review.year}, inte av {year}")
    write_bytes(out, template_bytes(layout(review, content)))
    return review


def read_spreadsheet(root: Path, file: Path, wanted: str | None, overwrite: bool) -> tuple[Path, Applied]:
    from generators.authoring.follow_up.workbook import NotAWorkbook, read_workbook, workbook_meta

    data = file.read_bytes()
    try:
        year, template_review = workbook_meta(data)
    except NotAWorkbook as error:
        raise StyrdokError(f"{file} är ingen Excel-fil (.xlsx) som går att läsa ({error}); inget fördes in") from None
    content = load_content(root)
    review = find_review(content, year, wanted or template_review)
    if review is None:
        if year is None:
            raise UsageError(f"{file} säger inte vilket år den gäller (den är inte gjord med styrdok follow-up "
                             f"template): ange översynen med --review")
        started = new_review(content, year, wanted or template_review)  # the review starts itself
        print(f"började {display_path(started)} (som styrdok new-review {year})")
        content = load_content(root)
        review = find_review(content, year, wanted or template_review)
    if year is not None and review.year != year:
        raise UsageError(f"{file} är mallen för {year}, men översynen {review.id} följer upp {review.year}: fyll i "
                         f"{review.year}s mall (styrdok follow-up template {review.year} -o FIL.xlsx) eller för in "
                         f"filen i översynen för {year}; inget fördes in")
    shape = layout(review, content)
    reading = read_workbook(data, shape)
    return apply_reading(content, review, shape, reading.figures, reading.problems, file, overwrite)


def apply_reading(content: Content, review: AnnualReview, shape: Layout, figures: dict, problems: list[str], file: Path,
           overwrite: bool) -> tuple[Path, Applied]:
    path = content.version(review.id).path
    if problems:
        raise StyrdokError("\n".join([f"{file}: {problem}" for problem in problems]
                                     + [f"Inget fördes in; {display_path(path)} är som förut."]))
    old = path.read_text(encoding="utf-8")
    applied = apply_figures(old, shape, figures, file.name, overwrite)
    if applied.text != old and review.status == "antagen":
        raise StyrdokError(f"{review.id} är antagen: siffrorna i en antagen översyn är styrelsens beslut och ändras "
                           f"inte i efterhand. Inget fördes in; {display_path(path)} är som förut.")
    if applied.text != old:
        try:
            MODELS["review"].model_validate(read_yaml(applied.text.encode("utf-8")).data)
        except (ContentError, ValueError) as error:  # never write a file check would refuse
            raise StyrdokError(f"inget fördes in: översynen skulle inte gå att läsa ({error})") from None
        write_text(path, applied.text)
    return path, applied
