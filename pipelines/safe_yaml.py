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
    """(data, root node) of a YAML document, built by the safe constructor only.

    A mapping that repeats a key is an error (plain YAML keeps the last value in silence, so an
    entry with two `published:` lines would quietly lose one).
    """
    loader = SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_duplicate_keys(node)
        data = loader.construct_document(node) if node is not None else None
        return data, node
    finally:
        loader.dispose()


def _refuse_duplicate_keys(root: yaml.Node) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"duplicate key {key.value!r} in one mapping", key.start_mark)
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
