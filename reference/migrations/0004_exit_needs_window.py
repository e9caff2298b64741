from django.db import migrations, models

from reference.loader import apply_catalogue


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0003_reference_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaltemplatestage",
            name="exit_needs_window",
            field=models.BooleanField(
                blank=True,
                help_text=(
                    "The exit measure alone does not suggest moving on before the stage's "
                    "planned end (e.g. tissue healing)."
                ),
                null=True,
                verbose_name="exit needs the time window",
            ),
        ),
        migrations.AddField(
            model_name="templatestage",
            name="exit_needs_window",
            field=models.BooleanField(
                blank=True,
                help_text=(
                    "The exit measure alone does not suggest moving on before the stage's "
                    "planned end (e.g. tissue healing)."
                ),
                null=True,
                verbose_name="exit needs the time window",
            ),
        ),
        # The Orthopaedic template's Protection stage needs its window (reference/catalogue.py).
        migrations.RunPython(apply_catalogue, migrations.RunPython.noop),
    ]
