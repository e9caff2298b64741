from django.urls import path

from patients import views

urlpatterns = [
    path("", views.registry, name="patient_registry"),
    path("new/", views.register, name="patient_register"),
    path("<int:pk>/", views.detail, name="patient_detail"),
    path("<int:pk>/edit/", views.edit, name="patient_edit"),
    path("<int:pk>/archive/", views.archive, name="patient_archive"),
    path("<int:pk>/restore/", views.restore, name="patient_restore"),
]
