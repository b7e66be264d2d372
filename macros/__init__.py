"""The DPUP Toolkit. As a module, `macros` is also the entry point of mkdocs-macros
(`module_name: macros` or `modules: [macros]`) and of Zensical's macros extension: both call
`define_env`.

Nothing is imported here, so that importing one part of the toolkit (`macros.yamlfile`) loads
only that part and what it uses; the macros are in `page_macros.py`.
"""


def define_env(env):
    """Register the page macros for the pages of docs/ (see page_macros.define_env)."""
    from .page_macros import define_env as define

    define(env)
