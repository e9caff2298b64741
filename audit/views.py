from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from audit.history import patient_history
from audit.models import AccessKind, AccessRecord, record_access
from patients.access import get_patient_for_user
from staff.permissions import Action


@require_GET
def history(request, pk):
    patient = get_patient_for_user(request.user, pk, Action.AUDIT_READ)
    record_access(user=request.user, patient=patient, kind=AccessKind.HISTORY)
    page = Paginator(patient_history(patient), settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/history.html", {"patient": patient, "page": page})


@require_GET
def access_log(request, pk):
    patient = get_patient_for_user(request.user, pk, Action.AUDIT_READ)
    record_access(user=request.user, patient=patient, kind=AccessKind.ACCESS_LOG)
    records = AccessRecord.objects.filter(patient=patient).select_related(
        "user", "user__discipline"
    )
    page = Paginator(records, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "audit/access_log.html", {"patient": patient, "page": page})
