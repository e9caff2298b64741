from django.urls import path

from plans import views

urlpatterns = [
    path("patients/<int:patient_pk>/triage/", views.triage_page, name="plan_triage"),
    path("patients/<int:patient_pk>/plans/new/", views.start_plan, name="plan_start"),
    path("plans/<int:pk>/stages/<int:stage_pk>/edit/", views.stage_edit, name="plan_stage_edit"),
    path("plans/<int:pk>/goals/new/", views.goal_edit, name="plan_goal_new"),
    path("plans/<int:pk>/goals/<int:goal_pk>/edit/", views.goal_edit, name="plan_goal_edit"),
    path("plans/<int:pk>/activate/", views.activate, name="plan_activate"),
    path("plans/<int:pk>/holds/new/", views.hold_new, name="plan_hold_new"),
    path("plans/<int:pk>/holds/<int:hold_pk>/end/", views.hold_end, name="plan_hold_end"),
    path("plans/<int:pk>/goals/<int:goal_pk>/rate/", views.goal_rate, name="plan_goal_rate"),
    path("plans/<int:pk>/priorities/new/", views.priority_edit, name="plan_priority_new"),
    path(
        "plans/<int:pk>/priorities/<int:priority_pk>/edit/",
        views.priority_edit,
        name="plan_priority_edit",
    ),
    path(
        "plans/<int:pk>/priorities/<int:priority_pk>/retire/",
        views.priority_retire,
        name="plan_priority_retire",
    ),
]
