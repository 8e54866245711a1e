"""An AI seat's observation travels as JSON exactly, and nothing else decodes."""

import json

import numpy as np
import pytest

from game.classroom.codec import CodecError, decode, decode_rng, encode, encode_rng
from game.policies.base import PublicView, observe
from game.session import Session, spawn_streams
from tests.classroom.helpers import lesson


def _same(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if hasattr(a, "__dataclass_fields__"):
        return type(a) is type(b) and all(
            _same(getattr(a, k), getattr(b, k)) for k in a.__dataclass_fields__
        )
    if isinstance(a, tuple | list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b or (np.isnan(a) and np.isnan(b))
    return a == b


def test_an_observation_with_its_view_round_trips_bit_for_bit():
    session = Session.new(lesson("the_shield", 4), 3, ["ai:baseline"] * 4)
    session.play_turn()
    session.play_turn()
    obs = observe(session.world, 2, PublicView.of(session.world), with_view=True)
    back = decode(json.loads(json.dumps(encode(obs))))
    assert _same(obs, back)


def test_a_random_stream_round_trips():
    _, seats = spawn_streams(9, 4)
    copy = decode_rng(json.loads(json.dumps(encode_rng(seats[1]))))
    assert np.array_equal(copy.random(5), seats[1].random(5))


@pytest.mark.parametrize(
    "message",
    [
        {"__dc__": "Session", "fields": {}},
        {"__dc__": "World", "fields": {"names": None}},
        {"__nd__": "|O", "shape": [1], "b64": ""},
        {"__nd__": "<f8", "shape": [10**6, 10**6], "b64": ""},
        {"__nd__": "<f8", "shape": [2], "b64": "!!"},
        {"__f__": "not a number"},
        ["a bare list"],
        {"something": "else"},
    ],
)
def test_anything_else_is_refused(message):
    with pytest.raises(CodecError):
        decode(message)


def test_a_stream_of_another_kind_is_refused():
    with pytest.raises(CodecError):
        decode_rng({"bit_generator": "MT19937", "state": {}})
