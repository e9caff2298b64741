from django.urls import path

from audit import views

urlpatterns = [
    path("<int:pk>/history/", views.history, name="patient_history"),
    path("<int:pk>/access-log/", views.access_log, name="patient_access_log"),
]
