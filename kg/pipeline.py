"""The build, top to bottom like the stage diagram::

    read → normalize → articles → nlp → relations → graph → validate → export

:func:`run` is the library entry point the CLI calls; :func:`extract_source` is the
per-file part (everything up to relations), a pure function of one file's text that the
worker pool and the cache reuse.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .articles import MAX_ARTICLE_CHARS, chunk_article, merge_chunks, split_articles
from .records import ArticleResult, Problem, SourceDoc

__all__ = ["BuildOptions", "BuildReport", "FileResult", "extract_source", "run", "Extractor"]


@dataclass(slots=True)
class BuildOptions:
    """What ``jiyao build`` does; every field has the CLI's default."""

    inputs: list[Path]
    out: Path = Path("exports")
    manifest: Path | None = None
    segmenter: str = "pkuseg"
    validate: bool = True
    strict: bool = False
    max_bytes: int = 32 * 1024 * 1024
    progress: bool | None = None  # None: when stderr is a terminal
    formats: tuple[str, ...] = ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld")
    html: bool = True
    store: str | None = None  # oxigraph:DIR: also load the build into this persistent store


@dataclass(slots=True)
class FileResult:
    """What one input file gave: its articles' results and the surface forms of names."""

    source: str
    articles: list[ArticleResult]
    originals: dict[str, str] = field(default_factory=dict)  # simplified name -> name as written
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class BuildReport:
    files: int = 0
    articles: int = 0
    meetings: int = 0
    people: int = 0
    themes: int = 0
    triples: int = 0
    problems: list[Problem] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return any(p.fatal for p in self.problems)

    def summary(self) -> str:
        return (f"{self.files} files, {self.articles} articles, {self.meetings} meetings, {self.people} people, "
                f"{self.themes} themes, {self.triples} triples, {len(self.problems)} warnings "
                f"({self.seconds:.1f} s)")


class Extractor:
    """Holds the loaded pipeline; :meth:`extract` runs one file through NLP and relations."""

    chunk_chars: int = MAX_ARTICLE_CHARS  # longer articles go through NLP in sentence-aligned chunks

    def __init__(self, segmenter: str = "pkuseg", selective: bool = True) -> None:
        from .nlp import load_pipeline
        from .nlp.selective import SelectiveSegmenter
        from .nlp.lexicons import load_lexicons
        from .nlp.meetings import MeetingFinder
        from .nlp.themes import ThemeFinder
        from .relations import RelationExtractor

        self.nlp = load_pipeline(segmenter)
        # pkuseg's model only on the pieces whose boundaries the people rules consult: the
        # same results as a full segmentation at a fraction of the cost (kg/nlp/selective.py)
        self.make_doc = SelectiveSegmenter(self.nlp) if segmenter == "pkuseg" and selective else self.nlp.make_doc
        lex = load_lexicons()
        self.relations = RelationExtractor(lex, MeetingFinder(lex), ThemeFinder(lex))

    def extract(self, doc: SourceDoc) -> FileResult:
        from .normalize import normalize

        norm = normalize(doc.text, doc.published, doc.publisher)
        whole = split_articles(doc, norm)
        articles = [c for a in whole for c in chunk_article(a, self.chunk_chars)]
        docs = list(self.nlp.pipe(self.make_doc(a.body) for a in articles))
        # names met with a title anywhere in the file: their bare repeats count in every article
        known = {p.name for d in docs for p in d._.jy_people if p.how != "bare"}
        people = self.nlp.get_pipe("jy_people")
        results = []
        originals: dict[str, str] = {}
        for a, d in zip(articles, docs):
            if known - {p.name for p in d._.jy_people}:
                people.refind(d, known)
            res = self.relations.extract(a, d._.jy_people, d._.jy_meetings, d._.jy_dates,
                                         lambda s, e: norm.offsets.span(s, e), source=doc.text)
            results.append(res)
            if norm.script == "traditional":
                for p in d._.jy_people:
                    s, e = norm.offsets.span(a.body_start + p.start, a.body_start + p.end)
                    originals.setdefault(p.name, doc.text[s:e])
        problems = [] if whole else [Problem(doc.name, "no report text (only web-page furniture or markup)",
                                             fatal=False)]
        return FileResult(doc.name, merge_chunks(whole, results), originals, problems)


def extract_source(doc: SourceDoc, segmenter: str = "pkuseg") -> FileResult:
    """Extract one decoded file (loads the pipeline on first use in this process)."""
    return _extractor(segmenter).extract(doc)


_EXTRACTORS: dict[str, Extractor] = {}


def _extractor(segmenter: str) -> Extractor:
    if segmenter not in _EXTRACTORS:
        _EXTRACTORS[segmenter] = Extractor(segmenter)
    return _EXTRACTORS[segmenter]


def _progress(items: list[Path], enabled: bool | None) -> Iterator[Path]:
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show or len(items) < 2:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc="jiyao", unit="file", file=sys.stderr)


def run(options: BuildOptions) -> BuildReport:
    """Build the graph and exports for ``options.inputs``; problems are reported, not raised."""
    from .export import write_all
    from .graph import build_dataset, union_graph
    from .reading import discover, read_manifest, read_source, ReadError
    from .validate import validate

    t0 = time.perf_counter()
    report = BuildReport()
    files, problems = discover(options.inputs)
    report.problems.extend(problems)
    manifest = read_manifest(options.manifest) if options.manifest else None

    results: list[ArticleResult] = []
    originals: dict[str, dict[str, str]] = {}
    for path in _progress(files, options.progress):
        try:
            doc = read_source(path, manifest, options.max_bytes)
        except ReadError as e:
            report.problems.append(Problem(path.name, str(e)))
            continue
        try:
            fr = extract_source(doc, options.segmenter)
        except Exception as e:  # noqa: BLE001 - one bad file never sinks the batch
            report.problems.append(Problem(path.name, f"extraction failed: {type(e).__name__}: {e}"))
            continue
        report.files += 1
        report.problems.extend(fr.problems)
        results.extend(fr.articles)
        originals[fr.source] = fr.originals

    if report.failed and (options.strict or report.files == 0):
        # --strict, or no file readable: keep the previous exports rather than write a partial graph
        report.seconds = time.perf_counter() - t0
        return report
    ds = build_dataset(results, originals)
    union = union_graph(ds)
    if options.validate:
        validate(union)
    report.outputs = write_all(ds, union, options.out, options.formats, store=options.store)
    if options.html:
        try:
            from .viz import write_html
        except ImportError:
            pass
        else:
            report.outputs.append(write_html(union, options.out / "graph.html"))
    report.articles = len(results)
    report.meetings = sum(len(r.meetings) for r in results)
    report.people = len({p for r in results for p in r.people})
    report.themes = len({rel.value for r in results for rel in r.relations if rel.role == "emphasizes"})
    report.triples = len(union)
    report.seconds = time.perf_counter() - t0
    return report


