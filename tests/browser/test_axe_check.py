"""The axe helper checks the page at rest: Material's back-to-top button, caught mid-fade on a loaded
machine, once failed colour contrast in CI although it passes once shown."""

import pytest
from axe_check import WITH_BEST_PRACTICE, WITHOUT_SIDEBAR, run_axe, settle
from playwright.sync_api import Error, Page, expect

pytestmark = pytest.mark.browser
RUNNING_FINITE = (
    "document.getAnimations().filter(a => a.playState === 'running'"
    " && a.effect.getComputedTiming().endTime !== Infinity).length"
)


def test_axe_waits_for_the_back_to_top_button_to_finish_fading_in(page: Page, site_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(site_url + "glossary/")
    # Material keeps the button in the layout, transparent, with the hidden attribute while out of use.
    back_to_top = page.get_by_role("button", name="Back to top", include_hidden=True)
    page.mouse.wheel(0, 1500)
    page.wait_for_function("scrollY > 1000")  # scrolled down, in its own frames, before going up
    settle(page)
    expect(back_to_top).to_have_attribute("hidden", "")
    page.mouse.wheel(0, -300)  # scrolling up brings the button in, fading over 125 ms
    expect(back_to_top).not_to_have_attribute("hidden", "")
    settle(page)
    assert back_to_top.evaluate("e => getComputedStyle(e).opacity") == "1"
    assert page.evaluate(RUNNING_FINITE) == 0
    result = run_axe(page, WITH_BEST_PRACTICE, WITHOUT_SIDEBAR)
    assert result.violations_count == 0, result.response["violations"]


def test_a_page_that_never_stops_moving_fails_with_what_moves_instead_of_hanging(page: Page, site_url):
    page.goto(site_url)
    page.evaluate("""() => {
      const box = document.createElement("div");
      box.className = "stuck-box";
      document.body.append(box);
      box.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 1000 }).playbackRate = 0;
    }""")
    with pytest.raises(Error, match=r"the page kept animating: animation on div\.stuck-box"):
        settle(page, seconds=0.5)
