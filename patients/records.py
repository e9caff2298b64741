"""What every clinical record shares: scoping by who asks, and no hard deletes."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from staff.permissions import Action, Scope, scope

_maintenance: ContextVar[bool] = ContextVar("rehabana_maintenance", default=False)


@contextmanager
def maintenance() -> Iterator[None]:
    """Allow bulk writes of clinical rows inside this block: the demo seed writes its
    history itself (simple-history's bulk helpers). Only management commands enter it;
    no view does, and a test holds that no request runs inside it."""
    token = _maintenance.set(True)
    try:
        yield
    finally:
        _maintenance.reset(token)


def in_maintenance() -> bool:
    return _maintenance.get()


class HardDeleteForbidden(Exception):
    """Clinical records are archived, ended or discontinued, never deleted."""


class UnauditedChange(Exception):
    """A write that would bypass the audit history (QuerySet.update, bulk_update)."""


class ClinicalQuerySet(models.QuerySet):
    """Base queryset of clinical models.

    Subclasses say which actions make a row readable and how to reach the patient from
    it; ``visible_to(user)`` then applies the permission table.
    """

    read_actions: tuple[Action, ...] = (Action.PATIENT_READ,)
    patient_lookup = "patient"

    def delete(self):
        raise HardDeleteForbidden(
            f"{self.model._meta.verbose_name_plural} are never deleted; archive them instead."
        )

    delete.queryset_only = True

    def update(self, **kwargs):
        # A bulk UPDATE writes no audit history; clinical rows change through save().
        if in_maintenance():
            return super().update(**kwargs)
        raise UnauditedChange(
            f"{self.model._meta.verbose_name_plural} change one by one through save(), "
            "so that every change is in the audit history."
        )

    update.queryset_only = True

    def bulk_update(self, objs, fields, batch_size=None):
        if in_maintenance():  # e.g. simple-history's bulk_update_with_history in the seed
            return super().bulk_update(objs, fields, batch_size=batch_size)
        return self.update()  # refused the same way, before any transaction starts

    def visible_to(self, user):
        """The rows ``user`` may read."""
        return self.scoped(user, *self.read_actions)

    def scoped(self, user, *actions: Action):
        """The rows within the widest scope that ``actions`` give ``user``."""
        reach = scope(user, *actions)
        if reach is Scope.NONE:
            return self.none()
        if reach is Scope.ALL:
            return self.all()
        from patients.models import CareTeamMember  # the models import this module

        patients = CareTeamMember.objects.active().filter(staff=user).values("patient")
        on_care_team = self.filter(**{f"{self.patient_lookup}__in": patients})
        return on_care_team.narrow_to(user, reach)

    def narrow_to(self, user, reach: Scope):
        """Narrow care-team rows to the user's own or own-discipline ones.

        Only models with a therapist and a discipline know how; for the others such a
        scope would be a mistake in the permission table, so it fails loudly.
        """
        if reach is Scope.CARE_TEAM:
            return self
        raise NotImplementedError(f"{self.model.__name__} has no notion of {reach.name}.")


class RecordIsFinal(Exception):
    """A row that never changes once written (or once signed)."""


class SignedRecordError(RecordIsFinal):
    """A signed note, its addenda and the plan's revisions and transitions are final;
    corrections are addenda or new revisions."""


class FinalRecordMixin:
    """ "This row never changes": signed sessions, addenda, revisions, transitions and the
    access log. ``is_final`` says when (by default, once written); ``final_error`` and
    ``final_message`` what a caller that tries to save it sees."""

    final_error: type[RecordIsFinal] = SignedRecordError
    final_message = "A {name} is final once written."

    def is_final(self) -> bool:
        return not self._state.adding

    def save(self, *args, **kwargs):
        if self.is_final():
            raise self.final_error(self.final_message.format(name=self._meta.verbose_name))
        super().save(*args, **kwargs)


class VersionedMixin:
    """Counts saves in ``version`` so that an edit begun from an older copy is detected.

    Every save bumps it (forms, the admin, archive and restore alike); see
    :func:`save_if_current` for the check.
    """

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)


class NoHardDeleteMixin:
    """A clinical record: kept forever, and so is its audit history (see ``is_kept_forever``)."""

    keep_forever = True

    def delete(self, *args, **kwargs):
        raise HardDeleteForbidden(
            f"A {self._meta.verbose_name} is never deleted; archive it instead."
        )


def is_kept_forever(model) -> bool:
    """Whether rows of ``model`` are never deleted: a model marked ``keep_forever`` (clinical
    records, the access log), or the audit history of one (the m2m history included)."""
    tracked = getattr(model, "instance_type", None)  # simple-history's link to its model
    if tracked is not None:
        model = tracked._meta.auto_created or tracked  # an m2m's history: the model owning it
    return getattr(model, "keep_forever", False)


def refuse_delete(sender, instance, **kwargs):
    """A ``pre_delete`` receiver for the models kept forever: the last line of defence under
    the models' own ``delete()`` and querysets, for a delete reaching the ORM by any other
    road (the plain base manager, a history table)."""
    raise getattr(sender, "delete_refusal", HardDeleteForbidden)(
        f"A {sender._meta.verbose_name} is never deleted."
    )


def today():
    return timezone.localdate()


class StaleVersion(Exception):
    """Someone else saved the record after this edit began."""

    def __init__(self, current):
        super().__init__("The record changed since it was opened.")
        self.current = current


def save_if_current(instance, *, expected_version: int, update_fields=None) -> None:
    """Save ``instance`` only if nobody saved it since ``expected_version`` was read.

    The row is locked while its version is compared, so two saves that began from the
    same version cannot both succeed: the second raises :class:`StaleVersion` carrying the
    row as it is now, and the caller shows the differences instead of overwriting them.
    """
    model = type(instance)
    with transaction.atomic():
        current = model._base_manager.select_for_update().get(pk=instance.pk)
        if current.version != expected_version:
            raise StaleVersion(current)
        instance.version = current.version  # save() bumps it
        instance.save(update_fields=update_fields)


def version_record(current, version: int):
    """The audit-history row of ``current`` as it stood at ``version`` (None if missing)."""
    return current.history.filter(version=version).order_by("-history_date").first()


@dataclass(frozen=True)
class StaleMerge:
    """A stale edit carried onto the newer copy: what the form shows after a conflict."""

    values: dict[str, object]  # the newer saved values, with this user's own changes on top
    mine: frozenset[str]  # the fields this user changed (from what their form opened with)
    theirs: frozenset[str]  # the fields the other person changed meanwhile

    @property
    def both(self) -> frozenset[str]:
        """Fields both changed: this user's entry is carried, and must be checked."""
        return self.mine & self.theirs


def carry_forward(
    *, opened: Mapping[str, object], saved: Mapping[str, object], entered: Mapping[str, object]
) -> StaleMerge:
    """Merge a stale edit field by field.

    ``opened`` holds the values this user's form was rendered from (the version they
    began with), ``saved`` the values saved since by someone else, ``entered`` what this
    user submitted. Only the fields this user changed are carried forward; every other
    field shows the other person's value, so saving again never reverts their change.
    """
    mine = frozenset(name for name in entered if entered[name] != opened.get(name))
    theirs = frozenset(name for name in saved if saved[name] != opened.get(name))
    values = {**saved, **{name: entered[name] for name in mine}}
    return StaleMerge(values=values, mine=mine, theirs=theirs)
