"""The examples in the docstrings of the small pure helpers are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["atkg.iris", "atkg.sparql", "atkg.tables", "atkg.loaders.context"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
