from pathlib import Path

from django.conf import settings

from staff.permissions import PERMISSIONS, Action, Scope, permissions_markdown
from staff.roles import Role


def test_docs_permissions_md_is_generated_from_the_table():
    committed = (Path(settings.BASE_DIR) / "docs" / "permissions.md").read_text()
    assert committed == permissions_markdown(), "run: make permissions-doc"


def test_every_role_has_every_action():
    assert set(PERMISSIONS) == set(Role)
    for role, actions in PERMISSIONS.items():
        assert set(actions) == set(Action), role


def test_table_matches_design_md():
    """The clinic's "who may do what", cell by cell where it is explicit."""
    table = PERMISSIONS
    assert table[Role.RECEPTION][Action.PLAN_READ] is Scope.NONE
    assert table[Role.RECEPTION][Action.NOTES_READ] is Scope.NONE
    assert table[Role.PHYSICIAN][Action.SESSION_LOG] is Scope.NONE
    assert table[Role.THERAPIST][Action.PATIENT_READ] is Scope.CARE_TEAM
    assert table[Role.THERAPIST][Action.SESSION_SCHEDULE] is Scope.OWN_DISCIPLINE
    assert table[Role.THERAPIST][Action.SESSION_LOG] is Scope.OWN
    assert [role for role in Role if table[role][Action.ADMIN_SITE] is not Scope.NONE] == [
        Role.ADMIN
    ]
    assert table[Role.ADMIN][Action.ASSESSMENT_RECORD] is Scope.NONE
