"""The demo in Swedish, for the Swedish IPS team (Region Stockholm and Solna stad)."""

from __future__ import annotations

from roundtable.core.data_classes import DataClass

HEALTH = "health"
EMPLOYMENT = "employment"

TITLES = {
    "nurse": "Sjuksköterska",
    "occupational_therapist": "Arbetsterapeut",
    "physiotherapist": "Fysioterapeut",
    "social_worker": "Kurator",
    "psychiatrist": "Psykiater",
    "psychologist": "Psykolog",
    "head_of_department": "Verksamhetschef",
    "researcher": "Forskare",
}
PHONE = "+46 70 {a}{b} {c} {d}"

# --- Roundtable meetings -------------------------------------------------------------------

MEETING_PURPOSE = "Vi gör en plan tillsammans för din hälsa och din väg tillbaka till arbete."
MEETING_PLACE = "Psykiatrimottagningen i Solna, samtalsrum 3"
MINUTES = (
    "Vi pratade om hur du mår och om arbete. Vi kom överens om de första stegen. Vi ses igen "
    "om två veckor."
)
PREPARATION_ANSWER = "Att sova bättre, och att få veta hur det blir med jobbet."
DECISIONS = [
    (
        "course_content",
        "individual_focus",
        "Vad ska de första veckorna handla om?",
        [
            ("Minska stressen", "Sömn och ork först", "Arbetet känns långt borta"),
            ("Tilltro till att kunna börja arbeta", "Håller målet nära", "Kan kännas som press"),
        ],
    ),
    (
        "course_content",
        "activities",
        "Vad gör vi mellan träffarna?",
        [
            ("Stressdagbok", "Visar mönster", "Tar några minuter varje dag"),
            (
                "Mindfulness i grupp (MBSR)",
                "Träffar andra i samma situation",
                "Åtta veckor, kvällstid",
            ),
        ],
    ),
    (
        "course_content",
        "planning_meetings",
        "Hur ofta ska vi träffas?",
        [
            ("Varannan vecka, på plats", "Regelbunden kontakt", "Restid"),
            ("Varje vecka per telefon", "Kort och flexibelt", "Mindre personligt"),
        ],
    ),
    (
        "return_to_work",
        "job_function_and_tasks",
        "Vilka arbetsuppgifter blir det i början?",
        [
            ("Andra uppgifter utan deadlines", "Mindre stress", "Kollegerna får täcka upp"),
            (
                "De vanliga uppgifterna, men färre",
                "Välbekant arbete",
                "Den gamla pressen kan komma tillbaka",
            ),
        ],
    ),
    (
        "return_to_work",
        "stepped_return_to_work",
        "Hur ska starten på arbetet se ut?",
        [
            ("Tre timmar om dagen, tre dagar i veckan", "En mjuk start", "Det går långsamt"),
            ("Fyra timmar om dagen, fyra dagar i veckan", "Snabbare", "Risk för bakslag"),
        ],
    ),
    (
        "return_to_work",
        "return_to_work_date",
        "När ska arbetet börja?",
        [
            (
                "Om fyra veckor",
                "Tid att förbereda sig",
                "Försäkringskassans prövning vid dag 180 närmar sig",
            ),
            ("Första måndagen nästa månad", "Ett tydligt datum", "Kort tid att förbereda sig"),
        ],
    ),
    (
        "collaboration",
        "employer_and_colleagues",
        "Vad ska arbetsplatsen få veta, och hur?",
        [
            (
                "Arbetsspecialisten och deltagaren ringer chefen tillsammans",
                "Stöd i samtalet",
                "Mindre kontroll själv",
            ),
            ("Deltagaren skriver själv till chefen", "Med egna ord", "Svårt att komma igång"),
        ],
    ),
    (
        "collaboration",
        "citizens_role",
        "Hemuppgift till nästa träff",
        [("Skriv ner hur en bra arbetsdag ser ut", "Gör målet tydligt", "Kräver en insats")],
    ),
    (
        "collaboration",
        "professionals_roles",
        "Vem tar reda på vad som gäller för sjukpenningen?",
        [("Arbetsspecialisten, tillsammans med Försäkringskassan", "Känner till reglerna", "")],
    ),
    (
        "collaboration",
        "family_and_friends",
        "Ska partnern vara med på nästa möte?",
        [
            ("Ja, om deltagaren vill det", "Stöd hemma", "Privata ämnen"),
            ("Nej, inte nu", "Håller det enkelt", ""),
        ],
    ),
    (
        "goals",
        "long_term_goals",
        "Ett mål för det kommande året",
        [("Bättre balans mellan arbete och fritid", "Det viktigaste för deltagaren", "")],
    ),
    (
        "goals",
        "temporary_goals",
        "Ett mål för de kommande två veckorna",
        [("Gå ut med hunden varje morgon", "Litet och konkret", "")],
    ),
]
EXCLUDED_TITLE = "Fler samtal än programmet erbjuder"
EXCLUDED_NOTE = "Programmet har ett bestämt antal samtal. Vi kan prata om vad mer som kan hjälpa."

# --- The joint plan ------------------------------------------------------------------------

# An IPS team: the first goal is a new job, found with the employment specialist.
SHARED_GOALS = [
    "{name} börjar på ett nytt jobb med färre deadlines, som vi har hittat tillsammans.",
    "{name} är tillbaka på sitt eget jobb fyra dagar i veckan och orkar fortfarande med familjen.",
    "{name} arbetar heltid igen, känner igen de tidiga tecknen på stress och vet vad som "
    "hjälper då.",
    "{name} går tillbaka till arbetslaget, först med andra uppgifter och sedan med sina egna.",
    "{name} kan arbeta igen utan panik på vägen dit och åker buss på egen hand.",
]
COPIED_GOAL = "Återgå i arbete."
GOAL_HEALTH = "Sova hela natten de flesta nätter och skriva i stressdagboken varje dag."
GOAL_EMPLOYMENT = "Träffa två arbetsgivare i veckan tillsammans med arbetsspecialisten."
GOAL_TEMPORARY = "Gå ut med hunden varje morgon före klockan nio."
GOAL_LONG_TERM = "Bättre balans mellan arbete och fritid: lediga helger."
RAMP_SETBACK_NOTE = "En lättare vecka efter semestern."
SECTION_EMPLOYMENT = (
    "Kontakten med arbetsplatsen går via arbetsspecialisten, när deltagaren har sagt ja. "
    "Försäkringskassan prövar arbetsförmågan enligt rehabiliteringskedjan, vid dag 90 och dag "
    "180; de dagarna följer av lagen och gäller alla."
)
SECTION_OVERALL = (
    "Vi börjar med korta dagar och lägger till timmar steg för steg. Vi går igenom planen "
    "tillsammans igen om sex veckor."
)
SECTION_CARE = (
    "Stegvis vård: först individuell psykopedagogik, sedan stresshantering. Symtomen följs upp "
    "varannan vecka."
)
SECTION_EMPLOYMENT_VERSION = (
    "Chefen har gått med på uppgifter utan deadlines de första veckorna (version {number})."
)
RESPONSE_NOT_YET = "Fyra dagar i veckan känns för tidigt. Kan vi vänta med det steget?"
RESPONSE_AGREE = "Tack för den lättare veckan. Nu håller jag med om planen."

# --- The collective journal ----------------------------------------------------------------

JOURNAL_NOTES: list[tuple[str, str, str]] = [
    (
        DataClass.THERAPY_DETAIL,
        HEALTH,
        "{name} berättade om konflikten med den tidigare chefen och skäms fortfarande. Vi "
        "arbetade med att lägga märke till tankarna som kommer före oron.",
    ),
    (
        DataClass.THERAPY_DETAIL,
        HEALTH,
        "{name} sover dåligt inför veckomötet på jobbet. Vi övade en andningsövning och skrev "
        "ner den värsta tanken och en mer sannolik.",
    ),
    (
        DataClass.FUNCTIONAL_CAPACITY,
        HEALTH,
        "{name} kan arbeta 3–4 timmar om dagen med korta pauser. Uppgifter med många avbrott är "
        "svåra just nu. Fysiskt arbete går bra.",
    ),
    (
        DataClass.FUNCTIONAL_CAPACITY,
        HEALTH,
        "Koncentrationen är bättre: {name} läste en timme utan paus. Deadlines under tidspress "
        "är fortfarande för mycket.",
    ),
    (
        DataClass.DIAGNOSIS,
        HEALTH,
        "Psykiatern bekräftade diagnosen vid bedömningen. Behandlingen följer planen för "
        "stegvis vård.",
    ),
    (
        DataClass.FAMILY,
        HEALTH,
        "Partnern vill vara med på nästa möte, och {name} har sagt ja. Barnen är hos "
        "morföräldrarna på onsdagar.",
    ),
    (
        DataClass.VOCATIONAL,
        EMPLOYMENT,
        "{name} vill tillbaka till samma yrke, men inte till samma arbetsplats. Vi tittade på "
        "tre arbetsgivare i närheten.",
    ),
    (
        DataClass.VOCATIONAL,
        EMPLOYMENT,
        "Pratade med arbetsgivaren om en gradvis återgång: två förmiddagar i veckan till att "
        "börja med och andra uppgifter än förut.",
    ),
    (
        DataClass.BENEFIT_DECISION,
        EMPLOYMENT,
        "Försäkringskassan har beviljat fortsatt sjukpenning. Nästa prövning av arbetsförmågan "
        "följer rehabiliteringskedjan och gäller alla. Vi gick igenom beslutet med {name}.",
    ),
    (
        DataClass.MEETING_MINUTES,
        HEALTH,
        "Möte med {name}, psykiatrin och arbetsspecialisten. Vi kom överens om att "
        "arbetsspecialisten kontaktar två arbetsgivare före nästa samtal.",
    ),
    (
        DataClass.MEETING_MINUTES,
        EMPLOYMENT,
        "Kort träff på arbetsmarknadsenheten. {name} hade frågor om hur lön påverkar "
        "ersättningen från Försäkringskassan. Vi svarade, och en skriftlig sammanfattning kommer.",
    ),
    (
        DataClass.JOINT_PLAN,
        EMPLOYMENT,
        "Planen är uppdaterad tillsammans: första målet är en jämn dygnsrytm, sedan "
        "jobbsökandet. Vi ser över den igen om fyra veckor.",
    ),
    (
        DataClass.CONTACT_DETAILS,
        HEALTH,
        "{name} vill helst ha sms före klockan tio på förmiddagen. Inga samtal under besöken på "
        "mottagningen.",
    ),
]
# Substance use and medication: a class of its own (issue 10, finding 30).
SUBSTANCE_NOTE = (
    "{name} tar sertralin 50 mg; lite illamående de första veckorna. Dricker två-tre öl på "
    "helgen, mindre än förut."
)
SUMMARY = (
    DataClass.HEALTH_SUMMARY,
    "Sammanfattning för delning: {name} arbetar med oro och sömn i behandlingen. Korta, "
    "förutsägbara arbetsdagar hjälper just nu.",
)
OPEN_DISPUTE = (
    "Det stämmer inte. Jag sa att jag inte vill tillbaka till samma chef. Jag vill arbeta i "
    "samma yrke."
)
CLOSED_DISPUTE = "Jag kan arbeta fyra timmar, inte tre. Det sa jag på förra mötet."
CORRECTION = (
    "Rättelse efter samtal med {name}: {name} kan arbeta fyra timmar om dagen med korta "
    "pauser. Den första texten var fel."
)

# --- Assessments ---------------------------------------------------------------------------

ASSESSMENT_SUMMARIES = {
    "stress": (
        "Utmattning efter en lång period med hög arbetsbelastning. Sover dåligt, har svårt att "
        "koncentrera sig och har låg energi på eftermiddagen. Ingen tidigare psykisk sjukdom."
    ),
    "depression": (
        "Måttlig depressiv episod: nedstämdhet, minskat intresse och tidigt uppvaknande sedan "
        "tre månader. Äter och sover något bättre sedan remissen."
    ),
    "anxiety": (
        "Generaliserat ångestsyndrom med panikattacker på väg till jobbet. Undviker möten och "
        "platser med mycket folk. Bra nätverk hemma."
    ),
    "psychosis": (
        "Första psykosepisoden förra året, nu stabil med behandling. Vissa biverkningar: trött "
        "på morgonen. Vill arbeta."
    ),
    "other": "Blandad ångest och nedstämdhet efter ett svårt år. Sömnen är det största problemet.",
}
CAPACITIES = [
    "Kan arbeta tre timmar på förmiddagen med uppgifter utan snäva deadlines. Kan ännu inte ta "
    "telefonjour eller leda möten. Korta pauser hjälper.",
    "Klarar välbekanta uppgifter i ungefär fyra timmar om dagen, i en lugn miljö. Kan ännu inte "
    "arbeta kvällar eller hantera många avbrott.",
    "Klarar två till tre timmar praktiskt arbete om dagen. Kan ännu inte resa långt eller "
    "arbeta med kunder. En fast plan för dagen hjälper.",
]
SESSION_NOTES = [
    "Arbetade med en fast struktur för dagen; sömndagboken är påbörjad.",
    "Pratade om oro hemma och hur den påverkar sömnen.",
    "Övade andningsövningen mot panik; hemuppgift: att använda den på bussen.",
    "Gick igenom stressignaler och tidiga varningstecken.",
    "Pratade om konflikten med den tidigare chefen.",
]
JOBS = [
    "Kontorsassistent på en kommun",
    "Butiksbiträde i en livsmedelsbutik",
    "Undersköterska på ett äldreboende",
    "Lagerarbetare",
    "Ekonomiassistent på ett litet företag",
    "Bussförare",
    "Barnskötare på en förskola",
    "IT-supporttekniker",
]
EMPLOYERS = [
    ("Solna stad", "Karin Lindqvist"),
    ("ICA Nära Råsunda", "Johan Berg"),
    ("Äldreboendet Bagartorp", "Eva Sjöberg"),
    ("Lagerhuset i Solna AB", "Mikael Holm"),
    ("Redovisningsbyrån Dahl & Co", "Anna Dahl"),
]
VOCATIONAL_STEPS = [
    "Prata med chefen om andra uppgifter i början",
    "Skriva ett CV tillsammans",
    "Besöka arbetsplatsen och fika med kollegerna",
    "Ta reda på reglerna för sjukpenning på deltid",
    "Hitta två platsannonser som verkar intressanta",
    "Boka ett möte med facket",
]
VOCATIONAL_SUMMARY = "Motiverad att arbeta. Vill ha en långsam start och tydliga uppgifter."
EVIDENCE_QUESTION = "Hur går behandlingen, och när kan arbetsförmågan väntas komma tillbaka?"

# --- IPS (the Swedish team is an IPS team) ---------------------------------------------------

# (work goal, short-term goal, education)
IPS_GOALS = [
    ("Arbeta med djur", "Deltid i en djuraffär", "Kurs i hundtrimning (2019)"),
    ("Bli kock", "Köksbiträde på ett kafé, förmiddagar", "Kurs i livsmedelshygien"),
    ("Arbeta på ett bibliotek", "Ställa upp böcker 15 timmar i veckan", "Gymnasieexamen"),
    ("Arbeta utomhus", "Parkskötsel hos kommunen", "B-körkort"),
    ("Reparera cyklar", "Verkstadsassistent", "Fordonsprogrammet på gymnasiet (ej avslutat)"),
]
IPS_LICENCE = "B-körkort"
IPS_PROFILE = {
    "work_history": "Sommarjobb i en livsmedelsbutik; sex månader som lokalvårdare.",
    "job_preferences": "Dagtid, 15–20 timmar i veckan, nära hemmet.",
    "transport": "SL-kort; cyklar på sommaren.",
    "strengths_interests": "Pålitlig, händig och trivs med rutiner.",
    "symptoms_coping": "Trött på morgnarna; en fast starttid hjälper.",
    "benefits_income": "Aktivitetsersättning; vill veta hur lön påverkar den.",
    "family_social_contacts": "Föräldrarna bor nära; en nära vän.",
    "disclosure_preference": "Berätta bara för närmaste chefen, inte för kollegerna.",
    "reasons_for_working": "Struktur i vardagen, egna pengar och att träffa folk.",
    "barriers_supports": "Luckor i CV:t; arbetsspecialisten följer med på den första intervjun.",
    "sources": "Personen själv, kontaktpersonen i psykiatrin och, med samtycke, föräldrarna.",
}
IPS_PLAN = {
    "target_employers": "Butiker i närheten, kommunens parkförvaltning och kaféer i närområdet.",
    "disclosure_script": "Jag har varit sjuk och mår bra nu; förmiddagar passar mig bäst.",
    "supports_needed": "Förberedelse inför intervjuer; SL-kort.",
    "responsibilities": "Arbetsspecialisten kontaktar två arbetsgivare i veckan; "
    "deltagaren besöker en.",
}
IPS_CONTACTS = ["ICA Solna", "Café Råsunda", "Solna stad, parkförvaltningen"]
