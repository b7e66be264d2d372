"""`python -m macros.zensical_sandboxed build ...`: Zensical's own command line, with its macros
extension rendering pages in Jinja's sandbox, and an error in a page named by its file and line
(macros/compat.py). macros/engines.py runs Zensical this way, on the staged config; `zensical
build` run by hand on a site's mkdocs.yml stops at the toolkit's page macros, which find no build
context there (macros/page_macros.py), before a page is rendered."""

from . import compat

if __name__ == "__main__":
    compat.sandbox_zensical()
    compat.name_zensical_page_errors()
    from zensical.main import cli

    cli()
