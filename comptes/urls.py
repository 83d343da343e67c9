from django.urls import path

from comptes import otp, views

app_name = "comptes"

urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("mon-compte/", views.account, name="account"),
    path("mon-compte/double-authentification/", otp.enrol, name="otp_enrol"),
    path("connexion/verification/", otp.verify, name="otp_verify"),
    path("journal/", views.journal, name="journal"),
    path("mot-de-passe/oubli/", views.PasswordResetView.as_view(), name="password_reset"),
    path("mot-de-passe/oubli/envoye/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("mot-de-passe/modifie/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
