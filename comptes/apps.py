from django.apps import AppConfig


class ComptesConfig(AppConfig):
    name = "comptes"
    verbose_name = "Comptes et organisations"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        import config.checks  # noqa: F401 - registers the checks of the portal's own settings
        from comptes import audit

        user_logged_in.connect(audit.on_logged_in, dispatch_uid="comptes_audit_login")
        user_logged_out.connect(audit.on_logged_out, dispatch_uid="comptes_audit_logout")
        user_login_failed.connect(audit.on_login_failed, dispatch_uid="comptes_audit_failure")
        user_locked_out.connect(audit.on_locked_out, dispatch_uid="comptes_audit_lockout")
