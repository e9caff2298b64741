import re
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from simple_history.models import HistoricalRecords

# The access log lives in its own module; importing it registers the model with the app.
from domain import phases, severity
from patients.access_log import AccessKind, AccessRecord  # noqa: F401

# Precautions live in their own module with their services; importing registers them.
from patients.precautions import Precaution, PrecautionAcknowledgement  # noqa: F401
from patients.records import ClinicalQuerySet, NoHardDeleteMixin, VersionedMixin, today
from rehabana import phones
from rehabana.dates import day_text
from rehabana.text import ADDRESS_MAX_CHARS, note_field
from staff.permissions import Action

MRN_PREFIX = "RH"
MRN_DIGITS = 6

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{6,18}[0-9]$",
    "Enter a phone number of 8 to 20 digits; spaces, dashes and a leading + are allowed.",
)
abha_validator = RegexValidator(
    r"^[0-9]{14}$", "An ABHA number has exactly 14 digits (dashes and spaces are ignored)."
)


def normalise_phone(raw: str) -> str:
    """E.164 for a valid number, read in the clinic's region when it has no country code
    (so '98311 22334', '098311 22334' and '+91 98311 22334' are one number); what cannot be
    parsed keeps its digits and a leading + (``rehabana.phones.normalise``)."""
    return phones.normalise(raw)


INVALID_PHONE = "Enter a valid phone number, e.g. 98311 22334 or +91 98311 22334."


class Sex(models.TextChoices):
    # FHIR administrative gender, so the R4 export maps one to one.
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    HINDI = "hi", "Hindi"
    MARATHI = "mr", "Marathi"
    GUJARATI = "gu", "Gujarati"
    BENGALI = "bn", "Bengali"
    TAMIL = "ta", "Tamil"
    TELUGU = "te", "Telugu"
    KANNADA = "kn", "Kannada"
    MALAYALAM = "ml", "Malayalam"
    PUNJABI = "pa", "Punjabi"
    URDU = "ur", "Urdu"
    ODIA = "or", "Odia"
    OTHER = "other", "Other"


class PatientQuerySet(ClinicalQuerySet):
    patient_lookup = "pk"

    def active(self):
        return self.filter(archived_at__isnull=True)

    def search(self, text: str):
        """By MRN, name or phone; every word must match somewhere.

        A word of digits matches phone numbers (and MRNs typed without their prefix);
        any other word matches a name or a whole MRN.
        """
        query = self
        # A number typed in full, in any form ("098311 22334", "+91 98311 22334"): the one
        # stored in E.164.
        for match in phones.PHONE_LIKE.finditer(text):
            number = phones.to_e164(match.group())
            if number is not None:
                query = query.filter(phone=number)
                text = text.replace(match.group(), " ", 1)
        for word in text.split()[:6]:
            if re.fullmatch(r"\+?[0-9-]+", word):
                # Part of a number: its digits, without the trunk 0 ("09831" finds +919831…).
                digits = re.sub(r"\D", "", word)
                condition = models.Q(phone__contains=digits.lstrip("0") or digits) | models.Q(
                    mrn__endswith=digits
                )
            else:
                condition = (
                    models.Q(mrn__iexact=word)
                    | models.Q(given_name__icontains=word)
                    | models.Q(family_name__icontains=word)
                )
            query = query.filter(condition)
        return query

    def same_contact(self, *, phone: str, date_of_birth, exclude_pk=None):
        """Possible duplicates: the same phone number and date of birth."""
        return self.filter(phone=normalise_phone(phone), date_of_birth=date_of_birth).exclude(
            pk=exclude_pk
        )


class Patient(VersionedMixin, NoHardDeleteMixin, models.Model):
    mrn = models.CharField("MRN", max_length=12, unique=True, editable=False)
    given_name = models.CharField(max_length=80)
    family_name = models.CharField(max_length=80)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=10, choices=Sex.choices)
    phone = models.CharField(max_length=20, validators=[phone_validator])
    address = note_field(blank=True, max_length=ADDRESS_MAX_CHARS)
    emergency_contact_name = models.CharField(max_length=120, blank=True)
    emergency_contact_phone = models.CharField(
        max_length=20, blank=True, validators=[phone_validator]
    )
    preferred_language = models.CharField(
        max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    abha_number = models.CharField(
        "ABHA number",
        max_length=14,
        blank=True,
        validators=[abha_validator],
        help_text="Ayushman Bharat Health Account number, 14 digits (optional).",
    )
    consent_recorded_at = models.DateTimeField(
        null=True, blank=True, help_text="When the patient's consent to treatment was recorded."
    )
    registered_at = models.DateTimeField(default=timezone.now, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    archive_reason = models.CharField(max_length=200, blank=True)
    # Optimistic locking for demographics edits (see records.save_if_current).
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    objects = PatientQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        ordering = ["family_name", "given_name", "mrn"]
        indexes = [
            models.Index(fields=["family_name", "given_name"], name="patient_name_idx"),
            models.Index(fields=["phone", "date_of_birth"], name="patient_contact_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["abha_number"],
                condition=~models.Q(abha_number=""),
                name="patient_abha_unique",
                violation_error_message=(
                    "This ABHA number is already registered to another patient."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(abha_number="") | models.Q(Exact(Length("abha_number"), 14)),
                name="patient_abha_length",
            ),
            models.CheckConstraint(
                condition=models.Q(sex__in=Sex.values), name="patient_sex_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(given_name="") & ~models.Q(family_name=""),
                name="patient_name_required",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.mrn})"

    def save(self, *args, **kwargs):
        self.phone = normalise_phone(self.phone)
        if self.emergency_contact_phone:
            self.emergency_contact_phone = normalise_phone(self.emergency_contact_phone)
        self.abha_number = re.sub(r"[\s-]", "", self.abha_number)
        if self.mrn:
            return super().save(*args, **kwargs)
        # The next number after the highest issued; a concurrent registration that takes
        # the same number loses the unique constraint and retries with the next one.
        for _attempt in range(5):
            self.mrn = self._next_mrn()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not Patient.objects.filter(mrn=self.mrn).exists():
                    self.mrn = ""
                    raise
        self.mrn = ""
        raise IntegrityError("Could not allocate a medical record number; try again.")

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def age(self, on=None) -> int:
        on = on or today()
        born = self.date_of_birth
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def clean(self) -> None:
        super().clean()
        if self.date_of_birth and self.date_of_birth > today():
            raise ValidationError({"date_of_birth": "The date of birth is in the future."})
        if self.date_of_birth and self.date_of_birth.year < 1900:
            raise ValidationError({"date_of_birth": "Check the year of birth."})
        errors = {
            name: INVALID_PHONE
            for name in ("phone", "emergency_contact_phone")
            if getattr(self, name) and phones.to_e164(getattr(self, name)) is None
        }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def _next_mrn(cls) -> str:
        last = (
            cls.objects.filter(mrn__startswith=MRN_PREFIX)
            .annotate(width=Length("mrn"))
            .filter(width=len(MRN_PREFIX) + MRN_DIGITS)
            .order_by("-mrn")
            .values_list("mrn", flat=True)
            .first()
        )
        number = int(last[len(MRN_PREFIX) :]) + 1 if last else 1
        return f"{MRN_PREFIX}{number:0{MRN_DIGITS}d}"

    def archive(self, *, reason: str) -> None:
        self.archived_at = timezone.now()
        self.archive_reason = reason
        self.save(update_fields=["archived_at", "archive_reason"])

    def restore(self) -> None:
        self.archived_at = None
        self.archive_reason = ""
        self.save(update_fields=["archived_at", "archive_reason"])


class DiagnosisStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    RESOLVED = "resolved", "Resolved"
    ENTERED_IN_ERROR = "entered_in_error", "Entered in error"


class DiagnosisQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)

    def valid(self):
        """Diagnoses that stand: not entered in error (a plan starts only from these)."""
        return self.exclude(status=DiagnosisStatus.ENTERED_IN_ERROR)


class Diagnosis(NoHardDeleteMixin, models.Model):
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="diagnoses")
    condition = models.ForeignKey(
        "reference.Condition", on_delete=models.PROTECT, related_name="diagnoses"
    )
    onset_date = models.DateField()
    onset_time = models.TimeField(
        null=True, blank=True, help_text="If known; it decides the hyperacute and acute phases."
    )
    # Whether the onset time is known. Nullable without a default, so adding it does not
    # rebuild the table (the history table's append-only trigger stays): NULL on rows
    # recorded before it, read from the time itself (a stored time is known).
    onset_time_known = models.BooleanField(null=True, blank=True, editable=False)
    is_primary = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=DiagnosisStatus.choices, default=DiagnosisStatus.ACTIVE
    )
    notes = note_field(blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    # Nullable with no default, so adding them rebuilds no table (the history table's
    # append-only trigger stays). Set through patients/diagnoses.py.
    resolved_on = models.DateField(
        null=True, blank=True, editable=False, help_text="The day the condition resolved."
    )
    error_reason = models.CharField(  # noqa: DJ001 - NULL: not entered in error (no rebuild)
        max_length=200, null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    objects = DiagnosisQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        verbose_name_plural = "diagnoses"
        ordering = ["-is_primary", "-onset_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"],
                condition=models.Q(is_primary=True)
                & ~models.Q(status=DiagnosisStatus.ENTERED_IN_ERROR),
                name="diagnosis_one_primary_per_patient",
                violation_error_message="The patient already has a primary diagnosis.",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DiagnosisStatus.values),
                name="diagnosis_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.condition.name}, onset {day_text(self.onset_date)}"

    def save(self, *args, **kwargs):
        self.onset_time_known = self.onset_time is not None
        super().save(*args, **kwargs)

    @property
    def severity_group(self) -> str | None:
        """Stroke, cord injury or brain injury: the group whose baseline severity it has."""
        return severity.group_for_icd10(self.condition.icd10)

    @property
    def severity_record(self) -> "DiagnosisSeverity | None":
        """Its baseline severity row, whether or not it still fits the condition."""
        try:
            return self.severity
        except ObjectDoesNotExist:
            return None

    @property
    def baseline_severity(self) -> "DiagnosisSeverity | None":
        """Its baseline severity, or None; also None when the diagnosis was corrected to a
        condition the record does not describe (``outdated_severity``). Read it with
        ``select_related("severity")``."""
        record = self.severity_record
        return record if record is not None and record.fits(self) else None

    @property
    def outdated_severity(self) -> "DiagnosisSeverity | None":
        """The record left behind by a correction of the condition, to be recorded again."""
        record = self.severity_record
        return record if record is not None and not record.fits(self) else None

    @property
    def onset_time_is_known(self) -> bool:
        return self.onset_time is not None and self.onset_time_known is not False

    @property
    def onset(self):
        """The effective onset, aware in clinic time. A date-only onset is read as the
        latest minute of that day (``domain.phases.onset_moment``), so a phase never looks
        later than it could be."""
        return phases.onset_moment(
            self.onset_date,
            self.onset_time if self.onset_time_is_known else None,
            timezone.get_current_timezone(),
        )

    def clean(self) -> None:
        super().clean()
        if self.onset_date and self.onset_date > today():
            raise ValidationError({"onset_date": "The onset date is in the future."})
        if (
            self.onset_date == today()
            and self.onset_time
            and timezone.make_aware(datetime.combine(self.onset_date, self.onset_time))
            > timezone.now()
        ):
            raise ValidationError({"onset_time": "The onset time is later than now."})
        if self.onset_date and self.patient_id and self.onset_date < self.patient.date_of_birth:
            raise ValidationError({"onset_date": "The onset date is before the patient's birth."})
        if self.status == DiagnosisStatus.RESOLVED:
            if self.resolved_on is None:
                raise ValidationError({"resolved_on": "Give the day the condition resolved."})
            if self.resolved_on > today():
                raise ValidationError({"resolved_on": "The day it resolved is in the future."})
            if self.onset_date and self.resolved_on < self.onset_date:
                raise ValidationError({"resolved_on": "The day it resolved is before the onset."})
        if (
            self.status == DiagnosisStatus.ENTERED_IN_ERROR
            and not (self.error_reason or "").strip()
        ):
            raise ValidationError({"error_reason": "Say why the diagnosis was entered in error."})


def _choices(codes: dict[str, str]) -> list[tuple[str, str]]:
    return list(codes.items())


class SeverityGroup(models.TextChoices):
    STROKE = severity.STROKE, severity.GROUPS[severity.STROKE]
    SCI = severity.SCI, severity.GROUPS[severity.SCI]
    TBI = severity.TBI, severity.GROUPS[severity.TBI]


class SeverityQuerySet(ClinicalQuerySet):
    read_actions = (Action.PLAN_READ,)
    patient_lookup = "diagnosis__patient"


# Each group's own fields: the others stay empty (a constraint holds it).
SEVERITY_FIELDS: dict[str, tuple[str, ...]] = {
    severity.STROKE: (
        "stroke_type", "side", "ocsp", "nihss", "prestroke_mrs", "aphasia", "neglect", "dysphagia",
    ),
    severity.SCI: ("neurological_level", "ais_grade"),
    severity.TBI: ("gcs", "pta_days"),
}  # fmt: skip


class DiagnosisSeverity(NoHardDeleteMixin, models.Model):
    """The baseline severity of a stroke, spinal cord injury or brain injury diagnosis, as
    the physician found it at admission. Its own table (one row per diagnosis) so the
    diagnosis table is not rebuilt; every change is a history version with its reason.
    The figures' sources are in ``domain/severity.py``."""

    diagnosis = models.OneToOneField(
        Diagnosis, on_delete=models.PROTECT, related_name="severity", editable=False
    )
    group = models.CharField(max_length=10, choices=SeverityGroup.choices, editable=False)
    assessed_on = models.DateField(help_text="The day of the baseline assessment (admission).")
    # Stroke. Empty (NULL) where not recorded: new columns never rebuild the table.
    stroke_type = models.CharField(  # noqa: DJ001 - NULL: not recorded, other groups
        max_length=20, choices=_choices(severity.STROKE_TYPES), null=True, blank=True
    )
    side = models.CharField(  # noqa: DJ001
        "side of the lesion", max_length=10, choices=_choices(severity.SIDES), null=True,
        blank=True,
    )  # fmt: skip
    ocsp = models.CharField(  # noqa: DJ001
        "territory (Oxfordshire classification)",
        max_length=4, choices=_choices(severity.OCSP), null=True, blank=True,
    )  # fmt: skip
    nihss = models.PositiveSmallIntegerField(
        "NIHSS at admission", null=True, blank=True, help_text="0-42 (Brott 1989)."
    )
    prestroke_mrs = models.PositiveSmallIntegerField(
        "pre-stroke mRS", null=True, blank=True, help_text="0-5 (van Swieten 1988)."
    )
    aphasia = models.BooleanField(null=True, blank=True)
    neglect = models.BooleanField(null=True, blank=True)
    dysphagia = models.BooleanField(null=True, blank=True)
    # Spinal cord injury (ISNCSCI, Kirshblum 2011).
    neurological_level = models.CharField(  # noqa: DJ001
        "neurological level of injury",
        max_length=4, choices=[(level, level) for level in severity.NEUROLOGICAL_LEVELS],
        null=True, blank=True,
    )  # fmt: skip
    ais_grade = models.CharField(  # noqa: DJ001
        "ASIA impairment scale grade",
        max_length=1, choices=_choices(severity.AIS_GRADES), null=True, blank=True,
    )  # fmt: skip
    # Traumatic brain injury.
    gcs = models.PositiveSmallIntegerField(
        "GCS", null=True, blank=True, help_text="Best in the first 24 hours, 3-15 (VA/DoD 2016)."
    )
    pta_days = models.PositiveSmallIntegerField(
        "post-traumatic amnesia (days)",
        null=True,
        blank=True,
        help_text="Its whole duration in days (0: under a day); empty while it lasts.",
    )
    history = HistoricalRecords()

    objects = SeverityQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        verbose_name = "baseline severity"
        verbose_name_plural = "baseline severities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group__in=SeverityGroup.values), name="severity_group_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(nihss__isnull=True)
                | models.Q(nihss__gte=severity.NIHSS_MIN, nihss__lte=severity.NIHSS_MAX),
                name="severity_nihss_range",
            ),
            models.CheckConstraint(
                condition=models.Q(prestroke_mrs__isnull=True)
                | models.Q(
                    prestroke_mrs__gte=severity.PRESTROKE_MRS_MIN,
                    prestroke_mrs__lte=severity.PRESTROKE_MRS_MAX,
                ),
                name="severity_prestroke_mrs_range",
            ),
            models.CheckConstraint(
                condition=models.Q(gcs__isnull=True)
                | models.Q(gcs__gte=severity.GCS_MIN, gcs__lte=severity.GCS_MAX),
                name="severity_gcs_range",
            ),
            models.CheckConstraint(
                condition=models.Q(pta_days__isnull=True)
                | models.Q(pta_days__gte=0, pta_days__lte=severity.PTA_MAX_DAYS),
                name="severity_pta_range",
            ),
            models.CheckConstraint(
                condition=models.Q(stroke_type__isnull=True)
                | models.Q(stroke_type__in=list(severity.STROKE_TYPES)),
                name="severity_stroke_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(side__isnull=True) | models.Q(side__in=list(severity.SIDES)),
                name="severity_side_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ocsp__isnull=True) | models.Q(ocsp__in=list(severity.OCSP)),
                name="severity_ocsp_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(neurological_level__isnull=True)
                | models.Q(neurological_level__in=list(severity.NEUROLOGICAL_LEVELS)),
                name="severity_level_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(ais_grade__isnull=True)
                | models.Q(ais_grade__in=list(severity.AIS_GRADES)),
                name="severity_ais_valid",
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(group=group)
                    | models.Q(**{f"{name}__isnull": True for name in names}),
                    name=f"severity_{group}_fields_only",
                )
                for group, names in SEVERITY_FIELDS.items()
            ),
        ]

    def __str__(self) -> str:
        return f"Baseline severity of {self.diagnosis}"

    def clean(self) -> None:
        super().clean()
        diagnosis = self.diagnosis if self.diagnosis_id else None
        if self.assessed_on and self.assessed_on > today():
            raise ValidationError({"assessed_on": "The assessment day is in the future."})
        if diagnosis and self.assessed_on and self.assessed_on < diagnosis.onset_date:
            raise ValidationError({"assessed_on": "The assessment day is before the onset."})
        if diagnosis and self.group and self.group != diagnosis.severity_group:
            raise ValidationError(f"{diagnosis.condition.name} takes no {self.group} severity.")
        named = stroke_type_of(diagnosis) if diagnosis else None
        if named and self.stroke_type and self.stroke_type != named:
            raise ValidationError(
                {
                    "stroke_type": f"The diagnosis ({diagnosis.condition.icd10}) says "
                    f"{severity.STROKE_TYPES[named].lower()}; correct the diagnosis first."
                }
            )

    def fits(self, diagnosis: "Diagnosis") -> bool:
        return severity.record_fits(diagnosis.condition.icd10, self.group, self.stroke_type)

    @property
    def recorded_for(self) -> str:
        """What it was recorded for, in words: "an ischaemic stroke"."""
        return severity.RECORDED_FOR[self.stroke_type or self.group]

    def baseline(self) -> severity.Baseline:
        """The facts as plain values, for the domain rules (triage)."""
        return severity.Baseline(
            group=self.group,
            **{name: getattr(self, name) for names in SEVERITY_FIELDS.values() for name in names},
        )

    @property
    def tbi_severity(self) -> str | None:
        band = self.baseline().tbi_severity
        return severity.TBI_SEVERITIES[band] if band else None

    def facts(self) -> list[str]:
        """The recorded facts in short words, for the chart and the triage page."""
        shown: list[str] = []
        if self.group == severity.STROKE:
            for name in ("stroke_type", "side", "ocsp"):
                if getattr(self, name):
                    shown.append(getattr(self, f"get_{name}_display")())
            if self.nihss is not None:
                shown.append(f"NIHSS {self.nihss}")
            if self.prestroke_mrs is not None:
                shown.append(f"pre-stroke mRS {self.prestroke_mrs}")
            for name in ("aphasia", "neglect", "dysphagia"):
                value = getattr(self, name)
                if value is not None:
                    shown.append(name if value else f"no {name}")
        elif self.group == severity.SCI:
            if self.neurological_level:
                kind = "tetraplegia" if self.is_tetraplegia else "paraplegia"
                shown.append(f"level {self.neurological_level} ({kind})")
            if self.ais_grade:
                shown.append(f"AIS {self.ais_grade}")
        else:
            if self.gcs is not None:
                shown.append(f"GCS {self.gcs}")
            if self.pta_days is not None:
                shown.append(f"PTA {self.pta_days} d")
            if self.tbi_severity:
                shown.append(f"{self.tbi_severity.lower()} TBI")
        return shown

    @property
    def is_tetraplegia(self) -> bool | None:
        if not self.neurological_level:
            return None
        return severity.is_tetraplegia(self.neurological_level)


def stroke_type_of(diagnosis: Diagnosis) -> str | None:
    return severity.stroke_type_for_icd10(diagnosis.condition.icd10)


class CareTeamRole(models.TextChoices):
    LEAD_PHYSICIAN = "lead_physician", "Lead physician"
    PHYSICIAN = "physician", "Physician"
    PRIMARY_THERAPIST = "primary_therapist", "Primary therapist"
    THERAPIST = "therapist", "Therapist"


class CareTeamQuerySet(ClinicalQuerySet):
    def active(self, on=None):
        """Memberships in force on ``on``: started, and not ended (the end day is the first
        day without access, so ending a membership today takes effect at once)."""
        on = on or today()
        return self.filter(start_date__lte=on).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gt=on)
        )


class CareTeamMember(NoHardDeleteMixin, models.Model):
    """Membership of a patient's care team: how therapists reach a patient."""

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="care_team")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="care_teams"
    )
    team_role = models.CharField(max_length=20, choices=CareTeamRole.choices)
    start_date = models.DateField(default=today)
    end_date = models.DateField(
        null=True, blank=True, help_text="The day the membership ended: no access from then."
    )
    history = HistoricalRecords()

    objects = CareTeamQuerySet.as_manager()

    class Meta:
        # Even the plain base manager refuses unaudited bulk writes (see records.py).
        base_manager_name = "objects"
        ordering = ["patient", "team_role", "start_date"]
        indexes = [
            models.Index(fields=["staff", "patient"], name="careteam_staff_patient_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="careteam_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["patient", "staff"],
                condition=models.Q(end_date__isnull=True),
                name="careteam_one_open_membership",
                violation_error_message="This person is already on the patient's care team.",
            ),
            models.UniqueConstraint(
                fields=["patient"],
                condition=models.Q(team_role="lead_physician", end_date__isnull=True),
                name="careteam_one_lead_physician",
                violation_error_message="The patient already has a lead physician.",
            ),
            models.CheckConstraint(
                condition=models.Q(team_role__in=CareTeamRole.values),
                name="careteam_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} – {self.get_team_role_display()} for {self.patient.full_name}"
