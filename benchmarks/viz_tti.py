"""Time-to-interactive of ``graph.html`` in headless Chromium for generated graphs.

    .venv/bin/python benchmarks/viz_tti.py [--sizes 500 2000 10000] [--runs 3]

For each size a synthetic graph in the jiyao vocabulary (people, meetings, themes, organizations,
posts, evidence; no real names) with exactly that many drawn nodes is generated, written with
:func:`kg.viz.write_html`, and opened ``--runs`` times in a fresh headless Chromium tab. Reported
(medians): the Python time to write the page, its size, the time from navigation start until
vis-network has drawn the graph and the page's scripts are done (``jiyao.readyAt``: the page then
answers input), and the time of one zoom redraw after that. Needs ``scripts/install-browser.sh``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.iris import mint  # noqa: E402
from kg.namespace import JY  # noqa: E402

CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,900"]


def synthetic_graph(nodes: int, seed: int = 0) -> Graph:
    """A graph whose view has exactly ``nodes`` nodes: 60 % people, 10 % each meetings, themes,
    organizations and posts; every node has at least one edge."""
    rng = random.Random(seed)
    n_meet = n_theme = n_org = n_post = max(1, nodes // 10)
    n_person = nodes - n_meet - n_theme - n_org - n_post
    g = Graph()
    people = [mint("person", "synthetic", i) for i in range(n_person)]
    meetings = [mint("meeting", "synthetic", i) for i in range(n_meet)]
    themes = [mint("theme", "synthetic", i) for i in range(n_theme)]
    orgs = [mint("org", "synthetic", i) for i in range(n_org)]
    posts = [mint("post", "synthetic", i) for i in range(n_post)]
    for kind, cls, items, name in (("person", JY.Person, people, "人物{}"), ("meeting", JY.Meeting, meetings, "第{}次工作会议"),
                                   ("theme", JY.Theme, themes, "主题{}"), ("org", JY.Organization, orgs, "机构{}"),
                                   ("post", JY.Post, posts, "职务{}")):
        for i, x in enumerate(items):
            g.add((x, RDF.type, cls))
            g.add((x, RDFS.label, Literal(name.format(i), lang="zh")))
    for t in themes:
        g.add((t, SKOS.prefLabel, g.value(t, RDFS.label)))
    article = mint("article", "synthetic")
    g.add((article, RDF.type, JY.Article))
    g.add((article, JY.sourceFile, Literal("synthetic.txt")))

    def relate(s: URIRef, p: URIRef, o: URIRef, i: int) -> None:
        g.add((s, p, o))
        ev = mint("evidence", str(s), str(p), str(o))
        for pp, oo in ((RDF.type, JY.Evidence), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o),
                       (PROV.wasDerivedFrom, article), (JY.sourceFile, Literal("synthetic.txt")),
                       (JY.sentence, Literal(f"第{i}句：会议要求，各部门要抓好落实。")), (JY.start, Literal(i * 20)),
                       (JY.end, Literal(i * 20 + 18))):
            g.add((ev, pp, oo))

    weights = [1.0 / (1 + i) ** 0.8 for i in range(n_person)]  # a few officials attend many meetings
    attendees: dict[URIRef, set[URIRef]] = {m: set() for m in meetings}
    for i, p in enumerate(people):  # everybody attends at least one meeting
        attendees[meetings[i % n_meet]].add(p)
    for m in meetings:
        attendees[m].update(rng.choices(people, weights, k=3))
    for i, m in enumerate(meetings):
        g.add((m, JY.date, Literal(f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", datatype=XSD.date)))
        ordered = sorted(attendees[m])
        relate(m, JY.chair, ordered[0], i)
        for p in ordered:
            relate(m, JY.participant, p, i)
        relate(m, JY.organizer, orgs[i % n_org], i)
        for t in {themes[i % n_theme], rng.choice(themes), rng.choice(themes)}:
            relate(m, JY.emphasizes, t, i)
    for i, post in enumerate(posts):
        relate(people[i % n_person], JY.holdsPost, post, i)
        g.add((post, JY.postIn, orgs[i % n_org]))
    return g


def _driver():  # noqa: ANN202 - a selenium WebDriver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for f in CHROME_FLAGS + [f"--user-data-dir={tempfile.mkdtemp(prefix='jiyao-chrome-')}"]:
        opts.add_argument(f)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def measure(driver, page: Path, timeout: float = 120.0) -> tuple[float, float]:  # noqa: ANN001
    """(time to interactive, zoom redraw) in ms for one load of ``page``."""
    driver.get("about:blank")
    driver.get(page.as_uri())  # returns after the load event: the page's scripts have run
    t0 = time.monotonic()
    while not driver.execute_script("return !!(window.jiyao && window.jiyao.ready)"):
        if time.monotonic() - t0 > timeout:
            raise TimeoutError(f"{page} not drawn within {timeout} s")
        time.sleep(0.02)
    tti = driver.execute_script("return window.jiyao.readyAt")
    redraw = driver.execute_async_script("""
        const done = arguments[arguments.length - 1], net = window.jiyao.network, t = performance.now();
        net.once('afterDrawing', () => done(performance.now() - t));
        net.moveTo({scale: net.getScale() * 1.5});""")
    return float(tti), float(redraw)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args(argv)
    import subprocess

    subprocess.run(["bash", str(ROOT / "scripts" / "install-browser.sh")], check=True, stdout=subprocess.DEVNULL)
    from kg.viz import PHYSICS_MAX_NODES, graph_view, write_html

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        driver = _driver()
        try:
            for size in a.sizes:
                graph = synthetic_graph(size)
                drawn = len(graph_view(graph).nodes)
                page = Path(tmp) / f"graph-{size}.html"
                writes = []
                for _ in range(a.runs):
                    t = time.perf_counter()
                    write_html(graph, page)
                    writes.append(time.perf_counter() - t)
                results = [measure(driver, page) for _ in range(a.runs)]
                rows.append((size, drawn, len(graph), page.stat().st_size / 1e6, statistics.median(writes),
                             statistics.median(r[0] for r in results) / 1000,
                             statistics.median(r[1] for r in results), size > PHYSICS_MAX_NODES))
                print(f"  {size}: done", file=sys.stderr)
        finally:
            driver.quit()
    print(f"| nodes | drawn | triples | HTML MB | write_html s | time to interactive s | zoom redraw ms | physics |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for size, drawn, triples, mb, write, tti, redraw, big in rows:
        print(f"| {size} | {drawn} | {triples} | {mb:.1f} | {write:.2f} | {tti:.2f} | {redraw:.0f} | {'off' if big else 'on'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
