"""Records passed between the stages: small dataclasses, no rdflib terms.

Offsets: every span a stage produces is in characters of the *normalized* text it worked
on; :class:`OffsetMap` turns them back into characters of the decoded source file, so a
user can be shown the evidence exactly as it was written.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "OffsetMap",
    "SourceDoc",
    "Normalized",
    "Article",
    "Mention",
    "Meeting",
    "Relation",
    "Evidence",
    "ArticleResult",
    "Statements",
    "Problem",
    "Role",
]

Role = Literal["chair", "speaker", "participant", "organizer", "emphasizes", "candidateTheme", "continues"]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps positions of a derived text to positions of the text it came from.

    ``origin[i]`` is the source position of derived character ``i``; one extra entry
    holds the source length so that end offsets map too.
    """

    origin: tuple[int, ...]

    @classmethod
    def identity(cls, n: int) -> OffsetMap:
        return cls(tuple(range(n + 1)))

    def __len__(self) -> int:
        return len(self.origin) - 1

    def start(self, i: int) -> int:
        """Source position of derived start offset ``i``."""
        return self.origin[max(0, min(i, len(self.origin) - 1))]

    def end(self, i: int) -> int:
        """Source position just after derived character ``i - 1``."""
        if i <= 0:
            return self.origin[0]
        i = min(i, len(self.origin) - 1)
        # the character before i ends one past its own origin
        return self.origin[i - 1] + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), max(self.start(start), self.end(end))

    def then(self, later: OffsetMap) -> OffsetMap:
        """Compose: ``later`` maps a text derived from the one this map describes."""
        return OffsetMap(tuple(self.origin[min(j, len(self.origin) - 1)] for j in later.origin))

    def derived(self, source_pos: int) -> int:
        """The first derived position at or after ``source_pos`` (inverse, for tests and UIs)."""
        return bisect.bisect_left(self.origin, source_pos)


@dataclass(slots=True)
class SourceDoc:
    """A decoded input file."""

    path: str
    name: str  # base name: jy:sourceFile
    text: str
    encoding: str
    url: str | None = None
    published: date | None = None
    publisher: str | None = None


@dataclass(slots=True)
class Normalized:
    """A file's text after normalization, with the map back to the decoded source."""

    text: str
    offsets: OffsetMap
    script: Literal["simplified", "traditional"] = "simplified"
    published: date | None = None
    publisher: str | None = None
    headline: str | None = None  # from a web page's title block
    byline: str | None = None  # the writers a web page's metadata names (作者：记者 某某)


@dataclass(slots=True)
class Article:
    """One news article of a file."""

    id: str  # "<file name>#<index>"
    source_file: str
    index: int
    body: str  # normalized text of the body
    body_start: int  # offset of body in the file's normalized text
    headline: str | None = None
    reporters: list[str] = field(default_factory=list)
    published: date | None = None
    publisher: str | None = None
    url: str | None = None


@dataclass(slots=True)
class Mention:
    """A person named in an article body: ``start``/``end`` cover the name, ``title_start`` its title.

    Offsets are into ``Article.body``. ``how`` says how the name was recognized: after a title
    (``titled``), in a list under a group label (``list``), with its title after it (``after``),
    as a bare repeat of a name met before (``bare``), or by family name and title (``ref``:
    嵇书记 for a 县委书记嵇某某 met before; ``name`` is then the full name, not the text).
    """

    name: str
    start: int
    end: int
    title_start: int
    posts: tuple[str, ...] = ()
    how: Literal["titled", "list", "after", "bare", "ref"] = "titled"
    mention_only: bool = False  # named, not present (学习贯彻…精神)


@dataclass(slots=True)
class Evidence:
    """Where a fact was read: the article, the sentence, and offsets into the source file."""

    article_id: str
    source_file: str
    sentence: str
    start: int
    end: int


@dataclass(slots=True)
class Meeting:
    """A meeting or other official event reported in an article."""

    key: str  # unique within the article
    name: str
    kind: str  # local name of a jyk: concept
    article_id: str
    evidence: Evidence
    date: str | None = None  # "YYYY-MM-DD" or "--MM-DD"
    date_derivation: str | None = None
    ordinal: int | None = None
    location: str | None = None
    organizers: list[str] = field(default_factory=list)
    continues: str | None = None  # key of the meeting a 续会 continues


@dataclass(slots=True)
class Relation:
    """One extracted fact about a meeting, with its evidence."""

    meeting: str  # Meeting.key
    role: Role
    value: str  # person name, organization name, theme label or meeting key
    evidence: Evidence


@dataclass(slots=True)
class Statements:
    """An article's statements (N-Triples term text: subject, predicate, object, graph), built
    where the article was extracted (:func:`kg.graph.attach_statements`) on the assumption that
    each person's key is the name itself. The graph stage takes them as they are unless one of
    ``names`` turns out to be shared by people of several jurisdictions in the build.
    """

    rows: list[tuple[str, str, str, str]]
    # single-seat post holdings, in order: ((post, date, paper), (holding, person, graph))
    seats: list[tuple[tuple[str, str, str], tuple[str, str, str]]]
    names: frozenset[str]  # every person name the statements were keyed on


@dataclass(slots=True)
class ArticleResult:
    """Everything extracted from one article."""

    article: Article
    people: dict[str, tuple[str, ...]]  # name -> posts, in order of first mention
    mentioned_only: set[str]
    organizations: list[str]
    meetings: list[Meeting]
    relations: list[Relation]
    person_evidence: dict[str, Evidence] = field(default_factory=dict)
    discovered_themes: list[str] = field(default_factory=list)
    # the article's statements when its extraction built them (a worker, for the graph stage)
    statements: Statements | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that could not be (fully) processed: reported, never fatal to the batch."""

    file: str
    reason: str
    fatal: bool = True  # the file's triples are missing from the graph

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"
