"""One escaping function per target: whatever the text, it reaches Markdown, HTML, the MkDocs
configuration, Word, the charts and Typst as the same visible text and never as markup.

Each function is checked against the real consumer (Python-Markdown with the site's
extensions, an HTML parser, PyYAML, python-docx, matplotlib) with generated text and with
a list of hostile strings."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import markdown as python_markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generators import charts, escaping
from generators.cover import Cover
from generators.document import Chart, ChartPanel, Document, Entry, Heading, ListBlock, Paragraph, Series
from generators.templating import markdown_environment, phrases
from generators.word.writer import render_docx

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</title><script>alert(2)</script>",
    "<xss-tagg>egen tagg</xss-tagg>",
    "[klicka](javascript:alert(1))",
    "<!-- kommentar --> &amp; &lt;b&gt; &#60;i&#62;",
    "rad ett\n- punkt\n* punkt\n+ punkt",
    "rad ett\n---\nrad tre",
    "rad ett\n===",
    "rad ett\n# rubrik\n## rubrik",
    "rad ett\n| a | b |\n| --- | --- |\n| c | d |",
    "rad ett\n1. ett\n2) två",
    "rad ett\n> citat",
    "rad ett\n    indraget som kod",
    "rad ett\n\n\nstycke två",
    '!!! warning "Varning"\n    inuti',
    "*fet* _kursiv_ **mer** `kod` ~~struken~~",
    "[^1] [^1]: fotnot",
    "{: onclick=alert(1) } { #id .klass }",
    "$\\frac{a}$",
    "$5 och $10",
    "{{ 7*7 }} {% raw %} {# kommentar #}",
    "nyckel: värde",
    "- lista: i yaml",
    "? & * ! | > ' \" % @ ` #",
    "yes no null ~ 0x1F .inf",
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f",
    "rad\r\nrad\rrad",
    "a" * 300,
    "\u202eomvänd text\u202c och \u200fRTL\u200e",
    "noll\u200bbredd\u200c\u200d\ufeff",
    "مرحبا بالعالم",
    "tab\ttab",
    "\\ \\\\ \\* \\_ \\n",
    "  inledande mellanslag",
]
TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=60),
                 st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map("\n".join)).filter(
    lambda text: escaping.text(text).strip())  # something to see: text of controls alone shows nothing
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "footnotes", "tables", "toc"]


def examples(count: int) -> settings:
    return settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck))


def visible(text: str) -> str:
    """What a reader sees: whitespace runs are one space."""
    return " ".join(text.split())


def expected(text: str) -> str:
    return visible(escaping.text(text))


class Parsed(HTMLParser):
    """Every element, attribute and piece of text of an HTML fragment."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.data: list[str] = []
        self.comments: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        if tag in ("br", "p", "li", "td", "th", "h1", "h2", "h3", "div", "tr"):
            self.data.append("\n")  # a line break, or a block on a line of its own

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.data.append(data)

    def handle_comment(self, data):
        self.comments.append(data)

    def text(self) -> str:
        return visible("".join(self.data))


def render_markdown(source: str) -> str:
    return python_markdown.markdown(source, extensions=EXTENSIONS)


@pytest.mark.parametrize("template, tags", [
    ("{}", ["p"]),
    ("- {}", ["ul", "li"]),
    ("1. {}", ["ol", "li"]),
    ("## {}", ["h2"]),
    ("> {}", ["blockquote", "p"]),
    ("**{}**", ["p", "strong"]),
    ("[{}](sida.md)", ["p", "a"]),
])
@examples(150)
@given(text=TEXT)
def it_keeps_markdown_text_as_text_wherever_it_stands(template, tags, text):
    html = render_markdown("Före.\n\n" + template.format(escaping.markdown(text)) + "\n\nEfter.")
    parsed = Parsed(html)
    assert [t for t in parsed.tags if t != "br"] == ["p", *tags, "p"], html
    assert set(parsed.attributes) <= {"href", "id"} and not parsed.comments, html
    assert parsed.text() == visible(f"Före. {expected(text)} Efter."), html


@examples(150)
@given(text=TEXT)
def it_keeps_html_text_as_text_in_elements_and_attributes(text):
    parsed = Parsed(f'<p title="{escaping.html(text)}">{escaping.html(text, lines=True)}</p>')
    assert [t for t in parsed.tags if t != "br"] == ["p"] and parsed.attributes == ["title"]
    assert parsed.text() == expected(text)


@examples(150)
@given(text=TEXT)
def it_writes_nav_titles_that_stay_one_line_of_text(text):
    title = escaping.nav_title(text)
    config = yaml.safe_dump({"nav": [{title: "sida.md"}]}, allow_unicode=True)
    assert yaml.safe_load(config) == {"nav": [{title: "sida.md"}]}
    parsed = Parsed(f"<a>{title}</a>")
    assert parsed.tags == ["a"] and "\n" not in title
    assert parsed.text() == expected(text)


@examples(100)
@given(text=TEXT)
def it_renders_site_templates_with_every_value_escaped(text):
    template = markdown_environment().from_string("# {{ title }}\n\n{{ body }}\n\n- {{ item | md }}\n")
    html = render_markdown(template.render(title=text, body=escaping.Markdown("*styrdoks egen markering*"),
                                           item=text))
    parsed = Parsed(html)
    assert [t for t in parsed.tags if t != "br"] == ["h1", "p", "em", "ul", "li"], html
    assert parsed.text().startswith(expected(text))


def it_writes_an_address_that_cannot_leave_its_attribute():
    address = escaping.url('https://rar.se/sida"><script>alert(1)</script>')
    assert address == "https://rar.se/sida%22%3E%3Cscript%3Ealert(1)%3C/script%3E"
    assert escaping.url("https://rar.se/styrdokument/") == "https://rar.se/styrdokument/"


@examples(25)
@given(text=TEXT)
def it_writes_any_text_into_word_as_that_text(text):
    tree = Document("Titel", [Heading(text, 1, "1"), Paragraph(text), ListBlock((Entry(text),))])
    cover = Cover(organisation=text, title=text, subtitle="", lines=[text], subject="Plan", author="Styrelsen",
                  keywords="plan")
    opened = docx.Document(io.BytesIO(render_docx(tree, cover, phrases())))
    body = [visible(p.text) for p in opened.paragraphs]
    assert body.count(expected(text)) >= 3
    title = " ".join(escaping.text(text).split("\n"))
    assert opened.core_properties.title == (title if len(title) <= 255 else title[:254] + "…")


@examples(12)
@given(text=TEXT)
def it_draws_any_label_in_a_chart_as_written(text):
    chart = Chart("b", (2030, 2031), "tkr", (ChartPanel("Kostnader", (Series(text, (5, 6)), Series("Kansli", (1, 2)))),),
                  "alt")
    svg = charts.render(chart, "svg").decode("utf-8")
    drawn = visible(" ".join(Parsed(svg).data))
    assert expected(text) in drawn, drawn
    assert "Kansli" in drawn


def it_removes_what_no_target_can_hold_and_nothing_else():
    assert escaping.text("a\x00b\x0bc\x7fd\ud800e\ufffff") == "abcdef"
    assert escaping.text("rad\r\nrad\rrad\ttab\u200b\u202e") == "rad\nrad\nrad\ttab\u200b\u202e"
    assert re.fullmatch(r"[^\x00-\x08]*", escaping.typst("\x01a\x02"))
