"""graph.html in a real browser (headless Chromium via selenium): loads cleanly, searches, shows
evidence on click, and never runs script from a report."""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from kg.store import open_graph
from kg.viz import graph_view

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,900"]
XSS_REPORT = """本报讯 3月5日上午，市委召开全市安全生产工作会议。市委书记林远航主持会议并讲话<script>window.__xss=1</script><img src=x onerror="window.__xss=2">。副市长高明远参加会议。
会议强调，要坚持安全发展理念，推动高质量发展。
"""


@pytest.fixture(scope="module")
def driver():  # noqa: ANN201 - a selenium WebDriver
    subprocess.run(["bash", str(ROOT / "scripts" / "install-browser.sh")], check=True, capture_output=True)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    with tempfile.TemporaryDirectory(prefix="jiyao-chrome-") as profile:
        for flag in FLAGS + [f"--user-data-dir={profile}"]:
            opts.add_argument(flag)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        try:
            yield d
        finally:
            d.quit()


def _open(driver, page: Path) -> None:  # noqa: ANN001
    driver.get("about:blank")
    driver.get_log("browser")  # drop earlier pages' messages
    driver.get(page.as_uri())
    deadline = time.monotonic() + 30
    while not driver.execute_script("return !!(window.jiyao && window.jiyao.ready)"):
        assert time.monotonic() < deadline, "the graph was never drawn"
        time.sleep(0.05)


def _errors(driver) -> list[dict]:  # noqa: ANN001
    return [m for m in driver.get_log("browser") if m["level"] in ("SEVERE", "ERROR")]


def _panel_text(driver) -> str:  # noqa: ANN001
    return driver.execute_script("return document.getElementById('jy-panel').hidden ? '' : "
                                 "document.getElementById('jy-panel-body').textContent")


def _click_node(driver, node: int) -> None:  # noqa: ANN001
    """A real mouse click where the node is drawn."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    canvas = driver.find_element(By.CSS_SELECTOR, "#jy-network canvas")
    x, y, w, h = driver.execute_script(
        "const net = window.jiyao.network, p = net.canvasToDOM(net.getPositions([arguments[0]])[arguments[0]]),"
        " r = arguments[1].getBoundingClientRect(); return [p.x, p.y, r.width, r.height];", node, canvas)
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).click().perform()


@pytest.fixture(scope="module")
def seeds_page(seeds_build) -> tuple[Path, object]:  # noqa: ANN001
    out, _ = seeds_build
    return out / "graph.html", graph_view(open_graph(out / "graph.ttl"))


def test_seeds_page_loads_without_errors(driver, seeds_page) -> None:  # noqa: ANN001
    page, view = seeds_page
    _open(driver, page)
    assert _errors(driver) == []
    assert driver.execute_script("return window.jiyao.nodes.length") == len(view.nodes)
    assert driver.execute_script("return Object.keys(window.jiyao.network.getPositions()).length") == len(view.nodes)
    legend = driver.execute_script("return document.getElementById('jy-types').textContent")
    assert "人物" in legend and "会议" in legend


def test_search_finds_a_gold_person_and_click_shows_evidence(driver, seeds_page) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from conftest import GOLD

    page, view = seeds_page
    chairs = sorted({c for f in GOLD.glob("*.json") for m in json.loads(f.read_text(encoding="utf-8"))["meetings"]
                     for c in m["chairs"]})
    labels = {view.labels[n]: n for n in view.nodes if view.types[n] == "Person"}
    name = next(c for c in chairs if c in labels)
    _open(driver, page)
    box = driver.find_element(By.ID, "jy-search")
    box.send_keys(name)
    results = driver.find_elements(By.CSS_SELECTOR, "#jy-results li")
    assert results and name in results[0].text
    box.send_keys(Keys.ENTER)
    time.sleep(0.6)  # the zoom animation
    assert _panel_text(driver).startswith(name)
    node = view.nodes.index(labels[name])
    assert driver.execute_script("return window.jiyao.network.getSelectedNodes()") == [node]

    # a real click on the node opens its panel with evidence
    driver.find_element(By.ID, "jy-close").click()
    assert _panel_text(driver) == ""
    time.sleep(0.2)
    _click_node(driver, node)
    text = _panel_text(driver)
    assert text.startswith(name)
    evidence = driver.execute_script(
        "return Array.from(document.querySelectorAll('#jy-panel [data-section=\"证据\"] li')).map(li => li.textContent)")
    assert evidence and all(".txt:" in e for e in evidence)
    assert any(name in e for e in evidence)
    assert _errors(driver) == []


def test_filters_hide_nodes(driver, seeds_page) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    page, view = seeds_page
    _open(driver, page)
    driver.find_element(By.ID, "jy-type-Theme").click()
    hidden = driver.execute_script("return window.jiyao.nodes.get({filter: n => n.hidden}).length")
    assert hidden == sum(1 for n in view.nodes if view.types[n] == "Theme")
    theme = max(view.theme_meetings, key=lambda t: len(view.theme_meetings[t]))
    driver.find_element(By.ID, "jy-reset").click()
    driver.execute_script("const s = document.getElementById('jy-theme'); s.value = arguments[0];"
                          "s.dispatchEvent(new Event('change'));", str(view.nodes.index(theme)))
    shown_meetings = driver.execute_script(
        "return window.jiyao.nodes.get({filter: n => !n.hidden && n.group === 'Meeting'}).map(n => n.id)")
    assert sorted(shown_meetings) == sorted(view.nodes.index(m) for m in view.theme_meetings[theme])
    assert _errors(driver) == []


def test_report_markup_never_runs(driver, extractor, tmp_path) -> None:  # noqa: ANN001
    from kg.pipeline import BuildOptions, run

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "report.txt").write_text(XSS_REPORT, encoding="utf-8")
    report = run(BuildOptions(inputs=[tmp_path / "in"], out=tmp_path / "out", progress=False,
                              formats=("graph.ttl",)))
    page = tmp_path / "out" / "graph.html"
    assert page in report.outputs
    _open(driver, page)
    assert driver.execute_script("return typeof window.__xss") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('#jy-panel-body img, body > img').length") == 0
    labels = driver.execute_script("return window.jiyao.data.labels")
    driver.execute_script("window.jiyao.focusNode(arguments[0])", labels.index("林远航"))
    time.sleep(0.5)
    evidence = driver.execute_script(
        "return Array.from(document.querySelectorAll('#jy-panel [data-section=\"证据\"] .jy-text'))"
        ".map(e => e.textContent)")
    assert any("<script>window.__xss=1</script>" in e and '<img src=x onerror="window.__xss=2">' in e
               for e in evidence)
    assert driver.execute_script("return typeof window.__xss") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    assert _errors(driver) == []
