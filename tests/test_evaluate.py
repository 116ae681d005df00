"""``jiyao eval``: the scorer's table, then each miss with the sentences of the source that name it
and each false hit with the sentences the graph gives as its evidence."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SHARED

from kg.evaluate import load_scorer, report
from kg.pipeline import BuildOptions, run

TEXT = ("本报讯（记者 甲某某）3月2日，县委书记钱某某主持召开全县安全生产工作会议并讲话。"
        "县长孙某某提出工作要求。县领导吴某参加会议。钱某某强调，要压实安全生产责任。")


def test_misses_show_the_source_and_false_hits_their_evidence(tmp_path: Path) -> None:
    src, gold, out = tmp_path / "src", tmp_path / "gold", tmp_path / "out"
    src.mkdir()
    gold.mkdir()
    (src / "a.txt").write_text(TEXT, encoding="utf-8")
    run(BuildOptions(inputs=[src], out=out, progress=False, html=False, cache=False))
    # this gold has 吴某 speak (the graph: attend only) and forgets 孙某某 (a false hit then)
    (gold / "a.json").write_text(json.dumps({
        "file": "a.txt", "articles": 1, "reporters": ["甲某某"],
        "people": [{"name": n, "posts": []} for n in ("钱某某", "孙某某", "吴某")],
        "meetings": [{"name": "全县安全生产工作会议", "date": "--03-02", "chairs": ["钱某某"],
                      "speakers": ["钱某某", "吴某"], "participants": ["吴某"], "themes": ["安全生产"]}],
    }, ensure_ascii=False), encoding="utf-8")
    lines = report(load_scorer(SHARED / "eval" / "score.py"), gold, out / "graph.ttl", src).splitlines()
    assert lines[0].startswith("category")  # the scorer's table first
    miss = lines.index("MISS  speaker     a.txt: 吴某")
    assert lines[miss + 1] == "        text: 县领导吴某参加会议。"  # the source's sentence naming him
    false = lines.index("FALSE speaker     a.txt: 孙某某")
    assert lines[false + 1] == "        evidence: 县长孙某某提出工作要求。"  # the graph's evidence
    assert [line for line in lines if line.startswith(("MISS", "FALSE"))] == [
        "MISS  speaker     a.txt: 吴某", "FALSE speaker     a.txt: 孙某某", "FALSE participant a.txt: 孙某某"]
