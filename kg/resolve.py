"""Entity resolution: which name mentions are the same person.

One person per name and jurisdiction: mentions of a name are merged unless their posts
place them in different jurisdictions (甲县县委书记 vs 乙县县委书记 share no place), so two
officials of the same name in different cities get two IRIs while a bare repeat, a list
item or a traditional-script spelling (already simplified) joins the person it names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .records import ArticleResult

__all__ = ["Resolver", "places_of"]

_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,6}?)(?:市|省|县|区|州|自治区|自治州)(?=委|政府|人大|政协|纪委|公安|[\u4e00-\u9fff]{0,8}(?:局|厅|委|院|部|办))")


def places_of(posts: Iterable[str]) -> frozenset[str]:
    """Place names written in posts (某某市委常委 → 某某); a post without one says nothing."""
    return frozenset(m.group(1) for p in posts if (m := _PLACE.match(p)))


class Resolver:
    """Assigns each (article, name) a person key.

    Give it every result of a build first (``Resolver(results)``, or :meth:`add` one at a time
    when the results are streamed rather than held); the first :meth:`key` or :meth:`ambiguous`
    closes it. It keeps
    only each mention's places, not the results.
    """

    def __init__(self, results: Iterable[ArticleResult] = ()) -> None:
        # name -> list of place sets seen (one per article that gives a place)
        self._seen: dict[str, list[frozenset[str]]] = defaultdict(list)
        self._article_places: dict[tuple[str, str], frozenset[str]] = {}
        self._clusters: dict[str, list[frozenset[str]]] | None = None
        for r in results:
            self.add(r)

    def add(self, r: ArticleResult) -> None:
        """Take one article's people into account (before it is closed)."""
        if self._clusters is not None:
            raise RuntimeError("Resolver.add after key(): the person keys are already given out")
        for name, posts in r.people.items():
            places = places_of(posts)
            if places:
                self._article_places[(r.article.id, name)] = places
                self._seen[name].append(places)

    def _closed(self) -> dict[str, list[frozenset[str]]]:
        """Clusters of places per name, made on first use (no :meth:`add` after that)."""
        if self._clusters is None:
            self._clusters = self._close()
        return self._clusters

    def _close(self) -> dict[str, list[frozenset[str]]]:
        # clusters of places per name: merge place sets that overlap
        result: dict[str, list[frozenset[str]]] = {}
        for name, sets in self._seen.items():
            clusters: list[set[str]] = []
            for s in sets:
                hits = [c for c in clusters if c & s]
                merged = set(s).union(*hits) if hits else set(s)
                clusters = [c for c in clusters if not (c & s)] + [merged]
            result[name] = sorted((frozenset(c) for c in clusters), key=lambda c: sorted(c))
        self._seen.clear()
        return result

    def ambiguous(self) -> frozenset[str]:
        """The names that belong to people of several jurisdictions: the only ones whose keys
        may differ from the names themselves."""
        return frozenset(name for name, clusters in self._closed().items() if len(clusters) > 1)

    def key(self, article_id: str, name: str) -> str:
        """The person key: the name, plus a jurisdiction when the name is shared by several."""
        clusters = self._closed().get(name, [])
        if len(clusters) <= 1:
            return name
        places = self._article_places.get((article_id, name), frozenset())
        for c in clusters:
            if places & c:
                return f"{name}@{'|'.join(sorted(c))}"
        return name  # no place in this article: the unqualified person
