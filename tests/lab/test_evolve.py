"""Evolution: shares per generation sum to one, a CSV and a chart are written, and the
dynamics do what the theory says."""

from __future__ import annotations

import numpy as np
import pytest

from game.lab.errors import LabError
from game.lab.evolve import equal_counts, evolve_strategies, rescaled

from .conftest import is_png, read_csv


@pytest.mark.parametrize("mode", ["moran", "replicator"])
def test_classic_shares_sum_to_one_and_files_are_written(run, tmp_path, mode) -> None:
    csv_path, png = tmp_path / "evo.csv", tmp_path / "evo.png"
    ran = run(
        "evolve",
        "--strategies",
        "tit_for_tat,always_defect,alternator",
        "--mode",
        mode,
        "--population",
        "12",
        "--generations",
        "15",
        "--turns",
        "20",
        "--repetitions",
        "2",
        "--seed",
        "3",
        "--csv",
        str(csv_path),
        "--chart",
        str(png),
    )
    assert ran.code == 0, ran.err
    rows = read_csv(csv_path)
    assert len(rows) == 16
    assert list(rows[0]) == ["generation", "tit_for_tat", "always_defect", "alternator"]
    for g, row in enumerate(rows):
        assert int(row["generation"]) == g
        shares = [float(row[k]) for k in ("tit_for_tat", "always_defect", "alternator")]
        assert sum(shares) == pytest.approx(1.0, abs=1e-5)
        assert min(shares) >= 0.0
    assert is_png(png)


def test_policies_evolve_from_a_batched_tournament(run, tmp_path) -> None:
    csv_path, png = tmp_path / "evo.csv", tmp_path / "evo.png"
    ran = run(
        "evolve",
        "--scenario",
        "two_neighbours",
        "--policies",
        "baseline:easy,baseline:hard",
        "--turns",
        "3",
        "--repetitions",
        "2",
        "--generations",
        "5",
        "--population",
        "10",
        "--csv",
        str(csv_path),
        "--chart",
        str(png),
    )
    assert ran.code == 0, ran.err
    rows = read_csv(csv_path)
    assert len(rows) == 6
    for row in rows:
        assert float(row["baseline:easy"]) + float(row["baseline:hard"]) == pytest.approx(1.0)
    assert is_png(png)


def test_replicator_drives_a_prisoners_dilemma_to_arming() -> None:
    evo = evolve_strategies(
        ["always_cooperate", "always_defect"], mode="replicator", generations=200, turns=10
    )
    assert evo.shares[-1][1] > 0.99


def test_the_same_seed_gives_the_same_moran_run() -> None:
    kwargs = dict(mode="moran", population=10, generations=20, turns=10, seed=4)
    a = evolve_strategies(["tit_for_tat", "always_defect"], **kwargs)
    b = evolve_strategies(["tit_for_tat", "always_defect"], **kwargs)
    np.testing.assert_array_equal(a.shares, b.shares)
    assert a.shares.shape == (21, 2)


def test_populations_and_rescaling() -> None:
    assert equal_counts(3, 10).tolist() == [4, 3, 3]
    with pytest.raises(LabError, match="cannot hold 3 types"):
        equal_counts(3, 2)
    r = rescaled(np.array([[-2.0, 0.0], [2.0, 6.0]]))
    assert r.min() == 0.0 and r.max() == 1.0 and r[0, 1] == pytest.approx(0.25)
