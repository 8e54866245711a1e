"""The glossary: one card per idea the game teaches, in plain words, with where to see it.

Pure data and a few look-ups, no pygame: the glossary screen
(``game.ui.scenes.glossary_screen``) shows these cards, the theory lens links to them, and a
teacher can print them. Each card says what the
idea is (for a 16-year-old), where the player meets it in the game (a number, a screen, an
action), the work it comes from, and the cards it leads on to. The sources are the ones in the
design's theory notes; every example in the cards is invented, like everything in the game.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "CONCEPTS",
    "GAME_CONCEPTS",
    "REQUIRED",
    "TOPICS",
    "WORLD_CONCEPTS",
    "Concept",
    "Source",
    "concept",
    "concept_for_game",
    "concept_for_world",
    "ordered",
    "search",
]


@dataclass(frozen=True)
class Source:
    """Where an idea comes from: its author(s), the year and the title of the work."""

    author: str
    year: int
    title: str

    def cite(self) -> str:
        return f"{self.author} ({self.year}), {self.title}"


@dataclass(frozen=True)
class Concept:
    """One glossary card.

    ``definition`` is the idea in two to four plain sentences; ``in_game`` says where the player
    sees it; ``sources`` holds at least one work (the first is the main one); ``related`` holds the
    ids of other cards.
    """

    id: str
    title: str
    topic: str
    definition: str
    in_game: str
    sources: tuple[Source, ...]
    related: tuple[str, ...] = ()

    @property
    def source(self) -> Source:
        """The main source."""
        return self.sources[0]


#: The topics, in the order the glossary lists them.
TOPICS: Final[tuple[str, ...]] = (
    "The security dilemma",
    "Deterrence",
    "Signals and trust",
    "Alliances",
    "Arms control",
    "Game theory",
    "Named games",
)

_JERVIS_1978 = Source("Jervis", 1978, "Cooperation under the Security Dilemma")
_JERVIS_1976 = Source("Jervis", 1976, "Perception and Misperception in International Politics")
_KYDD_1997 = Source("Kydd", 1997, "Game Theory and the Spiral Model")
_KYDD_2000 = Source("Kydd", 2000, "Trust, Reassurance, and Cooperation")
_KYDD_2005 = Source("Kydd", 2005, "Trust and Mistrust in International Relations")
_SCHELLING_1960 = Source("Schelling", 1960, "The Strategy of Conflict")
_SCHELLING_1966 = Source("Schelling", 1966, "Arms and Influence")
_SNYDER_1961 = Source("Snyder", 1961, "Deterrence and Defense")
_SNYDER_1984 = Source("Snyder", 1984, "The Security Dilemma in Alliance Politics")
_KENT_THALER = Source(
    "Kent and Thaler",
    1989,
    "First-Strike Stability: A Methodology for Evaluating Strategic Forces",
)
_INTRILIGATOR_BRITO = Source(
    "Intriligator and Brito", 1984, "Can Arms Races Lead to the Outbreak of War?"
)
_FEARON_1994 = Source(
    "Fearon", 1994, "Domestic Political Audiences and the Escalation of International Disputes"
)
_FEARON_1995 = Source("Fearon", 1995, "Rationalist Explanations for War")
_FEARON_1997 = Source(
    "Fearon", 1997, "Signaling Foreign Policy Interests: Tying Hands versus Sinking Costs"
)
_SCHELLING_HALPERIN = Source("Schelling and Halperin", 1961, "Strategy and Arms Control")
_WITTMAN = Source(
    "Wittman", 1989, "Arms Control Verification and Other Games Involving Imperfect Detection"
)
_AVENHAUS = Source("Avenhaus, von Stengel and Zamir", 2002, "Inspection Games")
_RICHARDSON = Source("Richardson", 1960, "Arms and Insecurity")
_NASH = Source("Nash", 1950, "Equilibrium Points in N-Person Games")
_NEUMANN = Source("von Neumann and Morgenstern", 1944, "Theory of Games and Economic Behavior")
_AXELROD = Source("Axelrod", 1984, "The Evolution of Cooperation")
_SKYRMS = Source("Skyrms", 2004, "The Stag Hunt and the Evolution of Social Structure")
_RAPOPORT_CHAMMAH = Source("Rapoport and Chammah", 1966, "The Game of Chicken")
_RAPOPORT_1967 = Source(
    "Rapoport", 1967, "Exploiter, Leader, Hero, and Martyr: The Four Archetypes of the 2x2 Game"
)
_LUCE_RAIFFA = Source("Luce and Raiffa", 1957, "Games and Decisions")
_SNYDER_DIESING = Source("Snyder and Diesing", 1977, "Conflict Among Nations")
_ROBINSON_GOFORTH = Source("Robinson and Goforth", 2005, "The Topology of the 2x2 Games")
_CRAWFORD_SOBEL = Source("Crawford and Sobel", 1982, "Strategic Information Transmission")
_BALIGA_SJOSTROM = Source("Baliga and Sjostrom", 2004, "Arms Races and Negotiations")
_POWELL_2015 = Source("Powell", 2015, "Nuclear Brinkmanship, Limited War, and Military Power")
_HUTH = Source("Huth", 1988, "Extended Deterrence and the Prevention of War")
_PARETO = Source("Pareto", 1906, "Manual of Political Economy")

_SD, _DET, _SIG, _ALLY, _ARMS, _GT, _GAMES = TOPICS

_CARDS: tuple[Concept, ...] = (
    # The security dilemma ------------------------------------------------------------------
    Concept(
        id="security_dilemma",
        title="Security dilemma",
        topic=_SD,
        definition=(
            "What one state does to feel safer, such as building arms, makes its neighbours feel "
            "less safe. They answer by arming too, and in the end nobody is safer than before. "
            "No one has to want war for this to happen: fear on both sides is enough."
        ),
        in_game=(
            "When you build reach, your rivals' trust in you falls and tension rises (the "
            "Others panel of the turn screen). The theory lens shows how strong the dilemma is "
            "this game: that is Jervis's world."
        ),
        sources=(_JERVIS_1978,),
        related=(
            "spiral_model",
            "four_worlds",
            "offense_defense_balance",
            "distinguishability",
            "stag_hunt",
        ),
    ),
    Concept(
        id="spiral_model",
        title="Spiral model",
        topic=_SD,
        definition=(
            "Each side reads the other's arms as a threat and builds more, which the other reads "
            "as a threat in turn, so arms and fear climb together like a spiral. Kydd showed that "
            "this fear can be perfectly rational when you cannot see what the other side wants. "
            "The way out is a signal of restraint that only a peaceful state would send."
        ),
        in_game=(
            "Watch the trust and tension numbers in the Others panel fall and rise turn after "
            "turn while both sides arm, and the arms chart at the end of the game. Cutting reach "
            "or talking can turn the spiral round."
        ),
        sources=(_KYDD_1997, _JERVIS_1976),
        related=("security_dilemma", "reassurance", "costly_signal", "richardson_model", "trust"),
    ),
    Concept(
        id="offense_defense_balance",
        title="Offense-defense balance",
        topic=_SD,
        definition=(
            "Is it easier to attack or to defend? When defense has the edge, a state can protect "
            "itself cheaply without threatening anyone. When attack has the edge, striking first "
            "pays and every build looks dangerous."
        ),
        in_game=(
            "Set by the scenario: defense has the edge when one budget unit of shield stops more "
            "reach than one budget unit of reach delivers. It is one half of Jervis's world on "
            "the theory lens."
        ),
        sources=(_JERVIS_1978,),
        related=("four_worlds", "distinguishability", "security_dilemma", "first_strike_stability"),
    ),
    Concept(
        id="distinguishability",
        title="Distinguishability",
        topic=_SD,
        definition=(
            "Can others tell a defensive build from an offensive one? If they can, a state can "
            "make itself safe without alarming anyone, and a real attacker gives itself away. If "
            "they cannot, every build looks like a threat."
        ),
        in_game=(
            "The Others panel shows each rival's reach and shield as a likely range, because your "
            "intelligence can mistake a shield for reach. Intelligence spending and verified "
            "treaties narrow the range. It is the other half of Jervis's world on the lens."
        ),
        sources=(_JERVIS_1978,),
        related=("four_worlds", "offense_defense_balance", "security_dilemma", "verification"),
    ),
    Concept(
        id="four_worlds",
        title="Jervis's four worlds",
        topic=_SD,
        definition=(
            "Jervis sorted the world by two questions: does attack or defense have the edge, and "
            "can defensive arms be told apart from offensive ones? The answers give four worlds, "
            "from doubly dangerous to doubly safe. How bad the security dilemma is depends on "
            "which world you are in."
        ),
        in_game=(
            'The theory lens names the world of the current game under "Jervis\'s world", with '
            "one line on what it means."
        ),
        sources=(_JERVIS_1978,),
        related=(
            "world_doubly_dangerous",
            "world_dilemma_but_compatible",
            "world_no_dilemma_aggression_pays",
            "world_doubly_safe",
            "offense_defense_balance",
            "distinguishability",
        ),
    ),
    Concept(
        id="world_doubly_dangerous",
        title="Doubly dangerous world",
        topic=_SD,
        definition=(
            "Attack has the edge, and defensive arms look just like offensive ones. Every build "
            "frightens the neighbours and striking first pays, so the security dilemma is at its "
            "worst and arms races are hard to stop."
        ),
        in_game=(
            'Shown as "Doubly dangerous" under Jervis\'s world on the theory lens. Expect falling '
            "trust whenever anyone builds, and a low first-strike stability."
        ),
        sources=(_JERVIS_1978,),
        related=("four_worlds", "security_dilemma", "spiral_model", "first_strike_stability"),
    ),
    Concept(
        id="world_dilemma_but_compatible",
        title="A dilemma, but security is compatible",
        topic=_SD,
        definition=(
            "Arms still look alike, so building still frightens the neighbours. But defense has "
            "the edge, so both sides can be secure at the same time if they manage their fears."
        ),
        in_game=(
            "Shown under Jervis's world on the theory lens. Here restraint and reassurance pay "
            "off, and treaties that let each side see the other help most."
        ),
        sources=(_JERVIS_1978,),
        related=("four_worlds", "reassurance", "verification", "offense_defense_balance"),
    ),
    Concept(
        id="world_no_dilemma_aggression_pays",
        title="No dilemma, but aggression pays",
        topic=_SD,
        definition=(
            "Defensive and offensive arms can be told apart, so nobody is frightened by a purely "
            "defensive build and an attacker gives warning. But attack has the edge, so a state "
            "that really is aggressive is a real danger."
        ),
        in_game=(
            "Shown under Jervis's world on the theory lens. Look at what a rival builds: its "
            "choices tell you about its aims."
        ),
        sources=(_JERVIS_1978,),
        related=("four_worlds", "deterrence", "distinguishability", "offense_defense_balance"),
    ),
    Concept(
        id="world_doubly_safe",
        title="Doubly safe world",
        topic=_SD,
        definition=(
            "Defense has the edge and anyone can tell a defensive build from an offensive one. "
            "Security is cheap and arming threatens no one, so there is hardly any security "
            "dilemma at all."
        ),
        in_game=(
            'Shown as "Doubly safe" under Jervis\'s world on the theory lens. The stage game '
            "often turns into Harmony here."
        ),
        sources=(_JERVIS_1978,),
        related=("four_worlds", "harmony", "offense_defense_balance", "distinguishability"),
    ),
    Concept(
        id="richardson_model",
        title="Richardson arms-race model",
        topic=_SD,
        definition=(
            "Richardson wrote an arms race as two equations: each side builds in proportion to the "
            "other's arms (fear), builds less the more it already has (fatigue), and keeps a "
            "standing grievance. If fear is stronger than fatigue the race runs away; if fatigue "
            "wins it settles down. Arms can rise with no one wanting war."
        ),
        in_game=(
            "The AI opponent called Richardson Reactor (chosen on the new-game screen) follows "
            "these equations. The arms chart at the end of a game shows whether a race settled "
            "or ran away."
        ),
        sources=(_RICHARDSON,),
        related=("spiral_model", "security_dilemma", "arms_control"),
    ),
    # Deterrence ----------------------------------------------------------------------------
    Concept(
        id="deterrence",
        title="Deterrence",
        topic=_DET,
        definition=(
            "Stopping someone from attacking by making sure the attack would cost them more than "
            "it could gain. It works only if the threat is believed and the damage would really "
            "happen, even after being struck first."
        ),
        in_game=(
            "The theory lens shows a deterrence margin both ways: the damage a side's surviving "
            "reach would do after being struck first, less what the other side finds "
            "unacceptable. A margin of zero or more deters."
        ),
        sources=(_SCHELLING_1966, _SNYDER_1961),
        related=("second_strike", "first_strike_stability", "extended_deterrence", "brinkmanship"),
    ),
    Concept(
        id="second_strike",
        title="Second strike",
        topic=_DET,
        definition=(
            "The ability to hit back after being attacked first. If enough of your force would "
            "survive a surprise attack to do unacceptable damage, no one gains by attacking you. "
            "Stability comes from a force that survives, not from having the most."
        ),
        in_game=(
            'On the theory lens: "X\'s second strike deters Y (margin ...)". Hardening (your '
            "state's panel) is the share of your reach that survives a disarming first strike; a "
            "rival's shield eats into what gets through."
        ),
        sources=(_SCHELLING_1960, _INTRILIGATOR_BRITO),
        related=("deterrence", "first_strike_stability", "offense_defense_balance"),
    ),
    Concept(
        id="first_strike_stability",
        title="First-strike stability",
        topic=_DET,
        definition=(
            "Asks: is anyone better off striking first in a crisis? If striking first hardly "
            "helps, both sides can wait calmly. If it helps a lot, each side fears the other will "
            'strike, and a crisis can turn into "use it or lose it".'
        ),
        in_game=(
            "The theory lens shows first-strike stability for the pair, from 0 to 1: 1 means "
            "nobody gains by going first. Hardening raises it; a shield that could stop a "
            "ragged retaliation lowers it."
        ),
        sources=(_KENT_THALER, _SCHELLING_1960),
        related=("second_strike", "deterrence", "brinkmanship", "offense_defense_balance"),
    ),
    Concept(
        id="brinkmanship",
        title="Brinkmanship",
        topic=_DET,
        definition=(
            "Winning a standoff by taking a risk that things get out of hand, and daring the other "
            "side to take it too. Schelling called it the threat that leaves something to chance. "
            "The side that cares less about the prize, or fears the disaster more, backs down "
            "first."
        ),
        in_game=(
            "When tension passes the crisis line, the crisis screen asks each side to back down, "
            "stand firm or escalate, and shows the odds of war before you choose. It is a game "
            "of Chicken."
        ),
        sources=(_SCHELLING_1960, _POWELL_2015),
        related=("chicken", "audience_cost", "first_strike_stability", "bargaining_range"),
    ),
    Concept(
        id="bargaining_range",
        title="Bargaining range",
        topic=_DET,
        definition=(
            "War is costly for both sides, so there is always some deal both would prefer to "
            "fighting. Fearon asked why wars happen anyway: because each side hides what it "
            "knows, or because promises cannot be trusted to hold as power shifts."
        ),
        in_game=(
            "A war ends the game and every state loses heavily, so every crisis has better ways "
            "out. Backing down, reassuring and treaties are the deals on offer."
        ),
        sources=(_FEARON_1995,),
        related=("brinkmanship", "costly_signal", "cheap_talk"),
    ),
    # Signals and trust ---------------------------------------------------------------------
    Concept(
        id="trust",
        title="Trust and beliefs",
        topic=_SIG,
        definition=(
            "Your trust in a rival is how likely you think it is to want only security, not "
            "gains. You update it from what you see it do, like a detective weighing clues. Kydd "
            "showed that even deep mistrust can be overcome if a state is in fact trustworthy "
            "and shows it."
        ),
        in_game=(
            'The "trust" percentage next to each rival in the Others panel. Builds you see '
            "lower it; a rival's cut raises it most, talk a little."
        ),
        sources=(_KYDD_2005,),
        related=("reassurance", "costly_signal", "spiral_model", "cheap_talk"),
    ),
    Concept(
        id="costly_signal",
        title="Costly signal",
        topic=_SIG,
        definition=(
            "A message backed by something that costs you, so that only someone who means it "
            "would send it. Words are free, so anyone can say them; paying a price is what makes "
            "a signal believable."
        ),
        in_game=(
            "Cutting reach (a budget line in some scenarios) costs you strength; drills cost "
            "budget; a public commitment risks your standing. Each tells a rival more than talk."
        ),
        sources=(_FEARON_1997, _KYDD_2000),
        related=("tying_hands", "audience_cost", "cheap_talk", "reassurance"),
    ),
    Concept(
        id="tying_hands",
        title="Tying hands",
        topic=_SIG,
        definition=(
            "Making a promise in public so that breaking it later would cost you. The cost is "
            "only paid if you back down, which shows you do not plan to. Fearon found it is "
            "believed, but carries more risk of war than paying up front."
        ),
        in_game=(
            'The Diplomacy action "commit": a public pledge to stand firm against a state. '
            "Backing down from it later in a crisis costs you standing."
        ),
        sources=(_FEARON_1997,),
        related=("audience_cost", "costly_signal", "brinkmanship"),
    ),
    Concept(
        id="audience_cost",
        title="Audience cost",
        topic=_SIG,
        definition=(
            "The price leaders pay at home, and in others' eyes, when they make a threat and then "
            "back down. Because backing down hurts, a public threat is more believable than a "
            "private one."
        ),
        in_game=(
            "Standing (your state's panel) is the credibility of your word: backing down in a "
            "crisis lowers it, and more so after a commitment."
        ),
        sources=(_FEARON_1994,),
        related=("tying_hands", "costly_signal", "brinkmanship"),
    ),
    Concept(
        id="cheap_talk",
        title="Cheap talk",
        topic=_SIG,
        definition=(
            "Words that cost nothing to say. A liar can say them as easily as an honest speaker, "
            "so on their own they prove little. Still, when both sides mostly want peace, "
            "talking can stop a race that fear alone would start."
        ),
        in_game=(
            'The Diplomacy action "talk": a reassuring message. It moves a rival\'s beliefs only '
            "as far as your standing allows."
        ),
        sources=(_CRAWFORD_SOBEL, _BALIGA_SJOSTROM),
        related=("costly_signal", "reassurance", "trust"),
    ),
    Concept(
        id="reassurance",
        title="Reassurance",
        topic=_SIG,
        definition=(
            "Showing a rival that you seek only security, so that it can stop fearing you. Kydd "
            "showed it works when peaceful states are more willing to take a risk for peace than "
            "aggressive ones, for example by restraining first."
        ),
        in_game=(
            "Cut reach, talk, or propose a cap. The AI opponent Security Seeker reassures when it "
            "feels safe; watch your trust in it rise."
        ),
        sources=(_KYDD_2000,),
        related=("costly_signal", "trust", "spiral_model", "cheap_talk"),
    ),
    # Alliances -----------------------------------------------------------------------------
    Concept(
        id="entrapment_abandonment",
        title="Entrapment and abandonment",
        topic=_ALLY,
        definition=(
            "An ally fears two opposite things: being left alone when it needs help "
            "(abandonment), and being dragged into a partner's fight it never wanted "
            "(entrapment). Holding an ally close lowers the first fear but raises the second."
        ),
        in_game=(
            "Alliances in the Diplomacy screen (ally, end alliance). A host that accepts a "
            "patron's deployment becomes a target of the patron's rivals the moment it accepts."
        ),
        sources=(_SNYDER_1984,),
        related=("extended_deterrence", "deterrence"),
    ),
    Concept(
        id="extended_deterrence",
        title="Extended deterrence and hosts",
        topic=_ALLY,
        definition=(
            "Protecting an ally by threatening anyone who attacks it, not only those who attack "
            "you. Forces are often stationed on the ally's soil, the host, to make the promise "
            "believable, but that makes the host a target too."
        ),
        in_game=(
            "Diplomacy: offer a deployment of reach or shield to an ally, which may accept or "
            "refuse. Rivals may aim at or sanction a host, and a strike can spill onto it."
        ),
        sources=(_HUTH, _SNYDER_1984),
        related=("entrapment_abandonment", "deterrence", "second_strike"),
    ),
    # Arms control --------------------------------------------------------------------------
    Concept(
        id="arms_control",
        title="Arms control",
        topic=_ARMS,
        definition=(
            "Rivals agreeing to limit their arms, or how they use them, because a race makes both "
            "poorer and less safe. Schelling and Halperin saw it as working with an opponent to "
            "make war less likely, not as trusting it."
        ),
        in_game=(
            "Diplomacy: propose a treaty (a shield cap, a ceiling on reach, a ban on forward "
            "launchers, or transparency), sign it, or leave it with notice."
        ),
        sources=(_SCHELLING_HALPERIN,),
        related=("verification", "inspection_game", "prisoners_dilemma", "reciprocity"),
    ),
    Concept(
        id="verification",
        title="Verification",
        topic=_ARMS,
        definition=(
            "Checking that the other side keeps a deal. A treaty holds when cheating is likely to "
            "be caught and punished. Good verification makes trust affordable: you do not have "
            "to take the other side's word for it."
        ),
        in_game=(
            "Every treaty has a verification level: the chance an inspection catches cheating. "
            "Verified treaties also narrow the ranges in the Others panel."
        ),
        sources=(_WITTMAN,),
        related=("inspection_game", "arms_control", "distinguishability", "trust"),
    ),
    Concept(
        id="inspection_game",
        title="Inspection game",
        topic=_ARMS,
        definition=(
            "One side may cheat, the other may inspect; inspecting costs, and so does missed "
            "cheating. Neither can settle on always or never: the answer is to inspect some of "
            "the time, and heavier penalties mean fewer inspections are needed."
        ),
        in_game=(
            'The Diplomacy actions "inspect" (costs budget, raises the chance of catching a '
            'cheat) and "cheat" (break a treaty in secret, at the risk of being caught).'
        ),
        sources=(_AVENHAUS, _WITTMAN),
        related=("verification", "arms_control", "mixed_strategy"),
    ),
    Concept(
        id="reciprocity",
        title="Reciprocity (tit for tat)",
        topic=_ARMS,
        definition=(
            "Do what the other side did last time: restrain after restraint, arm after arming. "
            "In Axelrod's tournaments this simple rule did very well in a repeated prisoner's "
            "dilemma, because it is nice, hits back, and forgives."
        ),
        in_game=(
            "The AI opponents Copycat, Forgiving Copycat and Grudger play versions of it. Noisy "
            "sight can make a copycat punish a build that never happened."
        ),
        sources=(_AXELROD,),
        related=("prisoners_dilemma", "arms_control", "trust"),
    ),
    # Game theory ---------------------------------------------------------------------------
    Concept(
        id="stage_game",
        title="The 2x2 stage game",
        topic=_GT,
        definition=(
            "A turn boiled down to a table: each side chooses restrain or arm, and each of the "
            "four cells shows how well both do. The pattern of those numbers gives the game its "
            "name, and tells you what to expect."
        ),
        in_game=(
            "The table on the theory lens (L on the turn screen): the row's payoff first, then "
            "the column's, projected over the next few turns. When the two sides' numbers fit "
            'different patterns, the lens calls it an "Asymmetric game".'
        ),
        sources=(_ROBINSON_GOFORTH, _NEUMANN),
        related=(
            "nash_equilibrium",
            "pareto_optimality",
            "prisoners_dilemma",
            "stag_hunt",
            "coordination_games",
        ),
    ),
    Concept(
        id="nash_equilibrium",
        title="Nash equilibrium",
        topic=_GT,
        definition=(
            "A pair of choices where neither side can do better by changing only its own choice. "
            "It is where play tends to settle, but it need not be good for anyone: in a "
            "prisoner's dilemma both arm and both lose."
        ),
        in_game=(
            'On the theory lens, the cells outlined and tagged "Nash"; a mixed equilibrium is '
            "written below the table."
        ),
        sources=(_NASH,),
        related=("pareto_optimality", "mixed_strategy", "stage_game", "prisoners_dilemma"),
    ),
    Concept(
        id="mixed_strategy",
        title="Mixed strategy",
        topic=_GT,
        definition=(
            "Choosing at random with set odds, so that the other side cannot predict you. Some "
            "games have no settled pair of plain choices, and then the equilibrium is a mix."
        ),
        in_game=(
            'The lens writes "Mixed equilibrium: X arms with chance ..." under the table when '
            "the game has one."
        ),
        sources=(_NEUMANN, _NASH),
        related=("nash_equilibrium", "inspection_game", "chicken"),
    ),
    Concept(
        id="pareto_optimality",
        title="Pareto optimality",
        topic=_GT,
        definition=(
            "An outcome is Pareto optimal when no other outcome is better for one side without "
            "being worse for the other. The sad lesson of the prisoner's dilemma is that the "
            "equilibrium is not Pareto optimal."
        ),
        in_game='On the theory lens, the cells tagged "Pareto".',
        sources=(_PARETO,),
        related=("nash_equilibrium", "prisoners_dilemma", "stage_game"),
    ),
    # Named games ---------------------------------------------------------------------------
    Concept(
        id="prisoners_dilemma",
        title="Prisoner's dilemma",
        topic=_GAMES,
        definition=(
            "Each side does better by arming whatever the other does, yet both would be better "
            "off if both restrained. So both arm and both lose. Played again and again, "
            "cooperation can grow if the future matters enough."
        ),
        in_game=(
            "Named on the theory lens when the turn's payoffs have this pattern. The Two "
            "Neighbours lesson is built on it."
        ),
        sources=(_AXELROD,),
        related=("nash_equilibrium", "pareto_optimality", "reciprocity", "stag_hunt"),
    ),
    Concept(
        id="stag_hunt",
        title="Stag hunt",
        topic=_GAMES,
        definition=(
            "Both sides do best by restraining together, but restraint only pays if you trust "
            "the other to restrain too. If you doubt it, arming is the safe choice. Jervis saw "
            "the security dilemma as a stag hunt: trust decides the outcome."
        ),
        in_game=(
            'Named on the theory lens; both "both restrain" and "both arm" are outlined as '
            "equilibria. Raising a rival's trust in you makes the good one likelier."
        ),
        sources=(_SKYRMS, _JERVIS_1978),
        related=("security_dilemma", "trust", "reassurance", "prisoners_dilemma"),
    ),
    Concept(
        id="chicken",
        title="Chicken",
        topic=_GAMES,
        definition=(
            "Each side wants the other to back down, and the worst outcome for both is that "
            "neither does. Like two drivers heading for each other: the one who swerves loses "
            "face, but if neither swerves, both crash."
        ),
        in_game=(
            "Named on the theory lens when mutual arming is the worst cell. Every crisis is a "
            "game of Chicken: back down, stand firm or escalate."
        ),
        sources=(_RAPOPORT_CHAMMAH, _SCHELLING_1966),
        related=("brinkmanship", "audience_cost", "mixed_strategy"),
    ),
    Concept(
        id="harmony",
        title="Harmony",
        topic=_GAMES,
        definition=(
            "Restraint is the best choice for each side whatever the other does. There is no "
            "dilemma at all, and nothing pushes toward an arms race."
        ),
        in_game=(
            "Named on the theory lens when restraint is best for each side whatever the other "
            "does, most often in a doubly safe world."
        ),
        sources=(_RAPOPORT_1967, _ROBINSON_GOFORTH),
        related=("world_doubly_safe", "stage_game", "deadlock"),
    ),
    Concept(
        id="deadlock",
        title="Deadlock",
        topic=_GAMES,
        definition=(
            "Both sides would rather arm, even if the other arms too. There is no dilemma to "
            "solve, only rivalry, and talk or treaties cannot change what each side wants."
        ),
        in_game="Named on the theory lens when both arming beats both restraining for each side.",
        sources=(_SNYDER_DIESING,),
        related=("prisoners_dilemma", "harmony", "stage_game"),
    ),
    Concept(
        id="coordination_games",
        title="Leader, Hero and Battle of the Sexes",
        topic=_GAMES,
        definition=(
            "Games where the two sides should choose differently, or alike, but disagree on who "
            "gets the better part. In Leader each wants to be the one who arms; in Hero neither "
            "does; in Battle of the Sexes both want to match but prefer different matches."
        ),
        in_game=(
            "Named on the theory lens when the turn's payoffs fit one of these patterns; the "
            "outlined cells show where play may settle."
        ),
        sources=(_RAPOPORT_1967, _LUCE_RAIFFA),
        related=("stage_game", "chicken", "nash_equilibrium"),
    ),
)

#: Every card by id, in the order the glossary lists them.
CONCEPTS: Final[dict[str, Concept]] = {c.id: c for c in _CARDS}

#: The cards the game cannot do without (a test checks they are all here and complete).
REQUIRED: Final[tuple[str, ...]] = (
    "security_dilemma",
    "spiral_model",
    "deterrence",
    "second_strike",
    "first_strike_stability",
    "offense_defense_balance",
    "distinguishability",
    "costly_signal",
    "tying_hands",
    "audience_cost",
    "entrapment_abandonment",
    "arms_control",
    "verification",
    "richardson_model",
    "nash_equilibrium",
    "prisoners_dilemma",
    "stag_hunt",
    "chicken",
    "four_worlds",
    "cheap_talk",
    "reassurance",
    "pareto_optimality",
    "brinkmanship",
    "inspection_game",
    "extended_deterrence",
)

#: ``game.theory.classify`` names -> card ids (names without a card of their own are left out).
GAME_CONCEPTS: Final[dict[str, str]] = {
    "prisoners_dilemma": "prisoners_dilemma",
    "stag_hunt": "stag_hunt",
    "chicken": "chicken",
    "deadlock": "deadlock",
    "harmony": "harmony",
    "leader": "coordination_games",
    "hero": "coordination_games",
    "battle_of_the_sexes": "coordination_games",
    "asymmetric": "stage_game",
    "other": "stage_game",
}

#: ``game.theory.JERVIS_WORLDS`` ids -> card ids.
WORLD_CONCEPTS: Final[dict[str, str]] = {
    "doubly_dangerous": "world_doubly_dangerous",
    "dilemma_but_compatible": "world_dilemma_but_compatible",
    "no_dilemma_aggression_pays": "world_no_dilemma_aggression_pays",
    "doubly_safe": "world_doubly_safe",
}


def concept(card_id: str) -> Concept:
    """The card ``card_id`` (``KeyError`` naming the known ids if there is none)."""
    try:
        return CONCEPTS[card_id]
    except KeyError:
        raise KeyError(f"no glossary card {card_id!r}; known: {', '.join(CONCEPTS)}") from None


def concept_for_game(name: str) -> str | None:
    """The card id for a ``game.theory.classify`` name, or None when it has none.

    >>> concept_for_game("stag_hunt")
    'stag_hunt'
    >>> concept_for_game("no such game") is None
    True
    """
    return GAME_CONCEPTS.get(name)


def concept_for_world(world: str) -> str | None:
    """The card id for one of Jervis's worlds (``game.theory.JERVIS_WORLDS``), or None.

    >>> concept_for_world("doubly_safe")
    'world_doubly_safe'
    """
    return WORLD_CONCEPTS.get(world)


def ordered() -> list[Concept]:
    """The cards as the glossary lists them: by topic, then in the order written here."""
    rank = {t: k for k, t in enumerate(TOPICS)}
    return sorted(CONCEPTS.values(), key=lambda c: rank.get(c.topic, len(rank)))


def search(words: str) -> list[Concept]:
    """Cards whose title or text holds every word of ``words`` (case-insensitive), titles first."""
    terms = words.lower().split()
    if not terms:
        return ordered()
    hits = [
        c
        for c in ordered()
        if all(t in f"{c.title} {c.definition} {c.in_game}".lower() for t in terms)
    ]
    return sorted(hits, key=lambda c: not all(t in c.title.lower() for t in terms))
