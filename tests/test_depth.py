"""The true depth of a document, counted without recursion, fragments spread in place."""

from __future__ import annotations

from graphql import parse

from graph_api.depth import document_depth


def test_fields_nest_and_leaves_count_one() -> None:
    assert document_depth(parse("{ a }")) == 1
    assert document_depth(parse("{ a { b { c } } d }")) == 3


def test_fragments_add_their_depth_at_each_spread() -> None:
    document = parse("{ a { ...F } } fragment F on T { b { ...G } } fragment G on T { c { d } }")
    assert document_depth(document) == 4
    # a chain of 300 fragments, each one level: deeper than the parser lets one selection nest
    chain = " ".join(f"fragment F{i} on T {{ a {{ ...F{i + 1} }} }}" for i in range(300))
    assert document_depth(parse("{ ...F0 } " + chain + " fragment F300 on T { b }")) == 301


def test_cycles_and_unknown_fragments_add_nothing() -> None:
    assert document_depth(parse("{ a { ...A ...Missing } } fragment A on T { b { ...A } }")) == 2


def test_introspection_subtrees_are_counted_apart() -> None:
    document = parse("{ stats { nodes } __schema { types { ...T } } } fragment T on __Type { ofType { name } }")
    assert document_depth(document) == 2
    assert document_depth(document, introspection=True) == 4
    assert document_depth(parse("{ __type(name: \"A\") { name } }")) == 0
