"""The demo in Danish, for the Danish teams (Region Hovedstadens Psykiatri and the jobcentres)."""

from __future__ import annotations

from roundtable.core.data_classes import DataClass

HEALTH = "health"
EMPLOYMENT = "employment"

# Professional titles, keyed by what they are.
TITLES = {
    "nurse": "Sygeplejerske",
    "occupational_therapist": "Ergoterapeut",
    "physiotherapist": "Fysioterapeut",
    "social_worker": "Socialrådgiver",
    "psychiatrist": "Psykiater",
    "psychologist": "Psykolog",
    "head_of_department": "Afdelingsleder",
    "researcher": "Forsker",
}
PHONE = "+45 {a} {b} {c} {d}"

# --- Roundtable meetings -------------------------------------------------------------------

MEETING_PURPOSE = "Vi lægger en plan sammen for dit helbred og din vej tilbage til arbejdet."
MEETING_PLACE = "{employment}, mødelokale 2"
MINUTES = (
    "Vi talte om, hvordan du har det, og om arbejdet. Vi aftalte de første skridt tilbage. "
    "Vi ses igen om to uger."
)
PREPARATION_ANSWER = "At sove bedre og at vide, hvad der sker med mit job."
# (type, subtype, what is to be decided, options as (text, pros, cons)); the first option is
# the one chosen when the decision is made.
DECISIONS = [
    (
        "course_content",
        "individual_focus",
        "Hvad skal de første uger handle om?",
        [
            ("Mindre stress", "Søvn og energi først", "Arbejdet føles langt væk"),
            (
                "Tro på at kunne vende tilbage til arbejdet",
                "Holder målet tæt på",
                "Kan føles som pres",
            ),
        ],
    ),
    (
        "course_content",
        "activities",
        "Hvad skal der ske mellem møderne?",
        [
            ("Stressdagbog", "Viser mønstre", "Tager et par minutter hver dag"),
            (
                "Mindfulness i gruppe (MBSR)",
                "Møder andre i samme situation",
                "Otte uger, om aftenen",
            ),
        ],
    ),
    (
        "course_content",
        "planning_meetings",
        "Hvor ofte skal vi mødes?",
        [
            ("Hver anden uge, ansigt til ansigt", "Fast kontakt", "Transporttid"),
            ("Hver uge over telefonen", "Kort og fleksibelt", "Mindre personligt"),
        ],
    ),
    (
        "return_to_work",
        "job_function_and_tasks",
        "Hvilke opgaver skal der være på arbejdet i starten?",
        [
            ("Andre opgaver uden deadlines", "Mindre stress", "Kollegerne skal dække ind"),
            (
                "De vante opgaver, men færre af dem",
                "Kendt arbejde",
                "Det gamle pres kan komme igen",
            ),
        ],
    ),
    (
        "return_to_work",
        "stepped_return_to_work",
        "Hvordan skal opstarten på arbejdet se ud?",
        [
            ("Tre timer om dagen, tre dage om ugen", "En blid start", "Det går langsomt"),
            ("Fire timer om dagen, fire dage om ugen", "Hurtigere", "Risiko for tilbagefald"),
        ],
    ),
    (
        "return_to_work",
        "return_to_work_date",
        "Hvornår skal den gradvise tilbagevenden begynde?",
        [
            (
                "Om fire uger",
                "Tid til at forberede sig",
                "Revurderingen af sygedagpengene nærmer sig",
            ),
            ("Første mandag i næste måned", "En klar dato", "Kort tid til at forberede sig"),
        ],
    ),
    (
        "collaboration",
        "employer_and_colleagues",
        "Hvad skal arbejdspladsen vide, og hvordan får de det at vide?",
        [
            (
                "Jobkonsulenten ringer til lederen sammen med borgeren",
                "Støtte i samtalen",
                "Mindre styr på det selv",
            ),
            ("Borgeren skriver selv til lederen", "Med egne ord", "Svært at komme i gang"),
        ],
    ),
    (
        "collaboration",
        "citizens_role",
        "Hjemmeopgave til næste møde",
        [
            (
                "Skriv ned, hvordan en god arbejdsdag ser ud",
                "Gør målet tydeligt",
                "Kræver en indsats",
            )
        ],
    ),
    (
        "collaboration",
        "professionals_roles",
        "Hvem undersøger reglerne for sygedagpenge?",
        [("Jobkonsulenten", "Kender lovgivningen", "")],
    ),
    (
        "collaboration",
        "family_and_friends",
        "Skal ægtefællen med til næste møde?",
        [
            ("Ja, hvis borgeren ønsker det", "Støtte derhjemme", "Private emner"),
            ("Nej, ikke nu", "Holder det enkelt", ""),
        ],
    ),
    (
        "goals",
        "long_term_goals",
        "Et mål for det næste år",
        [("Bedre balance mellem arbejde og fritid", "Det betyder mest for borgeren", "")],
    ),
    (
        "goals",
        "temporary_goals",
        "Et mål for de næste to uger",
        [("Gå tur med hunden hver morgen", "Lille og konkret", "")],
    ),
]
EXCLUDED_TITLE = "Flere samtaler, end forløbet tilbyder"
EXCLUDED_NOTE = "Forløbet har et fast antal samtaler. Vi kan tale om, hvad der ellers kan hjælpe."

# --- The joint plan ------------------------------------------------------------------------

# Person-centred shared goals; {name} keeps each one the citizen's own.
SHARED_GOALS = [
    "{name} er tilbage i sit eget job fire dage om ugen og har stadig overskud til familien.",
    "{name} arbejder fuld tid igen, kender de tidlige tegn på stress og ved, hvad der så "
    "skal gøres.",
    "{name} starter i et nyt job med færre deadlines, som vi har fundet sammen med jobcentret.",
    "{name} vender tilbage til sit team på arbejdet, først med andre opgaver og siden med de "
    "vante.",
    "{name} kan arbejde igen uden panik på vejen derhen og tager bussen alene.",
]
# One sentence copied into two plans, as the studies found: the page nudges about it.
COPIED_GOAL = "Tilbage i arbejde."
GOAL_HEALTH = "Sove igennem de fleste nætter og skrive i stressdagbogen hver dag."
GOAL_EMPLOYMENT = "Aftale med lederen, hvilke opgaver der kommer først – uden deadlines."
GOAL_TEMPORARY = "Gå tur med hunden hver morgen inden kl. 9."
GOAL_LONG_TERM = "Bedre balance mellem arbejde og fritid: fri i weekenderne."
RAMP_SETBACK_NOTE = "En lettere uge efter ferien."
SECTION_EMPLOYMENT = (
    "Kontakten til arbejdspladsen går gennem jobkonsulenten, når borgeren har givet lov. "
    "Sygedagpengene revurderes, når de er udbetalt i 22 uger; den dato følger af loven og "
    "gælder for alle."
)
SECTION_OVERALL = (
    "Vi starter med korte dage og lægger timer på trin for trin. Vi ser på planen igen sammen "
    "om seks uger."
)
SECTION_CARE = (
    "Trinvis behandling: først individuel psykoedukation, derefter stresscoaching. "
    "Symptomerne måles hver anden uge."
)
SECTION_EMPLOYMENT_VERSION = (
    "Lederen har sagt ja til opgaver uden deadlines de første uger (version {number})."
)
RESPONSE_NOT_YET = "Fire dage om ugen føles for tidligt. Kan vi vente med det trin?"
RESPONSE_AGREE = "Tak for den lettere uge. Nu er jeg enig i planen."

# --- The collective journal ----------------------------------------------------------------

# (class, who writes it, text). Short and plain.
JOURNAL_NOTES: list[tuple[str, str, str]] = [
    (
        DataClass.THERAPY_DETAIL,
        HEALTH,
        "{name} fortalte om konflikten med den tidligere leder og skammer sig stadig. Vi "
        "arbejdede med at lægge mærke til de tanker, der kommer før bekymringen.",
    ),
    (
        DataClass.THERAPY_DETAIL,
        HEALTH,
        "{name} sover dårligt før det ugentlige møde på arbejdet. Vi øvede en "
        "vejrtrækningsøvelse og skrev den værste tanke ned sammen med en mere sandsynlig.",
    ),
    (
        DataClass.FUNCTIONAL_CAPACITY,
        HEALTH,
        "{name} kan arbejde 3–4 timer om dagen med korte pauser. Opgaver med mange afbrydelser "
        "er svære for tiden. Fysisk arbejde er ikke noget problem.",
    ),
    (
        DataClass.FUNCTIONAL_CAPACITY,
        HEALTH,
        "Koncentrationen er bedre: {name} læste en time uden pause. Deadlines under tidspres er "
        "stadig for meget.",
    ),
    (
        DataClass.DIAGNOSIS,
        HEALTH,
        "Psykiateren bekræftede diagnosen ved udredningen. Behandlingen følger planen for "
        "trinvis behandling.",
    ),
    (
        DataClass.FAMILY,
        HEALTH,
        "Partneren vil gerne med til næste rundbordsmøde, og {name} har sagt ja. Børnene er hos "
        "bedsteforældrene om onsdagen.",
    ),
    (
        DataClass.VOCATIONAL,
        EMPLOYMENT,
        "{name} vil gerne tilbage til samme fag, men ikke til den samme arbejdsplads. Vi kiggede "
        "på tre arbejdsgivere i nærheden.",
    ),
    (
        DataClass.VOCATIONAL,
        EMPLOYMENT,
        "Talte med arbejdsgiveren om en gradvis tilbagevenden: to formiddage om ugen til at "
        "begynde med og andre opgaver end før.",
    ),
    (
        DataClass.BENEFIT_DECISION,
        EMPLOYMENT,
        "Sygedagpengene fortsætter. Datoen for næste revurdering følger af loven og er den samme "
        "for alle. Vi har forklaret det for {name}.",
    ),
    (
        DataClass.MEETING_MINUTES,
        HEALTH,
        "Rundbordsmøde med {name}, psykiatrien og jobcentret. Vi aftalte at prøve en "
        "virksomhedspraktik efter de næste to samtaler.",
    ),
    (
        DataClass.MEETING_MINUTES,
        EMPLOYMENT,
        "Kort møde på jobcentret. {name} havde spørgsmål om økonomien under praktikken. Vi "
        "svarede på dem, og et skriftligt resumé følger.",
    ),
    (
        DataClass.JOINT_PLAN,
        EMPLOYMENT,
        "Planen er opdateret sammen: første mål er en stabil døgnrytme, derefter praktikken. Vi "
        "ser på den igen om fire uger.",
    ),
    (
        DataClass.CONTACT_DETAILS,
        HEALTH,
        "{name} foretrækker sms før kl. 10 om formiddagen. Ingen opkald under samtalerne i "
        "klinikken.",
    ),
]
# Substance use and medication: a class of its own (issue 10, finding 30).
SUBSTANCE_NOTE = (
    "{name} tager sertralin 50 mg; lidt kvalme de første uger. Drikker to-tre øl i weekenden, "
    "mindre end før."
)
SUMMARY = (
    DataClass.HEALTH_SUMMARY,
    "Resumé til deling: {name} arbejder med bekymringer og søvn i behandlingen. Korte, "
    "forudsigelige arbejdsdage hjælper for tiden.",
)
OPEN_DISPUTE = (
    "Det er ikke rigtigt. Jeg sagde, at jeg ikke vil tilbage til den samme leder. Jeg vil "
    "gerne arbejde i samme fag."
)
CLOSED_DISPUTE = "Jeg kan arbejde fire timer, ikke tre. Det sagde jeg på det sidste møde."
CORRECTION = (
    "Rettelse efter samtale med {name}: {name} kan arbejde fire timer om dagen med korte "
    "pauser. Den første tekst var forkert."
)

# --- Assessments ---------------------------------------------------------------------------

# The care manager's summary, by diagnosis group.
ASSESSMENT_SUMMARIES = {
    "stress": (
        "Udmattelse efter en lang periode med stort arbejdspres. Sover dårligt, har svært ved "
        "at koncentrere sig og mangler energi om eftermiddagen. Ingen tidligere psykisk sygdom."
    ),
    "depression": (
        "Moderat depressiv episode: nedtrykthed, manglende lyst og tidlig opvågning gennem tre "
        "måneder. Spiser og sover lidt bedre siden henvisningen."
    ),
    "anxiety": (
        "Generaliseret angst med panikanfald på vej til arbejde. Undgår møder og steder med "
        "mange mennesker. Godt netværk derhjemme."
    ),
    "psychosis": (
        "Første psykoseepisode sidste år, nu stabil i behandling. Nogle bivirkninger: træthed "
        "om morgenen. Vil gerne arbejde."
    ),
    "other": "Blandet angst og nedtrykthed efter et svært år. Søvnen er det største problem.",
}
CAPACITIES = [
    "Kan arbejde tre timer om formiddagen med opgaver uden stramme deadlines. Kan endnu ikke "
    "tage telefonvagt eller lede møder. Korte pauser hjælper.",
    "Kan klare kendte opgaver i omkring fire timer om dagen et roligt sted. Kan endnu ikke "
    "arbejde om aftenen eller klare mange afbrydelser.",
    "Kan klare to til tre timers praktisk arbejde om dagen. Kan endnu ikke rejse langt eller "
    "arbejde med kunder. En fast plan for dagen hjælper.",
]
SESSION_NOTES = [
    "Arbejdede med en fast struktur på dagen; søvndagbogen er startet.",
    "Talte om bekymringer derhjemme, og hvordan de påvirker søvnen.",
    "Øvede vejrtrækningsøvelsen mod panik; hjemmeopgave: at bruge den i bussen.",
    "Gennemgik stresssignaler og tidlige advarselstegn.",
    "Talte om konflikten med den tidligere leder.",
]
JOBS = [
    "Kontorassistent i en kommune",
    "Butiksassistent i et supermarked",
    "Social- og sundhedshjælper på et plejecenter",
    "Lagermedarbejder",
    "Bogholder i en mindre virksomhed",
    "Buschauffør",
    "Pædagogmedhjælper i en børnehave",
    "IT-supporter",
]
EMPLOYERS = [
    ("Frederiksberg Kommune", "Lene Holm"),
    ("SuperBrugsen Sydhavn", "Kasper Lund"),
    ("Plejecenter Solhjem", "Maria Berg"),
    ("Lagerhuset A/S", "Jonas Krag"),
    ("Revisionsfirmaet Dahl & Co.", "Pia Dahl"),
]
VOCATIONAL_STEPS = [
    "Tale med lederen om andre opgaver i starten",
    "Skrive et CV sammen",
    "Besøge arbejdspladsen og drikke en kop kaffe med kollegerne",
    "Undersøge reglerne for delvis raskmelding",
    "Finde to jobopslag, der ser spændende ud",
    "Aftale et møde med fagforeningen",
]
VOCATIONAL_SUMMARY = "Motiveret for at arbejde. Ønsker en langsom start og klare opgaver."
EVIDENCE_QUESTION = (
    "Hvordan går behandlingen, og hvornår kan arbejdsevnen forventes at vende tilbage?"
)

# The life-situation mapping: (situation, resources, wishes) per area.
LIFE_AREAS = {
    "mental_health": (
        "Ængstelig de fleste dage, bedre om aftenen.",
        "Ved, hvad der hjælper: gåture og en fast rytme.",
        "Færre dårlige dage.",
    ),
    "substance_use": ("Drikker lidt i weekenderne.", "", "Holde det, som det er."),
    "physical_health": (
        "Ondt i ryggen en gang imellem.",
        "Går tur med hunden hver dag.",
        "Begynde at svømme.",
    ),
    "work_education": (
        "Sygemeldt fra jobbet; usikker på at vende tilbage.",
        "Ti års erfaring i faget.",
        "Arbejde med mennesker igen, færre timer.",
    ),
    "housing": ("Lejer en lille lejlighed; det er stabilt.", "Gode naboer.", "Blive boende."),
    "economy": (
        "Sygedagpenge; stramt sidst på måneden.",
        "Ingen gæld.",
        "Få hjælp til at lægge et budget.",
    ),
    "social_network": (
        "Ser to venner en gang imellem.",
        "En gammel ven ringer hver uge.",
        "",
    ),
    "family": (
        "En søster bor i nærheden.",
        "Søsteren hjælper med indkøb.",
        "Se nevøerne noget mere.",
    ),
}
LIFE_WISHES = {"mental_health": "At sove hele natten igen."}
