"""The exported report: three files, a self-contained page, every chart, the save, the war."""

from __future__ import annotations

import re

import pytest

from game.analysis.charts import FIGURES
from game.report import export, paths
from game.report.html import SECTIONS
from game.saves import load_save
from tests.report.helpers import images, png_size, tiny_charts, war_session


def test_three_files_in_a_nested_new_folder(shield3):
    f = shield3.files
    assert f.html.name == "the_shield-seed3-report.html"
    assert f.csv.name == "the_shield-seed3-turns.csv"
    assert f.save.name == "the_shield-seed3-save.json"
    assert f.html.parent.name == "dir" and f.html.parent.parent.name == "new"
    assert sorted(p.name for p in f.html.parent.iterdir()) == sorted(
        [f.html.name, f.csv.name, f.save.name]
    )  # no temporary file left beside them
    assert f == paths(f.html.parent, "the_shield", 3)


def test_page_fetches_nothing(shield3):
    page = shield3.html
    for ref in ("http://", "https://", 'src="//', 'href="//', "url(", "@import", "<link"):
        assert ref not in page, ref
    assert "<script" not in page.lower()
    srcs = re.findall(r'\ssrc="([^"]*)"', page)
    assert srcs and all(s.startswith("data:image/png;base64,") for s in srcs)
    hrefs = re.findall(r'\shref="([^"]*)"', page)
    assert all(h.startswith("#") for h in hrefs)  # in-page links only


def test_every_chart_is_embedded_as_a_png(shield3):
    found = images(shield3.html)
    assert set(found) == set(FIGURES)
    for name, data in found.items():
        width, height = png_size(data)
        assert width > 100 and height > 100, name


def test_charts_differ_between_seeds(shield3, war):
    """Seed 3 (AI seats) and seed 4 (everyone arming): no chart is a fixed picture."""
    a, b = images(shield3.html), images(war.html)
    assert (shield3.analysis.seed, war.analysis.seed) == (3, 4)
    for name in FIGURES:
        assert a[name] != b[name], name


def test_sections_and_print_style(shield3):
    page = shield3.html
    for key in SECTIONS:
        assert f'id="{key}"' in page, key
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page
    assert "@media print" in page and "break-before: page" in page
    a = shield3.analysis
    assert not a.war
    assert f"Peace held: no war broke out in {a.turns_played} turns." in page
    assert "Seed</dt><dd>3 " in page
    for point in a.turning_points:
        assert f"Turn {point.turn}</span>" in page
    for fit in a.fits:
        assert f"{fit.a}–{fit.b}" in page
    for question in shield3.session.scenario.questions:
        assert question.replace("'", "&#x27;").replace('"', "&quot;") in page


def test_the_save_reopens_the_same_game(shield3):
    again = load_save(shield3.files.save)
    assert again.world.digest() == shield3.session.world.digest()
    assert len(again.history) == len(shield3.session.history)


def test_war_is_stated_soberly(war):
    a = war.analysis
    assert a.war and a.war_turn == 4
    striker, target = a.war_pair
    page = war.html
    assert (
        f"War broke out between {striker} and {target} on turn 4 ({striker} struck first)." in page
    )
    assert 'class="outcome war"' in page
    assert "Peace held" not in page
    assert "4 of 20" in page
    assert "(war)" in page  # the stage-game timeline marks the war's row


def test_reexport_overwrites_cleanly_only_with_force(war, tmp_path, monkeypatch):
    monkeypatch.setattr("game.report.writer.chart_pngs", lambda a: tiny_charts())
    first = export(war.session, tmp_path, war.analysis)
    page = first.html.read_text(encoding="utf-8")
    first.html.write_text("half a file", encoding="utf-8")
    first.csv.write_text("", encoding="utf-8")
    second = export(war.session, tmp_path, war.analysis, force=True)
    assert second == first
    assert second.html.read_text(encoding="utf-8") == page
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert second.csv.read_bytes() == war.files.csv.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in second)


def test_a_second_report_of_the_same_seed_never_replaces_the_first(war, tmp_path, monkeypatch):
    # Two students play the class's announced seed: the second report takes new names.
    monkeypatch.setattr("game.report.writer.chart_pngs", lambda a: tiny_charts())
    first = export(war.session, tmp_path, war.analysis)
    before = {p.name: p.read_bytes() for p in first}
    second = export(war.session, tmp_path, war.analysis)
    third = export(war.session, tmp_path, war.analysis)
    assert second.html.name.endswith("-2-report.html") and third.csv.name.endswith("-3-turns.csv")
    assert {p.name: p.read_bytes() for p in first} == before
    assert second.save.name in second.html.read_text(encoding="utf-8")  # links its own files
    assert len(list(tmp_path.iterdir())) == 9  # no temporary folder left behind


def test_a_failure_part_way_leaves_no_mixed_set(war, tmp_path, monkeypatch):
    monkeypatch.setattr("game.report.writer.chart_pngs", lambda a: tiny_charts())
    import game.report.writer as writer

    real, calls = writer.os.link, []

    def failing_link(src, dst, *args, **kwargs):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "disk said no")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(writer.os, "link", failing_link)
    with pytest.raises(OSError, match="disk said no"):
        export(war.session, tmp_path, war.analysis)
    assert list(tmp_path.iterdir()) == []


def test_export_analyses_when_not_given(tmp_path, monkeypatch):
    monkeypatch.setattr("game.report.writer.chart_pngs", lambda a: tiny_charts())
    files = export(war_session(), tmp_path / "x", counterfactuals=False)
    page = files.html.read_text(encoding="utf-8")
    assert "were not computed" in page and "War broke out between" in page
    assert set(images(page)) == set(FIGURES)
