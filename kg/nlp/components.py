"""The project's spaCy components: thin wrappers that run the rule engines on a Doc.

Each registers a factory ``jy_…``; lexicons are loaded in ``initialize()`` (data files under
``kg/nlp/data`` and ``ontology/themes.ttl``), never at import. Results are stored on the Doc
as extension attributes (records with character offsets) and mirrored in ``doc.spans`` for
display with displaCy.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from .dates import find_dates
from .lexicons import load_lexicons
from .meetings import MeetingFinder
from .people import PeopleFinder
from .themes import ThemeFinder

__all__ = ["PeopleComponent", "MeetingsComponent", "DatesComponent", "ThemesComponent"]

# jy_titled: the people rules' first step (PeopleFinder.find_titled), kept so that a refind
# with more known names redoes only the bare repeats; the selective segmenter, which ran
# that step on boundaries equal to the Doc's wherever it looked, leaves it here
for _ext in ("jy_people", "jy_meetings", "jy_dates", "jy_themes", "jy_known", "jy_titled"):
    if not Doc.has_extension(_ext):
        Doc.set_extension(_ext, default=None)


_TEXT = "jy_text"  # the Doc.user_data key of its cached text


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy joins every token's text on each access)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> None:
    """Give :func:`doc_text` the text ``doc`` was made from (its tokenizer knows it already)."""
    doc.user_data[_TEXT] = text


def _mirror(doc: Doc, key: str, items: Iterable[tuple[int, int, str]]) -> None:
    spans = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans


class _Component:
    def __init__(self, name: str, data_dir: str, themes_path: str) -> None:
        self.name = name
        self.data_dir = data_dir
        self.themes_path = themes_path
        self.engine = None

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:  # noqa: ANN001
        self.engine = self._build(load_lexicons(self.data_dir, self.themes_path))

    def _engine(self):  # noqa: ANN202
        if self.engine is None:
            self.initialize()
        return self.engine

    def _build(self, lex):  # noqa: ANN001, ANN202
        raise NotImplementedError


class PeopleComponent(_Component):
    """Person mentions → ``doc._.jy_people`` (``Mention`` list) and ``doc.spans["jy_people"]``."""

    def _build(self, lex):  # noqa: ANN001, ANN202
        return PeopleFinder(lex)

    def __call__(self, doc: Doc) -> Doc:
        return self.refind(doc, doc._.jy_known or ())

    def refind(self, doc: Doc, known: Iterable[str]) -> Doc:
        """Run again with names known from elsewhere in the file (bare repeats of them count)."""
        engine, text = self._engine(), doc_text(doc)
        if doc._.jy_titled is None:
            boundaries = set(doc.to_array("IDX").tolist()) | {len(text)}
            doc._.jy_titled = engine.find_titled(text, boundaries)
        people = engine.with_repeats(text, doc._.jy_titled, known)
        doc._.jy_people = people
        _mirror(doc, "jy_people", ((p.start, p.end, "PERSON") for p in people))
        return doc


class MeetingsComponent(_Component):
    """Meeting names → ``doc._.jy_meetings`` and ``doc.spans["jy_meetings"]``."""

    def _build(self, lex):  # noqa: ANN001, ANN202
        return MeetingFinder(lex)

    def __call__(self, doc: Doc) -> Doc:
        meetings = self._engine().find(doc_text(doc))
        doc._.jy_meetings = meetings
        _mirror(doc, "jy_meetings", ((m.start, m.end, "MEETING") for m in meetings))
        return doc


class DatesComponent(_Component):
    """Date expressions → ``doc._.jy_dates`` and ``doc.spans["jy_dates"]``."""

    def _build(self, lex):  # noqa: ANN001, ANN202
        return find_dates

    def __call__(self, doc: Doc) -> Doc:
        dates = self._engine()(doc_text(doc))
        doc._.jy_dates = dates
        _mirror(doc, "jy_dates", ((d.start, d.end, "DATE") for d in dates))
        return doc


class ThemesComponent(_Component):
    """Theme-scheme labels → ``doc._.jy_themes`` and ``doc.spans["jy_themes"]``."""

    def _build(self, lex):  # noqa: ANN001, ANN202
        return ThemeFinder(lex)

    def __call__(self, doc: Doc) -> Doc:
        hits = self._engine().find(doc_text(doc))
        doc._.jy_themes = hits
        _mirror(doc, "jy_themes", ((h.start, h.end, "THEME") for h in hits))
        return doc


_CONFIG = {"data_dir": "", "themes_path": ""}
_ASSIGNS = {"jy_people": "doc._.jy_people", "jy_meetings": "doc._.jy_meetings", "jy_dates": "doc._.jy_dates",
            "jy_themes": "doc._.jy_themes"}


@Language.factory("jy_people", default_config=_CONFIG, requires=["token.idx"], assigns=[_ASSIGNS["jy_people"]])
def make_people(nlp: Language, name: str, data_dir: str, themes_path: str) -> PeopleComponent:
    return PeopleComponent(name, data_dir, themes_path)


@Language.factory("jy_meetings", default_config=_CONFIG, assigns=[_ASSIGNS["jy_meetings"]])
def make_meetings(nlp: Language, name: str, data_dir: str, themes_path: str) -> MeetingsComponent:
    return MeetingsComponent(name, data_dir, themes_path)


@Language.factory("jy_dates", default_config=_CONFIG, assigns=[_ASSIGNS["jy_dates"]])
def make_dates(nlp: Language, name: str, data_dir: str, themes_path: str) -> DatesComponent:
    return DatesComponent(name, data_dir, themes_path)


@Language.factory("jy_themes", default_config=_CONFIG, assigns=[_ASSIGNS["jy_themes"]])
def make_themes(nlp: Language, name: str, data_dir: str, themes_path: str) -> ThemesComponent:
    return ThemesComponent(name, data_dir, themes_path)
