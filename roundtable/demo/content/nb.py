"""The demo in Norwegian Bokmål, for the Norwegian team (Bydel Frogner and Nav Frogner)."""

from __future__ import annotations

from roundtable.core.data_classes import DataClass

HEALTH = "health"
EMPLOYMENT = "employment"

TITLES = {
    "nurse": "Sykepleier",
    "occupational_therapist": "Ergoterapeut",
    "physiotherapist": "Fysioterapeut",
    "social_worker": "Sosionom",
    "psychiatrist": "Psykiater",
    "psychologist": "Psykolog",
    "head_of_department": "Enhetsleder",
    "researcher": "Forsker",
}
PHONE = "+47 9{a} {b} {c} {d}"

# --- Roundtable meetings -------------------------------------------------------------------

MEETING_PURPOSE = "Vi lager en plan sammen for helsen din og veien tilbake til arbeid."
MEETING_PLACE = "{employment}, møterom 3"
MINUTES = (
    "Vi snakket om hvordan du har det, og om jobb. Vi ble enige om de første stegene tilbake. "
    "Vi møtes igjen om to uker."
)
PREPARATION_ANSWER = "Å sove bedre, og å vite hva som skjer med jobben min."
DECISIONS = [
    (
        "course_content",
        "individual_focus",
        "Hva skal de første ukene handle om?",
        [
            ("Mindre stress", "Søvn og overskudd først", "Jobben føles langt unna"),
            ("Tro på å komme tilbake i jobb", "Holder målet nært", "Kan oppleves som press"),
        ],
    ),
    (
        "course_content",
        "activities",
        "Hva skal skje mellom møtene?",
        [
            ("Stressdagbok", "Viser mønstre", "Tar noen minutter hver dag"),
            (
                "Mindfulness i gruppe (MBSR)",
                "Møter andre i samme situasjon",
                "Åtte uker, på kveldstid",
            ),
        ],
    ),
    (
        "course_content",
        "planning_meetings",
        "Hvor ofte skal vi møtes?",
        [
            ("Annenhver uke, ansikt til ansikt", "Fast kontakt", "Reisetid"),
            ("Hver uke på telefon", "Kort og fleksibelt", "Mindre personlig"),
        ],
    ),
    (
        "return_to_work",
        "job_function_and_tasks",
        "Hvilke oppgaver skal det være på jobben i starten?",
        [
            ("Andre oppgaver uten tidsfrister", "Mindre stress", "Kollegene må dekke opp"),
            (
                "De vanlige oppgavene, men færre",
                "Kjent arbeid",
                "Det gamle presset kan komme tilbake",
            ),
        ],
    ),
    (
        "return_to_work",
        "stepped_return_to_work",
        "Hvordan skal oppstarten på jobben se ut?",
        [
            ("Tre timer om dagen, tre dager i uken", "En rolig start", "Det går sakte"),
            ("Fire timer om dagen, fire dager i uken", "Raskere", "Fare for tilbakefall"),
        ],
    ),
    (
        "return_to_work",
        "return_to_work_date",
        "Når skal den graderte oppstarten begynne?",
        [
            ("Om fire uker", "Tid til å forberede seg", "Dialogmøte 2 med Nav nærmer seg"),
            ("Første mandag neste måned", "En tydelig dato", "Kort tid til å forberede seg"),
        ],
    ),
    (
        "collaboration",
        "employer_and_colleagues",
        "Hva skal arbeidsplassen få vite, og hvordan?",
        [
            (
                "Nav-veilederen ringer lederen sammen med deltakeren",
                "Støtte i samtalen",
                "Mindre kontroll selv",
            ),
            ("Deltakeren skriver selv til lederen", "Med egne ord", "Vanskelig å komme i gang"),
        ],
    ),
    (
        "collaboration",
        "citizens_role",
        "Hjemmelekse til neste møte",
        [("Skriv ned hvordan en god arbeidsdag ser ut", "Gjør målet tydelig", "Krever innsats")],
    ),
    (
        "collaboration",
        "professionals_roles",
        "Hvem sjekker reglene for sykepenger?",
        [("Nav-veilederen", "Kjenner regelverket", "")],
    ),
    (
        "collaboration",
        "family_and_friends",
        "Skal partneren være med på neste møte?",
        [
            ("Ja, hvis deltakeren ønsker det", "Støtte hjemme", "Private temaer"),
            ("Nei, ikke nå", "Holder det enkelt", ""),
        ],
    ),
    (
        "goals",
        "long_term_goals",
        "Et mål for det neste året",
        [("Bedre balanse mellom jobb og fritid", "Det viktigste for deltakeren", "")],
    ),
    (
        "goals",
        "temporary_goals",
        "Et mål for de neste to ukene",
        [("Gå tur med hunden hver morgen", "Lite og konkret", "")],
    ),
]
EXCLUDED_TITLE = "Flere samtaler enn tilbudet gir"
EXCLUDED_NOTE = "Tilbudet har et fast antall samtaler. Vi kan snakke om hva annet som kan hjelpe."

# --- The joint plan ------------------------------------------------------------------------

SHARED_GOALS = [
    "{name} er tilbake i sin egen jobb fire dager i uken og har fortsatt overskudd til familien.",
    "{name} jobber fulle dager igjen, kjenner de tidlige tegnene på stress og vet hva som "
    "hjelper da.",
    "{name} begynner i en ny jobb med færre tidsfrister, som vi har funnet sammen med Nav.",
    "{name} går tilbake til teamet på jobben, først med andre oppgaver og så med sine egne.",
    "{name} kan jobbe igjen uten panikk på veien dit og tar bussen alene.",
]
COPIED_GOAL = "Tilbake i arbeid."
GOAL_HEALTH = "Sove gjennom de fleste netter og skrive i stressdagboken hver dag."
GOAL_EMPLOYMENT = "Avtale med lederen hvilke oppgaver som kommer først, uten tidsfrister."
GOAL_TEMPORARY = "Gå tur med hunden hver morgen før klokka ni."
GOAL_LONG_TERM = "Bedre balanse mellom jobb og fritid: fri i helgene."
RAMP_SETBACK_NOTE = "En lettere uke etter ferien."
SECTION_EMPLOYMENT = (
    "Kontakten med arbeidsplassen går gjennom Nav-veilederen når deltakeren har sagt ja. Nav "
    "vurderer aktivitetsplikten etter åtte uker og holder dialogmøte 2 innen 26 uker; disse "
    "fristene følger av loven og gjelder for alle."
)
SECTION_OVERALL = (
    "Vi begynner med korte dager og legger til timer trinn for trinn. Vi ser på planen sammen "
    "igjen om seks uker."
)
SECTION_CARE = (
    "Trinnvis behandling: først individuell psykoedukasjon, deretter stressmestring. "
    "Symptomene følges opp annenhver uke."
)
SECTION_EMPLOYMENT_VERSION = (
    "Lederen har sagt ja til oppgaver uten tidsfrister de første ukene (versjon {number})."
)
RESPONSE_NOT_YET = "Fire dager i uken føles for tidlig. Kan vi vente med det trinnet?"
RESPONSE_AGREE = "Takk for den lettere uken. Nå er jeg enig i planen."

# --- The collective journal ----------------------------------------------------------------

JOURNAL_NOTES: list[tuple[str, str, str]] = [
    (
        DataClass.THERAPY_DETAIL,
        HEALTH,
        "{name} fortalte om konflikten med den tidligere lederen og skammer seg fortsatt. Vi "
        "jobbet med å legge merke til tankene som kommer før bekymringen.",
    ),
    (
        DataClass.THERAPY_DETAIL,
        HEALTH,
        "{name} sover dårlig før det ukentlige møtet på jobben. Vi øvde på en pusteøvelse og "
        "skrev ned den verste tanken og en mer sannsynlig en.",
    ),
    (
        DataClass.FUNCTIONAL_CAPACITY,
        HEALTH,
        "{name} kan jobbe 3–4 timer om dagen med korte pauser. Oppgaver med mange avbrytelser er "
        "vanskelige foreløpig. Fysisk arbeid går fint.",
    ),
    (
        DataClass.FUNCTIONAL_CAPACITY,
        HEALTH,
        "Konsentrasjonen er bedre: {name} leste i en time uten pause. Tidsfrister under press er "
        "fortsatt for mye.",
    ),
    (
        DataClass.DIAGNOSIS,
        HEALTH,
        "Psykiateren bekreftet diagnosen ved utredningen. Behandlingen følger planen for "
        "trinnvis behandling.",
    ),
    (
        DataClass.FAMILY,
        HEALTH,
        "Partneren vil være med på neste møte, og {name} har sagt ja. Barna er hos "
        "besteforeldrene på onsdager.",
    ),
    (
        DataClass.VOCATIONAL,
        EMPLOYMENT,
        "{name} vil tilbake til samme yrke, men ikke til den samme arbeidsplassen. Vi så på tre "
        "arbeidsgivere i nærheten.",
    ),
    (
        DataClass.VOCATIONAL,
        EMPLOYMENT,
        "Snakket med arbeidsgiveren om en gradvis tilbakeføring: to formiddager i uken til å "
        "begynne med og andre oppgaver enn før.",
    ),
    (
        DataClass.BENEFIT_DECISION,
        EMPLOYMENT,
        "Sykepengene fortsetter. Nav vurderer aktivitetsplikten etter åtte uker, slik loven sier "
        "for alle. Vi gikk gjennom dette med {name}.",
    ),
    (
        DataClass.MEETING_MINUTES,
        HEALTH,
        "Møte med {name}, psykisk helse og Nav-veilederen. Vi ble enige om å prøve "
        "arbeidstrening etter de to neste samtalene.",
    ),
    (
        DataClass.MEETING_MINUTES,
        EMPLOYMENT,
        "Kort møte på Nav-kontoret. {name} hadde spørsmål om økonomien under arbeidstreningen. "
        "Vi svarte, og et skriftlig sammendrag kommer.",
    ),
    (
        DataClass.JOINT_PLAN,
        EMPLOYMENT,
        "Planen er oppdatert sammen: første mål er en stabil døgnrytme, deretter "
        "arbeidstreningen. Vi ser på den igjen om fire uker.",
    ),
    (
        DataClass.CONTACT_DETAILS,
        HEALTH,
        "{name} foretrekker SMS før klokka ti om formiddagen. Ingen telefoner under timene hos "
        "oss.",
    ),
]
# Substance use and medication: a class of its own (issue 10, finding 30).
SUBSTANCE_NOTE = (
    "{name} bruker sertralin 50 mg; litt kvalme de første ukene. Drikker to-tre øl i helgen, "
    "mindre enn før."
)
SUMMARY = (
    DataClass.HEALTH_SUMMARY,
    "Sammendrag til deling: {name} jobber med bekymringer og søvn i behandlingen. Korte, "
    "forutsigbare arbeidsdager hjelper foreløpig.",
)
OPEN_DISPUTE = (
    "Dette stemmer ikke. Jeg sa at jeg ikke vil tilbake til den samme lederen. Jeg vil gjerne "
    "jobbe i samme yrke."
)
CLOSED_DISPUTE = "Jeg kan jobbe fire timer, ikke tre. Det sa jeg på forrige møte."
CORRECTION = (
    "Retting etter samtale med {name}: {name} kan jobbe fire timer om dagen med korte pauser. "
    "Den første teksten var feil."
)

# --- Assessments ---------------------------------------------------------------------------

ASSESSMENT_SUMMARIES = {
    "stress": (
        "Utmattelse etter en lang periode med stor arbeidsbelastning. Sover dårlig, har "
        "konsentrasjonsvansker og lite energi på ettermiddagen. Ingen tidligere psykisk sykdom."
    ),
    "depression": (
        "Moderat depressiv episode: senket stemningsleie, manglende interesse og tidlig "
        "oppvåkning i tre måneder. Spiser og sover noe bedre siden henvisningen."
    ),
    "anxiety": (
        "Generalisert angst med panikkanfall på vei til jobb. Unngår møter og steder med mye "
        "folk. Godt nettverk hjemme."
    ),
    "psychosis": (
        "Første psykoseepisode i fjor, nå stabil på behandling. Noen bivirkninger: trøtt om "
        "morgenen. Ønsker å jobbe."
    ),
    "other": "Blandet angst og nedstemthet etter et vanskelig år. Søvnen er det største problemet.",
}
CAPACITIES = [
    "Kan jobbe tre timer om formiddagen med oppgaver uten stramme frister. Kan ennå ikke ta "
    "telefonvakt eller lede møter. Korte pauser hjelper.",
    "Klarer kjente oppgaver i omtrent fire timer om dagen, på et rolig sted. Kan ennå ikke "
    "jobbe kveld eller håndtere mange avbrytelser.",
    "Klarer to til tre timer praktisk arbeid om dagen. Kan ennå ikke reise langt eller jobbe "
    "med kunder. En fast plan for dagen hjelper.",
]
SESSION_NOTES = [
    "Jobbet med fast struktur på dagen; søvndagboken er startet.",
    "Snakket om bekymringer hjemme og hvordan de påvirker søvnen.",
    "Øvde på pusteøvelsen mot panikk; hjemmelekse: å bruke den på bussen.",
    "Gikk gjennom stressignaler og tidlige varseltegn.",
    "Snakket om konflikten med den tidligere lederen.",
]
JOBS = [
    "Kontormedarbeider i en kommune",
    "Butikkmedarbeider i en dagligvarebutikk",
    "Helsefagarbeider på et sykehjem",
    "Lagermedarbeider",
    "Regnskapsmedarbeider i et lite firma",
    "Bussjåfør",
    "Barnehageassistent",
    "IT-konsulent i brukerstøtte",
]
EMPLOYERS = [
    ("Oslo kommune, Bydel Ullern", "Ingrid Haugen"),
    ("Kiwi Majorstuen", "Ole Nilsen"),
    ("Solhaug sykehjem", "Kari Berg"),
    ("Lagerhuset Oslo AS", "Jonas Bakke"),
    ("Regnskapskontoret Dahl & Co", "Silje Dahl"),
]
VOCATIONAL_STEPS = [
    "Snakke med lederen om andre oppgaver i starten",
    "Skrive en CV sammen",
    "Besøke arbeidsplassen og ta en kaffe med kollegene",
    "Sjekke reglene for gradert sykmelding",
    "Finne to stillingsannonser som virker interessante",
    "Avtale et møte med fagforeningen",
]
VOCATIONAL_SUMMARY = "Motivert for å jobbe. Ønsker en rolig start og tydelige oppgaver."
EVIDENCE_QUESTION = "Hvordan går behandlingen, og når kan arbeidsevnen ventes å komme tilbake?"

# The life-situation mapping (kartlegging av livssituasjon): (situation, resources, wishes).
LIFE_AREAS = {
    "mental_health": (
        "Engstelig de fleste dager, bedre om kvelden.",
        "Vet hva som hjelper: gåturer og en fast rytme.",
        "Færre dårlige dager.",
    ),
    "substance_use": ("Drikker litt i helgene.", "", "Holde det som det er."),
    "physical_health": (
        "Vondt i ryggen av og til.",
        "Går tur med hunden hver dag.",
        "Begynne å svømme.",
    ),
    "work_education": (
        "Sykmeldt fra jobben; usikker på å gå tilbake.",
        "Ti års erfaring i faget.",
        "Jobbe med mennesker igjen, færre timer.",
    ),
    "housing": ("Leier en liten leilighet; det er stabilt.", "Gode naboer.", "Bli boende der."),
    "economy": (
        "Sykepenger; trangt mot slutten av måneden.",
        "Ingen gjeld.",
        "Få hjelp til å sette opp et budsjett.",
    ),
    "social_network": (
        "Treffer to venner av og til.",
        "En gammel venn ringer hver uke.",
        "",
    ),
    "family": (
        "En søster bor i nærheten.",
        "Søsteren hjelper til med handlingen.",
        "Se nevøene oftere.",
    ),
}
LIFE_WISHES = {"mental_health": "Å sove hele natten igjen."}
