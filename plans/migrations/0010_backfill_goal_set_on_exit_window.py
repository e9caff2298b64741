"""Back-fill what the new fields of 0009 say about existing rows.

- A goal's ``set_on``: the clinic day of its earliest history record (when it was
  created), or its plan's start when it has no history.
- A stage's ``exit_needs_window``: what its template's stage of the same phase says
  (the Orthopaedic Protection stage, reference 0004), False otherwise.

The rows are written without new history records (a schema back-fill, not a clinical
change); the history tables are append-only and keep their rows as they were.
"""

from django.db import migrations
from django.db.models import Min
from django.utils import timezone


def backfill(apps, schema_editor):
    Goal = apps.get_model("plans", "Goal")
    HistoricalGoal = apps.get_model("plans", "HistoricalGoal")
    Stage = apps.get_model("plans", "Stage")
    TemplateStage = apps.get_model("reference", "TemplateStage")

    created = dict(
        HistoricalGoal.objects.values_list("id")
        .annotate(first=Min("history_date"))
        .values_list("id", "first")
        .order_by()
    )
    for goal in Goal.objects.filter(set_on__isnull=True).select_related("plan"):
        first = created.get(goal.pk)
        goal.set_on = timezone.localtime(first).date() if first else goal.plan.start_date
        goal.save(update_fields=["set_on"])

    needs_window = set(
        TemplateStage.objects.filter(exit_needs_window=True).values_list("template_id", "phase")
    )
    for stage in Stage.objects.filter(exit_needs_window__isnull=True).select_related("plan"):
        stage.exit_needs_window = (stage.plan.template_id, stage.phase) in needs_window
        stage.save(update_fields=["exit_needs_window"])


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0009_goal_site_set_on_exit_window"),
        ("reference", "0004_exit_needs_window"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
