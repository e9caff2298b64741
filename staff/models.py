from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from rehabana.dates import day_text
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


class LeaveReason(models.TextChoices):
    ANNUAL = "annual", "Annual leave"
    SICK = "sick", "Sick leave"
    TRAINING = "training", "Training or conference"
    PERSONAL = "personal", "Personal or family"
    OTHER = "other", "Other"


class LeaveQuerySet(models.QuerySet):
    def overlapping(self, first_day, last_day):
        """Leave that covers any day of ``first_day`` … ``last_day`` (both included)."""
        return self.filter(starts_on__lte=last_day, ends_on__gte=first_day)


class Leave(models.Model):
    """A therapist's absence, whole days from ``starts_on`` to ``ends_on`` (both included).

    Staff data, not clinical: it names no patient. The sessions it empties are delivery's
    (``desk.reception.cover``), moved with the delivery services.
    """

    therapist = models.ForeignKey(User, on_delete=models.PROTECT, related_name="leave")
    starts_on = models.DateField("from")
    ends_on = models.DateField("until", help_text="The last day of the absence (included).")
    reason = models.CharField(max_length=10, choices=LeaveReason.choices)
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = LeaveQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name_plural = "leave"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="leave_ends_after_it_starts",
                violation_error_message="Leave ends on or after the day it starts.",
            ),
            models.CheckConstraint(
                condition=models.Q(reason__in=LeaveReason.values), name="leave_reason_valid"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.therapist}: {self.get_reason_display().lower()}, "
            f"{day_text(self.starts_on)}–{day_text(self.ends_on)}"
        )

    def clean(self) -> None:
        super().clean()
        if self.therapist_id and not self.therapist.is_therapist:
            raise ValidationError({"therapist": "Leave is recorded for therapists."})
        if self.reason == LeaveReason.OTHER and not self.note.strip():
            raise ValidationError({"note": "Say what the absence is for."})
        if self.therapist_id and self.starts_on and self.ends_on:
            if self.ends_on < self.starts_on:
                raise ValidationError({"ends_on": "Leave ends on or after the day it starts."})
            earlier = (
                Leave.objects.filter(therapist_id=self.therapist_id)
                .overlapping(self.starts_on, self.ends_on)
                .exclude(pk=self.pk)
                .first()
            )
            if earlier is not None:
                raise ValidationError(f"This overlaps leave already recorded: {earlier}.")
