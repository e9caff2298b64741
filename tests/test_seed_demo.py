from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from delivery.models import Assessment, TherapySession
from domain import measures
from domain.calendar import DEFAULT_CLOSES as DAY_ENDS
from domain.calendar import DEFAULT_OPENS as DAY_STARTS
from patients.models import CareTeamMember, Diagnosis, Patient
from plans.models import Goal, RehabPlan, Stage
from staff.models import User

pytestmark = pytest.mark.django_db

MODELS = [User, Patient, Diagnosis, CareTeamMember, RehabPlan, Stage, Goal, TherapySession,
          Assessment]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module (it takes a few seconds), then roll back."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        output = StringIO()
        call_command("seed_demo", stdout=output)
        first = counts()
        call_command("seed_demo", stdout=StringIO())
        yield {"first": first, "second": counts(), "output": output.getvalue()}
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_seeding_twice_gives_the_same_counts(seeded):
    assert seeded["first"] == seeded["second"]
    assert seeded["first"]["Patient"] == 41


def test_the_run_command_prints_demo_logins(seeded):
    assert "dr.mehta" in seeded["output"] and "rehabana-demo" in seeded["output"]


def test_a_believable_clinic(seeded):
    assert User.objects.filter(role="physician").count() == 2
    assert set(User.objects.filter(role="therapist").values_list("discipline", flat=True)) == {
        "PT", "OT", "NEURO", "SLT", "PSY"
    }  # fmt: skip
    assert User.objects.filter(role="reception").exists()
    assert User.objects.filter(role="admin").exists()
    categories = dict(Diagnosis.objects.values_list("condition__category").annotate(n=Count("pk")))
    assert categories["neurological"] > categories["orthopaedic"] > 0
    statuses = set(RehabPlan.objects.values_list("status", flat=True))
    assert statuses == {"draft", "active", "on_hold", "completed", "discontinued"}
    attendance = set(TherapySession.objects.values_list("attendance", flat=True))
    assert attendance == {"scheduled", "attended", "cancelled", "no_show"}
    assert Stage.objects.filter(status="current").values("plan").distinct().count() >= 30


def test_assessments_improve_over_time(seeded):
    improved = followed = 0
    goals = Goal.objects.filter(plan__status="active", kind="improve").select_related("plan")
    for goal in goals:
        # "Unable to perform" (early stroke TUG) has no number and no progress: left out.
        results = [
            value
            for value in Assessment.objects.filter(
                patient=goal.plan.patient, measure=goal.measure_id
            )
            .order_by("assessed_at")
            .values_list("value", flat=True)
            if not measures.is_unable(value)
        ]
        if len(results) >= 3:
            followed += 1
            tool = measures.INSTRUMENTS[goal.measure_id]
            improved += tool.progress(goal.baseline, goal.target, results[-1]) > tool.progress(
                goal.baseline, goal.target, results[0]
            )
    assert followed >= 30
    assert improved / followed > 0.9


def test_the_demo_shows_maintenance_goals_and_deteriorations(seeded):
    from desk.presenters import goal_row

    maintain = Goal.objects.filter(kind="maintain", plan__status="active").select_related("plan")
    assert maintain.exists()
    labels = {
        goal_row(goal, Assessment.objects.results_for(goal.plan.patient_id)).progress_label
        for goal in maintain
    }
    assert labels & {"Maintained", "Not maintained"}, labels
    patients = Goal.objects.values_list("plan__patient_id", flat=True)
    assert Assessment.objects.deteriorations(patients)


def physician_sees(client, plan, url) -> str:
    client.force_login(plan.lead_physician)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_physician_sees_a_deterioration_of_an_active_plan(seeded, client):
    """On the dashboard and the patient's chart (issue 13's "done when")."""
    active = RehabPlan.objects.filter(status="active")
    flagged = Assessment.objects.deteriorations(active.values_list("patient_id", flat=True))
    assert flagged
    plan = active.get(patient_id=next(iter(flagged)))
    assert "data-deterioration" in physician_sees(client, plan, "/")
    chart = physician_sees(client, plan, f"/patients/{plan.patient_id}/")
    assert 'data-change="deteriorated"' in chart


def test_the_demo_shows_no_real_change(seeded):
    from desk.presenters import goal_row

    goals = Goal.objects.filter(plan__status="active", kind="improve").select_related("plan")
    labels = {
        goal_row(goal, Assessment.objects.results_for(goal.plan.patient_id)).progress_label
        for goal in goals
    }
    assert "No real change" in labels, labels


def test_early_stroke_patients_were_unable_to_perform_the_walking_test(seeded, client):
    unable = Assessment.objects.filter(measure__in=["TUG", "10MWT"], value=measures.UNABLE)
    assert unable.exists()
    assert not unable.filter(score__isnull=False).exists()
    plan = RehabPlan.objects.filter(
        status="active", patient_id__in=unable.values("patient_id")
    ).first()
    assert "Unable to perform" in physician_sees(client, plan, f"/patients/{plan.patient_id}/")


def test_a_plan_on_hold_has_its_dated_hold_and_nothing_on_held_days(seeded, client):
    held = RehabPlan.objects.filter(status="on_hold", holds__ends_on__isnull=True).distinct()
    assert held.exists()
    for plan in held:
        hold = plan.holds.get(ends_on__isnull=True)
        since = timezone.make_aware(datetime.combine(hold.starts_on, time()))
        assert not TherapySession.objects.filter(plan=plan, start__gte=since).exists()
        assert not Assessment.objects.filter(patient=plan.patient, assessed_at__gte=since).exists()
    page = physician_sees(client, held.first(), f"/plans/{held.first().pk}/")
    assert "Hospital admission" in page and "On hold" in page


def test_absences_are_coded_on_the_clinic_s_side_and_the_patient_s(seeded):
    missed = TherapySession.objects.filter(attendance__in=["cancelled", "no_show"])
    assert missed.exists() and not missed.filter(absence_code__isnull=True).exists()
    sides = {session.absence_side for session in missed}
    assert {"clinic", "patient"} <= sides


def test_a_stroke_plan_shows_intensity_per_active_day_against_its_target(seeded, client):
    plan = RehabPlan.objects.filter(
        status="active", template__daily_minutes_target__isnull=False
    ).first()
    assert plan is not None
    page = physician_sees(client, plan, f"/plans/{plan.pk}/")
    assert 'id="intensity"' in page
    assert "none published" not in page.split('id="intensity"')[1].split("</div>")[0]


def test_seeded_records_have_history(seeded):
    session = TherapySession.objects.first()
    assert session.history.exists()
    assert Patient.objects.first().history.exists()


def test_no_double_bookings_for_therapists_or_patients(seeded):
    for key in ("therapist_id", "patient_id"):
        previous_end = {}
        rows = TherapySession.objects.order_by(key, "start").values_list(key, "start", "minutes")
        for owner, start, minutes in rows:
            assert start >= previous_end.get(owner, start), (key, owner, start)
            previous_end[owner] = start + timedelta(minutes=minutes)


def test_therapist_days_end_in_working_hours(seeded):
    ends = [
        timezone.localtime(start + timedelta(minutes=minutes)).time()
        for start, minutes in TherapySession.objects.values_list("start", "minutes")
    ]
    assert max(ends) <= DAY_ENDS
    starts = [
        timezone.localtime(start).time()
        for start in TherapySession.objects.values_list("start", flat=True)
    ]
    assert min(starts) >= DAY_STARTS


def test_seed_demo_refuses_production(settings):
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=StringIO())


def test_signed_demo_notes_carry_what_they_were_signed_with(seeded):
    signed = TherapySession.objects.filter(signed_at__isnull=False).prefetch_related("techniques")
    assert signed.exists()
    for session in signed[:50]:
        names = sorted(technique.name for technique in session.techniques.all())
        assert sorted(session.signed_content["techniques"]) == names


def test_patients_were_registered_and_consented_before_their_plans_began(seeded):
    """Issue 14: the demo used to register and consent everyone at seeding time, months
    after their plans had started."""
    plans = RehabPlan.objects.select_related("patient", "diagnosis")
    assert plans.count() == 41
    for plan in plans:
        patient = plan.patient
        registered = timezone.localtime(patient.registered_at)
        consented = timezone.localtime(patient.consent_recorded_at)
        assert registered.date() <= plan.start_date, patient
        assert plan.diagnosis.onset_date < registered.date(), patient
        assert registered <= consented <= registered + timedelta(hours=1), patient
        if plan.activated_at:
            assert consented < plan.activated_at, patient
        first = patient.sessions.order_by("start").values_list("start", flat=True).first()
        if first:
            assert consented < first, patient


def test_goals_fit_each_condition(seeded):
    """Issue 14: every patient of a family had the same three goals. Now each condition has
    its own set, each goal measured, with a baseline and a target."""
    by_condition: dict[str, set[str]] = {}
    for icd10, text in Goal.objects.values_list("plan__diagnosis__condition__icd10", "text"):
        by_condition.setdefault(icd10, set()).add(text)
    assert len(by_condition) == 14
    # Different conditions, different goals: no two sets are the same...
    sets = {icd10: frozenset(texts) for icd10, texts in by_condition.items()}
    stroke = {"I63.9", "I61.9"}  # ischaemic stroke and haemorrhage share the stroke set
    assert len({texts for code, texts in sets.items() if code not in stroke}) == 12
    # ...and the orthopaedic ones speak of the body part, the neurological ones not of pain.
    assert any("Knee pain" in text for text in by_condition["M17.9"])
    assert any("Shoulder pain" in text for text in by_condition["M75.0"])
    assert any("Back pain" in text for text in by_condition["M54.5"])
    assert not any("pain" in text.lower() for text in by_condition["I63.9"])
    for goal in Goal.objects.all():
        assert goal.measure_id and goal.baseline and goal.target, goal.text
        assert goal.target_date > goal.set_on


def test_demo_walks_are_timed_with_their_aid(seeded):
    walks = Assessment.objects.filter(measure_id="10MWT").exclude(value=measures.UNABLE)
    assert walks.exists()
    for walk in walks:
        assert walk.walk_seconds is not None and walk.walking_aid
        assert walk.value == measures.walk_speed("10MWT", walk.walk_seconds)


def test_demo_goals_carry_gas_levels_reviews_and_priorities(seeded):
    """Issue 15: a few stroke plans with scaled goals, reviews over time and the patients'
    priorities in their own words, linked to the goals that serve them."""
    from plans.models import GasRating, PatientPriority

    scaled = Goal.objects.filter(gas_expected__isnull=False)
    assert scaled.count() >= 6
    assert all(goal.gas_baseline in (-2, -1) for goal in scaled)
    ratings = GasRating.objects.all()
    assert ratings.count() >= 6
    assert ratings.values("goal").distinct().count() < ratings.count()  # reviewed over time
    assert ratings.filter(level__lt=0).exists() and ratings.filter(level__gt=0).exists()
    texts = set(PatientPriority.objects.values_list("text", flat=True))
    assert {"To walk to the temple on my own.", "To cook for my grandchildren."} <= texts
    assert PatientPriority.objects.filter(goals__isnull=False).exists()


def test_demo_diagnoses_carry_their_baseline_severity(seeded):
    from patients.models import DiagnosisSeverity

    groups = dict(DiagnosisSeverity.objects.values_list("group").annotate(n=Count("pk")))
    assert groups == {"stroke": 16, "sci": 3, "tbi": 3}
    strokes = DiagnosisSeverity.objects.filter(group="stroke")
    assert strokes.filter(aphasia=True).exists() and strokes.filter(neglect=True).exists()
    assert not strokes.filter(nihss__isnull=True).exists()
    assert DiagnosisSeverity.objects.filter(neurological_level="T4", ais_grade="A").exists()
    severe = DiagnosisSeverity.objects.filter(group="tbi", gcs__lte=8).get()
    assert severe.tbi_severity == "Severe" and severe.pta_days is not None
    assert all(record.history.exists() for record in DiagnosisSeverity.objects.all())


def test_the_demo_records_the_neuro_instruments_and_one_self_harm_alert(seeded):
    """Issue 15: stroke patients with NIHSS, FMA-UE, ARAT, 6MWT and PHQ-9 over time, an SCI
    patient with SCIM III, and one PHQ-9 whose item 9 alerts the physician."""
    per_code = dict(Assessment.objects.values_list("measure_id").annotate(n=Count("pk")))
    for code in ("NIHSS", "FMA_UE", "ARAT", "6MWT", "PHQ9"):
        assert per_code.get(code) == 9, code  # three patients, three tests each
    assert per_code.get("SCIM") == 3
    alerts = Assessment.objects.self_harm_alerts()
    assert len(alerts) == 1 and alerts[0].items["item9"] == 1


# The demo's parts agree with each other (the review of issue 15 found a T4 dysreflexia
# text on a C6 patient, IDDSI 4 on a stroke without dysphagia, hip precautions on a knee).


def severity_of(patient):
    from patients.models import DiagnosisSeverity

    return DiagnosisSeverity.objects.get(diagnosis__patient=patient, diagnosis__is_primary=True)


def precautions(kind):
    from patients.precautions import Precaution

    return Precaution.objects.filter(kind=kind).select_related("patient")


def test_the_dysreflexia_precaution_is_on_the_cord_injury_at_t4(seeded):
    (precaution,) = precautions("autonomic_dysreflexia")
    record = severity_of(precaution.patient)
    assert record.neurological_level == "T4"
    assert f"SCI at T4 (AIS {record.ais_grade})" in precaution.details


def test_the_iddsi_4_and_blood_pressure_limit_are_on_a_stroke_with_dysphagia(seeded):
    (swallowing,) = precautions("swallowing")
    assert swallowing.iddsi_drink == 4 and swallowing.iddsi_food == 4
    record = severity_of(swallowing.patient)
    assert record.group == "stroke" and record.dysphagia
    (limits,) = precautions("exercise_limits")
    assert limits.patient == swallowing.patient and limits.stop_systolic_above


def test_the_hip_precautions_are_on_a_post_operative_hip(seeded):
    (hip,) = precautions("hip")
    plan = RehabPlan.objects.get(patient=hip.patient)
    assert plan.diagnosis.condition.icd10 == "Z50.1"  # post-fracture aftercare
    assert "hemiarthroplasty" in hip.details
    assert hip.until > timezone.localdate()  # still on the banner


def test_the_falls_risk_is_on_a_patient_with_a_low_berg(seeded):
    from domain.precautions import BERG_FALLS_CUTOFF

    (falls,) = precautions("falls")
    latest = (
        Assessment.objects.filter(patient=falls.patient, measure_id="BERG")
        .order_by("-assessed_at")
        .first()
    )
    assert int(latest.value) == falls.falls_value < BERG_FALLS_CUTOFF
    assert RehabPlan.objects.get(patient=falls.patient).status in ("active", "on_hold")


def test_the_self_harm_alert_reaches_the_demo_physician_of_a_plan_in_progress(seeded):
    (alert,) = Assessment.objects.self_harm_alerts()
    plan = RehabPlan.objects.get(patient=alert.patient)
    assert plan.status == "active" and plan.lead_physician.username == "dr.mehta"


def test_aphasic_stroke_plans_have_speech_therapy_in_every_stage(seeded):
    """The baseline severity is recorded before the plan, and its problems shape it."""
    from patients.models import DiagnosisSeverity

    aphasic = DiagnosisSeverity.objects.filter(group="stroke", aphasia=True)
    plans = RehabPlan.objects.filter(diagnosis__severity__in=aphasic).prefetch_related(
        "stages__allocations"
    )
    assert plans.exists()
    for plan in plans:
        assert "speech" in plan.triage_problems
        for stage in plan.stages.all():
            assert "SLT" in {a.discipline_id for a in stage.allocations.all()}, stage.name
    # Without aphasia (nor dysphagia) the stroke template's chronic stage has no SLT.
    plain = RehabPlan.objects.filter(
        diagnosis__severity__group="stroke",
        diagnosis__severity__aphasia=False,
        diagnosis__severity__dysphagia=False,
        stages__name="Chronic",
    ).first()
    chronic = plain.stages.get(name="Chronic")
    assert "SLT" not in set(chronic.allocations.values_list("discipline_id", flat=True))


def test_the_nihss_series_starts_from_the_admission_nihss(seeded):
    patients = Assessment.objects.filter(measure_id="NIHSS").values("patient").distinct()
    assert patients.count() == 3
    for patient in Patient.objects.filter(pk__in=patients):
        record = severity_of(patient)
        series = list(
            Assessment.objects.filter(patient=patient, measure_id="NIHSS").order_by("assessed_at")
        )
        assert int(series[0].value) == record.nihss
        assert timezone.localtime(series[0].assessed_at).date() == record.assessed_on
        values = [int(result.value) for result in series]
        assert values == sorted(values, reverse=True) and values[-1] < values[0]
