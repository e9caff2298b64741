from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from simple_history.models import HistoricalRecords

from staff.roles import Role


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A member of the clinic's staff. The role decides what they may do.

    The role is the single source of truth: ``is_staff`` and ``is_superuser`` (the Django
    admin's switches) follow it, so only administrators reach the admin site.
    """

    role = models.CharField(max_length=16, choices=Role.choices)
    discipline = models.ForeignKey(
        "reference.Discipline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="therapists",
        help_text="Therapists only.",
    )
    registration_number = models.CharField(
        max_length=40, blank=True, help_text="Professional council registration."
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(role=Role.THERAPIST, discipline__isnull=False)
                | (~models.Q(role=Role.THERAPIST) & models.Q(discipline__isnull=True)),
                name="user_discipline_iff_therapist",
                violation_error_message="Therapists need a discipline; other roles have none.",
            ),
            # Only administrators reach the Django admin, whatever path wrote the row.
            models.CheckConstraint(
                condition=models.Q(role=Role.ADMIN, is_staff=True, is_superuser=True)
                | (~models.Q(role=Role.ADMIN) & models.Q(is_staff=False, is_superuser=False)),
                name="user_admin_flags_follow_role",
            ),
        ]

    def __str__(self) -> str:
        name = self.get_full_name() or self.username
        if self.role == Role.PHYSICIAN:
            return f"Dr {name}"
        if self.role == Role.THERAPIST and self.discipline_id:
            return f"{name} ({self.discipline_id})"
        return name

    def save(self, *args, **kwargs):
        self.is_staff = self.is_superuser = self.role == Role.ADMIN
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "role" in update_fields:
            kwargs["update_fields"] = {*update_fields, "is_staff", "is_superuser"}
        super().save(*args, **kwargs)

    @property
    def is_physician(self) -> bool:
        return self.role == Role.PHYSICIAN

    @property
    def is_therapist(self) -> bool:
        return self.role == Role.THERAPIST
