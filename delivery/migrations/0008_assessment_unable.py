"""A timed or walking test can be "unable to perform": its value is UNABLE and its score
empty, so ``score`` becomes nullable.

SQLite alters a column by rebuilding the table, which drops the table's triggers: the
history table's append-only trigger (delivery 0005) is re-created here, after the
rebuilds. PostgreSQL alters the column in place and keeps its triggers.
"""

from django.conf import settings
from django.db import migrations, models

from rehabana.migration_ops import sql_by_vendor

HISTORY = "plans_historicalassessment"
TRIGGER = f"rehabana_append_only_{HISTORY}"


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0007_no_truncate"),
        ("patients", "0007_append_only_history"),
        ("reference", "0003_reference_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="assessment",
            name="score",
            field=models.DecimalField(
                decimal_places=2,
                editable=False,
                help_text="The value as a number that orders results (grades by position); empty when the patient was unable to perform the test.",
                max_digits=8,
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="assessment",
            name="value",
            field=models.CharField(
                help_text="Canonical text: 45, 12.3, 1+, C, or UNABLE (unable to perform).",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="score",
            field=models.DecimalField(
                decimal_places=2,
                editable=False,
                help_text="The value as a number that orders results (grades by position); empty when the patient was unable to perform the test.",
                max_digits=8,
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="historicalassessment",
            name="value",
            field=models.CharField(
                help_text="Canonical text: 45, 12.3, 1+, C, or UNABLE (unable to perform).",
                max_length=10,
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("score__isnull", True), ("value", "UNABLE")),
                    models.Q(
                        models.Q(("value", "UNABLE"), _negated=True), ("score__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="assessment_unable_has_no_score",
            ),
        ),
        # The rebuilds above dropped the history table's append-only trigger on SQLite.
        sql_by_vendor(
            {
                "sqlite": [
                    f"CREATE TRIGGER IF NOT EXISTS {TRIGGER} BEFORE UPDATE ON {HISTORY} BEGIN "
                    f"SELECT RAISE(ABORT, '{HISTORY} rows are append-only: UPDATE refused'); END;"
                ]
            },
            {},
        ),
    ]
