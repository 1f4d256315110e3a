"""The words for the people and organisations around a course, per jurisdiction and language.

One mechanism for every role word a page shows (issue 10, findings 11, 26, 27): the care manager,
the employment-side professional, the team leader, the person the team works with, the
organisation on the employment side, the sickness benefit and who decides on it. Each differs by
the course's jurisdiction (DOMAIN.md; reference/legislation.md §6d: in Sweden Försäkringskassan
decides on sjukpenning, in Norway Nav on sykepenger, in Denmark the jobcentre on sygedagpenge) and
by language. Templates get a `Terms` for the request (`terms`, from the context processor) and
put the word into a translated sentence: ``{% blocktranslate with cm=terms.care_manager.one %}``
``your {{ cm }}{% endblocktranslate %}``. Python code asks ``terms_for(jurisdiction)``.

A deployment replaces any word with the setting ``ROUNDTABLE_TERMS`` (environment variable of the
same name, JSON), keyed by jurisdiction, then language, then term::

    ROUNDTABLE_TERMS='{"dk": {"da": {"care_manager":
                      ["care manager", "care manageren", "care managere"]}}}'

Each value is the three forms [one, the, many]: the indefinite singular (used after "your"/"din"),
the definite singular and the plural. Jurisdiction "*" applies to every jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language

from roundtable.organisations.models import Jurisdiction, Role

LANGUAGES = ("en", "da", "sv", "nb")
KEYS = (
    "care_manager",
    "employment_consultant",
    "employment_specialist",
    "team_leader",
    "citizen",
    "employment_service",
    "benefit",
    "benefit_decider",
)


@dataclass(frozen=True)
class Term:
    one: str
    the: str
    many: str

    @property
    def title(self) -> str:
        return capfirst(self.one)

    @property
    def The(self) -> str:  # noqa: N802 - reads as "The care manager" in templates
        return capfirst(self.the)

    @property
    def Many(self) -> str:  # noqa: N802
        return capfirst(self.many)

    def __str__(self) -> str:
        return self.one


def _t(one: str, the: str, many: str) -> Term:
    return Term(one, the, many)


# term -> jurisdiction ("*" for all) -> language -> forms.
DEFAULTS: dict[str, dict[str, dict[str, Term]]] = {
    "care_manager": {
        "*": {
            "en": _t("care manager", "the care manager", "care managers"),
            "da": _t("behandler", "behandleren", "behandlere"),
            "sv": _t("vårdsamordnare", "vårdsamordnaren", "vårdsamordnare"),
            "nb": _t("koordinator", "koordinatoren", "koordinatorer"),
        },
    },
    "employment_consultant": {
        "dk": {
            "en": _t(
                "employment consultant", "the employment consultant", "employment consultants"
            ),
            "da": _t("jobkonsulent", "jobkonsulenten", "jobkonsulenter"),
            # The Swedish and Norwegian catalogues speak of the employment side as their own
            # countries do, so a Danish team read in Swedish or Norwegian uses the same words.
            "sv": _t("arbetsspecialist", "arbetsspecialisten", "arbetsspecialister"),
            "nb": _t("veileder", "veilederen", "veiledere"),
        },
        # In Sweden the employment side of an integrated team is the IPS employment specialist.
        "se": {
            "en": _t(
                "employment specialist", "the employment specialist", "employment specialists"
            ),
            "da": _t("jobspecialist", "jobspecialisten", "jobspecialister"),
            "sv": _t("arbetsspecialist", "arbetsspecialisten", "arbetsspecialister"),
            "nb": _t("jobbspesialist", "jobbspesialisten", "jobbspesialister"),
        },
        # In Norway the employment consultant is Nav's veileder.
        "no": {
            "en": _t("Nav adviser", "the Nav adviser", "Nav advisers"),
            "da": _t("Nav-vejleder", "Nav-vejlederen", "Nav-vejledere"),
            "sv": _t("Nav-handläggare", "Nav-handläggaren", "Nav-handläggare"),
            "nb": _t("Nav-veileder", "Nav-veilederen", "Nav-veiledere"),
        },
    },
    "employment_specialist": {
        "*": {
            "en": _t(
                "employment specialist", "the employment specialist", "employment specialists"
            ),
            "da": _t("jobspecialist", "jobspecialisten", "jobspecialister"),
            "sv": _t("arbetsspecialist", "arbetsspecialisten", "arbetsspecialister"),
            "nb": _t("jobbspesialist", "jobbspesialisten", "jobbspesialister"),
        },
    },
    "team_leader": {
        "*": {
            "en": _t("team leader", "the team leader", "team leaders"),
            "da": _t("teamleder", "teamlederen", "teamledere"),
            "sv": _t("teamledare", "teamledaren", "teamledare"),
            "nb": _t("teamleder", "teamlederen", "teamledere"),
        },
    },
    # The person the team works with: "citizen" in the Danish programme (DOMAIN §2), participant
    # in the Swedish and Norwegian services.
    "citizen": {
        "dk": {
            "en": _t("citizen", "the citizen", "citizens"),
            "da": _t("borger", "borgeren", "borgere"),
            "sv": _t("deltagare", "deltagaren", "deltagare"),
            "nb": _t("deltaker", "deltakeren", "deltakere"),
        },
        "se": {
            "en": _t("participant", "the participant", "participants"),
            "da": _t("deltager", "deltageren", "deltagere"),
            "sv": _t("deltagare", "deltagaren", "deltagare"),
            "nb": _t("deltaker", "deltakeren", "deltakere"),
        },
        "no": {
            "en": _t("participant", "the participant", "participants"),
            "da": _t("deltager", "deltageren", "deltagere"),
            "sv": _t("deltagare", "deltagaren", "deltagare"),
            "nb": _t("deltaker", "deltakeren", "deltakere"),
        },
    },
    # The organisation the employment-side professional comes from.
    "employment_service": {
        "dk": {
            "en": _t("jobcentre", "the jobcentre", "jobcentres"),
            "da": _t("jobcenter", "jobcentret", "jobcentre"),
            "sv": _t("jobbcenter", "jobbcentret", "jobbcenter"),
            "nb": _t("jobbsenter", "jobbsenteret", "jobbsentre"),
        },
        "se": {
            "en": _t(
                "employment service", "the municipality's employment service", "employment services"
            ),
            "da": _t(
                "beskæftigelsesenhed", "kommunens beskæftigelsesenhed", "beskæftigelsesenheder"
            ),
            "sv": _t(
                "arbetsmarknadsenhet", "kommunens arbetsmarknadsenhet", "arbetsmarknadsenheter"
            ),
            "nb": _t(
                "arbeidsmarkedsenhet", "kommunens arbeidsmarkedsenhet", "arbeidsmarkedsenheter"
            ),
        },
        "no": {lang: _t("Nav", "Nav", "Nav") for lang in LANGUAGES},
    },
    "benefit": {
        "dk": {
            "en": _t("sickness benefit", "the sickness benefit", "sickness benefits"),
            "da": _t("sygedagpenge", "sygedagpengene", "sygedagpenge"),
            "sv": _t("sjukpenning", "sjukpenningen", "sjukpenning"),
            "nb": _t("sykepenger", "sykepengene", "sykepenger"),
        },
        "se": {
            "en": _t("sickness benefit", "the sickness benefit", "sickness benefits"),
            "da": _t("sygepenge", "sygepengene", "sygepenge"),
            "sv": _t("sjukpenning", "sjukpenningen", "sjukpenning"),
            "nb": _t("sykepenger", "sykepengene", "sykepenger"),
        },
        "no": {
            "en": _t("sickness benefit", "the sickness benefit", "sickness benefits"),
            "da": _t("sygepenge", "sygepengene", "sygepenge"),
            "sv": _t("sjukpenning", "sjukpenningen", "sjukpenning"),
            "nb": _t("sykepenger", "sykepengene", "sykepenger"),
        },
    },
    # Who decides whether the person keeps the benefit (legislation.md §6d).
    "benefit_decider": {
        "dk": {
            "en": _t("jobcentre", "the jobcentre", "jobcentres"),
            "da": _t("jobcenter", "jobcentret", "jobcentre"),
            "sv": _t("jobbcenter", "jobbcentret", "jobbcenter"),
            "nb": _t("jobbsenter", "jobbsenteret", "jobbsentre"),
        },
        "se": {
            lang: _t("Försäkringskassan", "Försäkringskassan", "Försäkringskassan")
            for lang in LANGUAGES
        },
        "no": {lang: _t("Nav", "Nav", "Nav") for lang in LANGUAGES},
    },
}

# The employment-side role of a course when nobody is assigned yet.
DEFAULT_EMPLOYMENT_ROLE = {
    Jurisdiction.DK: Role.EMPLOYMENT_CONSULTANT,
    Jurisdiction.SE: Role.EMPLOYMENT_SPECIALIST,
    Jurisdiction.NO: Role.EMPLOYMENT_CONSULTANT,
}


def _language(language: str | None) -> str:
    code = (language or get_language() or "en").lower()
    if code.startswith("no") or code.startswith("nb") or code.startswith("nn"):
        return "nb"
    code = code.split("-")[0]
    return code if code in LANGUAGES else "en"


def _override(key: str, jurisdiction: str, language: str) -> Term | None:
    configured = getattr(settings, "ROUNDTABLE_TERMS", None) or {}
    for scope in (jurisdiction, "*"):
        forms = configured.get(scope, {}).get(language, {}).get(key)
        if forms:
            one, the, many = (list(forms) + [forms[0]] * 3)[:3]
            return Term(str(one), str(the), str(many))
    return None


def term(key: str, *, jurisdiction: str, language: str | None = None) -> Term:
    """The word for `key` in the course's jurisdiction and the language (default: active)."""
    if key not in DEFAULTS:
        raise KeyError(key)
    lang = _language(language)
    jurisdiction = jurisdiction if jurisdiction in Jurisdiction.values else Jurisdiction.DK
    configured = _override(key, jurisdiction, lang)
    if configured is not None:
        return configured
    by_jurisdiction = DEFAULTS[key]
    table = by_jurisdiction.get(jurisdiction) or by_jurisdiction["*"]
    return table[lang]


def role_key(role: str) -> str | None:
    """The term of a professional's role, or None for roles without one (manager, evaluator)."""
    return role if role in KEYS else None


class Terms:
    """Every term of one jurisdiction in one language, for templates (`terms.care_manager.one`).

    `employment` is the employment-side professional of this course: the assigned person's role
    when known, else the jurisdiction's usual one.
    """

    def __init__(
        self, jurisdiction: str, *, employment_role: str | None = None, language: str | None = None
    ):
        self.jurisdiction = jurisdiction if jurisdiction in Jurisdiction.values else "dk"
        self.language = _language(language)
        role = (
            employment_role
            if employment_role
            in (
                Role.EMPLOYMENT_CONSULTANT,
                Role.EMPLOYMENT_SPECIALIST,
            )
            else DEFAULT_EMPLOYMENT_ROLE[Jurisdiction(self.jurisdiction)]
        )
        self.employment_role = str(role)

    def _get(self, key: str) -> Term:
        return term(key, jurisdiction=self.jurisdiction, language=self.language)

    def __getattr__(self, key: str) -> Term:
        if key in KEYS:
            return self._get(key)
        raise AttributeError(key)

    @property
    def employment(self) -> Term:
        return self._get(self.employment_role)

    @property
    def employment_decides_benefit(self) -> bool:
        """Whether the team's employment professional decides on the benefit: the Danish
        jobcentre's consultant and Nav's veileder do; a Swedish or an IPS employment specialist
        does not (Försäkringskassan or Nav decides, legislation.md §6d)."""
        if self.jurisdiction == Jurisdiction.DK:
            return True
        return (
            self.jurisdiction == Jurisdiction.NO
            and self.employment_role == Role.EMPLOYMENT_CONSULTANT
        )

    def role(self, role: str) -> Term | None:
        key = role_key(role)
        return self._get(key) if key else None

    def role_label(self, role: str) -> str:
        """A role's name as a label: the term where the role has one, else the role's label."""
        found = self.role(role)
        if found is not None:
            return found.title
        try:
            return str(Role(role).label)
        except ValueError:
            return ""


def terms_for(
    jurisdiction: str, *, employment_role: str | None = None, language: str | None = None
) -> Terms:
    """The terms of a jurisdiction in the active language (or `language`)."""
    return Terms(jurisdiction, employment_role=employment_role, language=language)
