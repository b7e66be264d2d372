"""What a screen reader is given: Chromium's own accessibility tree for one element (its role, name,
description and states, as the reader says them), and the text of the live regions a key press
changed (what the reader announces without focus moving)."""

from __future__ import annotations

import json

from playwright.sync_api import Page

# Live regions: the roles that are live by default, and any aria-live other than "off".
LIVE = '[role=status], [role=alert], [role=log], [aria-live]:not([aria-live="off"])'

LISTEN = """live => {
  window.dpupSaid = [];
  const observer = new MutationObserver(records => {
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const region = node && node.closest(live);
      if (region && !window.dpupSaid.includes(region)) window.dpupSaid.push(region);
    }
  });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def listen(page: Page) -> None:
    """From now on, note each live region whose content changes."""
    page.evaluate(LISTEN, LIVE)


def said(page: Page) -> list[str]:
    """The text of each live region changed since listen() (or since the last call), in the order
    they changed, spaces collapsed; regions a person cannot see (in a hidden step) are left out, as
    they are out of the accessibility tree, and so are emptied regions (they say nothing). Then
    listens afresh. The text is as rendered (innerText: paragraphs apart, CSS text-transform
    applied, as Chromium's tree has it)."""
    return page.evaluate(
        """() => {
          const texts = window.dpupSaid.filter(region => region.checkVisibility())
            .map(region => region.innerText.replace(/\\s+/g, " ").trim())
            .filter(text => text !== "");  // an emptied region says nothing
          window.dpupSaid = [];
          return texts;
        }"""
    )


def _node(page: Page, expression: str) -> dict:
    cdp = page.context.new_cdp_session(page)
    try:
        found = cdp.send("Runtime.evaluate", {"expression": expression})["result"]
        assert "objectId" in found, f"no element for {expression}"
        nodes = cdp.send("Accessibility.getPartialAXTree", {"objectId": found["objectId"], "fetchRelatives": False})
    finally:
        cdp.detach()
    node = nodes["nodes"][0]

    def value(field: str) -> str:
        return " ".join(str(node.get(field, {}).get("value", "")).split())

    return {
        "role": value("role"),
        "name": value("name"),
        "description": value("description"),
        "states": {p["name"]: p["value"].get("value") for p in node.get("properties", [])},
        "ignored": node.get("ignored", False),
    }


def ax(page: Page, selector: str) -> dict:
    """Chromium's accessibility node for the first element the CSS selector finds."""
    return _node(page, f"document.querySelector({json.dumps(selector)})")


def ax_focused(page: Page) -> dict:
    """Chromium's accessibility node for the focused element: what a reader says as focus lands."""
    return _node(page, "document.activeElement")
