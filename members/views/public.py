"""Public pages: certificate verification (no login)."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from members.forms import VerifyForm
from members.models import Certificate


def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("members:verify", code=form.cleaned_data["code"])
    return render(request, "members/verify.html", {"form": form})


@never_cache
def verify(request, code):
    """Confirm a certificate's member, tier and validity; revoked after withdrawal or expulsion."""
    certificate = Certificate.objects.select_related("member").filter(code=code.strip().upper()).first()
    return render(
        request,
        "members/verify.html",
        {"certificate": certificate, "code": code, "form": VerifyForm()},
        status=200 if certificate else 404,
    )
