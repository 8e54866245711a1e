"""Short tones synthesised with numpy: no audio files. Silent where no mixer starts.

A machine without a sound card (or a test with the dummy audio driver failing to open) gets a
:class:`Sound` whose ``play`` does nothing.
"""

from __future__ import annotations

import numpy as np
import pygame

#: Name -> (frequencies in Hz, seconds). A chord is played as a quick arpeggio.
TONES: dict[str, tuple[tuple[float, ...], float]] = {
    "click": ((660.0,), 0.05),
    "submit": ((523.3, 659.3, 784.0), 0.24),
    "alert": ((440.0, 415.3), 0.3),
    "war": ((196.0, 185.0, 174.6), 0.9),
    "end": ((392.0, 523.3), 0.4),
}


def tone(freqs: tuple[float, ...], seconds: float, rate: int) -> np.ndarray:
    """A mono tone in [-1, 1]: the notes in turn, each with a soft attack and decay."""
    n = max(1, int(rate * seconds / len(freqs)))
    t = np.arange(n) / rate
    env = np.minimum(1.0, t / 0.005) * np.exp(-t * 6.0 / max(seconds, 1e-3))
    parts = [np.sin(2 * np.pi * f * t) * env for f in freqs]
    return np.concatenate(parts) * 0.6


class Sound:
    """The game's tones at a volume; inert when sound is off or no mixer is available."""

    def __init__(self, enabled: bool, volume: float):
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.enabled = False
        self.volume = float(volume)
        if enabled:
            self._start()

    def _start(self) -> None:
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=512)
            init = pygame.mixer.get_init()
            if init is None:
                raise pygame.error("no mixer")
            rate, _size, channels = init
            for name, (freqs, secs) in TONES.items():
                wave = (tone(freqs, secs, rate) * 32767).astype(np.int16)
                if channels > 1:
                    wave = np.repeat(wave[:, None], channels, axis=1)
                self.sounds[name] = pygame.sndarray.make_sound(np.ascontiguousarray(wave))
            self.enabled = True
        except (pygame.error, ValueError, TypeError, NotImplementedError):
            self.sounds = {}
            self.enabled = False

    def play(self, name: str) -> None:
        """Play a tone by name (nothing happens without a mixer)."""
        snd = self.sounds.get(name) if self.enabled else None
        if snd is None:
            return
        try:
            snd.set_volume(self.volume)
            snd.play()
        except pygame.error:
            pass
