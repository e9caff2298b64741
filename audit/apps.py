from django.apps import AppConfig
from django.db.models.signals import pre_delete


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Audit"

    def ready(self):
        from audit.models import AccessRecord, refuse_log_delete
        from patients.records import refuse_delete

        # The last line of defence under the models' own delete() and querysets: a delete
        # reaching the ORM by any other road (the plain base manager, a history table)
        # is refused before a row goes.
        for model in kept_forever():
            receiver = refuse_log_delete if model is AccessRecord else refuse_delete
            pre_delete.connect(receiver, sender=model, dispatch_uid=f"keep-{model._meta.label}")


def kept_forever():
    """Every model of the clinical apps: the records, their audit history (the m2m history
    included) and the access log. Their rows are never deleted."""
    from django.apps import apps

    return [
        model
        for label in ("patients", "plans", "audit")
        for model in apps.get_app_config(label).get_models()
        if not model._meta.auto_created  # an m2m's own table goes with its signed checks
    ]
