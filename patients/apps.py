from django.apps import AppConfig, apps
from django.db.models.signals import pre_delete


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = "Patients"

    def ready(self):
        from patients.records import is_kept_forever, refuse_delete

        # Every model marked keep_forever, and its history, wherever it lives. Connected
        # per model: a receiver for every sender would cost every other model Django's
        # fast deletes (sessions, sign-in attempts).
        for model in apps.get_models(include_auto_created=True):
            if is_kept_forever(model):
                pre_delete.connect(
                    refuse_delete, sender=model, dispatch_uid=f"keep-{model._meta.label}"
                )
