from __future__ import annotations

import pytest

from builder.publish.build import Built
from tests.site.building import built_once


@pytest.fixture(scope="session")
def built() -> Built:
    return built_once()
