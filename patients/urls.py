from django.urls import path

from patients import views
from plans import schedule_views, session_views
from plans import views as plan_views

urlpatterns = [
    path("", views.registry, name="patient_registry"),
    path("new/", views.register, name="patient_register"),
    path("<int:pk>/", views.detail, name="patient_detail"),
    path("<int:pk>/edit/", views.edit, name="patient_edit"),
    path("<int:pk>/archive/", views.archive, name="patient_archive"),
    path("<int:pk>/restore/", views.restore, name="patient_restore"),
    path("<int:pk>/diagnoses/new/", views.diagnosis_new, name="patient_diagnosis_new"),
    path("<int:pk>/care-team/", views.care_team, name="patient_care_team"),
    path(
        "<int:pk>/care-team/<int:member_pk>/end/",
        views.care_team_end,
        name="patient_care_team_end",
    ),
    path("<int:patient_pk>/triage/", plan_views.triage_page, name="plan_triage"),
    path("<int:patient_pk>/schedule/", schedule_views.patient_week, name="patient_week"),
    path(
        "<int:patient_pk>/assessments/new/<str:code>/",
        session_views.assessment_new,
        name="assessment_new",
    ),
    path("<int:patient_pk>/plans/new/", plan_views.start_plan, name="plan_start"),
]
