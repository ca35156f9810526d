"""Doubling series: each input grown n, 2n, 4n … and the time and peak memory of one whole
command at each size, with the ratio of each doubling (2.0 is linear, 4.0 quadratic).

Every point is a fresh process (a probe that runs the command and reads its children's
processor time and peak memory), on content generated in a temporary folder. The ratios are
of processor time: on a shared machine the wall time says more about the other processes. A series stops early when a point
takes longer than --limit seconds, and says so.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
STYRDOK = str(Path(sys.executable).parent / "styrdok")

PROBE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
run = subprocess.run(sys.argv[1:], capture_output=True)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024, "code": run.returncode, "err": run.stderr.decode()[-400:]}))
"""

WORDS = ("förbundet samverkan insatser deltagare arbete kommun region stöd rehabilitering uppföljning "
         "individ myndighet finansiering utveckling kunskap metod projekt samordning arbetsförmedlingen "
         "försäkringskassan hälsa sysselsättning målgrupp personer unga långvarigt behov").split()


def _plan(plan_id: str, sections: list, status: str = "utkast", **fields) -> dict:
    return {"id": plan_id, "slag": "verksamhetsplan", "titel": f"Plan {plan_id}", "startar": 2030, "slutar": 2030,
            "status": status, **fields, "avsnitt": sections}


def _content(folder: Path, plans: list[dict]) -> Path:
    content = folder / "content"
    (content / "plans").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "organisation.yaml", content / "organisation.yaml")
    for plan in plans:
        (content / "plans" / f"{plan['id']}.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), "utf-8")
    return content


def _prose(rng: random.Random, words: int) -> str:
    """Sentences of 8–20 words from a small vocabulary with numbered words among them, as a plan's
    prose repeats its common words."""
    out, sentence = [], []
    for _ in range(words):
        word = rng.choice(WORDS) if rng.random() < 0.8 else f"{rng.choice(WORDS)}{rng.randrange(10_000)}"
        sentence.append(word)
        if len(sentence) >= rng.randrange(8, 21):
            out.append(" ".join(sentence).capitalize() + ".")
            sentence = []
    if sentence:
        out.append(" ".join(sentence).capitalize() + ".")
    return " ".join(out)


def _edited(rng: random.Random, text: str, share: float = 0.02) -> str:
    """About `share` of the words replaced, removed or with a word inserted after them."""
    words = text.split(" ")
    for _ in range(int(len(words) * share)):
        at, kind = rng.randrange(len(words)), rng.randrange(3)
        if kind == 0:
            words[at] = rng.choice(WORDS)
        elif kind == 1 and len(words) > 1:
            del words[at]
        else:
            words.insert(at, rng.choice(WORDS))
    return " ".join(words)


# --- the inputs -----------------------------------------------------------------------------------

def sections(folder: Path, count: int) -> list[str]:
    """Two plans of `count` sections whose headings all differ: section pairing goes by content."""
    rng = random.Random(count)

    def chapters(heading: str) -> list:
        return [{"nummer": f"{k}.", "rubrik": f"{heading} {k}",
                 "innehall": [{"stycke": f"Samverkan om {rng.choice(WORDS)} {k} och {rng.choice(WORDS)}."}]}
                for k in range(1, count + 1)]
    content = _content(folder, [_plan("gammal", chapters("Kapitel")), _plan("ny", chapters("Område"))])
    return [STYRDOK, "diff", "gammal", "ny", "--content", str(content), "--format", "docx", "-o",
            str(folder / "diff.docx")]


def paragraph(folder: Path, kilobytes: int) -> list[str]:
    """Two versions of one paragraph of `kilobytes` kB, 2 % of its words edited: the redline."""
    rng = random.Random(kilobytes)
    text = _prose(rng, kilobytes * 1024 // 11)
    new = _edited(rng, text)
    one = lambda plan_id, prose: _plan(plan_id, [{"nummer": "1.", "rubrik": "Text",  # noqa: E731
                                                  "innehall": [{"stycke": prose}]}])
    content = _content(folder, [one("gammal", text), one("ny", new)])
    return [STYRDOK, "diff", "gammal", "ny", "--content", str(content), "--format", "docx", "-o",
            str(folder / "diff.docx")]


def amounts(folder: Path, count: int) -> list[str]:
    """The bundled 2021 plan with one more paragraph: one sentence that states `count` amounts
    for 2021, every one of which disagrees with the budget table (so `check` reports each)."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "plans" / "verksamhetsplan-2021.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    stated = ", ".join(f"{1 + k % 90},{k % 10} mkr i kostnader" for k in range(count))
    data["avsnitt"][5]["innehall"].append({"stycke": f"För 2021 räknade förbundet med {stated}."})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return [STYRDOK, "check", "--content", str(content), "--format", "json"]


def versions(folder: Path, count: int) -> list[str]:
    """`count` adopted versions of the 2022–2026 plan, each replacing the one before: a full build."""
    from benchmarks.__main__ import generated
    content = generated(folder, count)
    return [STYRDOK, "build", "--force", "--content", str(content), "--out", str(folder / "out")]


def rows(folder: Path, count: int) -> list[str]:
    """One plan with a bulleted list of `count` rows: a full build (Word, PDF, site)."""
    entries = [f"Punkt {k} om {WORDS[k % len(WORDS)]}." for k in range(count)]
    content = _content(folder, [_plan("lista", [{"nummer": "1.", "rubrik": "Lista",
                                                 "innehall": [{"punktlista": entries}]}])])
    return [STYRDOK, "build", "--force", "--utkast", "--content", str(content), "--out", str(folder / "out")]


def word_import(folder: Path, count: int) -> list[str]:
    """A Word file of `count` sections (a heading and a paragraph each) made a draft by `import`."""
    from copy import deepcopy

    from docx import Document
    from docx.text.paragraph import Paragraph
    rng = random.Random(count)
    document = Document()
    document.add_heading("Verksamhetsplan 2030", 0)
    heading, paragraph = document.add_heading("", 1)._p, document.add_paragraph("")._p
    end = document.element.body.sectPr
    for k in range(1, count + 1):
        # python-docx's add_paragraph looks for the section settings among all paragraphs each
        # time (quadratic): copies go in before them directly.
        for template, text in ((heading, f"{k} Avsnitt om {rng.choice(WORDS)}"), (paragraph, _prose(rng, 30))):
            element = deepcopy(template)
            end.addprevious(element)
            Paragraph(element, document._body).text = text
    heading.getparent().remove(heading)
    paragraph.getparent().remove(paragraph)
    source = folder / "plan.docx"
    folder.mkdir(parents=True, exist_ok=True)
    document.save(source)
    content = _content(folder, [])
    return [STYRDOK, "import", str(source), "--id", "importerad", "--content", str(content), "--tillat-forlust"]


SERIES: dict[str, tuple[str, Callable[[Path, int], list[str]], tuple[int, ...]]] = {
    "sections": ("avsnitt (två planer, olika rubriker; diff --format docx)", sections, (1250, 2500, 5000, 10000)),
    "paragraph": ("kB i ett stycke (två versioner; diff --format docx)", paragraph, (128, 256, 512, 1024)),
    "amounts": ("belopp i ett stycke (check)", amounts, (4000, 8000, 16000, 32000)),
    "versions": ("versioner (build --force)", versions, (63, 125, 250, 500)),
    "rows": ("rader i en punktlista (build --force)", rows, (12500, 25000, 50000, 100000)),
    "import": ("avsnitt i en Word-fil (import)", word_import, (1250, 2500, 5000, 10000)),
}


def measure(command: list[str]) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE, *command], cwd=ROOT, check=True, capture_output=True,
                            text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def series(work: Path, name: str, sizes: tuple[int, ...], limit: float) -> list[tuple[int, dict]]:
    label, make, _ = SERIES[name]
    print(f"\n{name}: {label}")
    print(f"  {'n':>8} {'wall s':>8} {'CPU s':>8} {'× CPU':>7} {'peak MB':>8} {'× memory':>9}")
    measure(make(work / f"{name}-warm", max(1, sizes[0] // 16)))  # caches and imports warm
    points: list[tuple[int, dict]] = []
    for size in sizes:
        figures = measure(make(work / f"{name}-{size}", size))
        shutil.rmtree(work / f"{name}-{size}", ignore_errors=True)
        before = points[-1][1] if points else None
        time_ratio = f"{figures['cpu'] / before['cpu']:.2f}" if before else ""
        memory_ratio = f"{figures['peak_mb'] / before['peak_mb']:.2f}" if before else ""
        line = (f"  {size:>8} {figures['seconds']:>8.2f} {figures['cpu']:>8.2f} {time_ratio:>7} "
                f"{figures['peak_mb']:>8.0f} {memory_ratio:>9}")
        expected = (0, 1) if name == "amounts" else (0,)  # check reports the amounts it disagrees with
        print(line + ("" if figures["code"] in expected else f"  (exit {figures['code']}: {figures['err'].strip()})"),
              flush=True)
        points.append((size, figures))
        if figures["seconds"] > limit and size != sizes[-1]:
            print(f"  stopped: {size} took more than {limit:.0f} s")
            break
    return points
