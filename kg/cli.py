"""``jiyao``: the command line. Thin: parse arguments, build an options object, call the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

__all__ = ["main", "COMMANDS"]

COMMANDS: dict[str, tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {}


def command(name: str, help: str):  # noqa: A002, ANN201
    """Register a subcommand: the decorated function adds its arguments, ``run`` is attached to it."""

    def wrap(add_args: Callable[[argparse.ArgumentParser], None]):  # noqa: ANN202
        def with_run(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
            COMMANDS[name] = (add_args, run)
            run.help = help  # type: ignore[attr-defined]
            return run

        add_args.run = with_run  # type: ignore[attr-defined]
        return add_args

    return wrap


# -- build ---------------------------------------------------------------------------------

@command("build", "build the knowledge graph and exports from report files and folders")
def _build_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", type=Path, help="report files and/or folders")
    p.add_argument("--out", type=Path, default=Path("exports"), help="output folder (default: exports)")
    p.add_argument("--manifest", type=Path, help="CSV or JSONL with file, url, published, source")
    p.add_argument("--segmenter", choices=("pkuseg", "char"), default="pkuseg",
                   help="word segmenter (char: no pkuseg, faster, slightly less accurate names)")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("--store", metavar="oxigraph:DIR", help="also load the build into a persistent Oxigraph store")
    p.add_argument("--strict", action="store_true", help="any file that fails makes the build fail and write nothing")
    p.add_argument("--max-bytes", type=int, default=32 * 1024 * 1024, help="refuse files larger than this")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="processes: extraction (sharing one loaded model) and, by default, the graph stage (default 1)")
    p.add_argument("--graph-workers", type=int, default=None, metavar="N",
                   help="processes for the SHACL check and the export writers of large builds "
                        "(default: --workers)")
    p.add_argument("--cache", action=argparse.BooleanOptionalAction, default=True,
                   help="reuse per-file results from OUT/.jiyao-cache (default: on)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="extract on a Dask cluster (tcp://host:8786)")
    p.add_argument("--stream", action="store_true",
                   help="memory that does not grow with the corpus: write graph.nq (and --store) batch by batch, "
                        "no other exports, no SHACL check (docs/scale.md)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: when stderr is a terminal)")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")


@_build_args.run  # type: ignore[attr-defined]
def _build(a: argparse.Namespace) -> int:
    from concurrent.futures.process import BrokenProcessPool

    from .pipeline import BuildOptions, run
    from .validate import ValidationError

    opts = BuildOptions(inputs=a.paths, out=a.out, manifest=a.manifest, segmenter=a.segmenter,
                        validate=not a.no_validate, strict=a.strict, max_bytes=a.max_bytes, progress=a.progress,
                        html=not a.no_html, store=a.store,
                        workers=a.workers, graph_workers=a.graph_workers, cache=a.cache, scheduler=a.scheduler,
                        stream=a.stream)
    try:
        report = run(opts)
    except ValidationError as e:
        print(f"jiyao: the graph does not conform to ontology/shapes.ttl; nothing was written\n{e}", file=sys.stderr)
        return 3
    except BrokenProcessPool:
        print("jiyao: a process of the graph stage died (killed, or out of memory: try a lower --graph-workers); "
              "nothing was written", file=sys.stderr)
        return 1
    for problem in report.problems:
        print(f"jiyao: {problem}", file=sys.stderr)
    if not a.quiet:
        print(report.summary())
        for path in report.outputs:
            print(f"  wrote {path}")
    if report.failed and (a.strict or report.files == 0):
        return 1  # nothing was written
    return 2 if report.failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    _load_plugins()
    parser = argparse.ArgumentParser(prog="jiyao", description="Chinese government news reports → knowledge graph")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (add_args, run) in COMMANDS.items():
        sp = sub.add_parser(name, help=getattr(run, "help", None))
        add_args(sp)
        sp.set_defaults(_run=run)
    args = parser.parse_args(argv)
    return args._run(args)


def _load_plugins() -> None:
    """Import the modules that register further subcommands (query, eval, viz, …) if present."""
    import importlib

    for mod in ("kg.evaluate", "kg.query", "kg.analytics", "kg.viz", "kg.bench", "kg.push", "kg.fuzz"):
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
