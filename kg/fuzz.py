"""``jiyao fuzz``: throw generated hostile input at every stage for N minutes and count failures.

Inputs are generated with Hypothesis (a ``dev`` dependency): random bytes for the decoder;
report-shaped text whose names, headlines and quoted themes are random Unicode (Extension B,
markup, quotes, braces, backslashes, SPARQL and Turtle syntax), re-encoded in the encodings
scrapers meet; and free text. Each input must pass :func:`check_bytes`:

* decoding gives text or a :class:`~kg.reading.ReadError`, nothing else;
* every normalized offset maps back into the decoded text;
* extraction never raises, and every evidence span lies inside the source;
* the graph passes SHACL, every IRI is valid, and Turtle, TriG, N-Triples and JSON-LD
  exports parse back to the same triples.

A failure is recorded (stage, error, input saved under ``--save``) and the run goes on; the
exit status is 1 when any input failed. The same checks back ``tests/test_properties.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .cli import command
from .records import SourceDoc

__all__ = ["FuzzReport", "FuzzFailure", "PropertyFailure", "check_bytes", "check_text", "check_offsets", "check_graph",
           "valid_iri", "fuzz", "text_strategy", "input_strategy", "HOSTILE_FRAGMENTS"]

# pieces of text that have broken parsers and serializers somewhere
HOSTILE_FRAGMENTS = (
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "</p><p>", "&lt;&amp;&#x4e2d;&#0;", "<!--", "]]>",
    '"', "'", '"""', "'''", "\\", "\\\\", "\\u0000", "\\n", "{", "}", "{{", "}}", "${x}", "%s", "%(x)s",
    "DROP ALL;", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "SELECT * WHERE { ?s ?p ?o }", "#", " .", "@prefix",
    "<urn:x>", "_:b0", "^^xsd:string", "@zh", "\x00", "\x1f", "\u200b", "\u202e", "\ufeff", "\ufffd", "\r\n", "\r",
    "\u2028", "\u3000", "𠀾", "𠁣", "𪚥", "𠮷", "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)",
)
# pieces of reports, so that generated text reaches the people, meeting and theme rules
REPORT_FRAGMENTS = (
    "本报讯 ", "本报讯（记者 ", "）", "3月15日，", "市委召开常委会会议，", "市政府召开常务会议，", "传达学习有关会议精神。",
    "市委书记", "市长", "副市长", "市委副书记", "主持会议并讲话。", "出席会议。", "参加调研。", "带队赴", "调研",
    "会议强调，", "会议指出，", "要坚持高质量发展，", "扎实推进乡村振兴，", "持续优化营商环境。", "“", "”", "行动",
    "。", "，", "、", "\n", "\n\n", "（", "）", "发布时间：2021-06-08 来源：本站", "当前位置：首页 > 要闻",
    "版权所有 © ", "<html><body><p>", "</p></body></html>", "會議", "書記", "(huì)", "Ã¤Â¸Â", "锟斤拷",
)
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5")

# an IRI as Turtle and N-Triples accept it inside <…>: no space, control, or <>"{}|^`\ characters
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\\x7f-\x9f]+$")


def valid_iri(iri: str) -> bool:
    """True when ``iri`` is absolute and has no character that Turtle or N-Triples forbid in an IRI."""
    return bool(_IRI.match(iri))


@dataclass(slots=True)
class FuzzFailure:
    """One input that broke a property: which check, the error, and where the input was saved."""

    stage: str
    error: str
    digest: str
    saved: Path | None = None


@dataclass(slots=True)
class FuzzReport:
    """What a fuzz run did."""

    inputs: int = 0
    seconds: float = 0.0
    failures: list[FuzzFailure] = field(default_factory=list)
    by_outcome: dict[str, int] = field(default_factory=dict)  # decoded / refused / with meetings …

    def summary(self) -> str:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.by_outcome.items()))
        return (f"fuzz: {self.seconds / 60:.1f} min, {self.inputs} inputs tried, {len(self.failures)} failures"
                f" ({kinds})")


class PropertyFailure(AssertionError):
    """A property of :func:`check_bytes` does not hold; ``stage`` says which."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage


def check_offsets(source: str, norm_text: str, origin: tuple[int, ...]) -> None:
    """Every normalized character maps to a position inside ``source``; the end maps to its length."""
    if len(origin) != len(norm_text) + 1:
        raise PropertyFailure("normalize", f"{len(origin)} offsets for {len(norm_text)} characters")
    if origin[-1] != len(source):
        raise PropertyFailure("normalize", f"end maps to {origin[-1]}, source has {len(source)} characters")
    bad = [i for i, o in enumerate(origin) if not 0 <= o <= len(source)]
    if bad:
        raise PropertyFailure("normalize", f"offset {origin[bad[0]]} of character {bad[0]} is outside the source")


def check_text(extractor, text: str, name: str = "fuzz.txt", shacl: bool = True,  # noqa: ANN001
               graph: bool = True) -> dict[str, int]:
    """Normalize, extract and (``graph``) export ``text``; raises :class:`PropertyFailure` when a property fails.

    Returns counts (articles, meetings, triples) so callers can see what the input reached.
    """
    from .normalize import normalize

    try:
        norm = normalize(text)
    except Exception as e:  # noqa: BLE001 - any exception is the finding
        raise PropertyFailure("normalize", _describe(e)) from e
    check_offsets(text, norm.text, norm.offsets.origin)
    try:
        fr = extractor.extract(SourceDoc(name, name, text, "utf-8"))
    except Exception as e:  # noqa: BLE001
        raise PropertyFailure("extract", _describe(e)) from e
    for r in fr.articles:
        evidence = [rel.evidence for rel in r.relations] + [m.evidence for m in r.meetings] \
            + list(r.person_evidence.values())
        for ev in evidence:
            if not 0 <= ev.start <= ev.end <= len(text):
                raise PropertyFailure("extract", f"evidence span {ev.start}-{ev.end} outside 0-{len(text)}")
    triples = check_graph(fr.articles, {fr.source: fr.originals}, shacl=shacl) if graph else 0
    return {"articles": len(fr.articles), "meetings": sum(len(r.meetings) for r in fr.articles), "triples": triples}


def check_graph(results, originals: dict[str, dict[str, str]] | None = None, shacl: bool = True) -> int:  # noqa: ANN001
    """Build the dataset of ``results``; SHACL, IRIs and every export format must round-trip.

    Returns the number of triples of the union graph.
    """
    from rdflib import Dataset, Graph, URIRef
    from rdflib.compare import to_isomorphic

    from .graph import build_dataset, union_graph
    from .jsonld import write_jsonld
    from .validate import ValidationError, validate

    try:
        ds = build_dataset(results, originals)
        union = union_graph(ds)
    except Exception as e:  # noqa: BLE001
        raise PropertyFailure("graph", _describe(e)) from e
    for term in {t for triple in union for t in triple if isinstance(t, URIRef)}:
        if not valid_iri(str(term)):
            raise PropertyFailure("iri", f"invalid IRI {str(term)!r}")
    if shacl:
        try:
            validate(union)
        except ValidationError as e:
            raise PropertyFailure("shacl", str(e)[:500]) from e
    # only the article graphs carry report text: round-trip them (the vocabulary is fixed)
    data = Graph()
    for s, p, o, g in ds.quads((None, None, None, None)):
        if g is not None and "/graph/vocabularies" not in str(g):
            data.add((s, p, o))
    expected = to_isomorphic(data)
    for fmt in ("turtle", "nt", "json-ld"):
        try:
            if fmt == "json-ld":
                import tempfile

                with tempfile.TemporaryDirectory() as tmp:
                    write_jsonld(data, Path(tmp) / "g.jsonld")
                    text = (Path(tmp) / "g.jsonld").read_text(encoding="utf-8")
            else:
                text = data.serialize(format=fmt)
            back = Graph().parse(data=text, format=fmt)
        except Exception as e:  # noqa: BLE001
            raise PropertyFailure(f"export-{fmt}", _describe(e)) from e
        if to_isomorphic(back) != expected:
            raise PropertyFailure(f"export-{fmt}", f"{len(back)} triples parsed back of {len(data)}")
    try:
        trig = ds.serialize(format="trig")
        back_ds = Dataset()
        back_ds.parse(data=trig, format="trig")
    except Exception as e:  # noqa: BLE001
        raise PropertyFailure("export-trig", _describe(e)) from e
    if len(back_ds) != len(ds):
        raise PropertyFailure("export-trig", f"{len(back_ds)} quads parsed back of {len(ds)}")
    return len(union)


def check_bytes(extractor, data: bytes, shacl: bool = True) -> str:  # noqa: ANN001
    """Decode ``data`` like a file and run :func:`check_text` on the text; returns the outcome."""
    from .reading import ReadError, decode

    try:
        text, _ = decode(data, "fuzz.txt")
    except ReadError:
        return "refused"
    except Exception as e:  # noqa: BLE001
        raise PropertyFailure("decode", _describe(e)) from e
    counts = check_text(extractor, text, shacl=shacl)
    return "with meetings" if counts["meetings"] else ("with articles" if counts["articles"] else "no articles")


def _describe(e: BaseException) -> str:
    frame = traceback.extract_tb(e.__traceback__)[-1] if e.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return f"{type(e).__name__}: {e}{where}"[:500]


def text_strategy():  # noqa: ANN201
    """Hypothesis strategy of report-shaped and free text (imported lazily: Hypothesis is a dev dependency)."""
    from hypothesis import strategies as st

    cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
    ext_b = st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF)
    anything = st.characters(codec="utf-8")  # every code point but lone surrogates
    name = st.text(st.one_of(cjk, cjk, cjk, ext_b, anything), min_size=1, max_size=5)
    piece = st.one_of(
        st.sampled_from(REPORT_FRAGMENTS), st.sampled_from(REPORT_FRAGMENTS), st.sampled_from(HOSTILE_FRAGMENTS),
        name, st.text(anything, max_size=12),
        st.builds(lambda post, n: f"{post}{n}", st.sampled_from(("市委书记", "市长", "副市长", "记者 ")), name),
        st.builds(lambda q: f"“{q}”行动", st.text(st.one_of(cjk, anything), min_size=2, max_size=10)),
    )
    free = st.lists(piece, max_size=80).map("".join)
    report = st.builds(_report_like, name, name, name, st.lists(st.one_of(st.text(anything, max_size=4),
                                                                             st.sampled_from(HOSTILE_FRAGMENTS)),
                                                                   max_size=6).map("".join),
                       st.text(st.one_of(cjk, anything), min_size=2, max_size=10), free)
    return st.one_of(free, report)


def input_strategy():  # noqa: ANN201
    """Hypothesis strategy of fuzz inputs (file contents): encoded and truncated text, random bytes."""
    from hypothesis import strategies as st

    text = text_strategy()

    def encode(pair: tuple[str, str]) -> bytes:
        t, enc = pair
        return t.encode(enc, errors="ignore") if enc in ("gb18030", "big5") else t.encode(enc, errors="surrogatepass")

    encoded = st.tuples(text, st.sampled_from(ENCODINGS)).map(encode)
    truncated = st.tuples(text, st.integers(1, 3)).map(lambda p: p[0].encode("utf-8")[: -p[1]] or b"x")
    return st.one_of(encoded, encoded, encoded, truncated, st.binary(max_size=3000))


def _report_like(chair: str, mayor: str, deputy: str, headline: str, quoted: str, tail: str) -> str:
    """A report of the common shape whose names, headline and quoted theme are arbitrary text."""
    return (f"{headline}\n本报讯 3月15日，市委召开常委会会议，研究部署近期工作。市委书记{chair}主持会议并讲话。"
            f"市长{mayor}、市委副书记{deputy}出席会议。\n会议强调，要扎实推进乡村振兴，实施“{quoted}”行动。{tail}\n")


def fuzz(minutes: float, seed: int = 0, save: Path | None = None, shacl: bool = True,
         segmenter: str = "pkuseg", log=None) -> FuzzReport:  # noqa: ANN001
    """Run generated inputs through every check for ``minutes``; failures are collected, not raised."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    from .pipeline import Extractor

    extractor = Extractor(segmenter)
    report = FuzzReport()
    t0 = time.monotonic()
    deadline = t0 + minutes * 60
    inputs = input_strategy()

    def one(data: bytes) -> None:
        if time.monotonic() >= deadline:
            return
        report.inputs += 1
        try:
            outcome = check_bytes(extractor, data, shacl=shacl)
        except PropertyFailure as e:
            report.failures.append(_record(e.stage, str(e), data, save))
            outcome = "failed"
        except Exception as e:  # noqa: BLE001 - a bug in a check is a failure too
            report.failures.append(_record("check", _describe(e), data, save))
            outcome = "failed"
        report.by_outcome[outcome] = report.by_outcome.get(outcome, 0) + 1

    batch = 0
    while time.monotonic() < deadline:
        # batches of fresh seeds: generation only (failures are recorded, never shrunk or replayed)
        test = settings(max_examples=50, deadline=None, database=None, phases=[Phase.generate],
                        suppress_health_check=list(HealthCheck))(given(inputs)(one))
        hseed(seed * 1_000_003 + batch)(test)()
        batch += 1
        if log is not None:
            log(f"  {report.inputs} inputs, {len(report.failures)} failures, {time.monotonic() - t0:.0f} s")
    report.seconds = time.monotonic() - t0
    return report


def _record(stage: str, error: str, data: bytes, save: Path | None) -> FuzzFailure:
    digest = hashlib.sha1(data).hexdigest()[:12]
    path = None
    if save is not None:
        save.mkdir(parents=True, exist_ok=True)
        path = save / f"{stage}-{digest}.bin"
        path.write_bytes(data)
        (save / f"{stage}-{digest}.json").write_text(json.dumps({"stage": stage, "error": error}, ensure_ascii=False),
                                                     encoding="utf-8")
    return FuzzFailure(stage, error, digest, path)


@command("fuzz", "feed generated hostile input to every stage for N minutes; count failures")
def _fuzz_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    p.add_argument("--seed", type=int, default=0, help="seed of the first batch (runs are repeatable)")
    p.add_argument("--save", type=Path, help="write each failing input (and its error) into this folder")
    p.add_argument("--no-shacl", action="store_true", help="skip SHACL validation of each graph (faster)")
    p.add_argument("--segmenter", choices=("pkuseg", "char"), default="pkuseg")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")


@_fuzz_args.run  # type: ignore[attr-defined]
def _fuzz(a: argparse.Namespace) -> int:
    try:
        import hypothesis  # noqa: F401
    except ImportError:
        print("jiyao fuzz needs Hypothesis: pip install -e '.[dev]'", file=sys.stderr)
        return 1
    log = None if a.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    report = fuzz(a.minutes, a.seed, a.save, shacl=not a.no_shacl, segmenter=a.segmenter, log=log)
    for f in report.failures:
        print(f"FAIL {f.stage}: {f.error}" + (f" (input: {f.saved})" if f.saved else f" (sha1 {f.digest})"))
    print(report.summary())
    return 1 if report.failures else 0
