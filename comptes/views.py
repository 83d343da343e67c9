from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from comptes.forms import ChoosePasswordForm, LoginForm, ResetPasswordForm
from comptes.perms import get_scope


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
    return render(request, "comptes/account.html", {"title": "Mon compte", "memberships": memberships})
