from django.urls import path

from desk import home, reception_views, views

urlpatterns = [
    path("", home.home, name="home"),
    path("clinic/", views.clinic_overview, name="clinic_overview"),
    path("patients/<int:pk>/", views.patient_chart, name="patient_detail"),
    path("patients/<int:pk>/history/", views.history, name="patient_history"),
    path("patients/<int:pk>/access-log/", views.access_log, name="patient_access_log"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/advance/", views.advance, name="plan_advance"),
    path("desk/day/", reception_views.day, name="reception_day"),
    path("desk/reminders/", reception_views.reminders, name="reception_reminders"),
    path("desk/leave/", reception_views.leave_list, name="therapist_leave"),
    path("desk/leave/<int:pk>/", reception_views.leave_detail, name="therapist_leave_detail"),
    path(
        "plans/<int:pk>/goals/<int:goal_pk>/achieved/",
        views.goal_achieved,
        name="plan_goal_achieved",
    ),
]
