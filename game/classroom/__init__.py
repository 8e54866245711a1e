"""The classroom exercise: one lesson served to a class on the local network.

Several groups of teams, each group in its own game, all the groups' games one batch of the
engine; teams play from a browser (or ``join``), the teacher watches and steers from a page, and
the class's results are merged afterwards. See ``docs/classroom.md``.

- :mod:`game.classroom.room` the class itself (no web): the batch, the teams and their codes,
  orders, answers, the turn, the timer, saving and resuming;
- :mod:`game.classroom.seatview` what one seat may see (its own numbers, the rest as seen);
- :mod:`game.classroom.codec` an observation as JSON, for an AI seat played over the network;
- :mod:`game.classroom.server` the web application (Starlette, served by uvicorn), its pages and
  calls in :mod:`~game.classroom.team_pages`, :mod:`~game.classroom.seat_api` (the JSON API)
  and :mod:`~game.classroom.teacher_pages`, sharing :mod:`~game.classroom.web`;
- :mod:`game.classroom.client` ``join``: a seat played from another machine;
- :mod:`game.classroom.results` the class report, the merged CSV and the student handout;
- :mod:`game.classroom.class_commands` ``host``, ``join`` and ``class-report``.

Nothing here imports pygame, except ``join`` without ``--ai``, which opens the window lazily.
"""
