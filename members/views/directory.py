"""The member registry: directory, CSV export, member file, status and representatives."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.exports import Column, export_response
from alliance.pagination import paginate
from alliance.prepared import rows_for
from alliance.query import query_int
from alliance.roles import Role, has_role, role_required
from alliance.sections import render_sections
from alliance.views import form_errors_reported, refusal_reported
from members import conf, extensions
from members.filters import MemberFilter
from members.forms import ContactForm, EndRepresentativeForm, LogoForm, RepresentativeForm, StatusChangeForm
from members.models import (
    Certificate,
    Contact,
    MemberStatus,
    MemberStatusChange,
    Representative,
    RepresentativeRole,
)
from members.selectors import documents_visible_to, member_for, members_visible_to, represented_members
from members.services import (
    certificate_pdf,
    contact_save,
    member_change_status,
    representative_add,
    representative_end,
    representative_replace,
)

DIRECTORY_ROLES = (Role.SECRETARIAT, Role.LIAISON_OFFICER, Role.TREASURER)
FILE_ROLES = (*DIRECTORY_ROLES, Role.MEMBER)
DIRECTORY_COLUMNS = (
    "number",
    "name",
    "native_name",
    "kind",
    "tier",
    "country",
    "region",
    "industry",
    "status",
    "joined_on",
)


def _directory_filter(request):
    return MemberFilter(request.GET or None, queryset=members_visible_to(request.user).order_by("name", "pk"))


@role_required(*DIRECTORY_ROLES)
def directory(request):
    """The directory (003 第二条): filtered, searched, sorted, paginated.

    Only the member table is read (no joins): the count and the page's keys come from the
    (name, id), (status|country|tier, name) and, on PostgreSQL, trigram indexes, and the
    query count is the same at every page size and depth.
    """
    member_filter = _directory_filter(request)
    per_page = query_int(
        request,
        "per_page",
        minimum=1,
        maximum=max(conf.DIRECTORY_PAGE_SIZES),
        default=conf.directory_page_size(),
    )
    if per_page not in conf.DIRECTORY_PAGE_SIZES:
        per_page = conf.directory_page_size()
    members = member_filter.qs.only(*DIRECTORY_COLUMNS)
    page = paginate(request, members, per_page=per_page)
    return render(
        request,
        "members/member_list.html",
        {
            "filter": member_filter,
            "page_obj": page,
            "members": page.object_list,
            "page_sizes": conf.DIRECTORY_PAGE_SIZES,
            "per_page": per_page,
        },
    )


MEMBER_EXPORT = [
    Column(gettext_lazy("Member number"), "number"),
    Column(gettext_lazy("Name"), "name"),
    Column(gettext_lazy("Name (native script)"), "native_name"),
    Column(gettext_lazy("Kind"), "get_kind_display"),
    Column(gettext_lazy("Tier"), "get_tier_display"),
    Column(gettext_lazy("Country"), "country.code"),
    Column(gettext_lazy("Region"), "get_region_display"),
    Column(gettext_lazy("Industry"), "get_industry_display"),
    Column(gettext_lazy("Status"), "get_status_display"),
    Column(gettext_lazy("Admitted on"), "joined_on"),
]


@role_required(*DIRECTORY_ROLES)
def directory_export(request, fmt):
    """The filtered directory as CSV or XLSX, streamed (it may hold every member)."""
    members = _directory_filter(request).qs.only(*DIRECTORY_COLUMNS)
    return export_response(fmt, members, MEMBER_EXPORT, "members")


@role_required(Role.MEMBER)
def my_membership(request):
    member = represented_members(request.user).order_by("pk").first()
    if member is None:
        raise Http404
    return redirect("members:member_detail", pk=member.pk)


@role_required(*FILE_ROLES)
def member_detail(request, pk, *, status_form=None):
    """The member file (003 §三), followed by the sections other apps register.

    ``status_form`` is a refused status change, shown again with its errors and input.
    """
    member = member_for(request.user, pk, with_application=True)
    application = getattr(member, "application", None)
    representatives = rows_for("members.file_representatives", _file_representatives, member.pk)
    # The page names no one who made a change (the history's without_who): its rows alone.
    member.status_history = rows_for("members.file_history", _file_history, member.pk)
    secretariat = has_role(request.user, Role.SECRETARIAT)
    departed = member.status in (MemberStatus.WITHDRAWN, MemberStatus.EXPELLED)
    context = {
        "member": member,
        "application": application,
        # Only the documents the reader may download are listed (the treasurer sees none).
        "documents": list(documents_visible_to(request.user).filter(application=application))
        if application
        else [],
        "representatives": representatives,
        "contacts": rows_for("members.file_contacts", _file_contacts, member.pk),
        "certificates": rows_for("members.file_certificates", _file_certificates, member.pk),
        "sections": render_sections(request, extensions.member_file(), member=member),
        "can_manage": secretariat,
        "can_edit_contacts": has_role(request.user, Role.SECRETARIAT, Role.MEMBER),
        # A departed member's status moves no more: no form, nor its resolutions' query.
        "status_form": (status_form or StatusChangeForm(member=member))
        if secretariat and not departed
        else None,
        "logo_form": LogoForm() if secretariat else None,
        "end_form": EndRepresentativeForm() if secretariat else None,
        "vacant_roles": [
            (role, label)
            for role, label in RepresentativeRole.choices
            if not any(r.role == role and r.ended_on is None for r in representatives)
        ],
        "departed": departed,
    }
    return render(request, "members/member_detail.html", context)


# The member file's own lists, each compiled once (alliance.prepared).
def _file_representatives(member_id):
    return Representative.objects.filter(member_id=member_id).order_by("ended_on", "role")


def _file_history(member_id):
    return MemberStatusChange.objects.filter(member_id=member_id).order_by("changed_at", "id")


def _file_contacts(member_id):
    return Contact.objects.filter(member_id=member_id)


def _file_certificates(member_id):
    return Certificate.objects.filter(member_id=member_id)


@role_required(Role.SECRETARIAT)
@require_POST
def member_status(request, pk):
    member = member_for(request.user, pk)
    form = StatusChangeForm(request.POST, member=member)
    if form.is_valid():
        with refusal_reported(request, form):
            member_change_status(member=member, by=request.user, **form.cleaned_data)
            messages.success(request, _("The member's status was changed."))
            return redirect("members:member_detail", pk=pk)
    # Refused: the file again, the errors next to their fields and what was typed kept.
    return member_detail(request, pk, status_form=form)


@role_required(Role.SECRETARIAT)
def representative_change(request, pk, representative_pk=None, role=None):
    """Replace a representative (003 第八条: positions end with them), or fill a vacant role."""
    member = member_for(request.user, pk)
    old = None
    if representative_pk is not None:
        old = get_object_or_404(Representative.objects.current(), pk=representative_pk, member=member)
    elif role not in RepresentativeRole.values:
        raise Http404
    form = RepresentativeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            if old is not None:
                representative_replace(
                    representative=old, on=form.cleaned_data["on"], by=request.user, **form.person()
                )
            else:
                representative_add(
                    member=member, role=role, on=form.cleaned_data["on"], by=request.user, **form.person()
                )
            messages.success(request, _("The representative was recorded."))
            return redirect("members:member_detail", pk=pk)
    return render(
        request,
        "members/representative_form.html",
        {
            "member": member,
            "old": old,
            "role_label": RepresentativeRole(old.role if old else role).label,
            "form": form,
        },
    )


@role_required(Role.SECRETARIAT)
@require_POST
def representative_end_view(request, pk, representative_pk):
    member = member_for(request.user, pk)
    rep = get_object_or_404(Representative.objects.current(), pk=representative_pk, member=member)
    form = EndRepresentativeForm(request.POST)
    target = reverse("members:member_detail", args=[pk])
    if form.is_valid():
        with refusal_reported(request, form):
            representative_end(representative=rep, on=form.cleaned_data["on"], by=request.user)
            messages.success(request, _("The representative's term was ended."))
    if form.errors:
        return form_errors_reported(request, form, target, labels=False)
    return redirect(target)


@role_required(Role.SECRETARIAT, Role.MEMBER)
def contact_edit(request, pk, contact_pk=None):
    """Add or edit a contact: the secretariat, or the member's own representatives."""
    member = member_for(request.user, pk)
    contact = get_object_or_404(member.contacts, pk=contact_pk) if contact_pk else None
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        with refusal_reported(request, form):
            contact_save(member=member, contact=contact, by=request.user, **form.cleaned_data)
            messages.success(request, _("The contact was saved."))
            return redirect("members:member_detail", pk=pk)
    return render(request, "members/contact_form.html", {"member": member, "contact": contact, "form": form})


def _certificate_file(request, pk, certificate_pk, field):
    member = member_for(request.user, pk)
    certificate = get_object_or_404(Certificate, pk=certificate_pk, member=member)
    name = certificate.number if field == "file" else f"{certificate.number}-letter"
    if not getattr(certificate, field):
        # Rendering failed or has not run yet: serve a fresh rendering; storing it is the task's
        # job, since a GET changes nothing (issue 9 item 5).
        response = HttpResponse(
            certificate_pdf(certificate=certificate, field=field), content_type="application/pdf"
        )
        response["Content-Disposition"] = content_disposition_header(True, f"{name}.pdf")
        return response
    return FileResponse(
        getattr(certificate, field).open("rb"),
        as_attachment=True,
        filename=f"{name}.pdf",
        content_type="application/pdf",
    )


@role_required(*FILE_ROLES)
def certificate_download(request, pk, certificate_pk):
    return _certificate_file(request, pk, certificate_pk, "file")


@role_required(*FILE_ROLES)
def letter_download(request, pk, certificate_pk):
    return _certificate_file(request, pk, certificate_pk, "letter_file")
