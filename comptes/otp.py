"""Optional TOTP second factor for ARS staff (django-otp): enrolment from « Mon compte », then a verification
step at every login for the accounts that enrolled. The password alone never opens their session."""

import base64

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptes.perms import can_use_totp
from config.forms import BaseForm

PENDING = "otp_pending"  # session key: the user who gave a right password and still owes a code
MAX_ATTEMPTS = 5


class CodeForm(BaseForm):
    code = forms.RegexField(
        label="Code à 6 chiffres de votre application d'authentification",
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": "Saisissez les 6 chiffres affichés par votre application."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def needs_second_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def start(request, user, next_url: str):
    """Called by the login view once the password is right: remember the user, ask for the code."""
    request.session.cycle_key()
    request.session[PENDING] = {"user": user.pk, "backend": user.backend, "next": next_url, "attempts": 0}
    return redirect("comptes:otp_verify")


@login_not_required
@require_http_methods(["GET", "POST"])
def verify(request):
    pending = request.session.get(PENDING)
    if not pending:
        return redirect("comptes:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
        device = match_token(user, form.cleaned_data["code"].strip()) if user else None
        if device is not None:
            del request.session[PENDING]
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            next_url = pending["next"]
            safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
            return redirect(next_url if next_url and safe else "home")
        pending["attempts"] += 1
        if pending["attempts"] >= MAX_ATTEMPTS:
            del request.session[PENDING]
            messages.error(request, "Trop de codes erronés : reconnectez-vous avec votre mot de passe.")
            return redirect("comptes:login")
        request.session[PENDING] = pending
        form.add_error("code", "Ce code n'est pas valable (il change toutes les 30 secondes). Réessayez.")
    return render(request, "comptes/otp_verify.html", {"title": "Vérification en deux étapes", "form": form})


def _qr_data_uri(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@require_http_methods(["GET", "POST"])
def enrol(request):
    """Enrol an authenticator app (or remove it). Staff only: anyone else gets a 404."""
    if not can_use_totp(request.user):
        raise Http404
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if request.method == "POST" and request.POST.get("action") == "retirer":
        TOTPDevice.objects.filter(user=request.user).delete()
        messages.success(request, "La vérification en deux étapes est désactivée pour votre compte.")
        return redirect("comptes:account")
    device = None
    if confirmed is None:
        device, _ = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "Application d'authentification"}
        )
    form = CodeForm(request.POST or None)
    if device is not None and request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "La vérification en deux étapes est activée : un code vous sera demandé.")
            return redirect("comptes:account")
        form.add_error("code", "Ce code ne correspond pas : vérifiez l'heure de votre téléphone et réessayez.")
    context = {
        "title": "Vérification en deux étapes",
        "confirmed": confirmed,
        "device": device,
        "form": form,
        "qr": _qr_data_uri(device) if device else "",
        "secret": base64.b32encode(device.bin_key).decode() if device else "",
    }
    return render(request, "comptes/otp_enrol.html", context, status=400 if form.errors else 200)
