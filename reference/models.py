"""Reference data: the clinic's catalogue, seeded by a data migration and kept in the admin.

Disciplines and outcome measures use their stable codes as primary keys ("PT", "BERG"):
the domain modules speak in those codes, and a foreign key column then reads as what it
means without a join.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from simple_history.models import HistoricalRecords

from domain import calendar, measures, phases, triage
from rehabana.dates import day_text


def active_or_current(queryset, *current):
    """``queryset`` narrowed to active rows (retired ones leave the choice lists for new
    records), keeping the ``current`` keys: what the record being edited names, though it
    may have been retired since."""
    kept = [pk for pk in current if pk is not None]
    return queryset.filter(models.Q(is_active=True) | models.Q(pk__in=kept))


class Discipline(models.Model):
    code = models.CharField(max_length=8, primary_key=True)
    name = models.CharField(max_length=80, unique=True)
    short_name = models.CharField(max_length=20)
    order = models.PositiveSmallIntegerField(default=0)
    colour = models.CharField(max_length=7, help_text="Chart colour, e.g. #0d6efd.")
    # Retired rows (in use by records, so never deleted) leave the choice lists for new
    # records; the records that name them keep showing them.
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class TechniqueQuerySet(models.QuerySet):
    def delete(self):
        raise ProtectedError("Techniques are retired (is_active off), never deleted.", set(self))

    delete.queryset_only = True


class Technique(models.Model):
    """A technique of a discipline. Signed notes name it, so it is retired, never deleted."""

    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="techniques")
    name = models.CharField(max_length=120)
    is_active = models.BooleanField(default=True)

    objects = TechniqueQuerySet.as_manager()

    class Meta:
        ordering = ["discipline__order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["discipline", "name"], name="technique_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.discipline_id})"

    def delete(self, *args, **kwargs):
        raise ProtectedError("Techniques are retired (is_active off), never deleted.", {self})


class OutcomeMeasure(models.Model):
    """A standard instrument. Range, unit and direction come from ``domain.measures``.

    They are published properties of the instrument, not clinic preferences, so they are
    not editable here: one source of truth for validation and display.
    """

    code = models.CharField(
        max_length=10,
        primary_key=True,
        choices=[(code, tool.name) for code, tool in measures.INSTRUMENTS.items()],
    )
    description = models.TextField(blank=True)
    # Retired rows (in use by records, so never deleted) leave the choice lists for new
    # records; the records that name them keep showing them.
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__in=list(measures.INSTRUMENTS)),
                name="outcomemeasure_known_instrument",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.code

    @property
    def instrument(self) -> measures.Instrument:
        return measures.INSTRUMENTS[self.code]

    @property
    def known_instrument(self) -> measures.Instrument | None:
        """The instrument, or None for a row being added in the admin (no code yet)."""
        return measures.INSTRUMENTS.get(self.code)

    @property
    def name(self) -> str:
        tool = self.known_instrument
        return tool.name if tool else ""

    @property
    def unit(self) -> str:
        tool = self.known_instrument
        return tool.unit if tool else ""

    @property
    def lower_is_better(self) -> bool | None:
        tool = self.known_instrument
        return tool.lower_is_better if tool else None


class PhaseRule(models.TextChoices):
    STROKE = "stroke", "Stroke Recovery and Rehabilitation Roundtable phases"
    DAYS = "days", "Template windows in days since onset"


class PlanTemplate(models.Model):
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    phase_rule = models.CharField(
        max_length=10,
        choices=PhaseRule.choices,
        default=PhaseRule.DAYS,
        help_text="How the stage due now is worked out from the onset.",
    )
    # The therapy intensity the template's source asks for, where one is published: minutes
    # of therapy a day on so many days a week (stroke: 180 on 5, NICE NG236). Empty: none.
    daily_minutes_target = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Minutes of therapy a day the source asks for."
    )
    target_days_per_week = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="On how many days a week (e.g. 5)."
    )
    intensity_source = models.CharField(
        max_length=300, blank=True, help_text="Where the intensity target comes from."
    )
    # Retired rows (in use by records, so never deleted) leave the choice lists for new
    # records; the records that name them keep showing them.
    is_active = models.BooleanField("active", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(phase_rule__in=PhaseRule.values),
                name="plantemplate_phase_rule_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if (self.daily_minutes_target is None) != (self.target_days_per_week is None):
            raise ValidationError("An intensity target needs its minutes and its days.")
        if self.target_days_per_week is not None and not 1 <= self.target_days_per_week <= 7:
            raise ValidationError({"target_days_per_week": "A week has 1 to 7 days."})
        if self.daily_minutes_target is not None and not self.intensity_source.strip():
            raise ValidationError({"intensity_source": "Cite the target's source."})

    @property
    def weekly_minutes_target(self) -> int | None:
        if self.daily_minutes_target is None or self.target_days_per_week is None:
            return None
        return self.daily_minutes_target * self.target_days_per_week


class Phase(models.TextChoices):
    HYPERACUTE = phases.HYPERACUTE, "Hyperacute"
    ACUTE = phases.ACUTE, "Acute"
    EARLY_SUBACUTE = phases.EARLY_SUBACUTE, "Early subacute"
    LATE_SUBACUTE = phases.LATE_SUBACUTE, "Late subacute"
    CHRONIC = phases.CHRONIC, "Chronic"
    ASSESSMENT = "assessment", "Assessment and goal setting"
    INPATIENT = "inpatient", "Inpatient rehabilitation"
    INTENSIVE = "intensive", "Intensive block"
    COMMUNITY = "community", "Community reintegration"
    MAINTENANCE = "maintenance", "Maintenance"
    PROTECTION = "protection", "Protection"
    MOBILITY = "mobility", "Mobility"
    STRENGTHENING = "strengthening", "Strengthening"
    RETURN_TO_FUNCTION = "return_to_function", "Return to function"


# A per-site instrument (the Ashworth scale) is graded per muscle group and side; a stage
# has no site, so such a measure is no exit criterion (a goal with its site is).
PER_SITE_EXIT_REFUSED = (
    "The {name} is recorded per muscle group and side: set a goal for the site instead of "
    "an exit criterion."
)


class ExitCriterionMixin(models.Model):
    """An optional outcome threshold that, once met, says the stage's work is done."""

    exit_measure = models.ForeignKey(
        OutcomeMeasure, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    exit_value = models.CharField(
        max_length=10, blank=True, help_text="Threshold, e.g. 45 for Berg ≥ 45."
    )
    # Nullable with no default (None reads as False, and save() stores False): adding a
    # column with a default makes SQLite rebuild the stage's history table, which drops
    # its append-only triggers.
    exit_needs_window = models.BooleanField(
        "exit needs the time window",
        null=True,
        blank=True,
        help_text=(
            "The exit measure alone does not suggest moving on before the stage's planned "
            "end (e.g. tissue healing)."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.exit_needs_window = bool(self.exit_needs_window)
        self.normalise_exit_value()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if bool(self.exit_measure_id) != bool(self.exit_value):
            raise ValidationError("An exit criterion needs both a measure and a threshold.")
        if self.exit_measure_id and measures.INSTRUMENTS[self.exit_measure_id].per_body_site:
            raise ValidationError(
                {"exit_measure": PER_SITE_EXIT_REFUSED.format(
                    name=measures.INSTRUMENTS[self.exit_measure_id].name
                )}
            )  # fmt: skip
        self.exit_needs_window = bool(self.exit_needs_window)
        self.normalise_exit_value()

    def normalise_exit_value(self) -> None:
        """The threshold must be a legal result of its measure (stored canonically)."""
        if self.exit_measure_id and self.exit_value:
            try:
                self.exit_value = measures.validate(self.exit_measure_id, self.exit_value)
            except ValidationError as error:
                raise ValidationError({"exit_value": error.messages}) from None

    @property
    def exit_criterion_label(self) -> str:
        if not self.exit_measure_id:
            return ""
        tool = measures.INSTRUMENTS[self.exit_measure_id]
        sign = "≤" if tool.lower_is_better else "≥"
        label = f"{tool.name} {sign} {self.exit_value}"
        return f"{label}, once the planned window has run" if self.exit_needs_window else label

    @staticmethod
    def exit_criterion_constraint(prefix: str) -> models.CheckConstraint:
        both_or_neither = models.Q(exit_measure__isnull=True, exit_value="") | models.Q(
            exit_measure__isnull=False
        ) & ~models.Q(exit_value="")
        return models.CheckConstraint(condition=both_or_neither, name=f"{prefix}_exit_complete")


class TemplateStageQuerySet(models.QuerySet):
    def by_template(self) -> list[tuple[PlanTemplate, list["TemplateStage"]]]:
        """Each template, by name, with its stages in their order: one query."""
        grouped: dict[int, tuple[PlanTemplate, list[TemplateStage]]] = {}
        for stage in self.select_related("template").order_by("template__name", "order"):
            grouped.setdefault(stage.template_id, (stage.template, []))[1].append(stage)
        return list(grouped.values())


class TemplateStage(ExitCriterionMixin):
    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    starts_after_days = models.PositiveIntegerField(help_text="Days since onset.")
    ends_after_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Days since onset; empty for an open-ended stage."
    )
    focus = models.TextField(blank=True, help_text="What the team works on in this stage.")
    history = HistoricalRecords()

    objects = TemplateStageQuerySet.as_manager()

    class Meta:
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="templatestage_order"),
            models.CheckConstraint(
                condition=models.Q(ends_after_days__isnull=True)
                | models.Q(ends_after_days__gt=models.F("starts_after_days")),
                name="templatestage_window_order",
            ),
            models.CheckConstraint(
                condition=models.Q(phase__in=Phase.values), name="templatestage_phase_valid"
            ),
            ExitCriterionMixin.exit_criterion_constraint("templatestage"),
        ]

    def __str__(self) -> str:
        return f"{self.template}: {self.order}. {self.name}"

    def clean(self) -> None:
        super().clean()
        if (
            self.template_id
            and self.template.phase_rule == PhaseRule.STROKE
            and self.phase not in phases.STROKE_PHASES
        ):
            raise ValidationError(
                {"phase": "A stroke template's stages are the five stroke recovery phases."}
            )


class AllocationFields(models.Model):
    """Sessions per week × minutes per session for one discipline; shared by templates and plans."""

    MAX_SESSIONS_PER_WEEK = 14
    MIN_MINUTES = 5
    MAX_MINUTES = 240

    discipline = models.ForeignKey(Discipline, on_delete=models.PROTECT, related_name="+")
    sessions_per_week = models.PositiveSmallIntegerField()
    minutes_per_session = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True

    @property
    def weekly_minutes(self) -> int:
        return self.sessions_per_week * self.minutes_per_session

    @classmethod
    def allocation_constraints(cls, prefix: str) -> list[models.CheckConstraint]:
        return [
            models.CheckConstraint(
                condition=models.Q(
                    sessions_per_week__gte=1, sessions_per_week__lte=cls.MAX_SESSIONS_PER_WEEK
                ),
                name=f"{prefix}_sessions_range",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    minutes_per_session__gte=cls.MIN_MINUTES,
                    minutes_per_session__lte=cls.MAX_MINUTES,
                ),
                name=f"{prefix}_minutes_range",
            ),
        ]


class TemplateAllocationQuerySet(models.QuerySet):
    def standing(self):
        """The allocations every plan from the template gets (the template's own mix)."""
        return self.filter(only_with_problem="")

    def for_problems(self, problems):
        """What a plan gets when triage recorded ``problems``: the standing allocations and
        those kept for one of those problems."""
        return self.filter(
            models.Q(only_with_problem="") | models.Q(only_with_problem__in=problems)
        )


class TemplateAllocation(AllocationFields):
    stage = models.ForeignKey(TemplateStage, on_delete=models.CASCADE, related_name="allocations")
    rationale = models.CharField(max_length=300, blank=True)
    # A triage problem code (``domain.triage.PROBLEMS``): the allocation is copied into a new
    # plan only when triage recorded it (aphasia keeps speech therapy in a stroke's chronic
    # stage). Empty: always copied.
    only_with_problem = models.CharField(
        max_length=30,
        blank=True,
        default="",
        help_text="A triage problem code (e.g. speech): copied into a plan only when triage "
        "recorded it. Empty: always.",
    )

    objects = TemplateAllocationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["stage", "discipline__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "discipline"], name="templateallocation_one_per_discipline"
            ),
            *AllocationFields.allocation_constraints("templateallocation"),
        ]

    def __str__(self) -> str:
        text = (
            f"{self.discipline_id}: {self.sessions_per_week} × {self.minutes_per_session} min/week"
        )
        return f"{text} (with {self.only_with_problem})" if self.only_with_problem else text

    def clean(self) -> None:
        super().clean()
        if self.only_with_problem and self.only_with_problem not in triage.PROBLEMS:
            raise ValidationError({"only_with_problem": "Not a triage problem code."})


class ConditionCategory(models.TextChoices):
    NEUROLOGICAL = triage.NEUROLOGICAL, "Neurological"
    ORTHOPAEDIC = triage.ORTHOPAEDIC, "Orthopaedic"
    OTHER = triage.OTHER, "Other"


class Condition(models.Model):
    name = models.CharField(max_length=120, unique=True)
    icd10 = models.CharField("ICD-10 code", max_length=10, unique=True)
    category = models.CharField(max_length=20, choices=ConditionCategory.choices)
    # Triage: a diagnosed stroke, SCI, Parkinson's, MS or brain injury needs neuro-rehab.
    needs_neuro_rehab = models.BooleanField(default=False)
    template = models.ForeignKey(PlanTemplate, on_delete=models.PROTECT, related_name="conditions")
    # Retired rows (in use by records, so never deleted) leave the choice lists for new
    # records; the records that name them keep showing them.
    is_active = models.BooleanField("active", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=ConditionCategory.values),
                name="condition_category_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.icd10})"


# --- the clinic calendar ----------------------------------------------------------------------


class ClinicHours(models.Model):
    """One weekday's opening hours (seven rows, Monday to Sunday, seeded Monday to Saturday
    08:30-19:00 and Sunday closed). Proration of planned minutes, week proposals and
    bookings read them through ``reference.calendar.clinic_calendar``."""

    weekday = models.PositiveSmallIntegerField(
        unique=True, choices=list(enumerate(calendar.WEEKDAYS)), editable=False
    )
    is_open = models.BooleanField(default=True)
    opens = models.TimeField(null=True, blank=True)
    closes = models.TimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="clinichours_weekday"),
            models.CheckConstraint(
                condition=models.Q(is_open=False)
                | models.Q(opens__isnull=False, closes__isnull=False, closes__gt=models.F("opens")),
                name="clinichours_open_has_hours",
            ),
        ]

    def __str__(self) -> str:
        day = calendar.WEEKDAYS[self.weekday]
        if not self.is_open:
            return f"{day}: closed"
        return f"{day}: {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.is_open:
            if self.opens is None or self.closes is None:
                raise ValidationError("An open day needs its opening and closing times.")
            if self.closes <= self.opens:
                raise ValidationError({"closes": "The clinic closes after it opens."})


class Holiday(models.Model):
    """A dated, named day the clinic is closed: no minutes are planned, no session booked."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=120)
    # A holiday entered in error is switched off (kept in its history), not deleted.
    is_active = models.BooleanField("in force", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="holiday_has_name"),
        ]

    def __str__(self) -> str:
        return f"{day_text(self.date)}: {self.name}"
