from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from config.forms import BaseForm


class LoginForm(BaseForm, AuthenticationForm):
    username = forms.EmailField(
        label="Adresse e-mail", widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )
    password = forms.CharField(
        label="Mot de passe", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Adresse e-mail ou mot de passe incorrect.",
        "inactive": "Ce compte est désactivé. Contactez votre délégation départementale.",
    }


class ResetPasswordForm(BaseForm, PasswordResetForm):
    email = forms.EmailField(
        label="Adresse e-mail", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        """Render the e-mail now (absolute link on `SITE_URL`, valid until a given time), send it from a Celery
        task after the transaction commits."""
        import datetime

        from django.conf import settings
        from django.template import loader
        from django.urls import reverse
        from django.utils import timezone

        from comptes.tasks import send_email
        from config.celery import send_after_commit
        from config.emails import absolute_url

        context = {
            **context,
            "reset_url": absolute_url(
                reverse("comptes:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
            ),
            "valable_jusqu_au": timezone.localtime() + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
        }
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        send_after_commit(send_email, subject=subject, body=body, to=[to_email], from_email=from_email)


class ChoosePasswordForm(BaseForm, SetPasswordForm):
    pass
