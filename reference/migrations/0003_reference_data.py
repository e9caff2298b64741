from django.db import migrations

from reference.migrations import _catalogue_0003 as catalogue


def load(apps, schema_editor):
    Discipline = apps.get_model("reference", "Discipline")
    Technique = apps.get_model("reference", "Technique")
    OutcomeMeasure = apps.get_model("reference", "OutcomeMeasure")
    PlanTemplate = apps.get_model("reference", "PlanTemplate")
    TemplateStage = apps.get_model("reference", "TemplateStage")
    TemplateAllocation = apps.get_model("reference", "TemplateAllocation")
    Condition = apps.get_model("reference", "Condition")

    for code, name, short_name, order, colour in catalogue.DISCIPLINES:
        Discipline.objects.update_or_create(
            code=code,
            defaults={"name": name, "short_name": short_name, "order": order, "colour": colour},
        )
    for code, names in catalogue.TECHNIQUES.items():
        for name in names:
            Technique.objects.get_or_create(discipline_id=code, name=name)
    for code, description in catalogue.MEASURE_DESCRIPTIONS.items():
        OutcomeMeasure.objects.update_or_create(code=code, defaults={"description": description})
    for spec in catalogue.TEMPLATES:
        template, _ = PlanTemplate.objects.update_or_create(
            name=spec["name"],
            defaults={"description": spec["description"], "phase_rule": spec["phase_rule"]},
        )
        for order, (name, phase, starts, ends, focus, exit_rule, mix) in enumerate(
            spec["stages"], start=1
        ):
            measure, value = exit_rule or (None, "")
            stage, _ = TemplateStage.objects.update_or_create(
                template=template,
                order=order,
                defaults={
                    "name": name,
                    "phase": phase,
                    "starts_after_days": starts,
                    "ends_after_days": ends,
                    "focus": focus,
                    "exit_measure_id": measure,
                    "exit_value": value,
                },
            )
            for discipline, (sessions, minutes) in mix.items():
                TemplateAllocation.objects.update_or_create(
                    stage=stage,
                    discipline_id=discipline,
                    defaults={"sessions_per_week": sessions, "minutes_per_session": minutes},
                )
    for name, icd10, category, needs_neuro, template_name in catalogue.CONDITIONS:
        Condition.objects.update_or_create(
            icd10=icd10,
            defaults={
                "name": name,
                "category": category,
                "needs_neuro_rehab": needs_neuro,
                "template": PlanTemplate.objects.get(name=template_name),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
