import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.triage import APPROACH_STRENGTH, PROBLEMS, triage


@pytest.mark.parametrize(
    ("problems", "approach", "disciplines"),
    [
        ({"pain_stiffness"}, "physio", {"PT"}),
        ({"mobility"}, "physio", {"PT"}),
        ({"neuro_weakness"}, "neuro", {"NEURO"}),
        ({"speech"}, "team", {"SLT", "PSY"}),
        ({"swallowing"}, "team", {"SLT", "OT"}),
        ({"hand_function"}, "team", {"OT", "PT"}),
        ({"memory"}, "team", {"PSY", "OT", "SLT"}),
        ({"balance"}, "team", {"PT", "OT"}),
        ({"independence"}, "ot", {"OT", "PT"}),
        ({"mood"}, "team", {"PSY", "OT"}),
        ({"neglect_vision"}, "ot", {"OT", "PT"}),
        ({"continence"}, "team", {"OT", "PT"}),
        ({"fatigue"}, "team", {"OT", "PT"}),
        ({"spasticity"}, "neuro", {"NEURO", "PT"}),
    ],
)
def test_each_rule_alone(problems, approach, disciplines):
    result = triage(problems)
    assert result.approach == approach
    assert result.disciplines == disciplines
    assert set(result.reasons) == disciplines
    assert all(result.reasons[d] for d in disciplines)


@pytest.mark.parametrize(
    ("problems", "disciplines"),
    [
        ({"hand_function"}, {"OT", "NEURO"}),
        ({"balance"}, {"NEURO", "OT"}),
        ({"neglect_vision"}, {"OT", "NEURO"}),
    ],
)
def test_after_a_neurological_condition_movement_work_is_neuro_physiotherapy(problems, disciplines):
    result = triage(problems, "neurological")
    assert result.approach == "team"
    assert result.disciplines == disciplines


def test_memory_is_treated_by_psychology_ot_and_speech_therapy():
    """Cognition is not psychology's alone: OT works on it in daily tasks, SLT on
    cognitive-communication (RCP 2023)."""
    assert triage({"memory"}).disciplines == {"PSY", "OT", "SLT"}


def test_new_problem_codes_are_in_the_triage_form():
    from plans.forms import TriageForm

    offered = {code for code, _ in TriageForm.base_fields["also_affected"].choices}
    assert {"mood", "neglect_vision", "continence", "fatigue", "spasticity"} <= offered
    main = {code for code, _ in TriageForm.base_fields["main_problem"].choices}
    assert offered | main == set(PROBLEMS)


def test_a_neuro_diagnosis_alone_needs_neuro_rehab():
    result = triage(set(), "neurological", neuro_diagnosis=True)
    assert result.approach == "neuro" and result.disciplines == {"NEURO"}
    assert "Diagnosed stroke" in result.reasons["NEURO"][0]


def test_balance_after_a_neurological_condition_goes_to_neuro_physio():
    assert triage({"balance"}, "neurological").disciplines == {"NEURO", "OT"}
    assert triage({"balance"}, "orthopaedic").disciplines == {"PT", "OT"}


def test_the_strongest_approach_wins_and_disciplines_unite():
    result = triage({"pain_stiffness", "independence", "speech"})
    assert result.approach == "team"
    assert result.disciplines == {"PT", "OT", "SLT", "PSY"}
    assert len(result.reasons["PT"]) == 2  # pain, and physio alongside OT


def test_stroke_with_typical_problems():
    result = triage(
        {"neuro_weakness", "mobility", "independence", "speech", "swallowing", "balance"},
        "neurological",
        neuro_diagnosis=True,
    )
    assert result.approach == "team"
    assert result.disciplines == {"PT", "OT", "NEURO", "SLT", "PSY"}
    assert len(result.reasons["SLT"]) == 2


def test_neuro_beats_ot_led():
    assert triage({"independence", "neuro_weakness"}).approach == "neuro"


def test_orthopaedic_condition_without_problems_is_physio_led():
    result = triage(set(), "orthopaedic")
    assert result.approach == "physio" and result.disciplines == {"PT"}


def test_nothing_known_starts_with_a_physio_assessment():
    assert triage(set()).disciplines == {"PT"}


def test_unknown_codes_are_refused():
    with pytest.raises(ValueError, match="headache"):
        triage({"headache", "pain_stiffness"})


@given(st.sets(st.sampled_from(sorted(PROBLEMS))), st.booleans())
def test_adding_a_problem_never_weakens_the_approach(problems, neuro):
    base = triage(problems, neuro_diagnosis=neuro)
    for extra in PROBLEMS:
        more = triage(problems | {extra}, neuro_diagnosis=neuro)
        assert APPROACH_STRENGTH[more.approach] >= APPROACH_STRENGTH[base.approach]
        if problems or neuro:  # not the "start with a physio assessment" default
            assert more.disciplines >= base.disciplines


@given(st.sets(st.sampled_from(sorted(PROBLEMS))), st.sampled_from([None, "neurological",
       "orthopaedic"]), st.booleans())  # fmt: skip
def test_a_team_approach_always_names_at_least_two_disciplines(problems, category, neuro):
    result = triage(problems, category, neuro_diagnosis=neuro)
    if result.approach == "team":
        assert len(result.disciplines) >= 2, (problems, result)
    assert set(result.reasons) == result.disciplines
