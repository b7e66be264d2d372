"""Helpers for reading what a page saved in localStorage (shared by the browser tests)."""

from playwright.sync_api import Page


def stored(page: Page, prefix: str) -> dict:
    """Every localStorage entry whose key starts with `prefix`, as {key: raw value}."""
    return page.evaluate(
        """prefix => Object.fromEntries(Object.keys(localStorage)
            .filter(key => key.startsWith(prefix)).map(key => [key, localStorage.getItem(key)]))""",
        prefix,
    )


def wait_for_stored(page: Page, key: str, contains: str) -> None:
    """Wait until the entry `key` contains `contains` (saving happens on input events)."""
    page.wait_for_function(
        "([key, text]) => (localStorage.getItem(key) || '').includes(text)", arg=[key, contains], timeout=5000
    )
