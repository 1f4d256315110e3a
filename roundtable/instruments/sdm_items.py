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

# Observer OPTION (Elwyn et al. 2003, OPTION-12; Elwyn et al. 2013, OPTION-5): our own wording of
# what a trained rater looks for, not the official manual's; 0 (not seen) to 4 (seen, done to a
# high standard). "The team" is the care manager and the employment consultant together.
OPTION12_ITEMS = (
    _("The team points out a problem that needs a decision."),
    _("The team says there is more than one way to deal with it."),
    _("The team finds out how the person prefers to get information."),
    _("The team lists the options, which may include doing nothing."),
    _("The team explains the pros and cons of the options."),
    _("The team explores the person's expectations or ideas about the options."),
    _("The team explores the person's concerns about the options."),
    _("The team checks that the person has understood the information."),
    _("The team gives the person clear chances to ask questions."),
    _("The team asks how much the person wants to take part in the decision."),
    _("The team says that a decision is needed now, or can wait."),
    _("The team says when the decision will be looked at again."),
)

OPTION5_ITEMS = (
    _("The team says that there are options to choose between."),
    _("The team supports the person to become informed and to think the options through."),
    _(
        "The team gives information about the options' pros and cons, or checks what the "
        "person knows."
    ),
    _("The team makes an effort to find out what the person prefers."),
    _("The team makes an effort to bring the person's preferences into the decision."),
)

OPTION_SCALE = (
    (0, _("0 – not seen")),
    (1, _("1 – a minimal attempt")),
    (2, _("2 – a moderate attempt")),
    (3, _("3 – a good attempt")),
    (4, _("4 – done to a high standard")),
)
