"""`styrdok follow-up template|read`: what the commands print and refuse; the work is in commands
(a spreadsheet) and national (a CSV from Uppföljning Finsam), which this module alone sees both of."""

from __future__ import annotations

import sys

from generators.authoring.follow_up.commands import read_spreadsheet, write_template
from generators.authoring.follow_up.national import read_national
from generators.content.loading import display_path, load_content
from generators.errors import UsageError
from generators.writing import refuse_protected


def run_template(args) -> int:
    if args.output.suffix.lower() != ".xlsx":
        raise UsageError(f"-o {args.output}: mallen är en Excel-fil och ska sluta på .xlsx")
    refuse_protected(args.output, args.content, "-o")
    if args.output.exists():  # it may be last week's filled-in template
        raise UsageError(f"{args.output} finns redan och kan vara en ifylld mall: välj ett annat namn eller ta bort "
                         f"den först. Ingen mall skrevs.")
    review = write_template(load_content(args.content), args.year, args.review, args.output)
    print(f"skrev {args.output}: mallen för {review.title}; fyll i de gula cellerna och läs in den med "
          f"styrdok follow-up read {args.output}")
    return 0


def run_read(args) -> int:
    if args.file.suffix.lower() == ".csv":
        path, applied = read_national(args.content, args.file, args.review, args.overwrite)
    else:
        path, applied = read_spreadsheet(args.content, args.file, args.review, args.overwrite)
    for key, ours, theirs in applied.kept:
        print(f"{display_path(path)}: behöll {key} = {ours}, som ändrats för hand sedan förra inläsningen "
              f"(filen säger {theirs}); --skriv-over tar filens", file=sys.stderr)
    if applied.written:
        figures = sum(isinstance(applied.values[key], int) for key in applied.written)
        texts = len(applied.written) - figures
        also = f" och {texts} mått (text)" if texts else ""
        print(f"skrev {display_path(path)}: {figures} {'siffra' if figures == 1 else 'siffror'}{also} förda in "
              f"ur {args.file}")
    else:
        print(f"{display_path(path)} har redan siffrorna i {args.file}; inget ändrades")
    return 0
