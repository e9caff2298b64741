"""Apply the living catalogue (``reference/catalogue.py``) to the database.

Called by the reference migrations that change the catalogue (with the historical app
registry) and by the test fixture after a flush (with the live one). Idempotent: rows are
found by their natural keys and brought up to date. A catalogue key the model does not
have yet (at that migration's state) is left out, so an earlier migration can run the
loader before a later one adds the field.
"""

from domain.calendar import DEFAULT_HOURS, WEEKDAYS
from reference import catalogue


def seed_clinic_hours(apps, schema_editor=None) -> None:
    """Opening hours for each weekday that has none: Monday to Saturday 08:30-19:00 (the
    hours before the calendar was kept in the database), Sunday closed. Rows that exist
    are the administrators' and are left as they are."""
    try:
        ClinicHours = apps.get_model("reference", "ClinicHours")
    except LookupError:  # a migration before the calendar existed
        return
    for weekday in range(len(WEEKDAYS)):
        opens, closes = DEFAULT_HOURS.get(weekday, (None, None))
        ClinicHours.objects.get_or_create(
            weekday=weekday,
            defaults={"is_open": opens is not None, "opens": opens, "closes": closes},
        )


def _field_names(model) -> set[str]:
    return {field.attname for field in model._meta.concrete_fields} | {
        field.name for field in model._meta.concrete_fields
    }


def _known(model, values: dict) -> dict:
    fields = _field_names(model)
    return {key: value for key, value in values.items() if key in fields}


def apply_catalogue(apps, schema_editor=None) -> None:
    seed_clinic_hours(apps)
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
    # An instrument the model's choices (and check constraint) do not know yet, at this
    # migration's state, waits for the migration that adds it.
    known_codes = {code for code, _ in OutcomeMeasure._meta.get_field("code").choices}
    for code, description in catalogue.MEASURE_DESCRIPTIONS.items():
        if code not in known_codes:
            continue
        OutcomeMeasure.objects.update_or_create(code=code, defaults={"description": description})
    for spec in catalogue.TEMPLATES:
        template_values = {key: value for key, value in spec.items() if key != "stages"}
        template, _ = PlanTemplate.objects.update_or_create(
            name=spec["name"], defaults=_known(PlanTemplate, template_values)
        )
        for order, stage_spec in enumerate(spec["stages"], start=1):
            values = {
                key: value
                for key, value in stage_spec.items()
                if key not in {"exit", "allocations", "allocations_with_problem"}
            }
            measure, threshold = stage_spec.get("exit") or (None, "")
            values |= {"exit_measure_id": measure, "exit_value": threshold}
            values.setdefault("exit_needs_window", False)
            stage, _ = TemplateStage.objects.update_or_create(
                template=template, order=order, defaults=_known(TemplateStage, values)
            )
            rows = [
                (discipline, sessions, minutes, "")
                for discipline, (sessions, minutes) in stage_spec.get("allocations", {}).items()
            ]
            if "only_with_problem" in _field_names(TemplateAllocation):
                rows += [
                    (discipline, sessions, minutes, problem)
                    for problem, mix in stage_spec.get("allocations_with_problem", {}).items()
                    for discipline, (sessions, minutes) in mix.items()
                ]
            for discipline, sessions, minutes, problem in rows:
                TemplateAllocation.objects.update_or_create(
                    stage=stage,
                    discipline_id=discipline,
                    defaults=_known(
                        TemplateAllocation,
                        {
                            "sessions_per_week": sessions,
                            "minutes_per_session": minutes,
                            "only_with_problem": problem,
                        },
                    ),
                )
            # A discipline taken out of a template stage leaves it.
            stage.allocations.exclude(discipline_id__in=[row[0] for row in rows]).delete()
        template.stages.filter(order__gt=len(spec["stages"])).delete()
    for spec in catalogue.CONDITIONS:
        # A renamed condition keeps its row (and the diagnoses pointing at it).
        former = Condition.objects.filter(name__in=spec.get("formerly", [])).first()
        if former and not Condition.objects.filter(name=spec["name"]).exists():
            former.name = spec["name"]
            former.save()
        values = {key: value for key, value in spec.items() if key not in {"template", "formerly"}}
        values["template"] = PlanTemplate.objects.get(name=spec["template"])
        Condition.objects.update_or_create(name=spec["name"], defaults=_known(Condition, values))
