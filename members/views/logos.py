"""A member's photo or logo: uploaded by the secretariat, served only to those who see the file."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.roles import Role, role_required
from alliance.views import form_errors_reported, refusal_reported
from members.forms import LogoForm
from members.selectors import member_for
from members.services.logos import member_logo_set
from members.views.directory import FILE_ROLES

CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png"}


@require_POST
@role_required(Role.SECRETARIAT)
def logo_upload(request, pk):
    member = member_for(request.user, pk)
    form = LogoForm(request.POST, request.FILES)
    target = reverse("members:member_detail", args=[member.pk])
    if form.is_valid():
        with refusal_reported(request, form, field="logo"):
            member_logo_set(member=member, by=request.user, upload=form.cleaned_data["logo"])
            messages.success(request, _("The photo or logo was saved."))
    if form.errors:
        return form_errors_reported(request, form, target, labels=False)
    return redirect(target)


@role_required(*FILE_ROLES)
def logo_view(request, pk):
    """Like the other member documents: whoever may open the member file (404 otherwise)."""
    member = member_for(request.user, pk)
    if not member.logo:
        raise Http404
    try:
        handle = member.logo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    suffix = member.logo.name[member.logo.name.rfind(".") :].lower()
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response
