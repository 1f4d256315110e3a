"""The family's pages (issue 13 §4). Plain language: short sentences, no jargon.

- the citizen: "Your family" — who can see what, "stop sharing", and the invitation form;
- the family member: what the citizen shares (404 for anything not shared), or a plain page
  saying that nothing is shared now;
- the invitation link: the family member makes their own login, once.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roundtable.accounts.actor import request_actor
from roundtable.family import selectors, services
from roundtable.family.forms import HEALTH_WARNING, AcceptForm, InviteForm, add_errors


@login_required
@require_http_methods(["GET", "POST"])
def mine(request: HttpRequest) -> HttpResponse:
    """The citizen's family members, what each can see, and a new invitation."""
    actor = request_actor(request)
    links = selectors.family_link_list(actor=actor)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invited = services.family_invite(
                actor=actor, base_url=request.build_absolute_uri("/"), **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("We have sent an e-mail to %(email)s. The link in it works for 7 days.")
                % {"email": invited.link.email},
            )
            return redirect("family:mine")
    status = 400 if request.method == "POST" else 200
    context = {"links": links, "form": form, "health_warning": HEALTH_WARNING}
    return render(request, "family/mine.html", context, status=status)


@login_required
@require_POST
def stop(request: HttpRequest, link_id: uuid.UUID) -> HttpResponse:
    link = services.family_stop(actor=request_actor(request), link_id=link_id)
    messages.success(
        request,
        _("You have stopped sharing with %(name)s. They see nothing now.") % {"name": link.name},
    )
    return redirect("family:mine")


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The family member's start: straight to the one person who shares with them, a list when
    several do, and a plain page when nobody does (any more)."""
    actor = request_actor(request)
    if actor is not None and (actor.is_citizen or actor.is_professional):
        raise Http404()
    sharing = selectors.family_home_list(actor=actor)
    if len(sharing) == 1:
        return redirect("family:page", citizen_id=sharing[0].citizen_id)
    return render(request, "family/home.html", {"sharing": sharing})


@login_required
@require_GET
def page(request: HttpRequest, citizen_id: uuid.UUID) -> HttpResponse:
    """What one citizen shares with this family member; 404 when nothing is."""
    found = selectors.family_page_get(actor=request_actor(request), citizen_id=citizen_id)
    return render(request, "family/page.html", {"page": found})


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    """The invitation link: the family member chooses a user name and a password, once."""
    invitation = selectors.invitation_get(token=token)
    form = AcceptForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and invitation.usable and form.is_valid():
        try:
            services.family_accept(token=token, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your login is ready. Sign in with your user name."))
            return redirect("account_login")
    status = 400 if request.method == "POST" else 200
    response = render(
        request, "family/accept.html", {"invitation": invitation, "form": form}, status=status
    )
    # The token is in the address: never send it on to another site (same-origin, not
    # no-referrer: with no referrer at all the browser posts the form with "Origin: null").
    response["Referrer-Policy"] = "same-origin"
    return response
