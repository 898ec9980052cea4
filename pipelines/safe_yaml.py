"""Reading YAML safely and once, keeping line numbers.

This is `yaml.safe_load` with two differences that matter for a registry of thousands of
entries: the document is parsed once and its node tree kept (so errors can name lines), and
libyaml's C parser is used when PyYAML was built with it (`CSafeLoader`, the C twin of
`SafeLoader`: the same safe constructor, no Python objects built from tags).
"""

from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load_with_nodes(text: str) -> tuple[object, yaml.Node | None]:
    """(data, root node) of a YAML document, built by the safe constructor only."""
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return data, node
    finally:
        loader.dispose()
