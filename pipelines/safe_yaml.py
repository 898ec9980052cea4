"""Reading YAML safely and once, keeping line numbers.

This is `yaml.safe_load` with two differences that matter for a registry of thousands of
entries: the document is parsed once and its node tree kept (so errors can name lines), and
libyaml's C parser is used when PyYAML was built with it (`CSafeLoader`, the C twin of
`SafeLoader`: the same safe constructor, no Python objects built from tags).

Every YAML file of the project (registry, gazetteer, curation, reference files) is read here.
Aliases (``*name`` reusing an ``&name`` anchor) are refused: none of these files needs them, and
nested aliases expand exponentially ("billion laughs": nine levels of nine aliases are 387
million nodes) in anything that walks the data. The node tree is walked once, each node visited
once, so the refusal itself costs the size of the file.
"""

from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load_with_nodes(text: str) -> tuple[object, yaml.Node | None]:
    """(data, root node) of a YAML document, built by the safe constructor only.

    A mapping that repeats a key is an error (plain YAML keeps the last value in silence, so an
    entry with two `published:` lines would quietly lose one), and so is an alias (module doc).
    Errors are ``yaml.YAMLError`` with the line (``problem_mark``).
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


def safe_load(text: str) -> object:
    """``yaml.safe_load`` with the refusals of ``safe_load_with_nodes``."""
    return safe_load_with_nodes(text)[0]


def _refuse_duplicate_keys(root: yaml.Node) -> None:
    """Refuse a repeated key in a mapping, and any node reached twice (an alias)."""
    stack = [root]
    seen_nodes: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases (*name) are not allowed in this file: write the value out "
                f"(the anchored value starts at line {node.start_mark.line + 1})", node.start_mark)
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"duplicate key {key.value!r} in one mapping", key.start_mark)
                    seen.add(key.value)
                else:
                    stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
