from django.urls import path

from patients import precaution_views, views

urlpatterns = [
    path("", views.registry, name="patient_registry"),
    path("new/", views.register, name="patient_register"),
    path("<int:pk>/edit/", views.edit, name="patient_edit"),
    path("<int:pk>/archive/", views.archive, name="patient_archive"),
    path("<int:pk>/restore/", views.restore, name="patient_restore"),
    path("<int:pk>/diagnoses/new/", views.diagnosis_new, name="patient_diagnosis_new"),
    path(
        "<int:pk>/diagnoses/<int:diagnosis_pk>/edit/",
        views.diagnosis_edit,
        name="patient_diagnosis_edit",
    ),
    path(
        "<int:pk>/diagnoses/<int:diagnosis_pk>/resolve/",
        views.diagnosis_resolve,
        name="patient_diagnosis_resolve",
    ),
    path(
        "<int:pk>/diagnoses/<int:diagnosis_pk>/entered-in-error/",
        views.diagnosis_entered_in_error,
        name="patient_diagnosis_error",
    ),
    path(
        "<int:pk>/diagnoses/<int:diagnosis_pk>/primary/",
        views.diagnosis_make_primary,
        name="patient_diagnosis_primary",
    ),
    path(
        "<int:pk>/diagnoses/<int:diagnosis_pk>/severity/",
        views.diagnosis_severity,
        name="patient_diagnosis_severity",
    ),
    path("<int:pk>/precautions/new/", precaution_views.precaution_new, name="precaution_new"),
    path(
        "<int:pk>/precautions/<int:precaution_pk>/edit/",
        precaution_views.precaution_edit,
        name="precaution_edit",
    ),
    path(
        "<int:pk>/precautions/<int:precaution_pk>/end/",
        precaution_views.precaution_end,
        name="precaution_end",
    ),
    path("<int:pk>/care-team/", views.care_team, name="patient_care_team"),
    path("<int:pk>/care-team/setup/", views.care_team_setup, name="patient_care_team_setup"),
    path(
        "<int:pk>/care-team/<int:member_pk>/end/",
        views.care_team_end,
        name="patient_care_team_end",
    ),
]
