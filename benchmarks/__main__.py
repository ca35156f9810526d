"""Side-by-side timings of styrdok against MkDocs alone, and how a build grows with versions.

    python -m benchmarks [--repeat 3] [--scale 15,30,60] [--sections 2500,10000]
                         [--doubling sections,paragraph,amounts,versions,rows,import] [--limit 600]

--doubling runs doubling series (benchmarks/doubling.py), each at its own sizes or at those given
as name=n,2n,4n, several separated by ";" (e.g. --doubling "rows=1000,2000;amounts=500,1000").

Every figure is the wall time of a whole command (a fresh process, as a user runs it), the
median of --repeat runs, with its processor time (its own and its helper processes') beside it
for the bundled content; `styrdok build --force` and `mkdocs build` run in turn, and their ratio
is the median of each pair's. Generated content for the scale runs is made in a temporary
folder and never committed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks import doubling

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STYRDOK, MKDOCS = str(BIN / "styrdok"), str(BIN / "mkdocs")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall time and processor time (the command's and its children's) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env or ENV, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def timed(command: list[str], repeat: int, env: dict | None = None) -> tuple[float, float]:
    """The median wall and processor time of repeat runs."""
    runs = [run(command, env) for _ in range(repeat)]
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def paired(first: list[str], second: list[str], repeat: int) -> tuple[tuple[float, float], tuple[float, float], float]:
    """Both commands in turn, repeat times, and the median of the ratios first/second of each
    pair: on a shared machine the two runs of a pair meet about the same load."""
    pairs = [(run(first), run(second)) for _ in range(repeat)]
    ones, others = [one for one, _ in pairs], [other for _, other in pairs]
    median = lambda runs, i: statistics.median(r[i] for r in runs)  # noqa: E731
    return ((median(ones, 0), median(ones, 1)), (median(others, 0), median(others, 1)),
            statistics.median(one[0] / other[0] for one, other in pairs))


def row(label: str, times: tuple[float, float], against: tuple[float, float] | None = None,
        ratio: float | None = None) -> str:
    ratio = ratio if ratio is not None else times[0] / against[0] if against else None
    return f"  {label:<58} {times[0]:6.2f} s  {times[1]:6.2f} s  " + (f"{ratio:5.2f} ×" if ratio else "")


def uncompiled() -> list[str]:
    """styrdok's modules Python compiles anew on every run: without their bytecode (the README's
    compileall step) under PYTHONDONTWRITEBYTECODE, each command pays about 0.2 s for it."""
    from importlib.util import cache_from_source
    return [str(path.relative_to(ROOT)) for path in sorted((ROOT / "generators").rglob("*.py"))
            if not Path(cache_from_source(str(path))).exists()
            or Path(cache_from_source(str(path))).stat().st_mtime < path.stat().st_mtime]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", default="15,30,60")
    parser.add_argument("--sections", default="2500,10000")
    parser.add_argument("--doubling", default=",".join(doubling.SERIES))
    parser.add_argument("--limit", type=float, default=600, help="stop a doubling series after a point this slow (s)")
    parser.add_argument("--only-doubling", action="store_true", help="skip the bundled, scale and sections runs")
    args = parser.parse_args()
    if missing := uncompiled():
        print(f"note: {len(missing)} of styrdok's modules have no up-to-date bytecode (e.g. {missing[0]}); "
              "run `python -m compileall -q generators` as the README's setup does\n")
    work = Path(tempfile.mkdtemp(prefix="styrdok-bench-"))
    try:
        if not args.only_doubling:
            bundled(work, args.repeat)
            scale(work, [int(n) for n in args.scale.split(",") if n])
            sections(work, [int(n) for n in args.sections.split(",") if n])
        choices = [part for piece in args.doubling.split(";") for part in ([piece] if "=" in piece else piece.split(","))]
        for choice in filter(None, choices):
            name, _, sizes = choice.partition("=")
            default = doubling.SERIES[name][2]
            doubling.series(work, name, tuple(int(n) for n in sizes.split(",")) if sizes else default, args.limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bundled(work: Path, repeat: int) -> None:
    out = work / "out"
    cold_cache = {**ENV, "STYRDOK_CACHE": str(work / "cold-cache")}
    cold = timed([STYRDOK, "build", "--out", str(out)], 1, cold_cache)
    full, mkdocs, ratio = paired([STYRDOK, "build", "--force", "--out", str(out)],
                                 [MKDOCS, "build", "-q", "-f", str(out / "mkdocs.yml")], repeat)
    timed([STYRDOK, "build", "--out", str(out)], 1)  # the site MkDocs rewrote is styrdok's again
    noop = timed([STYRDOK, "build", "--out", str(out)], repeat)
    check = timed([STYRDOK, "check"], repeat)
    diff = timed([STYRDOK, "diff", "verksamhetsplan-2021", "mal-och-inriktningsplan-2022-2026", "--format", "docx",
                  "-o", str(work / "diff.docx")], repeat)
    diff_text = timed([STYRDOK, "diff", "verksamhetsplan-2007", "verksamhetsplan-2021", "--format", "json"], repeat)
    print("Bundled content (4 versions, 25 outputs), median of", repeat, "runs, whole commands")
    print("(wall time, processor time, wall time against mkdocs build; --force and mkdocs run in turn):")
    print(row("mkdocs build of the same generated pages", mkdocs))
    print(row("styrdok build --force (Word, PDF, diffs, Markdown, HTML)", full, mkdocs, ratio))
    print(row("styrdok build, first ever (empty cache)", cold, mkdocs))
    print(row("styrdok build with nothing changed", noop, mkdocs))
    print(row("styrdok check", check))
    print(row("styrdok diff 2021 → 2022–2026 --format docx", diff))
    print(row("styrdok diff 2007 → 2021 --format json", diff_text))


def generated(folder: Path, count: int) -> Path:
    """count plan versions, each the 2022–2026 plan reworded a little, each replacing the one before."""
    content = folder / "content"
    (content / "plans").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "organisation.yaml", content / "organisation.yaml")
    base = yaml.safe_load((ROOT / "content" / "plans" / "mal-och-inriktningsplan-2022-2026.yaml").read_text("utf-8"))
    for number in range(1, count + 1):
        data = json.loads(json.dumps(base))
        year = 2006 + number // 3  # three versions a year: 500 of them fit the years a plan may have
        data.update(id=f"plan-{number:03}", titel=f"Plan {number}", startar=year, slutar=year,
                    status="antagen")
        data.pop("ersatter", None)
        if number > 1:
            data["ersatter"] = f"plan-{number - 1:03}"
        data["avsnitt"][0]["innehall"][0]["stycke"] += f" Version {number}."
        data["avsnitt"][3]["innehall"][0]["mal"][0]["delmal"][number % 3]["text"] += f" Revidering {number}."
        (content / "plans" / f"plan-{number:03}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return content


PROBE = """
import json, resource, sys, time
from pathlib import Path
from generators.build import build
started = time.perf_counter()
build(Path(sys.argv[1]), Path(sys.argv[2]))
seconds = time.perf_counter() - started
own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": max(own.ru_maxrss, children.ru_maxrss) / 1024}))
"""


def long_plan(folder: Path, count: int) -> Path:
    """One draft plan of count sections: chapters of one paragraph, each with nine numbered
    sections of a paragraph and a two-item list."""
    content = folder / "content"
    (content / "plans").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "organisation.yaml", content / "organisation.yaml")
    chapters = []
    for chapter in range(1, count // 10 + 1):
        subsections = [{"nummer": f"{chapter}.{number}", "rubrik": f"Avsnitt {chapter}.{number}",
                        "innehall": [{"stycke": f"Samverkan i avsnitt {chapter}.{number}."},
                                     {"punktlista": ["En punkt.", "En punkt till."]}]} for number in range(1, 10)]
        chapters.append({"nummer": f"{chapter}.", "rubrik": f"Kapitel {chapter}",
                         "innehall": [{"stycke": "Inledning."}], "avsnitt": subsections})
    plan = {"id": "lang-plan", "slag": "verksamhetsplan", "titel": "En lång plan", "startar": 2030, "slutar": 2030,
            "status": "utkast", "avsnitt": chapters}
    (content / "plans" / "lang-plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")
    return content


def _probe(content: Path, out: Path) -> dict:
    """One full build in a fresh process: its seconds, processor time and peak memory."""
    result = subprocess.run([sys.executable, "-c", PROBE, str(content), str(out)], cwd=ROOT, env=ENV,
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def sections(work: Path, counts: list[int]) -> None:
    """Build time against the size of one plan: it must grow linearly (it was quadratic)."""
    if not counts:
        return
    print("\nSize: one generated plan of many sections, full build (Word, PDF, site), one run each:")
    print(f"  {'sections':>8} {'seconds':>8} {'CPU s':>8} {'CPU ms/section':>15} {'peak MB':>8}")
    for count in counts:
        folder = work / f"sections-{count}"
        content = long_plan(folder, count)
        figures = _probe(content, folder / "out")
        print(f"  {count:>8} {figures['seconds']:>8.2f} {figures['cpu']:>8.2f} {1000 * figures['cpu'] / count:>15.2f} "
              f"{figures['peak_mb']:>8.0f}")


def scale(work: Path, counts: list[int]) -> None:
    if not counts:
        return
    print("\nScale: generated plan versions, full build (Word, tracked diff per pair, site), one run each:")
    print(f"  {'versions':>8} {'outputs':>8} {'seconds':>8} {'s/version':>10} {'peak MB':>8}")
    for count in counts:
        folder = work / f"scale-{count}"
        content = generated(folder, count)
        figures = _probe(content, folder / "out")
        outputs = len(list((folder / "out" / "word").glob("*.docx")))
        print(f"  {count:>8} {outputs:>8} {figures['seconds']:>8.2f} {figures['seconds'] / count:>10.3f} "
              f"{figures['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
