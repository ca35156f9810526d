"""`styrdok import FILE.docx`: a Word file into a draft, either as a new plan (importing) or as an
edited copy of a version (--ersatter, onto): what the command prints and refuses."""

from __future__ import annotations

import sys

from generators.errors import StyrdokError, UsageError


def run(args) -> int:
    if args.onto:
        return _onto(args)
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
    reader = ("pandocs läsning av filen" if imported.counted_by_pandoc
              else "styrdoks läsning av filen (pandoc kunde inte läsa den)")
    print(f"behöll {imported.kept_words} av {imported.source_words} ord ({percent(imported.share)}), "
          f"räknat i {reader}")
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


def _onto(args) -> int:
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
    if args.revisions is None:  # a tracked file's properties name the newer of its two versions
        _refuse_another_versions_file(args.file, result.title, content, replaced.model)
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


def _refuse_another_versions_file(path, title: str | None, content, replaced) -> None:
    """A Word file styrdok made of another version (the title in its properties is that
    version's, not this one's) is almost surely the wrong file or the wrong --ersatter: the draft
    would strike everything."""
    title = " ".join((title or "").split())
    if not title or title == replaced.title:
        return
    other = next((v.model for v in content.versions if v.model.title == title), None)
    if other is not None:
        raise UsageError(f"{path} är Word-filen för {other.id} (”{title}”), inte för {replaced.id} "
                         f"(”{replaced.title}”): ange --ersatter {other.id}, eller den fil som gjordes av {replaced.id}")
