"""The blank questionnaire: every question of a rule pack as a printable PDF, to gather answers on paper.

Workshops often collect answers on paper first (a room of officials, one form each, no laptops) and
enter them online afterwards. This prints the questionnaire the web app would ask, in one language:
a cover to fill in, short instructions, then each factor with its questions numbered 1.1, 1.2...,
tick boxes for the options and "don't know", boxes for numbers with their unit and range, lines for
text and for evidence, and the skip logic in words.

The PDF is made from the pack alone: no answers, no clock. So the same pack and language always
render to the same bytes, and a job renders each (pack, language) once and stores it
(assessor.jobs). It goes through the report's PDFEnvironment: the same shipped fonts, the
same allow-list URL fetcher (no network, nothing outside the report's assets), tagged for screen
readers, with the document's language and title in its metadata.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import Template
from markupsafe import Markup

from assessor.core.conditions import Condition
from assessor.core.rulebook import Question, QuestionType, RuleBook
from assessor.gcpause import cyclic_gc_paused
from assessor.presentation.wording import Wording, wording
from assessor.report.environment import PDFEnvironment, pdf_environment, template_environment

BLANK_TEMPLATE = "report/blank.html"
BLANK_STYLESHEET = "blank.css"  # in the report's assets, beside report.css
# Lines left for a written answer. Handwriting needs far more room than typing, so a question that
# accepts a few hundred characters still gets several lines.
SHORT_TEXT_LINES = 3
LONG_TEXT_LINES = 6
SHORT_TEXT_LIMIT = 300  # characters: up to this, an answer is a sentence or two
EVIDENCE_LINES = 3
INLINE_MAX_OPTIONS = 5  # options, "don't know" included, that may share one line
INLINE_MAX_LABEL = 16  # characters
# Number conditions are described by trying every whole number in the question's range; past this
# many the note falls back to naming the question only.
MAX_PROBED_NUMBERS = 2000
# Multiple-choice conditions are checked against every valid selection, 2**options of them.
MAX_PROBED_OPTIONS = 10


class UnknownLanguageError(ValueError):
    """A language the rule pack is not written in."""


def question_numbers(book: RuleBook) -> dict[str, str]:
    """Each question's number as printed, "factor.question" counting from 1: {"funding_om_budget": "3.1"}."""
    return {
        question.id: f"{f_index}.{q_index}"
        for f_index, factor in enumerate(book.factors, start=1)
        for q_index, question in enumerate(factor.questions, start=1)
    }


def blank_filename(book: RuleBook, language: str) -> str:
    """A download filename safe in any Content-Disposition: "questionnaire-oss_readiness-0.2.0-es.pdf".

    ASCII letters, digits, "_", "-" and "." only: the pack id and version come from a YAML file
    that policy teams edit, so they are cleaned like any other outside text.
    """
    parts = ["questionnaire", _slug(book.id), _slug(book.version), _slug(language)]
    return "-".join(part for part in parts if part) + ".pdf"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9_.]+", "-", ascii_text)
    # Dots only singly between other characters ("0.2.0"), never "..": a name should not look like a path.
    slug = re.sub(r"\.{2,}", ".", re.sub(r"[.-]*-[.-]*", "-", slug))
    return slug.strip("-.")[:40].strip("-.")


def _check_language(book: RuleBook, language: str) -> None:
    if language not in book.languages:
        raise UnknownLanguageError(
            f"language '{language}' is not in the rule pack {book.id} (it has {', '.join(book.languages)})"
        )


def blank_context(book: RuleBook, language: str) -> dict[str, Any]:
    """Everything the blank questionnaire shows, as plain data in `language` (the pack's texts) and
    the report catalogue's nearest language (the words around them)."""
    _check_language(book, language)
    t = wording(language)
    numbers = question_numbers(book)
    title = book.title.get(language)
    total = len(book.factors)
    return {
        "lang": language,
        # The catalogue falls back to English for a pack language it does not have yet; those words
        # are marked as English so a screen reader does not read them with the document's voice.
        "ui_lang": Markup(f' lang="{t.words_language}"') if t.words_language != language else Markup(""),
        "_": t.gettext,
        "ngettext": t.ngettext,
        "pgettext": t.pgettext,
        "title": t.gettext("%(title)s: questionnaire to fill in on paper", title=title),
        "description": t.gettext(
            "The questions of the rule pack %(title)s, version %(version)s, with space to "
            "write the answers, for gathering them on paper before entering them online.",
            title=title,
            version=book.version,
        ),
        "pack": {
            "title": title,
            "description": book.description.get(language) if book.description else "",
            "id": book.id,
            "version": book.version,
            "hash": book.content_hash,
            "reference": f"{book.id} {book.version}",
        },
        "factors": [
            {
                "anchor": f"factor-{index}",
                "kicker": t.gettext("Factor %(number)s of %(total)s", number=index, total=total),
                "title": factor.title.get(language),
                "description": factor.description.get(language),
                "questions": [_question(q, book, numbers, t, language) for q in factor.questions],
            }
            for index, factor in enumerate(book.factors, start=1)
        ],
    }


def _question(q: Question, book: RuleBook, numbers: Mapping[str, str], t: Wording, lang: str) -> dict[str, Any]:
    kind = q.type
    how = ""
    if kind in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        how = t.gettext("Tick one.")
    elif kind is QuestionType.MULTIPLE:
        how = t.gettext("Tick all that apply.")
    options = [
        {
            "label": option.label.get(lang),
            # "None of these" must not be ticked with anything else; the web form enforces it, paper cannot.
            "note": t.gettext("(only on its own)") if kind is QuestionType.MULTIPLE and option.exclusive else "",
        }
        for option in q.options
    ]
    # Yes / Partly / No (and short labels like them) fit on one line; longer ones get a line each.
    inline = len(options) + q.dont_know + q.not_applicable <= INLINE_MAX_OPTIONS and all(
        len(o["label"]) <= INLINE_MAX_LABEL for o in options
    )
    text_lines = 0
    if kind is QuestionType.TEXT:
        text_lines = SHORT_TEXT_LINES if q.max_length <= SHORT_TEXT_LIMIT else LONG_TEXT_LINES
    return {
        "id": q.id,
        "number": numbers[q.id],
        "text": q.text.get(lang),
        "help": q.help.get(lang) if q.help else "",
        "type": kind.value,
        "how": how,
        "options": options,
        "inline": inline,
        "dont_know": q.dont_know,
        "not_applicable": q.not_applicable,
        "unit": q.unit.get(lang) if q.unit else "",
        "range": _number_range(q, t, lang) if kind is QuestionType.NUMBER else "",
        "text_lines": text_lines,
        "evidence": q.evidence,
        "evidence_hint": q.evidence_hint.get(lang)
        if q.evidence_hint
        else t.gettext("The document, law, contract or web page that supports the answer."),
        "evidence_hint_generic": q.evidence_hint is None,
        "evidence_lines": EVIDENCE_LINES,
        "skip": skip_note(q, book, numbers, t, lang),
    }


def _number_range(q: Question, t: Wording, lang: str) -> str:
    kind = t.gettext("A whole number") if q.integer else t.gettext("A number")
    if q.min is not None and q.max is not None:
        return t.gettext("%(kind)s from %(min)s to %(max)s", kind=kind, min=t.number(q.min), max=t.number(q.max))
    if q.min is not None:
        return t.gettext("%(kind)s, %(min)s or more", kind=kind, min=t.number(q.min))
    if q.max is not None:
        return t.gettext("%(kind)s, up to %(max)s", kind=kind, max=t.number(q.max))
    return kind


def skip_note(q: Question, book: RuleBook, numbers: Mapping[str, str], t: Wording, lang: str) -> str:
    """When a question with a show_if applies, in words; "" for a question that always applies.

    A condition on one question is described exactly ("Answer only if you answered “Yes” or
    “Partly” to question 3.1"): rather than parse the expression, we evaluate it for each answer
    that question can take, which stays right whatever way the pack author wrote it. Anything more
    complex names the questions it depends on.
    """
    condition = q.show_if
    if condition is None:
        return ""
    sources = [book.questions[qid] for qid in condition.question_ids if qid in book.questions]
    if not sources:
        return t.gettext("This question applies only in some cases.")
    if len(sources) == 1:
        source = sources[0]
        return _single_source_note(condition, source, numbers[source.id], t, lang) or t.gettext(
            "Whether this question applies depends on your answer to question %(number)s.", number=numbers[source.id]
        )
    listed = t.join([numbers[s.id] for s in sources])
    return t.gettext("Whether this question applies depends on your answers to questions %(numbers)s.", numbers=listed)


def _single_source_note(condition: Condition, source: Question, number: str, t: Wording, lang: str) -> str:
    """The exact note for a condition on one question's answer, or "" when it cannot be said simply."""
    kind = source.type
    if kind in (QuestionType.SINGLE, QuestionType.YES_PARTIAL_NO):
        holds = [o for o in source.options if condition.evaluate({source.id: o.value})]
        if not holds or len(holds) == len(source.options):
            return ""  # never or always once answered: a list of answers would mislead
        return t.gettext(
            "Answer only if you answered %(answers)s to question %(number)s.",
            answers=_or_list([o.label.get(lang) for o in holds], t),
            number=number,
        )
    if kind is QuestionType.MULTIPLE:
        return _multiple_note(condition, source, number, t, lang)
    if kind is QuestionType.NUMBER:
        return _number_note(condition, source, number, t, lang)
    return ""


def _multiple_note(condition: Condition, source: Question, number: str, t: Wording, lang: str) -> str:
    """The note "ticked A or B", when the condition holds exactly when any of some options is ticked."""
    if len(source.options) > MAX_PROBED_OPTIONS:
        return ""
    ticking = [o for o in source.options if condition.evaluate({source.id: (o.value,)})]
    if not ticking:
        return ""
    wanted = {o.value for o in ticking}
    # Every selection the web form accepts: any set of ordinary options, or one exclusive option alone.
    plain = [o.value for o in source.options if not o.exclusive]
    selections: list[tuple[str, ...]] = [(o.value,) for o in source.options if o.exclusive]
    for mask in range(1 << len(plain)):
        selections.append(tuple(v for i, v in enumerate(plain) if mask >> i & 1))
    for selection in selections:
        if condition.evaluate({source.id: selection}) != bool(wanted.intersection(selection)):
            return ""
    return t.gettext(
        "Answer only if you ticked %(answers)s in question %(number)s.",
        answers=_or_list([o.label.get(lang) for o in ticking], t),
        number=number,
    )


def _number_note(condition: Condition, source: Question, number: str, t: Wording, lang: str) -> str:
    """The note "is 1 or more", "is 5 or less" or "is between 2 and 4", for whole-number questions with a range."""
    low, high = source.min, source.max
    if not source.integer or low is None or high is None or high - low > MAX_PROBED_NUMBERS:
        return ""
    candidates = range(int(low), int(high) + 1)
    holds = [value for value in candidates if condition.evaluate({source.id: float(value)})]
    if not holds or len(holds) == len(candidates) or holds[-1] - holds[0] + 1 != len(holds):
        return ""  # never, always, or not one unbroken run of numbers
    first, last = holds[0], holds[-1]
    if last == candidates[-1]:
        return t.gettext(
            "Answer only if your answer to question %(number)s is %(value)s or more.",
            number=number,
            value=t.number(first),
        )
    if first == candidates[0]:
        return t.gettext(
            "Answer only if your answer to question %(number)s is %(value)s or less.",
            number=number,
            value=t.number(last),
        )
    return t.gettext(
        "Answer only if your answer to question %(number)s is between %(low)s and %(high)s.",
        number=number,
        low=t.number(first),
        high=t.number(last),
    )


def _or_list(labels: list[str], t: Wording) -> str:
    return t.join([t.quoted(label) for label in labels], style="or")


@lru_cache(maxsize=1)
def blank_template() -> Template:
    """The compiled blank questionnaire template (autoescaped, strict, like the report's)."""
    return template_environment().get_template(BLANK_TEMPLATE)


def render_blank_html(book: RuleBook, language: str) -> str:
    """The blank questionnaire's HTML; cheap (milliseconds)."""
    return blank_template().render(blank_context(book, language))


def render_blank_questionnaire(book: RuleBook, language: str, environment: PDFEnvironment | None = None) -> bytes:
    """The blank questionnaire of `book` in `language` as PDF bytes; UnknownLanguageError for a
    language the pack does not have. Takes seconds for the shipped pack: cache the result."""
    from weasyprint import HTML

    html = render_blank_html(book, language)
    env = environment or pdf_environment()
    with env.lock, cyclic_gc_paused():  # the shared FontConfiguration is not known to be safe across threads
        stylesheets = [env.stylesheet, env.asset_stylesheet(BLANK_STYLESHEET)]
        document = HTML(string=html, base_url=env.base_url, url_fetcher=env.fetcher)
        pdf: bytes = document.write_pdf(
            stylesheets=stylesheets,
            font_config=env.font_config,
            # Tagged (headings, lists, reading order) for screen readers. Not PDF/A like the report:
            # a blank form is printed, not archived, and carries no attachment.
            pdf_tags=True,
            presentational_hints=False,  # never: HTML attributes must not turn into CSS (CVE-2026-49452)
        )
    return pdf
