"""The docstring examples of the publishing and server helpers are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["atkg.publish.publish", "atkg.publish.compare", "atkg.server.conneg", "atkg.server.app"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
