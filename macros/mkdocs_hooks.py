"""Replaced by the dpup plugin. A site whose mkdocs.yml still names this file as a hook is told
what to write instead, once, before anything is built."""

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

MESSAGE = (
    "mkdocs.yml: 'hooks: - macros/mkdocs_hooks.py' is replaced by the toolkit's plugin. "
    "Remove that 'hooks:' entry and list the plugin instead:\n"
    "plugins:\n  - search\n  - dpup\n"
    "(README, 'Moving from hooks to the plugin')."
)


@event_priority(200)  # before mkdocs-macros loads the toolkit's macros
def on_config(config):
    raise PluginError(MESSAGE)
