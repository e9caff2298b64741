from django.shortcuts import get_object_or_404

from plans.models import RehabPlan
from staff.access import require
from staff.permissions import Action


def get_plan_for_user(user, pk: int, action: Action = Action.PLAN_READ) -> RehabPlan:
    """The plan if ``user`` may see it (404 otherwise, so reception never learns it
    exists), then 403 when the user's role may read but not do ``action``."""
    plan = get_object_or_404(
        RehabPlan.objects.visible_to(user).select_related(
            "patient", "diagnosis__condition", "template", "lead_physician", "activated_by"
        ),
        pk=pk,
    )
    require(user, action)
    return plan
