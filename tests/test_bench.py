"""kg/bench.py's derived figures and table (the measurements themselves run in `jiyao bench`)."""

from __future__ import annotations

from kg.bench import _speedup_bound, format_table


def _build(workers: int, seconds: float, **cpu: float) -> dict:
    return {"workers": workers, "graph_workers": workers, "stream": False, "files": 2, "articles": 3, "chars": 100,
            "triples": 50, "problems": 0, "seconds": seconds, "load_seconds": 2.0, "extract_seconds": 4.0,
            "graph_seconds": 1.0, "export_seconds": 3.0, "chars_per_s": 10, "articles_per_s": 1.0,
            "extract_chars_per_s": 25, "peak_rss_mb": 300.0, "peak_rss_worker_mb": 800.0, "peak_rss_job_mb": None,
            **cpu}


def test_the_speedup_bound_is_the_serial_stages_plus_the_rest_of_the_cpu_over_the_cores() -> None:
    one = _build(1, 20.0)  # 18 s without the model load
    many = _build(2, 12.0, index_seconds=0.5, extract_cpu_seconds=9.0, main_cpu_seconds=1.0, export_cpu_seconds=8.0)
    # at least 1.0 (statements) + 0.5 (index) + (9 + 1 + 8) / 2 = 10.5 s: at most 18 / 10.5
    assert _speedup_bound(one, many, 2) == round(18 / 10.5, 2)
    assert _speedup_bound(one, many, 4) == round(18 / 6.0, 2)
    small = _build(2, 12.0, index_seconds=0.0, extract_cpu_seconds=9.0, main_cpu_seconds=1.0, export_cpu_seconds=0.0)
    assert _speedup_bound(one, small, 2) is None  # no jobs measured: no bound


def test_the_table_shows_memory_against_corpus_size() -> None:
    builds = {"build_1x": _build(2, 10.0), "stream_1x": {**_build(2, 9.0), "stream": True, "peak_rss_mb": 180.0},
              "build_3x": {**_build(2, 30.0), "peak_rss_mb": 850.0},
              "stream_3x": {**_build(2, 28.0), "stream": True, "peak_rss_mb": 198.0}}
    res = {"memory": {"scale": 3, "chars": [100, 300], "builds": builds,
                      "build_rss_growth": 2.83, "stream_rss_growth": 1.1}}
    table = format_table(res)
    assert "streamed build, 3x corpus" in table and "198.0 / 800.0 / -" in table
    assert "3x corpus over 1x: ordinary 2.83x, streamed 1.1x" in table


def test_measurements_interleave_in_alternating_order(monkeypatch) -> None:
    """Each round runs every configuration once, every other round in reverse, so that none of
    them always follows the same other; the fastest run of each is kept, all runs listed."""
    import kg.bench as bench

    calls: list[str] = []
    times = iter(range(100, 0, -1))  # each run faster than the one before

    def fake(fn, corpus, *args):  # noqa: ANN001, ANN202
        name = {"_raw_pkuseg": "raw", "_raw_pkuseg_parallel": "raw_many"}.get(fn.__name__) or (
            "one" if args[0] == 1 else "many")
        calls.append(name)
        t = float(next(times))
        if name.startswith("raw"):
            return {"seconds": t, "chars_per_s": 10, "workers": 1}
        return {**_build(args[0], t + 2.0), "export_cpu_seconds": 0.0, "index_seconds": 0.0,
                "extract_cpu_seconds": 1.0, "main_cpu_seconds": 0.1}

    monkeypatch.setattr(bench, "_fresh", fake)
    out = bench.bench_extraction("corpus", workers=2, repeat=3)
    assert calls == ["raw", "raw_many", "one", "many", "many", "one", "raw_many", "raw",
                     "raw", "raw_many", "one", "many"]
    assert out["build_1"]["runs_seconds"] == [98.0, 95.0, 90.0] and out["build_1"]["seconds"] == 92.0
    assert bench.bench_extraction("corpus", workers=1, repeat=2) and calls[-4:] == ["raw", "one", "one", "raw"]
