"""Reading YAML safely and once, keeping line numbers.

This is `yaml.safe_load` with two differences that matter for a registry of thousands of
entries: the document is parsed once and its node tree kept (so errors can name lines), and
libyaml's C parser is used when PyYAML was built with it (`CSafeLoader`, the C twin of
`SafeLoader`: the same safe constructor, no Python objects built from tags).

Every YAML file of the project (registry, gazetteer, curation, reference files) is read here.
Aliases (``*name`` reusing an ``&name`` anchor) are bounded: a file may reuse a value (the
reference files repeat a quote), but nested aliases expand exponentially ("billion laughs": nine
levels of nine aliases are 387 million nodes) in anything that walks the data, so a document
whose expansion exceeds ``MAX_EXPANSION`` nodes (and ten times its written nodes), or whose
aliases form a cycle, is refused. The node tree is walked once, each node visited once, so the
check costs the size of the file.
"""

from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load_with_nodes(text: str) -> tuple[object, yaml.Node | None]:
    """(data, root node) of a YAML document, built by the safe constructor only.

    A mapping that repeats a key is an error (plain YAML keeps the last value in silence, so an
    entry with two `published:` lines would quietly lose one), and so are aliases that expand too
    far or in a cycle (module doc).
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


MAX_EXPANSION = 100_000


def _refuse_duplicate_keys(root: yaml.Node) -> None:
    """Refuse a repeated key in a mapping, and aliases that expand too far or in a cycle."""
    expanded: dict[int, int] = {}  # node -> its size with aliases expanded (done nodes)
    open_nodes: set[int] = set()  # on the current path: reaching one again is a cycle
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            expanded[key] = 1 + sum(expanded[id(c)] for c in _children(node))
            continue
        if key in expanded:
            continue
        if key in open_nodes:
            raise yaml.constructor.ConstructorError(
                None, None, "a YAML alias (*name) refers to a value that contains it (a cycle)", node.start_mark)
        open_nodes.add(key)
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for k, _ in node.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"duplicate key {k.value!r} in one mapping", k.start_mark)
                    seen.add(k.value)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in expanded)
    total, written = expanded[id(root)], len(expanded)
    if total > max(MAX_EXPANSION, 10 * written):
        raise yaml.constructor.ConstructorError(
            None, None, f"YAML aliases (*name) expand these {written:,} values to {total:,}: refused "
            "(write the values out; aliases are for the odd repeated value)", root.start_mark)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []
