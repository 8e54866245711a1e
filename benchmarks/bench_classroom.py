"""The classroom host under a class: 40 browser-like teams for a whole game.

    python benchmarks/bench_classroom.py [--groups 10] [--turns 20] [--poll 1.0]

Starts ``python -m game host`` (the_shield, ``--groups`` groups of four human seats: 40 teams by
default) in its own process on 127.0.0.1, then plays every team from this process as a browser
would: it joins with its code (a cookie), loads its turn page, polls ``/team/status`` every
``--poll`` seconds as the page's script does, hands in a form of orders after a short random
"thinking" pause, and loads the page again. Prints the latency of page loads, polls and
hand-ins (median, 95th percentile, worst) and the host's own time to resolve each turn (the
whole batch of groups, every save written), all measured in this one run: figures, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def start_host(folder: Path, groups: int, turns: int) -> tuple[subprocess.Popen, str]:
    cmd = [sys.executable, "-m", "game", "host", "--lesson", "the_shield", "--groups",
           str(groups), "--seats", "human,human,human,human", "--seed", "1", "--seed-each",
           "--turns", str(turns), "--dir", str(folder), "--bind", "127.0.0.1", "--port", "0"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    for raw in proc.stdout:
        found = re.search(r"Teams join at: (http://\S+)/", raw.decode())
        if found:
            return proc, found.group(1)
    raise SystemExit("the host did not start")


async def team(url: str, code: str, turns: int, poll: float, seed: int, out: dict) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=url, timeout=120) as c:

        async def timed(kind: str, method: str, path: str, **kw) -> httpx.Response:
            start = time.perf_counter()
            r = await c.request(method, path, **kw)
            out[kind].append(time.perf_counter() - start)
            return r

        await timed("join", "POST", "/join", data={"code": code})
        await timed("page", "GET", "/team")
        handed_in = -1
        while True:
            status = (await timed("poll", "GET", "/team/status")).json()
            turn_now, submitted, _paused, finished = status["key"].split("/")
            if finished == "True" or int(turn_now) >= turns:
                return
            if submitted == "False" and handed_in < int(turn_now):
                await asyncio.sleep(rng.uniform(0.0, 2.0))  # the team thinks
                reach = f"{rng.uniform(0.0, 5.0):.2f}"
                await timed("hand_in", "POST", "/team/orders",
                            data={"reach": reach, "shield": "0", "hardening": "0", "intel": "0"})
                handed_in = int(turn_now)
                await timed("page", "GET", "/team")
            await asyncio.sleep(poll)


def row(name: str, xs: list[float]) -> str:
    a = np.array(xs) * 1000
    return (f"  {name:<22} n={len(a):>6}  median {np.median(a):7.1f} ms  p95 "
            f"{np.percentile(a, 95):7.1f} ms  worst {a.max():7.1f} ms")


async def run(url: str, codes: list[str], turns: int, poll: float) -> dict:
    out: dict[str, list[float]] = {"join": [], "page": [], "poll": [], "hand_in": []}
    await asyncio.gather(*(team(url, c, turns, poll, k, out) for k, c in enumerate(codes)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=10)
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--poll", type=float, default=1.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        proc, url = start_host(folder, args.groups, args.turns)
        try:
            data = json.loads((folder / "class.json").read_text())
            codes = [t["code"] for t in data["teams"]]
            start = time.perf_counter()
            out = asyncio.run(run(url, codes, args.turns, args.poll))
            wall = time.perf_counter() - start
            status = httpx.get(url + "/teacher/status",
                               headers={"X-Teacher": data["teacher_code"]}).json()
        finally:
            proc.terminate()
            proc.wait(10)
    resolve = status["resolve_seconds"]
    print(f"classroom host: {len(codes)} browser-like teams in {args.groups} groups, "
          f"{args.turns} turns, polling every {args.poll:g} s; {wall:.1f} s in all")
    for kind in ("join", "page", "poll", "hand_in"):
        print(row(kind, out[kind]))
    print(row("turn resolution (host)", resolve))
    total = sum(len(v) for v in out.values())
    print(f"  {total} requests, {total / wall:.0f} a second on average")
    return 0


if __name__ == "__main__":
    sys.exit(main())
