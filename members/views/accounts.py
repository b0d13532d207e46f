"""A new representative chooses the password of their account through a one-time link (issue 9)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from alliance.accounts import login_lock_lift
from members.forms import ActivationRequestForm
from members.services.accounts import account_activation_request
from members.tokens import activation_token_generator


class ActivateView(auth_views.PasswordResetConfirmView):
    """Django's set-password step with the activation token; a dead link offers a new one."""

    token_generator = activation_token_generator
    template_name = "members/account_activate.html"
    success_url = reverse_lazy("login")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "activation_form": ActivationRequestForm()}

    def form_valid(self, form):
        response = super().form_valid(form)
        login_lock_lift(form.user)
        messages.success(self.request, _("Your password is set. Log in with your username and new password."))
        return response


@require_http_methods(["GET", "POST"])
def activation_request(request):
    """Email a fresh link; the answer is the same whether the address has an account or not."""
    form = ActivationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_activation_request(email=form.cleaned_data["email"], language=translation.get_language())
        return redirect("members:account_activation_sent")
    return render(request, "members/account_activation_request.html", {"activation_form": form})


def activation_sent(request):
    return render(request, "members/account_activation_sent.html")
