"""No person, place or date of the seeds in code or lexicons: rules must carry to other cities."""

from __future__ import annotations

import json
import re

from conftest import GOLD, ROOT

from kg.resolve import places_of


def _seed_facts() -> set[str]:
    facts: set[str] = set()
    for gf in GOLD.glob("*.json"):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        for p in gold.get("people", []):
            facts.add(p["name"])
            facts |= places_of(p.get("posts", []))
        facts |= set(gold.get("reporters", []))
        for m in gold.get("meetings", []):
            if m.get("date"):
                month, day = m["date"][-5:].split("-")
                facts.add(f"{int(month)}月{int(day)}日")
    return {f for f in facts if len(f) >= 2}


def _sources():
    for pattern in ("kg/**/*.py", "kg/**/*.txt", "kg/**/*.tsv", "kg/**/*.rq", "kg/**/*.json*", "ontology/*.ttl"):
        yield from ROOT.glob(pattern)


def test_gold_gives_names_to_look_for():
    facts = _seed_facts()
    assert len(facts) > 40 and any(len(f) == 3 for f in facts)


def test_no_seed_fact_in_code_or_lexicons():
    facts = _seed_facts()
    pattern = re.compile("|".join(sorted(map(re.escape, facts), key=len, reverse=True)))
    hits = []
    for path in _sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in pattern.finditer(line):
                hits.append(f"{path.relative_to(ROOT)}:{n}: {m.group(0)}")
    assert not hits, "seed facts in code or lexicons:\n" + "\n".join(hits)
