"""The search state a build leaves for the next rebuild: written a page at a time, read back
whole."""

from __future__ import annotations

import json
from pathlib import Path

from builder.engines.search_index import IndexState, load_state, save_state
from builder.publish.build import SEARCH_STATE, Built


def test_the_state_a_build_saved_reads_back_as_it_was(built: Built, tmp_path: Path) -> None:
    saved = built.docs_dir.parent / SEARCH_STATE
    state = load_state(saved)
    assert state is not None and state.index is not None
    assert len(state.pages) > 10 and len(state.index.pages) > len(state.pages)
    again = tmp_path / SEARCH_STATE
    save_state(again, state)
    assert load_state(again) == state
    assert again.read_bytes() == saved.read_bytes()
    json.loads(again.read_text(encoding="utf-8"))  # plain JSON, as a reader expects
    assert not list(tmp_path.glob("*.tmp"))


def test_a_state_without_an_index_is_not_one_to_rebuild_from(tmp_path: Path) -> None:
    path = tmp_path / SEARCH_STATE
    save_state(path, IndexState("meta", "words"))
    assert json.loads(path.read_text(encoding="utf-8"))["index"] is None
    assert load_state(path) is None
