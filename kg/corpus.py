"""A generated corpus for benchmarks and scale tests: the seeds plus synthetic reports.

Synthetic reports follow the genre's templates (a dateline, a meeting convened and chaired,
lists of attending officials under group labels, 会议强调/一要… passages on policy themes,
inspection tours, bylines) with invented people and places: family names come from the
surname lexicon, given names and place names are drawn from character banks here, and any
invented string that occurs in a seed file is rejected, so no seed name or place is reused.
Role words, meeting words and theme labels come from the project's lexicons. The output is
deterministic for a given ``seed``.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CorpusInfo", "generate_corpus", "synthetic_report"]

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
