from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET

from comptes import otp
from comptes.filters import JournalFilterSet
from comptes.forms import ChoosePasswordForm, LoginForm, ResetPasswordForm
from comptes.models import EvenementAudit
from comptes.perms import can_read_audit_log, can_use_totp, get_scope


@login_not_required
def home(request):
    """Home page: a public landing for visitors, a persona dashboard for logged-in users."""
    if not request.user.is_authenticated:
        return render(request, "home/public.html", {"title": "Accueil"})
    memberships = get_scope(request.user).memberships  # read once per request, with their organisation
    return render(
        request,
        f"home/{request.scope.persona}.html",
        {"title": "Tableau de bord", "memberships": memberships},
    )


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "comptes/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Connexion"}

    def form_valid(self, form):
        """The password is right: open the session (Django rotates its key), unless the account enrolled a
        second factor, which is asked first (comptes.otp)."""
        user = form.get_user()
        if otp.needs_second_factor(user):
            return otp.start(self.request, user, self.get_success_url())
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Vous êtes déconnecté·e.")
        return response


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetPasswordForm
    template_name = "comptes/password_reset.html"
    email_template_name = "comptes/emails/password_reset.txt"
    subject_template_name = "comptes/emails/password_reset_subject.txt"
    success_url = reverse_lazy("comptes:password_reset_done")
    extra_context = {"title": "Mot de passe oublié"}


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "comptes/password_reset_done.html"
    extra_context = {"title": "Mot de passe oublié"}


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = ChoosePasswordForm
    template_name = "comptes/password_reset_confirm.html"
    success_url = reverse_lazy("comptes:password_reset_complete")
    extra_context = {"title": "Nouveau mot de passe"}


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "comptes/password_reset_complete.html"
    extra_context = {"title": "Mot de passe modifié"}


def account(request):
    memberships = get_scope(request.user).memberships  # read once per request, with their organisation
    context = {
        "title": "Mon compte",
        "memberships": memberships,
        "can_use_totp": can_use_totp(request.user),
        "totp_active": otp.needs_second_factor(request.user),
        "can_read_audit_log": can_read_audit_log(request.user),
    }
    return render(request, "comptes/account.html", context)


@require_GET
def journal(request):
    """The audit log, for the siège: filterable, paginated."""
    if not can_read_audit_log(request.user):
        raise Http404
    filterset = JournalFilterSet(request.GET or None, queryset=EvenementAudit.objects.with_list_data())
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "comptes/journal.html",
        {"title": "Journal d'audit", "filter": filterset, "page_obj": page, "page_query": query.urlencode()},
    )
