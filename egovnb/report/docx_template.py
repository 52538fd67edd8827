"""A province's own Word template for the draft decision (``decision_draft.template``), filled with docxtpl.

The template is a .docx a person edits in Word: the province's letterhead and fixed wording,
with Jinja tags (``{{ number }}``, ``{%p for line in bases %}`` …) where egovnb puts what the
params give. Its variables (:func:`template_context`):

- ``authority`` ("ỦY BAN NHÂN DÂN"), ``authority_place`` ("TỈNH THỪA THIÊN HUẾ"), ``issuer``
  (both on one line), ``province``, ``year``, ``title`` (the params' title);
- ``number`` ("Số: 3402/QĐ-UBND"), ``number_only`` ("3402/QĐ-UBND"), ``place_date``
  ("Thừa Thiên Huế, ngày 31 tháng 12 năm 2020"), ``summary``;
- ``bases`` (list, each "Căn cứ …;"), ``proposal`` ("Theo đề nghị của ….");
- ``article_1`` (approving the results, with ", gồm:" when there are several annexes),
  ``annexes`` (list of "Phụ lục I: …;" lines for Điều 1), ``article_2``, ``article_3``;
- ``on_behalf``, ``signer_title``, ``signer_subtitle``, ``signer_name``, ``recipients`` (list);
- ``annex_tables``: one entry per annex with ``number``, ``title``, ``title_upper``,
  ``along_with``, ``headers`` (list) and ``rows`` (list of lists of printed cells), for a
  template that lays out its own annex tables;
- ``illustrative`` (true when the data are illustrative) and ``illustrative_note``.

Anything the params do not give is a visible blank (``…``). A tag the template uses that is
not one of these is refused with its name (a misspelt tag would otherwise print nothing).
egovnb appends the built-in annexes after the template's text, each in a section of its own,
unless the template has a paragraph ``[[no-annexes]]`` (removed): a template that lays out
``annex_tables`` itself. ``tools/make_decision_template.py`` builds the example,
``params/templates/quyet-dinh.docx``.
"""

from __future__ import annotations

from pathlib import Path

from egovnb.core.errors import EgovnbError
from egovnb.report import decision_text as words
from egovnb.report.decision_text import decision_lines
from egovnb.report.labels import ANNEX, phrase

NO_ANNEXES = "[[no-annexes]]"


def template_context(assessment) -> dict:
    """The variables a template receives (see the module's doc)."""
    from egovnb.report.docx_annex import annex_parts

    params = assessment.params
    parts = annex_parts(assessment)
    context = decision_lines(params, [f"{p.number}: {p.title}" for p in parts])
    context.update(
        province=params.province, year=params.year, title=params.title,
        number_only=words.number_text(words.decision_ref(params)),
        annex_tables=[{"number": p.number, "title": p.title, "title_upper": p.title.upper(),
                       "along_with": words.along_with(params),
                       "headers": [c.header for c in p.model.view(decision=True)],
                       "rows": [list(row) for row in zip(*(c.cells for c in p.model.view(decision=True)))]}
                      for p in parts],
        illustrative=params.illustrative,
        illustrative_note=phrase(ANNEX, "illustrative") if params.illustrative else "",
    )
    return context


def fill_template(assessment, template: Path):
    """The template filled (a python-docx ``Document``), the built-in annexes appended unless
    the template says ``[[no-annexes]]``. Raises EgovnbError naming the template and what is
    wrong with it (not a Word file, a Jinja error, a tag egovnb does not give)."""
    import jinja2
    from docxtpl import DocxTemplate

    from egovnb.report.docx_annex import add_annexes, annex_parts

    shown = str(template)
    try:
        document = DocxTemplate(str(template))
        # Escaped: a unit named "Sở A & B" is text in the document, not XML.
        environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
        document.render(template_context(assessment), jinja_env=environment, autoescape=True)
    except jinja2.UndefinedError as error:
        raise EgovnbError(f"{shown}: the template uses a tag egovnb does not give ({error.message}); "
                          f"see the README for the template's variables") from None
    except jinja2.TemplateError as error:
        line = f" (line {error.lineno})" if getattr(error, "lineno", None) else ""
        raise EgovnbError(f"{shown}: the template's tags are not valid Jinja{line}: {error}") from None
    except Exception as error:  # not a .docx, a damaged zip, a part python-docx cannot read
        raise EgovnbError(f"{shown}: cannot be read as a Word template: {type(error).__name__}: {error}") from None
    docx = document.docx
    marked = [p for p in docx.paragraphs if NO_ANNEXES in p.text]
    for paragraph in marked:
        paragraph._p.getparent().remove(paragraph._p)
    if not marked:
        add_annexes(docx, assessment, annex_parts(assessment), own_numbering=False)
    return docx
