from django.urls import path

from plans import schedule_views
from plans import session_views as views

urlpatterns = [
    path("<int:pk>/", views.session_detail, name="session_detail"),
    path("<int:pk>/log/", views.session_log, name="session_log"),
    path("<int:pk>/sign/", views.session_sign, name="session_sign"),
    path("<int:pk>/addenda/", views.session_addendum, name="session_addendum"),
    path("therapist/<int:user_pk>/", schedule_views.therapist_week, name="therapist_week"),
]
