from django.urls import path

from plans import views

urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/stages/<int:stage_pk>/edit/", views.stage_edit, name="plan_stage_edit"),
    path("<int:pk>/goals/new/", views.goal_edit, name="plan_goal_new"),
    path("<int:pk>/goals/new/baseline/", views.goal_baseline, name="plan_goal_baseline"),
    path("<int:pk>/goals/<int:goal_pk>/edit/", views.goal_edit, name="plan_goal_edit"),
    path("<int:pk>/activate/", views.activate, name="plan_activate"),
    path("<int:pk>/advance/", views.advance, name="plan_advance"),
]
