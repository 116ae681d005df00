"""``jiyao bench``: throughput, parallel speed-up and memory of a build, and triple-store costs.

One command, one run, on a generated corpus of about ``--chars`` characters (the seed files
plus synthetic reports, see :func:`generate_corpus`):

- *extraction*: raw pkuseg segmentation (``pkuseg.cut`` on every file's text, the bound the
  build is compared with), the end-to-end ``build`` with 1 and with ``--workers`` processes
  (chars/s, articles/s, the ratio to raw pkuseg, stage times, model load time, peak RSS per
  process); each measurement runs in a fresh process, so load times and RSS are its own;
- *graph* (``--graph/--no-graph``): a synthetic jiyao graph of 100 K and 1 M triples loaded
  into rdflib's in-memory store, rdflib on Oxigraph (oxrdflib) and native pyoxigraph (the
  reference): load, Turtle export and each canned query of ``kg/queries`` (a built-in set if
  that folder is missing), each query in a forked process with a time cap (``timeout``).

Results print as a table and are written as JSON (``--json``). Speed claims in docs come from
here, never from timed tests. See benchmarks/README.md.

Synthetic reports follow the genre's templates (a dateline, a meeting convened and chaired,
attending officials listed under group labels, 会议强调/一要… passages on policy themes,
inspection tours, bylines) with invented people and places: family names come from the
surname lexicon, given names and place names from character banks here, and any invented
string that occurs in a seed file is rejected. Role words, meeting words and theme labels
come from the project's lexicons. Generation is deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .cli import command
from .pipeline import peak_rss_mb

__all__ = ["CorpusInfo", "generate_corpus", "synthetic_report", "synthetic_graph", "bench_extraction", "bench_memory",
           "bench_graph", "format_table"]

ROOT = Path(__file__).resolve().parents[1]

# -- the corpus ----------------------------------------------------------------------------------

_GIVEN = ("建华 志强 海燕 文军 晓东 国庆 立新 红梅 永刚 春林 秀英 卫东 振宇 明辉 雪松 德胜 子涵 思远 宏伟 玉兰 "
          "正阳 光明 新民 亚楠 家骏 嘉禾 晨曦 云峰 建国 卫平 成林 凤英 向东 其昌 学勤 长青 永新 俊杰 慧敏 "
          "晓峰 一鸣 启航 若愚 泽民 安邦 定远 守仁 益民 向荣").split()
_GIVEN1 = list("涛斌勇军伟杰敏静磊强洋艳娟超鹏辉刚健峰琳华平东新明亮晶")
_PLACE_A = list("临安泰宁远清江河阳川丰和平顺嘉兴云岭松柏泉湖溪桥林")
_PLACE_B = list("州山城江平阳宁原丘川源滨湾谷门关塘")
_UNITS = ("发展改革委", "工业和信息化局", "教育局", "科技局", "公安局", "民政局", "财政局", "人力资源和社会保障局",
          "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
          "文化广电和旅游局", "卫生健康委", "应急管理局", "市场监督管理局", "统计局", "医疗保障局", "数据局")
_ADVANCE = ("扎实推进", "持续深化", "加快推动", "全力抓好", "统筹做好", "着力提升", "深入推进", "坚定不移推进",
            "积极稳妥推进", "系统谋划", "聚力攻坚", "持续用力推动")
_TAILS = ("确保各项工作落地见效", "以实干实绩交出高分答卷", "切实把各项任务落到实处", "不断开创工作新局面",
          "推动各项工作走在前列", "为全年目标任务完成打下坚实基础", "形成上下联动、协同推进的工作格局",
          "以钉钉子精神抓好落实", "努力在新征程上展现新担当新作为")
_BACKGROUND = ("今年以来，全市上下攻坚克难、奋力拼搏，主要经济指标保持平稳增长，各项事业取得新的进展",
               "近年来，各地各部门认真履职尽责，在破解难题、补齐短板上取得明显成效",
               "一季度各项工作开局良好，重点项目建设有序推进，市场主体活力持续增强",
               "当前正处于爬坡过坎、攻坚突破的关键阶段，机遇和挑战并存")
# plain narrative (few lexicon words), so the text is not denser in titles and themes than real pages
_PROSE = ("走进生产车间，一台台设备高速运转，工人们正在紧张有序地忙碌着，订单已经排到了下半年",
          "这里曾经是一片荒地，经过几年的建设，如今道路宽阔整洁，绿树成荫，周边居民出行更加方便",
          "大家围坐在一起，拉家常、谈变化、话发展，现场气氛热烈，不时响起阵阵掌声",
          "据介绍，该项目总投资约十二亿元，占地面积三百余亩，建成后预计年产值可达二十亿元",
          "企业负责人介绍了近期生产经营情况和下一步发展打算，并就用地、融资、人才引进等方面提出建议",
          "村里的老人告诉记者，以前下雨天出门一脚泥，现在门口就是水泥路，孩子上学也近了",
          "活动现场设置了咨询台和展板，工作人员向过往群众发放宣传资料，耐心解答大家关心的问题",
          "与会人员一致认为，报告实事求是、重点突出，提出的目标任务切实可行，措施办法具体有力")
_PURPOSES = ("分析当前形势", "总结前一阶段工作", "研究部署下一阶段工作", "听取有关情况汇报", "交流工作经验")
_ORDINALS = "一二三四五六七八九十"
_GROUPS = ("市领导", "区领导", "县领导")


@dataclass(slots=True)
class CorpusInfo:
    """What :func:`generate_corpus` wrote."""

    path: Path
    files: int
    chars: int
    seed_files: int
    synthetic_files: int


class _World:
    """Invented people, places and posts; a person keeps a post and a place across reports."""

    def __init__(self, rng: random.Random, banned: str, people: int = 1500) -> None:
        from .nlp.lexicons import load_lexicons

        lex = load_lexicons()
        self.rng = rng
        self.banned = banned
        self.themes = sorted(t for t in lex.theme_by_label if 3 <= len(t) <= 10)
        mw = sorted(lex.meeting_words)
        self.meeting_words = [w for w in mw if len(w) >= 3] or mw
        surnames = sorted(s for s in lex.surnames if "\u4e00" <= s <= "\u9fff")
        self.places = self._unique(lambda: rng.choice(_PLACE_A) + rng.choice(_PLACE_B), 40)
        self.names = self._unique(lambda: rng.choice(surnames) + (rng.choice(_GIVEN) if rng.random() < 0.6
                                                                  else rng.choice(_GIVEN1)), people)
        self.posts: dict[str, tuple[str, str]] = {}  # name -> (place, post without place)
        for i, name in enumerate(self.names):
            place = self.places[i % len(self.places)]
            self.posts[name] = (place, self._post(rng))

    def _unique(self, make, n: int) -> list[str]:  # noqa: ANN001
        out: dict[str, None] = {}
        tries = 0
        while len(out) < n and tries < n * 50:
            tries += 1
            s = make()
            if s not in self.banned:
                out[s] = None
        return list(out)

    @staticmethod
    def _post(rng: random.Random) -> str:
        r = rng.random()
        if r < 0.08:
            return rng.choice(("市委书记", "市长", "市人大常委会主任", "市政协主席"))
        if r < 0.3:
            return rng.choice(("市委常委", "副市长", "市委常委、秘书长", "市人大常委会副主任", "市政协副主席"))
        if r < 0.75:
            return f"市{rng.choice(_UNITS)}{rng.choice(('局长', '主任', '副局长', '副主任', '党组书记'))}"
        return rng.choice(("区委书记", "区长", "县委书记", "县长", "副区长", "副县长"))

    def person(self) -> tuple[str, str, str]:
        name = self.rng.choice(self.names)
        place, post = self.posts[name]
        return name, place, post


def _titled(w: _World, name: str, place: str, post: str, with_place: bool) -> str:
    if post.startswith(("区", "县")):
        return f"{place}{post}{name}"
    return f"{place}{post}{name}" if with_place else f"{post}{name}"


def _emphasis(w: _World, rng: random.Random, subject: str) -> list[str]:
    paras = []
    themes = rng.sample(w.themes, k=min(len(w.themes), 6))
    paras.append(f"{subject}强调，要{rng.choice(_ADVANCE)}{themes[0]}，{rng.choice(_ADVANCE)}{themes[1]}，"
                 f"{rng.choice(_TAILS)}。")
    items = []
    for k in range(rng.randint(2, 4)):
        t = themes[(k + 2) % len(themes)]
        items.append(f"{_ORDINALS[k]}要{rng.choice(_ADVANCE)}{t}。围绕{t}抓紧研究务实管用的政策措施，"
                     f"{rng.choice(_ADVANCE)}重点工作，{rng.choice(_TAILS)}。")
    paras.append("".join(items))
    return paras


def synthetic_report(w: _World, rng: random.Random, index: int) -> str:
    """One page of 3–6 synthetic articles."""
    articles = []
    for _ in range(rng.randint(3, 6)):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        chair, place, post = w.person()
        meeting = f"{place}{rng.choice(('全市', '全区', ''))}{rng.choice(w.themes)}{rng.choice(w.meeting_words)}"
        kind = rng.random()
        lines = []
        if kind < 0.65:
            lines.append(f"{meeting}召开")
            others = [w.person() for _ in range(rng.randint(2, 5))]
            group = rng.choice(_GROUPS)
            listed = "、".join(n for n, _, _ in others[:-1])
            last = _titled(w, *others[-1], with_place=False)
            lines.append(f"本报讯 {month}月{day}日，{place}召开{meeting}，{rng.choice(_PURPOSES)}，"
                         f"研究部署下一阶段工作。{_titled(w, chair, place, post, True)}主持会议并讲话。"
                         f"{group}{listed}，{last}出席会议。")
            lines.append(f"会议指出，{rng.choice(_BACKGROUND)}。")
            lines.extend(_emphasis(w, rng, "会议"))
            speaker = w.person()
            lines.append(f"{_titled(w, *speaker, with_place=False)}在讲话中指出，要{rng.choice(_ADVANCE)}"
                         f"{rng.choice(w.themes)}，{rng.choice(_TAILS)}。")
        else:
            theme = rng.choice(w.themes)
            lines.append(f"{_titled(w, chair, place, post, True)}调研{theme}工作")
            companions = [w.person() for _ in range(rng.randint(1, 3))]
            lines.append(f"本报讯 {month}月{day}日，{_titled(w, chair, place, post, True)}带队赴{rng.choice(w.places)}"
                         f"调研{theme}工作。{'、'.join(_titled(w, *c, with_place=False) for c in companions)}参加调研。")
            lines.append(f"在{rng.choice(w.places)}产业园，{chair}仔细察看项目建设进展，详细了解{rng.choice(w.themes)}"
                         f"推进情况。")
            lines.extend(_emphasis(w, rng, chair))
        lines.insert(2, "。".join(rng.sample(_PROSE, k=rng.randint(2, 4))) + "。")
        reporters = rng.sample(w.names, k=2)
        lines[-1] += f"（记者 {reporters[0]} 通讯员 {reporters[1]}）"
        articles.append("\n\n".join(lines))
    return "\n\n".join(articles) + "\n"


def generate_corpus(out: Path, chars: int = 2_000_000, seed: int = 0, seeds_dir: Path | None = None) -> CorpusInfo:
    """Write about ``chars`` characters of reports into ``out``: the seed files, then synthetic ones."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    total = 0
    seed_files = 0
    banned = ""
    if seeds_dir and seeds_dir.is_dir():
        texts = []
        for f in sorted(seeds_dir.iterdir()):
            if f.is_file() and f.suffix == ".txt":
                shutil.copyfile(f, out / f.name)
                text = f.read_text(encoding="utf-8", errors="replace")
                texts.append(text)
                total += len(text)
                seed_files += 1
        banned = "\n".join(texts)
    w = _World(rng, banned)
    n = 0
    while total < chars:
        text = synthetic_report(w, rng, n)
        (out / f"syn_{n:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
        n += 1
    return CorpusInfo(out, seed_files + n, total, seed_files, n)


# -- measurements in fresh processes ---------------------------------------------------------------

def _fresh(fn: Any, *args: Any) -> dict[str, Any]:
    """``fn(*args)`` in a new (spawned) process, so its load time and peak RSS are its own."""
    ctx = mp.get_context("spawn")
    recv, send = ctx.Pipe(duplex=False)
    # not a Pool: its processes are daemonic and may not start the build's own workers
    proc = ctx.Process(target=_fresh_child, args=(fn, args, send))
    proc.start()
    ok, value = recv.recv()
    proc.join()
    if not ok:
        raise RuntimeError(f"benchmark step {fn.__name__} failed: {value}")
    return value


def _fresh_child(fn: Any, args: tuple[Any, ...], conn: Any) -> None:
    try:
        conn.send((True, fn(*args)))
    except BaseException as e:  # noqa: BLE001 - sent to the parent
        import traceback

        conn.send((False, f"{type(e).__name__}: {e}\n{traceback.format_exc()}"))


def _corpus_texts(corpus: str) -> list[str]:
    """Every file's decoded text, as the build reads it."""
    from .reading import discover, read_source

    files, _ = discover([corpus])
    return [read_source(f).text for f in files]


def _raw_pkuseg(corpus: str) -> dict[str, Any]:
    from .nlp import load_pipeline

    t = time.perf_counter()
    seg = load_pipeline("pkuseg").tokenizer.pkuseg_seg
    load = time.perf_counter() - t
    chars = 0
    seconds = 0.0
    for text in _corpus_texts(corpus):
        t = time.perf_counter()
        seg.cut(text)
        seconds += time.perf_counter() - t
        chars += len(text)
    return {"chars": chars, "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds),
            "load_seconds": round(load, 2), "peak_rss_mb": peak_rss_mb()}


def _cut_share(seg: Any, texts: list[str], conn: Any) -> None:
    for text in texts:
        seg.cut(text)
    conn.send(True)


def _raw_pkuseg_parallel(corpus: str, workers: int) -> dict[str, Any]:
    """Raw pkuseg in ``workers`` processes forked after the model is loaded, each cutting every
    ``workers``-th file: what this machine gives ``workers`` independent segmenters at once (the
    ceiling for the build's speed-up, measured in the same run)."""
    from .nlp import load_pipeline

    seg = load_pipeline("pkuseg").tokenizer.pkuseg_seg
    texts = _corpus_texts(corpus)
    ctx = mp.get_context("fork")
    pipes = [ctx.Pipe(duplex=False) for _ in range(workers)]
    t = time.perf_counter()
    procs = [ctx.Process(target=_cut_share, args=(seg, texts[i::workers], pipes[i][1])) for i in range(workers)]
    for p in procs:
        p.start()
    for (recv, _), p in zip(pipes, procs):
        recv.recv()
        p.join()
    seconds = time.perf_counter() - t
    chars = sum(len(x) for x in texts)
    return {"workers": workers, "chars": chars, "seconds": round(seconds, 2), "chars_per_s": round(chars / seconds)}


def _build(corpus: str, workers: int, validate: bool, graph_workers: int | None = None,
           stream: bool = False) -> dict[str, Any]:
    from .pipeline import BuildOptions, _graph_workers, run

    options = BuildOptions(inputs=[Path(corpus)], workers=workers, cache=False, html=False, progress=False,
                           validate=validate, graph_workers=graph_workers, stream=stream)
    with tempfile.TemporaryDirectory(prefix="jiyao-bench-") as out:
        options.out = Path(out)
        if stream:  # a streamed build flushes each batch into a store: that is part of its cost
            options.store = f"oxigraph:{Path(out) / 'store'}"
        r = run(options)
    work = r.seconds - r.load_seconds  # the build without loading the model (raw pkuseg's time excludes it too)
    return {"workers": workers, "graph_workers": _graph_workers(options), "stream": stream, "files": r.files, "articles": r.articles, "chars": r.chars, "triples": r.triples,
            "problems": len(r.problems), "seconds": round(r.seconds, 2), "load_seconds": round(r.load_seconds, 2),
            "extract_seconds": round(r.extract_seconds, 2), "graph_seconds": round(r.graph_seconds, 2),
            # the workers' CPU time: more than one worker's alone when side by side processes slow
            # each other down (shared cores, memory bus), which no pool design removes
            "extract_cpu_seconds": round(r.extract_cpu_seconds, 2),
            "main_cpu_seconds": round(r.main_cpu_seconds, 2),  # the build process while extracting
            "export_seconds": round(r.export_seconds, 2),
            "index_seconds": round(r.index_seconds, 2),  # serial, before the jobs (in export_seconds)
            "export_cpu_seconds": round(r.export_cpu_seconds, 2),  # the jobs' CPU, summed
            "export_sys_seconds": round(r.export_sys_seconds, 2),  # of which the system's (page faults)
            "export_page_faults": r.export_page_faults,
            "chars_per_s": round(r.chars / work), "articles_per_s": round(r.articles / work, 1),
            "extract_chars_per_s": round(r.chars / r.extract_seconds),
            # the build process (graph stage), the extraction workers (as they report it), the
            # graph stage's forked job processes (reaped children)
            "peak_rss_mb": peak_rss_mb(), "peak_rss_worker_mb": r.worker_rss_mb or None,
            "peak_rss_job_mb": peak_rss_mb(children=True) or None}


def _work_seconds(r: dict[str, Any]) -> float:
    """A measurement's time without model load (raw pkuseg's ``seconds`` exclude it already)."""
    return r["seconds"] - r["load_seconds"] if "triples" in r else r["seconds"]


def _pick(best: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """The faster of two runs of one measurement, with every run's time listed in ``runs_seconds``."""
    runs = (best or {}).get("runs_seconds", []) + [round(_work_seconds(new), 2)]
    chosen = new if best is None or _work_seconds(new) < _work_seconds(best) else best
    chosen["runs_seconds"] = runs
    return chosen


def bench_extraction(corpus: Path, workers: int = 2, validate: bool = True, repeat: int = 3) -> dict[str, Any]:
    """Raw pkuseg, then builds with 1 and ``workers`` processes, each in a fresh process.

    ``--workers N`` is N processes for every stage (extraction, then the graph stage's jobs),
    so the 1-worker build is the build's cost per character on one core. Each measurement runs
    ``repeat`` times, interleaved with the others (in reverse order every other round); the
    fastest run of each is reported (the machines are shared: the fastest run is the least
    disturbed one), all runs' times beside it.
    """
    # interleaved, so that a slow spell of the machine does not fall on one configuration only,
    # and in the opposite order every other round, so that none always follows the same other
    measures: dict[str, tuple[Any, ...]] = {
        "raw": (_raw_pkuseg, str(corpus)), "raw_many": (_raw_pkuseg_parallel, str(corpus), workers),
        "one": (_build, str(corpus), 1, validate), "many": (_build, str(corpus), workers, validate)}
    names = list(measures) if workers > 1 else ["raw", "one"]
    best: dict[str, dict[str, Any] | None] = dict.fromkeys(measures)
    for round_ in range(max(1, repeat)):
        for name in names if round_ % 2 == 0 else names[::-1]:
            best[name] = _pick(best[name], _fresh(*measures[name]))
    raw, raw_many, one, many = best["raw"], best["raw_many"], best["one"], best["many"]
    assert raw is not None and one is not None
    out: dict[str, Any] = {"raw_pkuseg": raw, "build_1": one,
                           "peak_rss_per_process_mb_1": max(one["peak_rss_mb"], one["peak_rss_worker_mb"] or 0,
                                                            one["peak_rss_job_mb"] or 0),
                           "ratio_build_to_raw": round(one["chars_per_s"] / raw["chars_per_s"], 2),
                           "ratio_extract_to_raw": round(one["extract_chars_per_s"] / raw["chars_per_s"], 2)}
    if raw_many:
        out[f"raw_pkuseg_{workers}"] = raw_many
        out["speedup_raw"] = round(raw["seconds"] / raw_many["seconds"], 2)
    if many:
        out[f"build_{workers}"] = many
        out["speedup_build"] = round(_work_seconds(one) / _work_seconds(many), 2)
        out["speedup_extract"] = round(one["extract_seconds"] / many["extract_seconds"], 2)
        out["speedup_graph"] = round((one["graph_seconds"] + one["export_seconds"]) /
                                     (many["graph_seconds"] + many["export_seconds"]), 2)
        out["peak_rss_per_worker_mb"] = max(many["peak_rss_worker_mb"] or 0, many["peak_rss_job_mb"] or 0)
        out["speedup_bound"] = _speedup_bound(one, many, workers)
        out["workers"] = workers
    return out


def _speedup_bound(one: dict[str, Any], many: dict[str, Any], workers: int) -> float | None:
    """The most a build of ``many``'s CPU cost could gain over ``one`` on ``workers`` cores.

    ``many`` cannot take less than its serial stages (statements, index) plus the rest of the
    CPU it used (its workers' extraction, this process's share of extracting, the jobs) spread
    evenly over the cores. Side by side, processes use more CPU for the same work (shared
    caches and memory bus): that, not the pool, is what keeps a speed-up below this bound's
    ideal of N.
    """
    if not many.get("export_cpu_seconds"):
        return None  # a small build: no jobs measured
    serial = many["graph_seconds"] + many["index_seconds"]
    spread = many["extract_cpu_seconds"] + many["main_cpu_seconds"] + many["export_cpu_seconds"]
    return round(_work_seconds(one) / (serial + spread / workers), 2)


def bench_memory(corpus: Path, scale: int = 3, workers: int = 2) -> dict[str, Any]:
    """Peak RSS against corpus size: an ordinary and a streamed build (``--stream``, into an
    Oxigraph store) of ``corpus`` and of a generated corpus ``scale`` times its size, each in a
    fresh process with ``workers`` workers. The build process is what grows with the corpus in
    an ordinary build; a streamed one holds one batch at a time."""
    chars = sum(map(len, _corpus_texts(str(corpus))))  # as the build reads them
    big = Path(tempfile.mkdtemp(prefix="jiyao-corpus-"))
    try:
        info = generate_corpus(big, chars * scale, seeds_dir=ROOT / "seeds")
        rows = {}
        for name, path in (("1x", corpus), (f"{scale}x", big)):
            for stream in (False, True):
                rows[f"{'stream' if stream else 'build'}_{name}"] = _fresh(_build, str(path), workers, True, None, stream)
    finally:
        shutil.rmtree(big, ignore_errors=True)
    out: dict[str, Any] = {"scale": scale, "chars": [chars, info.chars], "builds": rows}
    for kind in ("build", "stream"):
        a, b = rows[f"{kind}_1x"], rows[f"{kind}_{scale}x"]
        out[f"{kind}_rss_growth"] = round(b["peak_rss_mb"] / a["peak_rss_mb"], 2)
    return out


# -- the graph part ----------------------------------------------------------------------------------

JY = "https://w3id.org/jiyao/ontology#"
ID = "https://w3id.org/jiyao/id/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_PROV = "http://www.w3.org/ns/prov#"
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(slots=True)
class GraphSample:
    """A synthetic graph file and values present in it (for queries that need parameters)."""

    path: Path
    triples: int
    values: dict[str, str]


def synthetic_graph(path: Path, triples: int, seed: int = 0) -> GraphSample:
    """N-Triples of about ``triples`` triples shaped like a build: articles, meetings with chairs,
    speakers and participants, posts and post holdings, themes, and an evidence node per fact."""
    rng = random.Random(seed)
    people = max(50, triples // 300)
    themes = [f"主题{i}" for i in range(120)]
    lines: list[str] = []
    n = 0

    def t(s: str, p: str, o: str) -> None:
        nonlocal n
        lines.append(f"{s} {p} {o} .")
        n += 1

    def lit(v: str, lang: str | None = None, dt: str | None = None) -> str:
        v = v.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{v}"@{lang}' if lang else (f'"{v}"^^<{dt}>' if dt else f'"{v}"')

    def iri(*parts: object) -> str:
        return "<" + ID + "/".join(str(p) for p in parts) + ">"

    a_type, label = f"<{_RDF}type>", f"<{_RDFS}label>"
    names = [f"人{i:05d}" for i in range(people)]
    for i, name in enumerate(names):
        t(iri("person", i), a_type, f"<{JY}Person>")
        t(iri("person", i), label, lit(name, "zh"))
    for k, th in enumerate(themes):
        t(f"<https://w3id.org/jiyao/theme/t{k}>", a_type, f"<{JY}Theme>")
        t(f"<https://w3id.org/jiyao/theme/t{k}>", f"<{_SKOS}prefLabel>", lit(th, "zh"))
    with path.open("w", encoding="utf-8") as f:
        m = 0
        while n < triples:
            art, mt = iri("article", m // 3), iri("meeting", m)
            date = f"2031-{1 + m % 12:02d}-{1 + m % 28:02d}"
            if m % 3 == 0:
                t(art, a_type, f"<{JY}Article>")
                t(art, f"<{JY}sourceFile>", lit(f"file{m // 30}.txt"))
            t(mt, a_type, f"<{JY}Meeting>")
            t(mt, label, lit(f"会议{m}", "zh"))
            t(mt, f"<{JY}reportedIn>", art)
            t(mt, f"<{JY}date>", lit(date, dt=_XSD + "date"))
            org = iri("org", m % 200)
            t(org, a_type, f"<{JY}Organization>")
            t(org, label, lit(f"机构{m % 200}", "zh"))
            t(mt, f"<{JY}organizer>", org)
            present = rng.sample(range(people), k=min(people, rng.randint(3, 9)))
            for j, pi in enumerate(present):
                role = "chair" if j == 0 else ("speaker" if j == 1 else "participant")
                t(mt, f"<{JY}{role}>", iri("person", pi))
                ev = iri("evidence", m, j)
                t(ev, a_type, f"<{JY}Evidence>")
                t(ev, f"<{_RDF}subject>", mt)
                t(ev, f"<{_RDF}predicate>", f"<{JY}{role}>")
                t(ev, f"<{_RDF}object>", iri("person", pi))
                t(ev, f"<{_PROV}wasDerivedFrom>", art)
                t(ev, f"<{JY}sentence>", lit(f"第{m}次会议的句子{j}"))
                post = iri("post", pi % 400)
                t(post, a_type, f"<{JY}Post>")
                t(post, label, lit(f"职务{pi % 400}", "zh"))
                h = iri("holding", pi, m)
                t(h, a_type, f"<{JY}PostHolding>")
                t(h, f"<{JY}holder>", iri("person", pi))
                t(h, f"<{JY}post>", post)
                t(h, f"<{JY}observedIn>", art)
                t(h, f"<{JY}observedOn>", lit(date, dt=_XSD + "date"))
            for k in rng.sample(range(len(themes)), k=3):
                t(mt, f"<{JY}emphasizes>", f"<https://w3id.org/jiyao/theme/t{k}>")
            m += 1
            if len(lines) > 50_000:
                f.write("\n".join(lines) + "\n")
                lines.clear()
        f.write("\n".join(lines) + "\n")
    values = {"person": names[0], "theme": themes[0], "organizer": "机构0", "post": "职务0", "date": "2031-01-01"}
    return GraphSample(path, n, values)


_BUILTIN_QUERIES = {
    "meetings-per-theme": f"""PREFIX jy: <{JY}>
SELECT ?theme (COUNT(?m) AS ?n) WHERE {{ ?m a jy:Meeting ; jy:emphasizes ?theme }} GROUP BY ?theme ORDER BY DESC(?n)""",
    "chaired-meetings": f"""PREFIX jy: <{JY}> PREFIX rdfs: <{_RDFS}>
SELECT ?m ?label WHERE {{ ?m jy:chair ?p ; rdfs:label ?label . ?p rdfs:label ?name }} ORDER BY ?label LIMIT 1000""",
    "co-attendance-2hop": f"""PREFIX jy: <{JY}> PREFIX rdfs: <{_RDFS}>
SELECT ?a ?b (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  ?m a jy:Meeting ; jy:chair|jy:speaker|jy:participant ?a , ?b . FILTER(STR(?a) < STR(?b)) }}
GROUP BY ?a ?b ORDER BY DESC(?n) ?a ?b""",
}


def bench_queries(values: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Query texts to run (canned ones with parameters bound from ``values``) and those skipped, why."""
    try:
        from .query import bind_params, canned, inject_values
    except ImportError:
        return dict(_BUILTIN_QUERIES), {}
    specs = canned()
    if not specs:
        return dict(_BUILTIN_QUERIES), {}
    out: dict[str, str] = {}
    skipped: dict[str, str] = {}
    for name, spec in specs.items():
        need = {p: values[p] for p, param in spec.params.items() if param.required and p in values}
        missing = [p for p, param in spec.params.items() if param.required and p not in values]
        if missing:
            skipped[name] = f"needs {', '.join(missing)}"
            continue
        out[name] = inject_values(spec.text, bind_params(spec, need)) if need else spec.text
    return out, skipped


def _run_query_child(kind: str, handle: Any, text: str, conn: Any) -> None:
    try:
        from .query import _run_oxigraph  # imported before the clock starts

        t = time.perf_counter()
        if kind == "oxigraph":
            # what `jiyao query --graph oxigraph:DIR` does (kg.query.run_query on an Oxigraph-backed
            # graph): the query runs in Oxigraph, rows come back as rdflib terms; the parameters
            # are already in the text as a VALUES block, as run_query puts them
            rows = len(_run_oxigraph(handle.store._inner, text, {}))  # noqa: SLF001
        elif kind == "native":
            # the same job natively: every row materialized (as pyoxigraph terms)
            rows = len([tuple(sol) for sol in handle.query(text)])
        else:
            rows = sum(1 for _ in handle.query(text))
        conn.send((time.perf_counter() - t, rows))
    except BaseException as e:  # noqa: BLE001 - reported as the result
        conn.send((None, f"{type(e).__name__}: {e}"))


def _timed_query(kind: str, handle: Any, text: str, timeout: float) -> dict[str, Any]:
    """Run one query in a forked copy of this process, killed after ``timeout`` seconds."""
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run_query_child, args=(kind, handle, text, send))
    proc.start()
    if recv.poll(timeout):
        seconds, rows = recv.recv()
        proc.join()
        if seconds is None:
            return {"error": rows}
        return {"seconds": round(seconds, 3), "rows": rows}
    proc.kill()
    proc.join()
    return {"seconds": "timeout", "cap": timeout}


def _store_bench(kind: str, path: str, queries: dict[str, str], timeout: float) -> dict[str, Any]:
    import pyoxigraph as ox
    from rdflib import Graph

    out: dict[str, Any] = {}
    t = time.perf_counter()
    if kind == "native":
        handle: Any = ox.Store()
        handle.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
    elif kind == "oxigraph":
        handle = Graph(store="Oxigraph")
        handle.parse(path, format="ox-nt")
    else:
        handle = Graph()
        handle.parse(path, format="nt")
    out["load_seconds"] = round(time.perf_counter() - t, 3)
    # the same document from every store: a Turtle file with the prefixes jiyao's exports declare
    from .graph import bind_prefixes, prefixes

    turtle = Path(path).with_suffix(f".{kind}.ttl")
    t = time.perf_counter()
    if kind == "native":
        handle.dump(str(turtle), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes())
    else:
        bind_prefixes(handle)
        handle.serialize(destination=str(turtle), format="ox-turtle" if kind == "oxigraph" else "turtle")
    out["turtle_seconds"] = round(time.perf_counter() - t, 3)
    turtle.unlink()
    out["queries"] = {name: _timed_query(kind, handle, text, timeout) for name, text in queries.items()}
    out["peak_rss_mb"] = peak_rss_mb()
    return out


STORES = ("memory", "oxigraph", "native")


def bench_graph(sizes: tuple[int, ...] = (100_000, 1_000_000), timeout: float = 60.0,
                stores: tuple[str, ...] = STORES) -> dict[str, Any]:
    """Load, Turtle export and canned queries per store and size (each store in a fresh process)."""
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="jiyao-bench-graph-") as tmp:
        for size in sizes:
            sample = synthetic_graph(Path(tmp) / f"g{size}.nt", size)
            queries, skipped = bench_queries(sample.values)
            row: dict[str, Any] = {"triples": sample.triples, "skipped_queries": skipped}
            for kind in stores:
                row[kind] = _fresh(_store_bench, kind, str(sample.path), queries, timeout)
            nat = row.get("native")
            oxs = row.get("oxigraph")
            if nat and oxs:
                row["oxigraph_vs_native"] = _ratios(oxs, nat)
            result[str(size)] = row
    return result


def _ratios(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """``a``'s times over ``b``'s (load, Turtle and each query; tiny times floored at 10 ms)."""
    def r(x: Any, y: Any) -> Any:
        if not isinstance(x, (int, float)) or not isinstance(y, (int, float)):
            return None
        return round(max(x, 0.01) / max(y, 0.01), 2)

    out = {"load": r(a["load_seconds"], b["load_seconds"]), "turtle": r(a["turtle_seconds"], b["turtle_seconds"])}
    for name, q in a["queries"].items():
        out[name] = r(q.get("seconds"), b["queries"].get(name, {}).get("seconds"))
    return out


# -- output ----------------------------------------------------------------------------------------------

def format_table(res: dict[str, Any]) -> str:
    """The benchmark results as a plain-text table."""
    lines = []
    ex = res.get("extraction")
    if ex:
        raw = ex["raw_pkuseg"]
        lines.append(f"corpus: {res['corpus']['files']} files, {res['corpus']['chars']:,} chars")
        lines.append(f"{'':28}{'chars/s':>10}{'articles/s':>12}{'seconds':>9}{'load s':>8}"
                     f"  peak RSS MB (build / extraction worker / graph job)")
        lines.append(f"{'raw pkuseg cut':28}{raw['chars_per_s']:>10,}{'':>12}{raw['seconds']:>9}"
                     f"{raw['load_seconds']:>8}  {raw['peak_rss_mb']:>13}   (runs {raw.get('runs_seconds', '-')} s)")
        for key in [k for k in ex if k.startswith("build_")]:
            b = ex[key]
            rss = f"{b['peak_rss_mb']} / {b.get('peak_rss_worker_mb') or '-'} / {b.get('peak_rss_job_mb') or '-'}"
            name = f"build, {b['workers']} worker(s)"
            lines.append(f"{name:28}{b['chars_per_s']:>10,}"
                         f"{b['articles_per_s']:>12}{b['seconds']:>9}{b['load_seconds']:>8}  {rss:>13}")
            lines.append(f"{'  extract / graph / export s':28}{b['extract_seconds']:>10}{b['graph_seconds']:>12}"
                         f"{b['export_seconds']:>9}   ({b['triples']:,} triples; runs {b.get('runs_seconds', '-')} s)")
            lines.append(f"{'  CPU s':28}{b.get('extract_cpu_seconds', '-'):>10}{'':>12}{b.get('export_cpu_seconds', '-'):>9}"
                         f"   (extraction: workers' CPU, build process {b.get('main_cpu_seconds', '-')}; "
                         f"export: jobs' CPU, index {b.get('index_seconds', '-')} s before them)")
            if b.get("export_page_faults"):
                lines.append(f"{'  export jobs: system CPU s':28}{'':>10}{'':>12}{b.get('export_sys_seconds', '-'):>9}"
                             f"   ({b['export_page_faults']:,} page faults)")
        lines.append(f"ratio build/raw pkuseg (1 worker): {ex['ratio_build_to_raw']}   "
                     f"extraction/raw: {ex['ratio_extract_to_raw']}")
        for key in [k for k in ex if k.startswith("raw_pkuseg_")]:
            r = ex[key]
            lines.append(f"{'raw pkuseg, ' + str(r['workers']) + ' processes':28}{r['chars_per_s']:>10,}{'':>12}"
                         f"{r['seconds']:>9}{'':>8}  {'':>13}   (runs {r.get('runs_seconds', '-')} s)")
        if "speedup_raw" in ex:
            lines.append(f"this machine's ceiling: raw pkuseg in parallel processes {ex['speedup_raw']}x one process")
        if "speedup_build" in ex:
            lines.append(f"speed-up with workers: build {ex['speedup_build']}x (extraction {ex['speedup_extract']}x, "
                         f"graph stage {ex['speedup_graph']}x); peak RSS per worker {ex['peak_rss_per_worker_mb']} MB")
            if ex.get("speedup_bound"):
                lines.append(f"the most the {ex['workers']}-worker build's "
                             f"own CPU time allows on this machine: {ex['speedup_bound']}x (its serial stages, "
                             f"plus the rest of its CPU over the cores)")
    mem = res.get("memory")
    if mem:
        lines.append("")
        lines.append(f"memory against corpus size ({mem['chars'][0]:,} and {mem['chars'][1]:,} chars, "
                     f"{next(iter(mem['builds'].values()))['workers']} workers)")
        lines.append(f"{'':28}{'seconds':>9}{'statements':>12}  peak RSS MB (build process / extraction worker / graph job)")
        for key, b in mem["builds"].items():
            name = f"{'streamed' if b['stream'] else 'ordinary'} build, {key.split('_')[1]} corpus"
            rss = f"{b['peak_rss_mb']} / {b.get('peak_rss_worker_mb') or '-'} / {b.get('peak_rss_job_mb') or '-'}"
            lines.append(f"{name:28}{b['seconds']:>9}{b['triples']:>12,}  {rss}")
        lines.append(f"build-process peak RSS, {mem['scale']}x corpus over 1x: ordinary {mem['build_rss_growth']}x, "
                     f"streamed {mem['stream_rss_growth']}x   (statements: distinct triples; streamed: quads of graph.nq)")
    gr = res.get("graph")
    if gr:
        for size, row in gr.items():
            lines.append("")
            lines.append(f"graph of {row['triples']:,} triples (seconds)")
            stores = [s for s in STORES if s in row]
            lines.append(f"{'':26}" + "".join(f"{s:>12}" for s in stores) + f"{'ox/native':>11}")
            def cell(v: Any) -> str:
                return f"{v:>12}" if v is not None else f"{'-':>12}"
            ratio = row.get("oxigraph_vs_native", {})
            lines.append(f"{'load':26}" + "".join(cell(row[s]["load_seconds"]) for s in stores) + f"{ratio.get('load', ''):>11}")
            lines.append(f"{'Turtle export':26}" + "".join(cell(row[s]["turtle_seconds"]) for s in stores)
                         + f"{ratio.get('turtle', ''):>11}")
            for q in row[stores[0]]["queries"]:
                vals = [row[s]["queries"][q].get("seconds", row[s]["queries"][q].get("error", "error")) for s in stores]
                lines.append(f"{q[:26]:26}" + "".join(cell(v) for v in vals) + f"{str(ratio.get(q, '')):>11}")
            lines.append(f"{'peak RSS MB':26}" + "".join(cell(row[s]["peak_rss_mb"]) for s in stores))
            if row["skipped_queries"]:
                lines.append(f"skipped: {row['skipped_queries']}")
    return "\n".join(lines)


@command("bench", "benchmark extraction throughput, workers, memory and triple stores")
def _bench_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--chars", type=int, default=2_000_000, help="size of the generated corpus (default 2 M)")
    p.add_argument("--corpus", type=Path, help="use (or generate into) this folder instead of a temporary one")
    p.add_argument("--workers", type=int, default=2, help="workers for the parallel build (default 2)")
    p.add_argument("--extraction", action=argparse.BooleanOptionalAction, default=True, help="the extraction part")
    p.add_argument("--memory", action=argparse.BooleanOptionalAction, default=True,
                   help="the memory part: ordinary and streamed builds of the corpus and of a larger one")
    p.add_argument("--memory-scale", type=int, default=3, help="the memory part's larger corpus, times the corpus (default 3)")
    p.add_argument("--graph", action=argparse.BooleanOptionalAction, default=True, help="the store/query part")
    p.add_argument("--sizes", default="100000,1000000", help="graph sizes in triples (comma-separated)")
    p.add_argument("--stores", default=",".join(STORES),
                   help=f"stores of the graph part (comma-separated, default {','.join(STORES)})")
    p.add_argument("--query-timeout", type=float, default=30.0, help="cap per query, seconds (default 30)")
    p.add_argument("--no-validate", action="store_true", help="builds without SHACL validation")
    # three: on the shared 2-core machine one configuration's runs of one bench spanned up to 20 %
    p.add_argument("--repeat", type=int, default=3,
                   help="runs of each extraction measurement; the fastest is reported (default 3)")
    p.add_argument("--json", type=Path, default=Path("bench.json"), help="write results here (default bench.json)")


@_bench_args.run  # type: ignore[attr-defined]
def _bench(a: argparse.Namespace) -> int:
    res: dict[str, Any] = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    if a.extraction or a.memory:
        tmp = None
        corpus = a.corpus
        if corpus is None:
            tmp = tempfile.mkdtemp(prefix="jiyao-corpus-")
            corpus = Path(tmp)
        try:
            if not any(corpus.glob("*.txt")):
                info = generate_corpus(corpus, a.chars, seeds_dir=ROOT / "seeds")
            else:
                texts = _corpus_texts(str(corpus))  # as the build reads them
                info = CorpusInfo(corpus, len(texts), sum(map(len, texts)), 0, 0)
            res["corpus"] = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(info).items()}
            if a.extraction:
                res["extraction"] = bench_extraction(corpus, a.workers, validate=not a.no_validate, repeat=a.repeat)
            if a.memory:
                res["memory"] = bench_memory(corpus, a.memory_scale, a.workers)
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
    if a.graph:
        sizes = tuple(int(x) for x in a.sizes.split(",") if x.strip())
        stores = tuple(x.strip() for x in a.stores.split(",") if x.strip())
        unknown = set(stores) - set(STORES)
        if unknown:
            print(f"jiyao bench: unknown store(s) {', '.join(sorted(unknown))}; choose from {', '.join(STORES)}",
                  file=sys.stderr)
            return 2
        res["graph"] = bench_graph(sizes, a.query_timeout, stores)
    print(format_table(res))
    a.json.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {a.json}")
    return 0
