"""How the widgets' scripts are served: one file per component, each part minified on its own."""

import re

import pytest

from macros import assets


def test_each_component_is_served_as_one_file_named_after_its_folder():
    assert assets.parts("js/answers.js") == ["js/answers-core.js", "js/answers-store.js", "js/answers-dom.js"]
    for widget in assets.WIDGETS:
        # Every widget loads the answers component first, then its own, as two files.
        assert assets.widget_scripts(widget).split() == ["answers.js", f"{widget.replace('template', 'checklist')}.js"]


@pytest.mark.skipif(assets._MINIFIER_VERSION is None, reason="tdewolff-minify has no wheel for this machine")
@pytest.mark.parametrize("name", sorted(assets.BUNDLES))
def test_each_part_of_a_served_script_keeps_its_own_parentheses(name):
    """Minified together, the parts' `(function(){...})()` were joined with commas and lost their
    parentheses, and the browser parsed those functions twice (40 ms more on a phone)."""
    text = assets.compact(name)
    starts = re.findall(r'(?:^|;\n)\(function\((?:\w+)?\)\{"use strict"', text)
    assert len(starts) == len(assets.parts(name)), name
    assert "}(window.DPUP=window.DPUP||{}),function(" not in text
