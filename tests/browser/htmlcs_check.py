"""HTML_CodeSniffer (npm's @pa11y/html_codesniffer, installed by ./dev from package-lock.json): a
second accessibility engine beside axe, run on a page as a person has it, WCAG 2 AA.

Only its errors count (its warnings and notices ask a person to look, and are not failures). The
theme's own markup is left to the theme: THEME_FINDINGS names exactly which of its errors are
expected, by message code and element, and nothing else is let through."""

from conftest import ROOT
from playwright.sync_api import Page

HTMLCS = ROOT / "node_modules" / "@pa11y" / "html_codesniffer" / "build" / "HTMLCS.js"

# (message code, CSS selector of the element): Material's own markup, left as it is (reported in
# the closing note of issue 32):
# - its search box is a <form> with no submit button (H32.2): search runs as one types;
# - the hidden checkbox behind its table of contents on a phone ("__toc") has no name or label
#   (H91.InputCheckbox.Name, F68): the theme's label for it is the menu's "Table of contents";
# - on the projector page, which leaves out the site header, the hidden checkbox behind search
#   ("__search") loses the header's label for it the same way.
THEME_FINDINGS: tuple[tuple[str, str], ...] = (
    ("H32.2", "form.md-search__form"),
    ("InputCheckbox.Name", "input.md-toggle#__toc"),
    ("1_3_1.F68", "input.md-toggle#__toc"),
    ("InputCheckbox.Name", 'html:has([data-dpup-widget="trainer"]) input.md-toggle#__search'),
    ("1_3_1.F68", 'html:has([data-dpup-widget="trainer"]) input.md-toggle#__search'),
)

_RUN = """([standard, theme]) => new Promise((resolve, reject) => {
  HTMLCS.process(standard, document, () => {
    const expected = (message) => theme.some(([code, selector]) =>
      message.code.includes(code) && message.element.nodeType === 1 && message.element.matches(selector));
    const describe = (element) => element.nodeType !== 1 ? element.nodeName :
      element.outerHTML.replace(/\\s+/g, " ").slice(0, 140);
    resolve(HTMLCS.getMessages().filter((message) => message.type === HTMLCS.ERROR)
      .map((message) => ({ code: message.code, element: describe(message.element), expected: expected(message),
                           message: message.msg.slice(0, 160) })));
  }, reject, "en");
})"""


def html_codesniffer(page: Page, standard: str = "WCAG2AA") -> list[dict]:
    """Every error HTML_CodeSniffer finds on the open page, each marked `expected` when it is one of
    THEME_FINDINGS."""
    if not page.evaluate("typeof window.HTMLCS !== 'undefined'"):
        page.add_script_tag(path=str(HTMLCS))
    return page.evaluate(_RUN, [standard, [list(pair) for pair in THEME_FINDINGS]])


def unexpected(findings: list[dict]) -> list[str]:
    """The findings that are ours, one line each: code, element, message."""
    return [
        f"{'.'.join(f['code'].split('.')[3:])}: {f['element']} ({f['message']})" for f in findings if not f["expected"]
    ]
