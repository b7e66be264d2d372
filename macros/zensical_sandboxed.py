"""`python -m macros.zensical_sandboxed build ...`: Zensical's own command line, with its macros
extension rendering pages in Jinja's sandbox, and an error in a page named by its file and line
(macros/compat.py). macros/engines.py runs Zensical
this way; `zensical build` run by hand gets the page check (the macros module runs it when
Zensical loads it) but not the sandbox."""

from . import compat

if __name__ == "__main__":
    compat.sandbox_zensical()
    compat.name_zensical_page_errors()
    from zensical.main import cli

    cli()
