"""axe-core run on a page as a person sees it: after the page has stopped moving.

Material fades its back-to-top button in over 125 ms when a page scrolls up. axe caught it half
transparent on a loaded CI machine and reported a contrast failure that no reader ever sees at rest,
so every axe run here first waits for the page's transitions and animations to end (events, not sleeps).
"""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# resultTypes: axe still runs every rule, but details only the violations; the passes (thousands
# of nodes a page, each colour contrast among them) are neither described nor sent back to Python.
WCAG_AA = {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}, "resultTypes": ["violations"]}
# axe's best-practice rules too (landmarks, heading order, regions).
WITH_BEST_PRACTICE = {
    "runOnly": {"type": "tag", "values": [*WCAG_AA_TAGS, "best-practice"]},
    "resultTypes": ["violations"],
}
# Material's sidebar names its section landmarks with an icon-only label, which the best-practice
# landmark-unique rule flags on every page with the sidebar: a theme matter, checked site-wide elsewhere.
WITHOUT_SIDEBAR = {"exclude": [[".md-sidebar--primary"]]}

_AXE = Axe()

# Waits two frames (a scroll or class change starts its transitions on the next frame), then for every
# finite animation or transition to finish; repeats while finishing one started another. Infinite
# animations (spinners) are not waited for; one that never ends (paused) fails after 10 seconds,
# naming what still moves, rather than hanging the run.
_SETTLE = """async (seconds) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const deadline = performance.now() + seconds * 1000;
  const describe = (animation) => {
    const target = animation.effect && animation.effect.target;
    return (animation.transitionProperty || animation.animationName || "animation") + " on "
      + (target ? target.tagName.toLowerCase() + (target.className ? "." + String(target.className).trim().split(/\\s+/).join(".") : "") : "?");
  };
  while (true) {
    await frame(); await frame();
    const running = document.getAnimations().filter((animation) => animation.playState === "running"
      && animation.effect && animation.effect.getComputedTiming().endTime !== Infinity);
    if (running.length === 0) return;
    const left = deadline - performance.now();
    if (left <= 0) throw new Error("the page kept animating: " + running.map(describe).join(", "));
    const timeUp = new Promise((resolve) => setTimeout(resolve, left));
    await Promise.race([Promise.all(running.map((animation) => animation.finished.catch(() => null))), timeUp]);
  }
}"""


def settle(page: Page, seconds: float = 10) -> None:
    """Waits until nothing on the page is fading or moving; fails after `seconds`."""
    page.evaluate(_SETTLE, seconds)


def run_axe(page: Page, options=WITH_BEST_PRACTICE, context=None):
    settle(page)
    return _AXE.run(page, context=context, options=options)


def describe(violations) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}; nodes: {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )


def assert_no_axe_violations(page: Page, options=WCAG_AA, context=None) -> None:
    results = run_axe(page, options=options, context=context)
    assert results.violations_count == 0, (
        f"{results.violations_count} axe violations on {page.url}:\n{describe(results.response['violations'])}"
    )
