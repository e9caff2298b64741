"""Loading a plan for a user: the one road from a URL's id to a plan."""

from django.shortcuts import get_object_or_404

from patients.access_log import AccessKind, record_access
from plans.models import RehabPlan
from staff.access import require
from staff.permissions import Action


def get_plan_for_user(user, pk: int, action: Action = Action.PLAN_READ, *, log: bool) -> RehabPlan:
    """The plan if ``user`` may see it (404 otherwise, so reception never learns it
    exists), then 403 when the user's role may read but not do ``action``.

    ``log``: the page shows the plan, so the access log gets a line (no default: every view
    says so).
    """
    plan = get_object_or_404(
        RehabPlan.objects.visible_to(user).select_related(
            "patient", "diagnosis__condition", "template", "lead_physician", "activated_by"
        ),
        pk=pk,
    )
    require(user, action)
    if log:
        record_access(user=user, patient=plan.patient, kind=AccessKind.PLAN, object_id=plan.pk)
    return plan
