"""The suggested starter themes: per factor of the 9+ model (and for the customers' answers) a few themes
that comments on it often share, each with keywords per language.

A manager adds them with one click (`services.add_starter_themes`) and may then rename them, change their
keywords or delete them; the organisation's own themes sit next to them. A keyword matches the start of a
word, so "werkdruk" also finds "werkdrukte" (see `keywords.py`).
"""

from dataclasses import dataclass

from assessments.comments.models import CUSTOMERS


@dataclass(frozen=True)
class StarterTheme:
    key: str
    name_en: str
    name_nl: str
    keywords_en: str
    keywords_nl: str


S = StarterTheme
STARTER_THEMES: dict[str, tuple[StarterTheme, ...]] = {
    "customer_strategy": (
        S(
            "vision",
            "Vision and direction",
            "Visie en richting",
            "vision, direction, strategy, goal, ambition",
            "visie, richting, strategie, doel, ambitie",
        ),
        S(
            "leadership",
            "Leadership example",
            "Voorbeeld van de leiding",
            "management, leader, board, director, example",
            "management, leiding, directie, bestuur, voorbeeld",
        ),
        S(
            "choices",
            "Clear choices",
            "Heldere keuzes",
            "choice, priorit, focus, clear, vague",
            "keuze, keuzes, prioriteit, focus, duidelijk, vaag",
        ),
        S(
            "communication",
            "Communicating the strategy",
            "De strategie uitdragen",
            "communicat, explain, inform, know",
            "communic, uitleg, uitleggen, informeren, weten",
        ),
    ),
    "brand_connection": (
        S(
            "promise",
            "Brand promise",
            "Merkbelofte",
            "promise, brand, values, identity",
            "belofte, merk, waarden, identiteit",
        ),
        S(
            "consistency",
            "Consistency across channels",
            "Eenduidigheid in kanalen",
            "consisten, channel, same, different",
            "consisten, eenduidig, kanaal, kanalen, anders, hetzelfde",
        ),
        S(
            "pride",
            "Pride and recognition",
            "Trots en herkenning",
            "proud, pride, recognis, recogniz, believe",
            "trots, herken, geloof",
        ),
        S(
            "marketing",
            "Marketing and reality",
            "Marketing en werkelijkheid",
            "marketing, campaign, advertis, reality",
            "marketing, campagne, reclame, werkelijkheid, praktijk",
        ),
    ),
    "employee_empowerment": (
        S(
            "workload",
            "Workload",
            "Werkdruk",
            "workload, busy, pressure, time, staff shortage",
            "werkdruk, druk, tijd, onderbezetting, personeelstekort",
        ),
        S(
            "mandate",
            "Room to decide",
            "Ruimte om te beslissen",
            "mandate, decide, freedom, room, permission, rules",
            "mandaat, beslis, vrijheid, ruimte, toestemming, regels",
        ),
        S(
            "training",
            "Training and skills",
            "Opleiding en vaardigheden",
            "training, course, education, learn, skill, coach",
            "training, opleiding, scholing, cursus, leren, vaardig, coach",
        ),
        S(
            "appreciation",
            "Appreciation",
            "Waardering",
            "appreciat, recognition, thank, compliment",
            "waardering, erkenning, bedank, compliment",
        ),
        S(
            "tools",
            "Systems and tools",
            "Systemen en middelen",
            "system, tool, software, crm",
            "systeem, systemen, middelen, software, crm",
        ),
    ),
    "customer_journey": (
        S(
            "handover",
            "Handovers between departments",
            "Overdracht tussen afdelingen",
            "handover, department, silo, between",
            "overdracht, afdeling, silo, tussen",
        ),
        S(
            "ownership",
            "Ownership of the journey",
            "Eigenaarschap van de klantreis",
            "owner, responsib, accountab",
            "eigenaar, verantwoordelijk, aanspreekbaar",
        ),
        S(
            "mapping",
            "Knowing the journey",
            "De klantreis kennen",
            "journey, map, touchpoint, step",
            "klantreis, kaart, contactmoment, stap",
        ),
        S(
            "follow_up",
            "Follow-up",
            "Opvolging",
            "follow, call back, promise, wait",
            "opvolg, terugbel, belofte, wacht",
        ),
    ),
    "service_experience_design": (
        S(
            "processes",
            "Processes and rules",
            "Processen en regels",
            "process, procedure, rule, bureaucra",
            "proces, procedure, regel, bureaucra",
        ),
        S(
            "digital",
            "Digital channels",
            "Digitale kanalen",
            "website, app, online, digital, portal",
            "website, app, online, digitaal, portaal",
        ),
        S(
            "personal",
            "Personal attention",
            "Persoonlijke aandacht",
            "personal, attention, human, warm",
            "persoonlijk, aandacht, menselijk, warm",
        ),
        S(
            "testing",
            "Designing with customers",
            "Ontwerpen met klanten",
            "test, pilot, design, prototype, involve",
            "test, pilot, ontwerp, prototype, betrek",
        ),
    ),
    "customer_steering_themes": (
        S(
            "kpis",
            "Measures and KPIs",
            "Meten en KPI's",
            "kpi, measure, nps, score, dashboard, target",
            "kpi, meten, nps, score, dashboard, target",
        ),
        S(
            "meetings",
            "Customer themes in meetings",
            "Klantthema's in overleg",
            "meeting, agenda, discuss, review",
            "overleg, agenda, bespre, vergader",
        ),
        S(
            "action",
            "From insight to action",
            "Van inzicht naar actie",
            "action, improve, change, nothing happens",
            "actie, verbeter, verander, gebeurt niets",
        ),
        S(
            "costs",
            "Costs versus customers",
            "Kosten tegenover klanten",
            "cost, budget, money, efficien",
            "kosten, budget, geld, efficiën, efficien",
        ),
    ),
    "emotional_feedback": (
        S(
            "listening",
            "Listening to customers",
            "Naar klanten luisteren",
            "listen, feedback, survey, hear",
            "luister, feedback, enquête, enquete, horen",
        ),
        S("complaints", "Complaints", "Klachten", "complain, complaint, angry, dissatisf", "klacht, boos, ontevreden"),
        S(
            "emotion",
            "Emotions and feelings",
            "Emoties en gevoel",
            "emotion, feel, frustrat, happy",
            "emotie, gevoel, frustr, blij",
        ),
        S(
            "closing_loop",
            "Closing the loop",
            "De cirkel rond maken",
            "respond, reply, back to, loop",
            "reageren, antwoord, terugkoppel, rond",
        ),
    ),
    CUSTOMERS: (
        S(
            "waiting",
            "Waiting and speed",
            "Wachten en snelheid",
            "wait, slow, fast, quick, time",
            "wacht, traag, snel, lang, tijd",
        ),
        S(
            "friendliness",
            "Friendliness",
            "Vriendelijkheid",
            "friendly, kind, rude, polite, helpful",
            "vriendelijk, aardig, onbeleefd, beleefd, behulpzaam",
        ),
        S(
            "knowledge",
            "Knowledge and advice",
            "Kennis en advies",
            "knowledge, expert, advice, know",
            "kennis, deskundig, advies, weten",
        ),
        S(
            "price",
            "Price and value",
            "Prijs en waarde",
            "price, expensive, cheap, value, cost",
            "prijs, duur, goedkoop, waarde, kosten",
        ),
        S(
            "reachability",
            "Being reachable",
            "Bereikbaarheid",
            "reach, phone, call, email, contact",
            "bereikbaar, telefo, bellen, mail, contact",
        ),
    ),
}


def starter_themes(scope: str) -> tuple[StarterTheme, ...]:
    return STARTER_THEMES.get(scope, ())
