"""The pages, as Jinja templates kept in the code (autoescaped): plain HTML forms that work with
a keyboard and on a small screen, and one small script (``poll.js``) that reloads a page when
the turn moves on. Without the script a page still works: the reload link does the same."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, select_autoescape

STYLE = """
*{box-sizing:border-box}body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;
background:#f6f4ef}main{max-width:60rem;margin:0 auto;padding:.75rem}h1{font-size:1.35rem;
margin:.3rem 0}h2{font-size:1.1rem;margin:1.1rem 0 .4rem}table{border-collapse:collapse;
width:100%;background:#fff}th,td{border:1px solid #d4d0c6;padding:.3rem .45rem;text-align:left;
vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}.box{background:#fff;
border:1px solid #d4d0c6;padding:.6rem .8rem;margin:.5rem 0}.err{background:#fde8e6;
border-color:#c0392b}.ok{background:#e8f5e9;border-color:#2e7d32}.muted{color:#5b6270}
label{display:block;margin:.25rem 0}input[type=number],input[type=text],select{font:inherit;
padding:.3rem;width:100%;max-width:16rem}button{font:inherit;padding:.45rem .9rem;margin:.25rem
.25rem .25rem 0;border:1px solid #34495e;background:#34495e;color:#fff;border-radius:3px;
cursor:pointer}button.alt{background:#fff;color:#34495e}:focus{outline:3px solid #e67e22;
outline-offset:1px}nav a{margin-right:.8rem}.wrap{overflow-x:auto}.big{font-size:1.5rem}
ul.wires li{margin:.2rem 0}@media print{nav,form,button{display:none}}
"""

POLL_JS = """
(function () {
  var b = document.body, url = b.getAttribute('data-poll'), key = b.getAttribute('data-key');
  if (!url) { return; }
  function check() {
    var r = new XMLHttpRequest();
    r.open('GET', url);
    r.onload = function () {
      if (r.status === 200) {
        try { if (JSON.parse(r.responseText).key !== key) { location.reload(); return; } }
        catch (e) { }
      }
      setTimeout(check, 3000);
    };
    r.onerror = function () { setTimeout(check, 5000); };
    r.send();
  }
  setTimeout(check, 3000);
})();
"""

BASE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{% block title %}Delicate Balance{% endblock %}</title>
<link rel="stylesheet" href="/static/style.css"></head>
<body{% if poll %} data-poll="{{ poll }}" data-key="{{ key }}"{% endif %}><main>
{% block body %}{% endblock %}
</main>{% if poll %}<script src="/static/poll.js"></script>{% endif %}</body></html>"""

JOIN = """{% extends "base" %}{% block body %}
<h1>Delicate Balance: join the class</h1>
{% if error %}<p class="box err" role="alert">{{ error }}</p>{% endif %}
<form method="post" action="/join" class="box">
<label for="code">Your team's code (from the teacher)</label>
<input id="code" name="code" type="text" autocomplete="off" autofocus maxlength="16"
 value="{{ code }}" autocapitalize="characters">
<button type="submit">Join</button></form>
<p class="muted">A team sees only what its own state sees. The teacher's code opens the teacher's
page.</p>{% endblock %}"""

TEAM = """{% extends "base" %}{% block title %}{{ v.seat }}: turn {{ v.turn + 1 }}{% endblock %}
{% block body %}
<nav><a href="/team">Turn</a>{% if bet %}<a href="/team/bet">Bet</a>{% endif %}
{% if quiz %}<a href="/team/quiz">Quiz</a>{% endif %}<a href="/team" id="reload">Reload</a>
<form method="post" action="/leave" style="display:inline"><button class="alt" type="submit"
id="leave">Leave this device</button></form></nav>
<h1>{{ v.title }}: you lead <span id="me">{{ v.seat }}</span></h1>
<p>Group {{ v.group }} &middot;
{% if v.finished %}<strong>The game is over</strong> after {{ v.turn }} turns.
{% else %}Turn <strong id="turn">{{ v.turn + 1 }}</strong> of {{ v.turns }}.{% endif %}
{% if v.paused %} <strong>Paused by the teacher.</strong>{% endif %}
{% if v.time_left is not none and not v.finished %} Time left: {{ (v.time_left // 60)|int }} min
{{ (v.time_left % 60)|int }} s.{% endif %}</p>
{% if error %}<p class="box err" role="alert" id="error">Refused: {{ error }}</p>{% endif %}
{% if message %}<p class="box ok" role="status">{{ message }}</p>{% endif %}
{% if bet_open %}<p class="box"><a href="/team/bet">Place your bet</a> before turn
{{ bet_before }}.</p>{% endif %}
<h2>Wire reports</h2>
<ul class="wires" id="wires">{% for w in v.wires %}<li>{{ w }}</li>{% else %}
<li class="muted">No reports yet: the first turn has not been played.</li>{% endfor %}</ul>
<h2>The board, as {{ v.seat }} sees it</h2>
<div class="wrap"><table id="board"><thead><tr><th>State</th><th>Economy</th><th>Reach</th>
<th>Shield</th><th>Standing</th><th>Your trust</th></tr></thead><tbody>
{% for s in v.states %}<tr{% if s.own %} id="own"{% endif %}><th>{{ s.name }}
<div class="muted">{{ s.role }}</div></th><td class="n">{{ f(s.economy) }}</td>
{% if s.own %}<td class="n">{{ f(s.reach) }}</td><td class="n">{{ f(s.shield) }}</td>
<td class="n">{{ f(s.standing) }}</td><td class="muted">hardening {{ f(s.hardening) }},
tech {{ f(s.tech) }}, support {{ f(s.support) }}</td>
{% else %}<td class="n">{{ f(s.reach) }} <span class="muted">({{ f(s.reach_range[0]) }} to
{{ f(s.reach_range[1]) }})</span></td><td class="n">{{ f(s.shield) }} <span class="muted">
({{ f(s.shield_range[0]) }} to {{ f(s.shield_range[1]) }})</span></td>
<td class="n">{{ f(s.standing) }}</td><td class="n">{{ pct(s.trust) }}</td>{% endif %}</tr>
{% endfor %}</tbody></table></div>
<p class="muted">Others' reach and shield are what your intelligence last saw, with the likely
range. "Your trust": how likely you think it is a security seeker.</p>
<div class="wrap"><table id="pairs"><thead><tr><th>With</th><th>Tension</th><th>Allied</th>
<th>First-strike stability</th><th>Your second strike deters it</th>
<th>Its second strike deters you</th>
<th>War odds if both escalate</th><th>Lens</th></tr></thead><tbody>
{% for p in v.pairs %}<tr><th>{{ p.other }}{% if p.crisis %} <strong>CRISIS</strong>{% endif %}
{% if p.targeting_me %}<div class="muted">aims at you</div>{% endif %}
{% if p.offers_to_me %}<div class="muted">offers forces: {{ f(p.offers_to_me) }}</div>{% endif %}
{% if p.programme_offer %}<div class="muted">offers a joint programme</div>{% endif %}</th>
<td class="n">{{ f(p.tension) }}</td><td>{{ "yes" if p.allied else "no" }}</td>
<td class="n">{{ f(p.stability) }}</td><td>{{ yes_no(p.my_margin) }}</td>
<td>{{ yes_no(p.their_margin) }}</td><td class="n">{{ pct(p.war_odds) }}</td>
<td><a href="/team/lens?other={{ p.other|urlencode }}">Theory lens</a></td></tr>{% endfor %}
</tbody></table></div>
{% if v.treaties %}<h2>Treaties</h2><ul>{% for t in v.treaties %}<li>Slot {{ t.slot }}:
{{ t.kind|replace("_", " ") }} ({{ t.status }}), parties {{ t.parties|join(", ") }}; signed
{{ t.signed|join(", ") or "by none" }}{% if t.cap %}; cap {{ f(t.cap) }}{% endif %}</li>
{% endfor %}</ul>{% endif %}
{% if not v.finished %}
<h2>Your orders for turn {{ v.turn + 1 }}</h2>
{% if v.submitted %}<div class="box ok" id="submitted">Orders handed in.
{% if waiting %}Waiting for {{ waiting }} other team(s).{% endif %}
<form method="post" action="/team/withdraw"><button class="alt" type="submit">Change my
orders</button></form></div>
{% else %}
<form method="post" action="/team/orders" class="box" id="orders">
<p>Budget this turn: <strong id="budget">{{ f(v.budget) }}</strong>. Whatever you do not spend
goes to the civilian economy. Prices per unit: reach {{ f(v.unit_costs.reach) }}, shield
{{ f(v.unit_costs.shield) }}; hardening {{ f(v.unit_costs.hardening) }} a step.</p>
{% for c in lines %}<label for="{{ c }}">{{ labels[c] }} (budget)</label>
<input id="{{ c }}" name="{{ c }}" type="number" min="0" step="any" value="{{ last.get(c, 0) }}">
{% endfor %}
{% if v.max_cut > 0 %}<label for="cut">Dismantle reach (a costly signal of restraint; up to
{{ f(v.max_cut) }})</label><input id="cut" name="cut" type="number" min="0" step="any"
value="0">{% endif %}
<p>Diplomatic actions in these orders: {% for a in v.draft %}{{ a.action|replace("_", " ") }}
{{ a.other }}{% if not loop.last %}, {% endif %}{% else %}none{% endfor %}.</p>
<button type="submit" id="submit">Hand in orders</button></form>
{% if v.actions %}<h2>Diplomacy</h2>
{% for a in v.draft %}<form method="post" action="/team/action/remove" class="box">
{{ a.action|replace("_", " ") }} {{ a.other }}{% if a.treaty is defined %} (treaty
{{ a.treaty }}){% endif %}<input type="hidden" name="index" value="{{ loop.index0 }}">
<button class="alt" type="submit">Remove</button></form>{% endfor %}
<form method="post" action="/team/action" class="box" id="diplomacy">
<label for="action">Action</label><select id="action" name="action">
{% for a in v.actions %}<option value="{{ a }}">{{ a|replace("_", " ") }}</option>{% endfor %}
</select><label for="other">Towards</label><select id="other" name="other">
<option value="">(none: treaty actions)</option>{% for s in v.states if not s.own %}
<option>{{ s.name }}</option>{% endfor %}</select>
<details><summary>Amounts and treaty terms</summary>
<label for="d_reach">Reach to station (offer deployment)</label>
<input id="d_reach" name="reach" type="number" min="0" step="any" value="0">
<label for="d_shield">Shield to station (offer deployment)</label>
<input id="d_shield" name="shield" type="number" min="0" step="any" value="0">
<label for="treaty">Treaty slot (sign, leave, inspect)</label>
<input id="treaty" name="treaty" type="number" min="0" step="1" value="0">
<label for="kind">Treaty kind (propose)</label><select id="kind" name="kind"><option value="">
</option>{% for k in treaty_kinds %}<option value="{{ k }}">{{ k|replace("_", " ") }}</option>
{% endfor %}</select>
<fieldset><legend>Parties (propose)</legend>{% for s in v.states if not s.own %}
<label><input type="checkbox" name="parties" value="{{ s.name }}"> {{ s.name }}</label>
{% endfor %}</fieldset>
<label for="cap">Cap (propose)</label><input id="cap" name="cap" type="number" min="0"
step="any" value="0"><label for="verification">Verification, 0 to 1 (propose)</label>
<input id="verification" name="verification" type="number" min="0" max="1" step="any"
value="0"></details>
<button type="submit" class="alt">Add to my orders</button></form>{% endif %}
{% endif %}{% endif %}
{% endblock %}"""

LENS = """{% extends "base" %}{% block body %}
<nav><a href="/team">Back to the turn</a></nav>
<h1>Theory lens: {{ g.row }} and {{ g.col }}, as {{ g.row }} sees it</h1>
<p>The stage game: <strong>{{ title }}</strong>. {{ explanation }}</p>
<div class="wrap"><table><thead><tr><th></th>{% for m in g.moves %}<th>{{ g.col }}
{{ m }}</th>{% endfor %}</tr></thead><tbody>{% for r in range(2) %}<tr><th>{{ g.row }}
{{ g.moves[r] }}</th>{% for c in range(2) %}<td class="n">{{ "%.3f"|format(g.A[r][c]) }},
{{ "%.3f"|format(g.B[r][c]) }}{% if g.pareto[r][c] %} *{% endif %}</td>{% endfor %}</tr>
{% endfor %}</tbody></table></div>
<p class="muted">Payoffs over a short horizon, the row's first; * marks the Pareto-optimal
cells.</p><ul>{% for e in equilibria %}<li>Nash equilibrium: {{ e }}</li>{% endfor %}
<li>Jervis's world: {{ jervis }}</li><li>First-strike stability: {{ "%.2f"|format(g.stability) }}
(1: nobody gains by striking first)</li></ul>{% endblock %}"""

BET = """{% extends "base" %}{% block body %}
<nav><a href="/team">Back to the turn</a></nav><h1>Place your bet</h1>
{% if error %}<p class="box err" role="alert">{{ error }}</p>{% endif %}
<form method="post" action="/team/bet" class="box" id="betform"><p>{{ bet.question }}</p>
{% for c in bet.choices %}<label><input type="radio" name="choice" value="{{ loop.index0 }}"
{% if chosen == loop.index0 %}checked{% endif %}{% if loop.first %} autofocus{% endif %}>
{{ c }}</label>{% endfor %}
{% if open %}<button type="submit" id="placebet">Place the bet</button>{% else %}
<p class="muted">The bet is closed.</p>{% endif %}</form>
{% if chosen is not none %}<p class="box ok" id="betplaced">Your bet: {{ bet.choices[chosen] }}
</p>{% endif %}{% endblock %}"""

QUIZ = """{% extends "base" %}{% block body %}
<nav><a href="/team">Back to the turn</a></nav>
<h1>Concept quiz ({{ when }} the game)</h1>
{% if error %}<p class="box err" role="alert">{{ error }}</p>{% endif %}
{% if done %}<p class="box ok">Answers recorded. The teacher goes through them at the
debrief.</p>{% endif %}
{% if open %}<form method="post" action="/team/quiz" class="box">
<input type="hidden" name="when" value="{{ when }}">
{% for q in quiz %}{% set k = loop.index0 %}<fieldset><legend>{{ loop.index }}.
{{ q.question }}</legend>{% for c in q.choices %}<label><input type="radio" name="q{{ k }}"
value="{{ loop.index0 }}"> {{ c }}</label>{% endfor %}</fieldset>{% endfor %}
<button type="submit">Hand in the quiz</button></form>
{% else %}<p class="muted">The quiz before the game is open until the first turn; the quiz
after it, once the game is over.</p>{% endif %}{% endblock %}"""

TEACHER = """{% extends "base" %}{% block title %}Teacher: {{ title }}{% endblock %}
{% block body %}<nav><a href="/teacher">Class</a>{% for g in groups %}
<a href="/teacher/group/{{ g.number }}">Projector {{ g.number }}</a>{% endfor %}
<a href="/teacher/debrief">Debrief</a></nav>
<h1>{{ title }}: the class</h1>
{% if error %}<p class="box err" role="alert">{{ error }}</p>{% endif %}
{% if message %}<p class="box ok" role="status">{{ message }}</p>{% endif %}
<p>Turn <strong id="turn">{{ turn + 1 }}</strong> of {{ turns }}.
{% if ended %}<strong>Ended by the teacher.</strong>{% elif finished %}<strong>Every game is
over.</strong>{% elif paused %}<strong>Paused.</strong>{% endif %}
{% if time_left is not none %} Time left: {{ (time_left // 60)|int }} min
{{ (time_left % 60)|int }} s.{% else %} No turn timer.{% endif %}
Waiting for {{ waiting }} team(s).</p>
{% if not finished %}<form method="post" action="/teacher/force" style="display:inline">
<button type="submit" id="force">Play the turn now (teams not handed in hold)</button></form>
<form method="post" action="/teacher/{{ 'resume' if paused else 'pause' }}"
style="display:inline"><button type="submit" class="alt">{{ 'Resume' if paused else 'Pause' }}
</button></form><form method="post" action="/teacher/end" style="display:inline">
<button type="submit" class="alt">End the game</button></form>{% endif %}
<form method="post" action="/teacher/report" style="display:inline"><button type="submit"
class="alt">Write the class report</button></form>
{% for g in groups %}<h2>Group {{ g.number }} (seed {{ g.seed }}){% if g.over %}: over
{% endif %}</h2><div class="wrap"><table><thead><tr><th>Team</th><th>Code</th>
<th>AI code</th><th>Orders</th><th>Bet</th></tr></thead><tbody>{% for t in g.teams %}<tr>
<td>{{ t.name }}</td><td><code>{{ t.code }}</code></td><td><code>{{ t.ai_code }}</code></td>
<td>{{ "handed in" if t.submitted else "-" }}</td>
<td>{{ t.bet }}</td></tr>{% endfor %}</tbody></table></div>{% endfor %}
{% if bets.question %}<h2>The class's bets</h2><p>{{ bets.question }}</p><ul id="bets">
{% for c in bets.choices %}<li>{{ c }}: <strong>{{ bets.counts[loop.index0] }}</strong></li>
{% endfor %}</ul>{% endif %}
{% if notes %}<h2>Notes</h2><ul>{% for n in notes %}<li>{{ n }}</li>{% endfor %}</ul>{% endif %}
{% endblock %}"""

PROJECTOR = """{% extends "base" %}{% block title %}Group {{ number }}{% endblock %}
{% block body %}<nav><a href="/teacher">Class</a></nav>
<h1 class="big">{{ v.title }}: group {{ number }}, turn {{ v.turn }} of {{ v.turns }}
{% if v.war %}: WAR{% elif v.over %}: over{% endif %}</h1>
<div class="wrap"><table class="big"><thead><tr><th>State</th><th>Economy</th><th>Standing</th>
</tr></thead><tbody>{% for s in v.states %}<tr><th>{{ s.name }}</th><td class="n">
{{ f(s.economy) }}</td><td class="n">{{ f(s.standing) }}</td></tr>{% endfor %}</tbody></table>
</div><div class="wrap"><table class="big"><thead><tr><th>Pair</th><th>Tension</th>
<th>Allied</th><th>Crisis</th></tr></thead><tbody>{% for p in v.pairs %}<tr><th>
{{ p.pair|join(" - ") }}</th><td class="n">{{ f(p.tension) }}</td><td>
{{ "yes" if p.allied else "" }}</td><td>{{ "CRISIS" if p.crisis else "" }}</td></tr>
{% endfor %}</tbody></table></div><ul class="big">{% for a in v.arrows %}<li>{{ a }}</li>
{% endfor %}{% for t in v.treaties %}<li>{{ t.kind|replace("_", " ") }} ({{ t.status }}):
{{ t.parties|join(", ") }}</li>{% endfor %}</ul>
<p class="muted">What every state can see; arms stay hidden until the debrief.</p>
{% endblock %}"""

MESSAGE = """{% extends "base" %}{% block body %}<h1>{{ heading }}</h1>
<p class="box{% if error %} err{% endif %}">{{ text }}</p><p><a href="{{ back }}">Back</a></p>
{% endblock %}"""


def environment() -> Environment:
    """The page templates, autoescaped, with the number formats they share."""
    env = Environment(
        loader=DictLoader(
            {
                "base": BASE,
                "join": JOIN,
                "team": TEAM,
                "lens": LENS,
                "bet": BET,
                "quiz": QUIZ,
                "teacher": TEACHER,
                "projector": PROJECTOR,
                "message": MESSAGE,
            }
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.globals["f"] = lambda x: "-" if x is None else f"{x:.2f}"
    env.globals["pct"] = lambda x: "-" if x is None else f"{100 * x:.0f} %"
    env.globals["yes_no"] = lambda m: "-" if m is None else ("yes" if m >= 0 else "no")
    return env
