from django.urls import path

from patients import views

urlpatterns = [
    path("", views.registry, name="patient_registry"),
    path("new/", views.register, name="patient_register"),
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
]
