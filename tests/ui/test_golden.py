"""Golden screenshots, compared with a tolerance (see ``tests/ui/golden.py``; regenerate with
``python -m tests.ui.golden --update`` or ``DB_UPDATE_GOLDEN=1``)."""

from __future__ import annotations

import os

import pytest

from . import golden


@pytest.mark.parametrize("name", list(golden.SHOTS))
def test_the_screen_matches_its_golden_picture(name, dirs):
    if os.environ.get("DB_UPDATE_GOLDEN"):
        golden.update([name])
    ok, text = golden.check(name)
    assert ok, text + " (if the change is intended: python -m tests.ui.golden --update)"


def test_the_comparison_tolerates_anti_aliasing_but_not_a_changed_screen():
    import numpy as np

    base = np.zeros((100, 100, 3), dtype=np.int16)
    soft = base.copy()
    soft[::10, ::10] = 30  # a fringe of grey pixels, as another font rasteriser might draw
    mean, far = golden.difference(base, soft)
    assert mean < golden.MAX_MEAN and far < golden.MAX_FAR_SHARE
    moved = base.copy()
    moved[20:40, 20:60] = 200  # a panel where there was none
    mean, far = golden.difference(base, moved)
    assert far >= golden.MAX_FAR_SHARE
    assert golden.difference(base, base[:50]) == (float("inf"), 1.0)
