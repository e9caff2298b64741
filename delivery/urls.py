from django.urls import path

from delivery import booking_views, schedule_views, views

urlpatterns = [
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/log/", views.session_log, name="session_log"),
    path(
        "sessions/<int:pk>/acknowledge/",
        views.session_acknowledge,
        name="session_acknowledge",
    ),
    path("sessions/<int:pk>/sign/", views.session_sign, name="session_sign"),
    path("sessions/<int:pk>/draft/", views.session_draft, name="session_draft"),
    path("sessions/<int:pk>/addenda/", views.session_addendum, name="session_addendum"),
    path("sessions/<int:pk>/cancel/", booking_views.session_cancel, name="session_cancel"),
    path(
        "sessions/<int:pk>/reschedule/",
        booking_views.session_reschedule,
        name="session_reschedule",
    ),
    path("sessions/<int:pk>/check-in/", booking_views.session_check_in, name="session_check_in"),
    path(
        "sessions/therapist/<int:user_pk>/",
        schedule_views.therapist_week,
        name="therapist_week",
    ),
    path("patients/<int:patient_pk>/schedule/", schedule_views.patient_week, name="patient_week"),
    path(
        "patients/<int:patient_pk>/assessments/new/<str:code>/",
        views.assessment_new,
        name="assessment_new",
    ),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/correct/", views.assessment_correct, name="assessment_correct"),
    path(
        "assessments/<int:pk>/self-harm-review/",
        views.self_harm_review,
        name="assessment_self_harm_review",
    ),
    # The goal form's baseline comes from the latest result: a read of delivery's records.
    path("plans/<int:pk>/goals/new/baseline/", views.goal_baseline, name="plan_goal_baseline"),
]
