"""The wording of SDM-Q-9 and SDM-Q-Doc that Roundtable ships: our own plain-language paraphrase
of the nine items (Kriston et al., PEC 2010;80:94-99; Scholl et al., PEC 2012;88:284-90), not
the official text, which is published for research use with its own translations
(patient-als-partner.de). The pages say so. "They" is the care manager and the employment
consultant; "a way to go" is the option of the original.

The scale is the original's six points, 0 (completely disagree) to 5 (completely agree); the
intermediate labels are ours too.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CITIZEN_ITEMS = (
    _("They made clear that a decision had to be made."),
    _("They asked how much I wanted to take part in the decision."),
    _("They told me there was more than one way to go."),
    _("They told me the good and the bad sides of each way."),
    _("They helped me understand what they told me."),
    _("They asked me which way I liked best."),
    _("We looked at the different ways together, with care."),
    _("We chose a way together."),
    _("We agreed on what happens next."),
)

PROFESSIONAL_ITEMS = (
    _("I made clear to the person that a decision had to be made."),
    _("I asked how the person wanted to take part in the decision."),
    _("I told the person that there were different options."),
    _("I explained the pros and cons of the options precisely."),
    _("I helped the person understand all the information."),
    _("I asked which option the person preferred."),
    _("The person and I weighed the options thoroughly."),
    _("The person and I chose an option together."),
    _("The person and I agreed on how to go on."),
)

SCALE = (
    (0, _("Fully disagree")),
    (1, _("Mostly disagree")),
    (2, _("Slightly disagree")),
    (3, _("Slightly agree")),
    (4, _("Mostly agree")),
    (5, _("Fully agree")),
)
