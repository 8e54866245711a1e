"""An AI seat's observation as JSON, exactly: what the host sends ``join --ai``.

Only three kinds of record travel (:class:`~game.policies.base.Observation`, and inside it the
world as the seat knows it, :class:`~game.engine.state.World`, with its
:class:`~game.engine.state.Params`); arrays go as their raw little-endian bytes (base64) and
floats as ``float.hex``, so the client's policy sees bit for bit what the host's would have.
Decoding builds only those three classes and arrays of a few plain dtypes: nothing is looked up
by a name the sender chose, nothing is evaluated, and nothing is unpickled.
"""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

import numpy as np

from game.engine.state import Params, World
from game.policies.base import Observation

_CLASSES: dict[str, type] = {"Observation": Observation, "World": World, "Params": Params}
_DTYPES = ("<f8", "<i8", "<i4", "|i1", "|b1", "<i2", "|u1")
#: Far more than a real observation needs (a few hundred arrays of a few dozen numbers).
MAX_ITEMS = 200_000


class CodecError(ValueError):
    """A message that is not an encoded observation."""


def encode(value: Any) -> Any:
    """``value`` as JSON data (see the module docstring)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if name not in _CLASSES:
            raise CodecError(f"cannot encode a {name}")
        return {
            "__dc__": name,
            "fields": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)},
        }
    if isinstance(value, np.ndarray):
        arr = np.ascontiguousarray(value)
        dtype = arr.dtype.newbyteorder("<") if arr.dtype.byteorder == ">" else arr.dtype
        return {
            "__nd__": dtype.str,
            "shape": list(arr.shape),
            "b64": base64.b64encode(arr.astype(dtype).tobytes()).decode("ascii"),
        }
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return {"__i__": int(value)} if isinstance(value, np.integer) else int(value)
    if isinstance(value, float | np.floating):
        return {"__f__": float(value).hex()}
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, tuple | list):
        return {"__t__": [encode(v) for v in value]}
    raise CodecError(f"cannot encode a {type(value).__name__}")


def decode(data: Any, _budget: list[int] | None = None) -> Any:
    """The value :func:`encode` made; :class:`CodecError` for anything else."""
    budget = _budget if _budget is not None else [MAX_ITEMS]
    budget[0] -= 1
    if budget[0] < 0:
        raise CodecError("the message is too large")
    if data is None or isinstance(data, bool | int | str):
        return data
    if not isinstance(data, dict):
        raise CodecError(f"unexpected {type(data).__name__}")
    if "__f__" in data:
        try:
            return float.fromhex(str(data["__f__"]))
        except ValueError:
            raise CodecError("a malformed number") from None
    if "__i__" in data:
        if type(data["__i__"]) is not int:
            raise CodecError("a malformed integer")
        return data["__i__"]
    if "__t__" in data:
        items = data["__t__"]
        if not isinstance(items, list):
            raise CodecError("a malformed sequence")
        return tuple(decode(v, budget) for v in items)
    if "__nd__" in data:
        dtype, shape, raw = data.get("__nd__"), data.get("shape"), data.get("b64")
        if dtype not in _DTYPES or not isinstance(shape, list) or not isinstance(raw, str):
            raise CodecError("a malformed array")
        if not all(type(s) is int and 0 <= s <= 10_000 for s in shape) or len(shape) > 6:
            raise CodecError("a malformed array shape")
        size = int(np.prod(shape)) if shape else 1
        budget[0] -= size
        if budget[0] < 0:
            raise CodecError("the message is too large")
        try:
            buf = base64.b64decode(raw, validate=True)
            arr = np.frombuffer(buf, dtype=np.dtype(dtype)).reshape(shape)
        except ValueError:
            raise CodecError("a malformed array") from None
        return arr.astype(arr.dtype.newbyteorder("="), copy=True)
    if "__dc__" in data:
        cls = _CLASSES.get(str(data["__dc__"]))
        raw_fields = data.get("fields")
        if cls is None or not isinstance(raw_fields, dict):
            raise CodecError("an unknown record")
        names = {f.name for f in dataclasses.fields(cls)}
        if set(raw_fields) != names:
            raise CodecError(f"a {cls.__name__} with the wrong fields")
        return cls(**{k: decode(v, budget) for k, v in raw_fields.items()})
    raise CodecError("an unknown value")


def encode_rng(rng: np.random.Generator) -> dict[str, Any]:
    """A generator's state (PCG64) as JSON."""
    state = rng.bit_generator.state
    return {
        "bit_generator": state["bit_generator"],
        "state": {"state": str(state["state"]["state"]), "inc": str(state["state"]["inc"])},
        "has_uint32": int(state["has_uint32"]),
        "uinteger": int(state["uinteger"]),
    }


def decode_rng(data: Any) -> np.random.Generator:
    """The generator :func:`encode_rng` described; :class:`CodecError` for anything else."""
    try:
        if data["bit_generator"] != "PCG64":
            raise CodecError("only PCG64 streams are played")
        state: Any = {
            "bit_generator": "PCG64",
            "state": {"state": int(data["state"]["state"]), "inc": int(data["state"]["inc"])},
            "has_uint32": int(data["has_uint32"]),
            "uinteger": int(data["uinteger"]),
        }
        bits = np.random.PCG64()
        bits.state = state
    except (KeyError, TypeError, ValueError) as exc:
        raise CodecError(f"a malformed random stream ({exc})") from None
    return np.random.Generator(bits)
