"""People of an organisation: members, invitations, role changes, and joining by invitation link."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assessments.core.forms import add_service_errors
from assessments.core.http import AuthenticatedRequest
from assessments.core.ratelimits import token_page_limit
from assessments.organisations import selectors
from assessments.organisations.access import membership_for
from assessments.organisations.context_processors import remember_organisation
from assessments.organisations.decorators import member_invitation_page, organisation_page, person_page
from assessments.organisations.forms import InviteForm, MemberRoleForm
from assessments.organisations.models import Membership, Organisation, OrganisationInvitation
from assessments.organisations.services import members as services


@organisation_page()
@require_GET
def member_list(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    return render(
        request,
        "organisations/member_list.html",
        {
            "organisation": organisation,
            "membership": membership,
            "members": selectors.members_of(organisation=organisation),
            "team_count": selectors.team_count(organisation=organisation),
            "invitations": selectors.pending_invitations(organisation=organisation) if membership.can_manage else [],
            "role_choices": Membership.Role.choices,  # the choices MemberRoleForm offers
            "now": timezone.now(),
            "tab": "people",
        },
    )


@organisation_page(manage=True)
def member_invite(request: AuthenticatedRequest, organisation: Organisation, membership: Membership) -> HttpResponse:
    form = InviteForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(organisation=organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works once, for %(days)d days.")
                % {"email": form.cleaned_data["email"], "days": services.INVITATION_DAYS},
            )
            return redirect("member_list", org=organisation.public_id)
    return render(
        request,
        "organisations/member_invite.html",
        {"organisation": organisation, "membership": membership, "form": form, "tab": "people"},
    )


@person_page(manage=True)
@require_http_methods(["GET", "POST"])
def member_role(request: AuthenticatedRequest, target: Membership, membership: Membership) -> HttpResponse:
    """A member's role: the people list's quick select posts here; a team leader's teams are chosen on this page
    (the quick select sends none, so choosing "team leader" there opens it with the role filled in)."""
    organisation = target.organisation
    if request.method == "POST":
        form = MemberRoleForm(request.POST, organisation=organisation)
    else:
        initial = {"role": request.GET.get("role", target.role), "teams": selectors.led_teams(membership=target)}
        form = MemberRoleForm(initial=initial, organisation=organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.change_member_role(membership=target, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Role of %(email)s saved.") % {"email": target.user.email})
                return redirect("member_list", org=organisation.public_id)
        if "teams" not in request.POST and request.POST.get("role") == Membership.Role.TEAM_LEADER:
            # From the quick select: ask for the teams (nothing was saved yet).
            teams = selectors.led_teams(membership=target)
            form = MemberRoleForm(
                initial={"role": Membership.Role.TEAM_LEADER, "teams": teams}, organisation=organisation
            )
        else:
            status = 400
    context = {"organisation": organisation, "membership": membership, "target": target, "form": form, "tab": "people"}
    return render(request, "organisations/member_role.html", context, status=status)


@person_page(manage=True)
def member_remove(request: AuthenticatedRequest, target: Membership, membership: Membership) -> HttpResponse:
    if request.method == "POST":
        try:
            services.remove_member(membership=target, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(email)s no longer has access.") % {"email": target.user.email})
            if target.user_id == request.user.id:
                return redirect("organisation_list")
        return redirect("member_list", org=target.organisation.public_id)
    return render(
        request,
        "organisations/member_remove.html",
        {"organisation": target.organisation, "membership": membership, "target": target, "tab": "people"},
    )


@member_invitation_page(manage=True)
@require_POST
def invitation_revoke(
    request: AuthenticatedRequest, invitation: OrganisationInvitation, _membership: Membership
) -> HttpResponse:
    services.revoke_invitation(invitation=invitation, actor=request.user)
    messages.success(request, _("The invitation for %(email)s no longer works.") % {"email": invitation.email})
    return redirect("member_list", org=invitation.organisation.public_id)


def _unusable(request: HttpRequest, reason: str) -> HttpResponse:
    """A clear page and nothing changed: 404 for unknown links, 410 for used or expired ones."""
    pages = {
        "unknown": (
            _("This invitation link does not work"),
            _("The link is incomplete or unknown. Copy the whole link from the email, or ask for a new invitation."),
            404,
        ),
        "used": (
            _("This invitation has already been used"),
            _("An invitation link works only once. Sign in with your email address and password instead."),
            410,
        ),
        "expired": (
            _("This invitation has expired"),
            _("Invitation links work for 7 days. Ask your CX manager or consultant to invite you again."),
            410,
        ),
    }
    title, message, status = pages.get(
        reason,
        (_("This invitation could not be used"), _("Open the link from the email again and try once more."), 400),
    )
    return render(
        request, "errors/error.html", {"title": title, "message": message, "icon": "bi-envelope-x"}, status=status
    )


@never_cache
@token_page_limit
def join(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an organisation invitation: new people set a password, existing accounts sign in first."""
    try:
        invitation = services.get_usable_invitation(token=token)
    except services.InvitationUnusable as unusable:
        used = unusable.invitation
        if used is not None and _accepted_by_this_user(request, used):
            # A second click right after joining: simply continue to the organisation.
            return redirect("organisation_detail", org=used.organisation.public_id)
        return _unusable(request, unusable.reason)
    existing = services.find_user_by_email(invitation.email)
    context: dict[str, object] = {"invitation": invitation, "organisation": invitation.organisation}
    if existing is not None:
        signed_in_as_invitee = request.user.is_authenticated and request.user.pk == existing.pk
        if request.method == "POST" and signed_in_as_invitee:
            return _accept(request, token=token, user=existing)
        context["signed_in_as_invitee"] = signed_in_as_invitee
        return render(request, "registration/join_existing.html", context)
    form = SetPasswordForm(get_user_model()(username=invitation.email, email=invitation.email), request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _accept(request, token=token, password=form.cleaned_data["new_password1"])
    context["form"] = form
    return render(request, "registration/join.html", context)


def _accepted_by_this_user(request: HttpRequest, invitation: OrganisationInvitation) -> bool:
    return (
        request.user.is_authenticated
        and request.user.email.lower() == invitation.email.lower()
        and membership_for(user=request.user, organisation=invitation.organisation) is not None
    )


def _accept(request: HttpRequest, *, token: str, password: str | None = None, user: User | None = None) -> HttpResponse:
    try:
        member, organisation = services.accept_invitation(token=token, password=password, user=user)
    except services.InvitationUnusable as unusable:
        return _unusable(request, unusable.reason)
    if not request.user.is_authenticated or request.user.pk != member.pk:
        login(request, member, backend="assessments.organisations.auth.EmailBackend")
    remember_organisation(request, organisation)
    messages.success(request, _("Welcome to %(name)s.") % {"name": organisation.name})
    return redirect("organisation_detail", org=organisation.public_id)
