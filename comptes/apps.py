from django.apps import AppConfig


class ComptesConfig(AppConfig):
    name = "comptes"
    verbose_name = "Comptes et organisations"

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
        from django.db.models.signals import post_delete, post_save

        import config.checks  # noqa: F401 - registers the checks of the portal's own settings
        from comptes import audit
        from comptes.models import IdentiteRegionale

        post_save.connect(_forget_identite, sender=IdentiteRegionale, dispatch_uid="comptes_identite_saved")
        post_delete.connect(_forget_identite, sender=IdentiteRegionale, dispatch_uid="comptes_identite_deleted")
        user_logged_in.connect(audit.on_logged_in, dispatch_uid="comptes_audit_login")
        user_logged_out.connect(audit.on_logged_out, dispatch_uid="comptes_audit_logout")
        user_login_failed.connect(audit.on_login_failed, dispatch_uid="comptes_audit_failure")
        user_locked_out.connect(audit.on_locked_out, dispatch_uid="comptes_audit_lockout")


def _forget_identite(sender, instance, **kwargs):
    from comptes.selectors import forget_identite

    forget_identite(instance.region.code)
