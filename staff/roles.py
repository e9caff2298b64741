from django.db import models


class Role(models.TextChoices):
    PHYSICIAN = "physician", "Rehab physician"
    THERAPIST = "therapist", "Therapist"
    RECEPTION = "reception", "Reception"
    ADMIN = "admin", "Administrator"
