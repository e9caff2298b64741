from django.apps import AppConfig
from django.db.models.signals import pre_delete


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = "Patients"

    def ready(self):
        from patients.records import refuse_delete

        # Every model: the receiver refuses those marked keep_forever, wherever they live.
        pre_delete.connect(refuse_delete, dispatch_uid="keep-clinical-records-forever")
