"""Tones are synthesised (no audio files); views show rivals as seen, with a range."""

from __future__ import annotations

import numpy as np

from game.scenarios import load
from game.session import Session
from game.ui.model.views import turn_view
from game.ui.sound import TONES, Sound, tone


def test_tones_are_short_bounded_waves():
    for freqs, secs in TONES.values():
        wave = tone(freqs, secs, 22050)
        assert wave.ndim == 1 and 0 < wave.size <= 22050 * secs + len(freqs)
        assert np.abs(wave).max() <= 1.0


def test_sound_off_is_silent_and_never_fails():
    s = Sound(enabled=False, volume=0.5)
    assert not s.enabled
    s.play("submit")  # nothing happens, nothing breaks


def test_a_seat_sees_rivals_through_noise_and_itself_exactly():
    session = Session.new(load("the_shield"), 3)
    view = turn_view(session, 0)
    me, rival = view.states[0], view.states[2]
    assert me.reach.exact and me.belief is None and me.hardening is not None
    assert rival.reach.low < rival.reach.value < rival.reach.high
    assert rival.hardening is None and rival.belief is not None
    everyone = turn_view(session, None)
    assert all(s.reach.exact for s in everyone.states)
