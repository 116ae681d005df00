"""The build, top to bottom like the stage diagram::

    read → normalize → articles → nlp → relations → graph → validate → export

:func:`run` is the library entry point the CLI calls; :func:`extract_source` is the
per-file part (everything up to relations), a pure function of one file's text that the
worker pool and the cache reuse.

Scale (docs/scale.md): files are read one at a time and handed to an executor — in this
process, a pool of ``workers`` processes sharing one loaded model (forked from a server
process that loaded it, or after this process loaded it), or a Dask cluster
(``scheduler``) — in batches of about :data:`BATCH_CHARS` characters, with a bounded number
in flight; results come back in input order, so every executor gives byte-identical exports.
The executor also builds each article's statements (:func:`kg.graph.attach_statements`), the
graph stage's share of the work that runs in parallel. Only the small per-article records
are kept (article bodies dropped), and each file's records are stored in a content-hash cache
(``<out>/.jiyao-cache``) so a rebuild re-extracts only changed files. The graph stage of a
large build checks and writes without an rdflib store, in parallel jobs (docs/graph-scale.md).
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .articles import MAX_ARTICLE_CHARS, chunk_article, merge_chunks, split_articles
from .records import ArticleResult, Problem, SourceDoc

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

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
    workers: int = 1  # extraction processes (forked after the model is loaded)
    cache: bool = True  # reuse per-file results from <out>/.jiyao-cache
    scheduler: str | None = None  # a Dask scheduler address: extract on that cluster instead
    fast: bool | None = None  # the large-build graph stage (kg/fastgraph.py); None: from LARGE_GRAPH statements on
    graph_workers: int | None = None  # processes for SHACL and the export writers; None: as many as workers
    stream: bool = False  # memory that does not grow with the corpus: graph.nq and the store only (kg/stream.py)


@dataclass(slots=True)
class FileResult:
    """What one input file gave: its articles' results and the surface forms of names."""

    source: str
    articles: list[ArticleResult]
    originals: dict[str, str] = field(default_factory=dict)  # simplified name -> name as written
    problems: list[Problem] = field(default_factory=list)
    peak_rss_mb: float = 0.0  # of the process that extracted it (so far)
    cpu_seconds: float = 0.0  # CPU time its extraction took (the extracting thread's)


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory in MB of this process (or of its reaped children), from ``ru_maxrss``."""
    import resource

    scale = 1024 if sys.platform == "darwin" else 1  # ru_maxrss: KiB on Linux, bytes on macOS
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024 / scale, 1)


@dataclass(slots=True)
class BuildReport:
    files: int = 0
    articles: int = 0
    meetings: int = 0
    people: int = 0
    themes: int = 0
    triples: int = 0  # distinct triples; of a streamed build, the statements of graph.nq (quads)
    streamed: bool = False
    problems: list[Problem] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0  # characters of decoded input extracted or taken from the cache
    cached: int = 0  # files whose results came from the cache
    load_seconds: float = 0.0  # loading the NLP pipeline (in this process)
    extract_seconds: float = 0.0  # reading + extraction, model load excluded
    graph_seconds: float = 0.0  # dataset, union, validation
    export_seconds: float = 0.0
    worker_rss_mb: float = 0.0  # peak RSS of the extraction processes (this one if it extracted)
    extract_cpu_seconds: float = 0.0  # CPU time of the extractions, summed over the files extracted
    main_cpu_seconds: float = 0.0  # this process's CPU time while extracting (reading, results, the pool's threads)
    index_seconds: float = 0.0  # a large build's index, built before its jobs (part of export_seconds)
    export_cpu_seconds: float = 0.0  # a large build's jobs' CPU time, summed over the jobs
    export_sys_seconds: float = 0.0  # the system's part of export_cpu_seconds
    export_page_faults: int = 0  # the jobs' page faults, summed (forked jobs copy each shared page they write)

    def counted(self, results: Iterable[ArticleResult]) -> Iterator[ArticleResult]:
        """``results``, passed through and counted: articles and meetings as they pass, distinct
        people and themes once they are all through (a streamed build counts while it writes)."""
        people: set[str] = set()
        themes: set[str] = set()
        for r in results:
            self.articles += 1
            self.meetings += len(r.meetings)
            people.update(r.people)
            themes.update(rel.value for rel in r.relations if rel.role == "emphasizes")
            yield r
        self.people, self.themes = len(people), len(themes)

    @property
    def failed(self) -> bool:
        return any(p.fatal for p in self.problems)

    def summary(self) -> str:
        return (f"{self.files} files, {self.articles} articles, {self.meetings} meetings, {self.people} people, "
                f"{self.themes} themes, {self.triples} {'quads' if self.streamed else 'triples'}, "
                f"{len(self.problems)} warnings "
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
        # the relations read each sentence's themes themselves: the Doc-level theme spans are for display
        docs = list(self.nlp.pipe((self.make_doc(a.body) for a in articles), disable=["jy_themes"]))
        # names met with a title anywhere in the file: their bare repeats count in every article
        known = {p.name for d in docs for p in d._.jy_people if p.how not in ("bare", "ref")}
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
                    if p.how == "ref":
                        continue  # (嵇書記 spells no name)
                    s, e = norm.offsets.span(a.body_start + p.start, a.body_start + p.end)
                    originals.setdefault(p.name, doc.text[s:e])
        problems = [] if whole else [Problem(doc.name, "no report text (only web-page furniture or markup)",
                                             fatal=False)]
        return FileResult(doc.name, merge_chunks(whole, results), originals, problems)


def extract_source(doc: SourceDoc, segmenter: str = "pkuseg") -> FileResult:
    """Extract one decoded file (loads the pipeline on first use in this process)."""
    return _extractor(segmenter).extract(doc)


_EXTRACTORS: dict[str, Extractor] = {}


_LOAD_LOCK = threading.Lock()


def _extractor(segmenter: str) -> Extractor:
    # a lock: Dask workers may run several tasks in threads of one process
    with _LOAD_LOCK:
        if segmenter not in _EXTRACTORS:
            _EXTRACTORS[segmenter] = Extractor(segmenter)
        return _EXTRACTORS[segmenter]


def extract_task(doc: SourceDoc, segmenter: str = "pkuseg") -> FileResult | Problem:
    """What a worker runs for one file: its result with its articles' statements built
    (:func:`kg.graph.attach_statements`) and their bodies dropped, or the Problem.

    Bodies are not read after extraction (the graph is built from the records), and dropping
    them keeps what a build holds per article small.
    """
    from .graph import attach_statements

    try:
        with _EXTRACT_LOCK:
            cpu = time.thread_time()
            fr = extract_source(doc, segmenter)
            # the file's part of the graph stage, here, where it runs in parallel
            attach_statements(fr.articles, fr.originals)
            fr.cpu_seconds = time.thread_time() - cpu
    except Exception as e:  # noqa: BLE001 - one bad file never sinks the batch
        return Problem(doc.name, f"extraction failed: {type(e).__name__}: {e}")
    for r in fr.articles:
        r.article.body = ""
    fr.peak_rss_mb = peak_rss_mb()
    return fr


_EXTRACT_LOCK = threading.Lock()  # one extraction at a time per process (the pipeline is not shared-safe)

Handle = Callable[[], "list[FileResult | Problem]"]

# inputs of this many bytes or more are extracted in worker processes even with one worker
SEPARATE_EXTRACTION_BYTES = 3_000_000
# files go to a worker in batches of about this many characters (one file if it is larger): a
# task per file cost this process ≈ 0.6 ms of CPU per file (the executor's threads waking to
# pickle, queue and unpickle), taken from the workers on a 2-core machine
BATCH_CHARS = 32_000
BATCH_FILES = 64


def extract_batch(task: Callable[[SourceDoc, str], FileResult | Problem], docs: list[SourceDoc],
                  segmenter: str) -> list[FileResult | Problem]:
    """Run ``task`` on each of ``docs`` in turn (one task of the pool for several small files)."""
    return [task(doc, segmenter) for doc in docs]


_Item = tuple[SourceDoc, "str | None"]  # a file and its cache key


def _ordered(items: Iterable[tuple[Path, SourceDoc, str | None]],
             submit: Callable[[list[SourceDoc]], Handle], cache: object | None, window: int,
             batch_chars: int = 0) -> Iterator[tuple[SourceDoc, str | None, FileResult | Problem, bool]]:
    """Submit files in batches of up to ``batch_chars`` characters (one file each if 0), with at
    most ``window`` batches in flight; yield ``(doc, key, result, cached)`` in input order."""
    pending: deque[tuple[list[_Item], Handle, bool]] = deque()
    batch: list[_Item] = []
    chars = 0

    def send() -> None:
        nonlocal batch, chars
        if batch:
            pending.append((batch, submit([doc for doc, _ in batch]), False))
            batch, chars = [], 0

    def ready() -> Iterator[tuple[SourceDoc, str | None, FileResult | Problem, bool]]:
        items, handle, cached = pending.popleft()
        for (doc, key), result in zip(items, handle()):
            yield doc, key, result, cached

    for _path, doc, key in items:
        hit = cache.get(key) if cache is not None and key is not None else None  # type: ignore[attr-defined]
        if hit is not None:
            send()  # the files before it keep their place
            pending.append(([(doc, key)], (lambda h=hit: [h]), True))
        else:
            batch.append((doc, key))
            chars += len(doc.text)
            if chars >= batch_chars or len(batch) >= BATCH_FILES:
                send()
        while len(pending) >= window or (pending and pending[0][2]):
            yield from ready()
    send()
    while pending:
        yield from ready()


class _Executor:
    """Runs :func:`extract_task` here, in a pool of worker processes, or on a Dask cluster.

    The model is loaded (or the pool started) on the first file that needs extracting, so a
    rebuild whose files all come from the cache never loads it; ``load_seconds`` is that cost.
    The pool is a :class:`concurrent.futures.ProcessPoolExecutor`: ``multiprocessing.Pool``'s
    worker-handler thread wakes on every result and polls each worker, which cost this process
    ≈ 1 s of CPU per 2 M chars, taken from the workers on a 2-core machine; and a worker that dies
    (killed, out of memory, a crash in native code) there leaves its task waiting for ever, where
    here it breaks the pool, which :meth:`_result` replaces (see there).
    """

    task: Callable[[SourceDoc, str], FileResult | Problem] = staticmethod(extract_task)  # type: ignore[assignment]

    def __init__(self, options: BuildOptions, files: int, input_bytes: int = 0,
                 while_loading: Callable[[], None] | None = None) -> None:
        self.segmenter = options.segmenter
        # work of this process's own to do while a pool's model loads (once; see _new_pool)
        self._while_loading = while_loading
        self.pool: ProcessPoolExecutor | None = None
        self.client = None
        self.load_seconds = 0.0
        self._started = False
        self._context: object | None = None
        self.workers = max(1, min(options.workers, files))
        # inputs this large are extracted in a worker process even with one worker, so the model
        # (in the workers) and the graph (here) are never in one process's memory
        self.separate = input_bytes >= SEPARATE_EXTRACTION_BYTES
        if options.scheduler:
            from .distributed import connect

            self.client = connect(options.scheduler)
        # batches in flight, and their size; in this process, one file at a time (a batch would
        # only hold files longer in memory)
        if self.in_process:
            self.window, self.batch_chars = 2, 0
        else:
            slots = _cluster_threads(self.client) if self.client is not None else self.workers
            self.window, self.batch_chars = max(4, 4 * slots), BATCH_CHARS

    @property
    def in_process(self) -> bool:
        """Whether files are extracted in this process."""
        return self.client is None and self.workers <= 1 and not self.separate

    def _start(self) -> None:
        import multiprocessing as mp

        self._started = True
        t = time.perf_counter()
        if (self.workers > 1 or self.separate) and "forkserver" in mp.get_all_start_methods():
            # workers forked from a server that loaded the model: they share it, and this process
            # (which builds the graph) never holds it
            self._context = mp.get_context("forkserver")
            self._context.set_forkserver_preload(["kg._preload"])  # type: ignore[attr-defined]
        else:
            _extractor(self.segmenter)  # load before forking: the workers share the model's memory
            if self.workers > 1:
                self._context = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
                gc.freeze()  # the workers' collections never walk (so never copy) the model's objects
        if self._context is not None:
            self._new_pool()
        self.load_seconds = time.perf_counter() - t

    def _new_pool(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        # gc.enable: a worker forked from this process would inherit the collector paused
        self.pool = ProcessPoolExecutor(self.workers, mp_context=self._context,  # type: ignore[arg-type]
                                        initializer=gc.enable)
        # the workers start (after the model is loaded) before the first file is timed
        readies = [self.pool.submit(_ready) for _ in range(self.workers)]
        if self._while_loading is not None:  # meanwhile, on the other core
            self._while_loading, prepare = None, self._while_loading
            prepare()
        for ready in readies:
            ready.result()

    def _submit(self, docs: list[SourceDoc]) -> tuple[ProcessPoolExecutor, Future]:
        from concurrent.futures.process import BrokenProcessPool

        pool = self.pool
        assert pool is not None
        try:
            return pool, pool.submit(extract_batch, self.task, docs, self.segmenter)
        except BrokenProcessPool:  # broken by a file before these, whose result is not read yet
            self._renew(pool)
            return self._submit(docs)

    def _renew(self, broken: ProcessPoolExecutor) -> None:
        """Replace the pool ``broken`` (once, however many of its files notice)."""
        if self.pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self._new_pool()

    def _result(self, pool: ProcessPoolExecutor, future: Future, docs: list[SourceDoc]) -> list[FileResult | Problem]:
        """The files' results. When a worker dies, every file in flight on its pool loses its
        result: the pool is replaced and each of them is tried again alone, in a process of its
        own, so only a file that kills a worker again is reported (as a :class:`Problem`) and
        the build goes on."""
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool:
            self._renew(pool)
        results: list[FileResult | Problem] = []
        for doc in docs:
            with ProcessPoolExecutor(1, mp_context=self._context, initializer=gc.enable) as alone:  # type: ignore[arg-type]
                try:
                    results.append(alone.submit(self.task, doc, self.segmenter).result())
                except BrokenProcessPool:
                    results.append(Problem(doc.name, "extraction failed: the worker process died on this "
                                                     "file (killed, out of memory, or a crash in native code)"))
        return results

    def submit(self, docs: list[SourceDoc]) -> Handle:
        """Start extracting ``docs`` (a batch); the handle returns their results in order."""
        if self.client is not None:
            return self.client.submit(extract_batch, self.task, docs, self.segmenter, pure=False).result
        if not self._started:
            self._start()
        if self.pool is not None:
            pool, future = self._submit(docs)
            return lambda: self._result(pool, future, docs)
        return lambda: extract_batch(self.task, docs, self.segmenter)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
        if self.client is not None:
            self.client.close()


def _ready() -> None:
    """A no-op task: returns once a worker is up."""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when it is read


def _cluster_threads(client: object) -> int:
    try:
        return sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - only sizes the window
        return 1


def _progress(total: int, enabled: bool | None):  # noqa: ANN202 - a tqdm bar or None
    show = sys.stderr.isatty() if enabled is None else enabled
    if not show or total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc="jiyao", unit="file", file=sys.stderr)


def run(options: BuildOptions) -> BuildReport:
    """Build the graph and exports for ``options.inputs``; problems are reported, not raised."""
    from .reading import discover, read_manifest, read_source, ReadError
    from .stream import Spool, write_stream

    t0 = time.perf_counter()
    report = BuildReport()
    files, problems = discover(options.inputs)
    report.problems.extend(problems)
    manifest = read_manifest(options.manifest) if options.manifest else None

    results: list[ArticleResult] = []
    originals: dict[str, dict[str, str]] = {}
    cache = None
    if options.cache:
        from .cache import CACHE_DIR, ResultCache, doc_key

        cache = ResultCache(options.out / CACHE_DIR)

    def sources() -> Iterator[tuple[Path, SourceDoc, str | None]]:
        # one file at a time: only the files in flight are held in memory
        for path in files:
            try:
                doc = read_source(path, manifest, options.max_bytes)
            except ReadError as e:
                report.problems.append(Problem(path.name, str(e)))
                continue
            report.chars += len(doc.text)
            yield path, doc, (doc_key(doc, options.segmenter) if cache is not None else None)

    with ExitStack() as cleanup:
        # a streamed build spools the records to disk instead of holding them in ``results``
        spool = cleanup.enter_context(Spool(options.out)) if options.stream else None
        executor = _Executor(options, len(files), sum(_size(p) for p in files),
                             while_loading=partial(_prepare_graph_stage, options.stream))
        t_extract = time.perf_counter()
        cpu_extract = time.process_time()
        bar = _progress(len(files), options.progress)
        # extracting elsewhere, this process only collects records, millions of acyclic objects
        # that every full collection would walk again (≈ 0.4 s per 2 M chars)
        if not executor.in_process:
            cleanup.enter_context(_gc_paused())
        try:
            for doc, key, fr, cached in _ordered(sources(), executor.submit, cache, executor.window,
                                                 executor.batch_chars):
                if bar is not None:
                    bar.update(1)
                if isinstance(fr, Problem):
                    report.problems.append(fr)
                    continue
                if cached:
                    report.cached += 1
                elif cache is not None and key is not None:
                    cache.put(key, _cacheable(fr))
                report.files += 1
                if not cached:
                    report.worker_rss_mb = max(report.worker_rss_mb, fr.peak_rss_mb)
                    report.extract_cpu_seconds += fr.cpu_seconds
                report.problems.extend(fr.problems)
                if spool is not None:
                    spool.write(fr)
                else:
                    results.extend(fr.articles)
                    originals[fr.source] = fr.originals
        finally:
            executor.close()
            if bar is not None:
                bar.close()
        report.load_seconds = executor.load_seconds
        report.extract_seconds = time.perf_counter() - t_extract - executor.load_seconds
        report.main_cpu_seconds = time.process_time() - cpu_extract

        if report.failed and (options.strict or report.files == 0):
            # --strict, or no file readable: keep the previous exports rather than write a partial graph
            report.seconds = time.perf_counter() - t0
            return report
        if spool is not None:
            t_graph = time.perf_counter()
            report.streamed = True
            report.outputs = write_stream(spool, options.out, report, store=options.store)
            report.graph_seconds = time.perf_counter() - t_graph
            report.seconds = time.perf_counter() - t0
            return report
        with _gc_paused():
            _graph_and_exports(options, report, results, originals, t0)
        return report


def _prepare_graph_stage(stream: bool) -> None:
    """Load, once per process, what the graph stage needs whatever the files: the lexicons, the
    vocabularies and their rows (which ordinary and streamed large builds both write), and, for
    an ordinary build, the export modules. :func:`run` has this done while the workers' model
    loads in the fork server, instead of after extraction, where nothing else runs beside it
    (≈ 0.3 s in a fresh process)."""
    from .fastgraph import vocabulary_rows
    from .nlp.lexicons import load_lexicons

    load_lexicons()
    vocabulary_rows()  # parses the vocabularies (kg.graph.load_vocabularies) on the way
    if not stream:
        from . import netexport  # noqa: F401 - networkx and kg.tables with it, imported here once


def _cacheable(fr: FileResult) -> FileResult:
    """``fr`` without its articles' statements: the cache holds what extraction gives (its key
    covers the extraction code, not the graph's), and the graph stage builds a cached file's."""
    from dataclasses import replace

    return replace(fr, articles=[replace(r, statements=None) for r in fr.articles])


def _graph_workers(options: BuildOptions) -> int:
    """The graph stage runs after extraction, when the extraction workers are gone: by default
    it uses as many processes as they did (``--workers N`` is N cores for the whole build)."""
    return max(1, options.graph_workers if options.graph_workers is not None else options.workers)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection in the block (which allocates millions of acyclic objects).

    Every full collection walks every object alive (all records, statements and index entries),
    which made a third of the large-build graph stage; and in forked workers it would touch, so
    copy, every page they share. The objects alive at entry are frozen (never walked again) and
    the collector is back on after the outermost such block.
    """
    gc.freeze()
    gc.disable()
    _GC_PAUSES.append(True)
    try:
        yield
    finally:
        _GC_PAUSES.pop()
        if not _GC_PAUSES:
            gc.enable()
            gc.unfreeze()


_GC_PAUSES: list[bool] = []  # the blocks of _gc_paused entered and not left (they nest)


def _graph_and_exports(options: BuildOptions, report: BuildReport, results: list[ArticleResult],
                       originals: dict[str, dict[str, str]], t0: float) -> None:
    """The graph, validation and export stages of :func:`run` (fills ``report``)."""
    from .export import write_all
    from .fastgraph import FastGraph, write_build
    from .graph import build_quads, prefixes, union_graph
    from .store import LARGE_GRAPH
    from .validate import validate

    t_graph = time.perf_counter()
    quads = build_quads(results, originals)
    fast = options.fast if options.fast is not None else len(quads) >= LARGE_GRAPH
    if fast:
        # large builds: statements stay text, checked and written without an rdflib store (kg/fastgraph.py)
        graph = FastGraph(quads, prefixes())
        del quads
        report.graph_seconds = time.perf_counter() - t_graph
        t_export = time.perf_counter()
        costs: dict[str, float] = {}
        report.outputs = write_build(graph, options.out, options.formats, validate=options.validate,
                                     html=options.html, store=options.store, workers=_graph_workers(options),
                                     costs=costs)
        report.index_seconds = costs.get("index_seconds", 0.0)
        report.export_cpu_seconds = costs.get("jobs_cpu_seconds", 0.0)
        report.export_sys_seconds = costs.get("jobs_sys_seconds", 0.0)
        report.export_page_faults = int(costs.get("jobs_page_faults", 0))
        report.triples = len(graph)
    else:
        ds = quads.dataset()
        union = union_graph(ds)
        if options.validate:
            validate(union, workers=_graph_workers(options))
        t_export = time.perf_counter()
        report.graph_seconds = t_export - t_graph
        report.outputs = write_all(ds, union, options.out, options.formats, store=options.store)
        report.triples = len(union)
        if options.html:
            try:
                from .viz import write_html
            except ImportError:
                pass
            else:
                report.outputs.append(write_html(union, options.out / "graph.html"))
    deque(report.counted(results), maxlen=0)  # counted only
    report.export_seconds = time.perf_counter() - t_export
    report.seconds = time.perf_counter() - t0


