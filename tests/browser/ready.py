"""A page is ready for a check once it has loaded and every widget on it has drawn itself:
widgets.js marks each widget's root `data-dpup-ready` after starting it. Waiting on that is quicker
and surer than waiting for the network to be idle (half a second of silence on every page)."""

from playwright.sync_api import Page

EVERY_WIDGET_READY = (
    "() => [...document.querySelectorAll('[data-dpup-widget]')].every((root) => root.dataset.dpupReady)"
)


def wait_until_ready(page: Page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_function(EVERY_WIDGET_READY)
