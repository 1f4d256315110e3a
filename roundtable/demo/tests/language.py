"""A small language guesser for the demo's tests: English, Danish, Swedish or Norwegian Bokmål,
from the function words and spellings only one of the four uses. Enough to tell which language
a professional wrote a sentence in; not a general detector."""

from __future__ import annotations

import re
from collections import defaultdict

# Words only one of the four languages writes this way (the shared Scandinavian ones — det, med,
# har, kan, om, som… — tell nothing and are left out).
_WORDS = {
    "en": """the and is are of with in on we they their not be was will what how when who
        which after before first work week weeks day days every more than still now back new
        same talked agreed about this that from has have had there should next hours our an
        can one two three does wants talk other tasks meeting goal""",
    "da": """af hvad hvornår noget meget mere nogle uge uger ugen ugentlige arbejde arbejdet
        arbejder arbejdsdag arbejdsdage arbejdsplads arbejdspladsen arbejdsgiveren arbejdsgivere
        arbejdsevnen os vores tale talte kun endnu aftenen sygedagpenge jobcentret tager lidt
        sit gerne næste mødes blive bliver blev hjælper dage mellem tilbage uden igennem gøre
        gøres lægge opgave opgaver opgaverne øvede tidligt trin siger fortsat fortsætter
        derhjemme fortalte""",
    "sv": """och är att inte jag vad hur när vem ska vill före också något mycket vecka veckor
        veckan veckomötet arbete arbetet arbetsdag arbetsdagar arbetsplats arbetsplatsen
        arbetsgivaren arbetsgivare arbetsförmågan tillsammans från gärna nästa första samma
        chefen förmiddag förmiddagen hjälper dagar timmar träffas sedan ännu pratade överens
        sjukpenning försäkringskassan till ett hon vara tillbaka utan uppgifter hemma""",
    "nb": """hva etter nå noe mye noen uke uker uken ukentlige arbeid arbeidet arbeidsdag
        arbeidsdager arbeidsplass arbeidsplassen arbeidsgiveren arbeidsgivere arbeidsevnen meg
        deg oss vår snakke snakket bare ennå kvelden sykepenger nav litt gjerne neste møtes
        ble hjelper dager mellom igjen tilbake uten gjennom gjøre legge oppgave
        oppgaver oppgavene øvde trinn trinnet jobbe jobber sier fortsatt fortsetter""",
}
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def _exclusive() -> dict[str, frozenset[str]]:
    sets = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
    return {
        lang: words - frozenset().union(*(other for o, other in sets.items() if o != lang))
        for lang, words in sets.items()
    }


EXCLUSIVE = _exclusive()


def language_scores(text: str) -> dict[str, float]:
    """How many of the text's words (and letters) only each language uses."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    scores: dict[str, float] = defaultdict(float)
    for token in tokens:
        for lang, words in EXCLUSIVE.items():
            if token in words:
                scores[lang] += 1
        if any(c in token for c in "äö"):
            scores["sv"] += 1
        if any(c in token for c in "æø"):
            scores["da"] += 0.5
            scores["nb"] += 0.5
    return dict(scores)


def guess_language(text: str) -> str | None:
    """The language with clearly the most evidence in the text, or None when it is unclear."""
    ranked = sorted(language_scores(text).items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < 1:
        return None
    if len(ranked) > 1 and ranked[1][1] >= ranked[0][1]:
        return None
    return ranked[0][0]
