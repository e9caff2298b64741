"""Free-text fields of clinical records, with a limit no clinician reaches.

Every save copies a record into its audit history, so an unbounded field lets one paste
grow the history by megabytes; the limit holds in forms, the admin and ``full_clean``.
"""

from django.core.validators import MaxLengthValidator
from django.db import models

NOTE_MAX_CHARS = 10_000  # about four typed pages
ADDRESS_MAX_CHARS = 1_000


def note_field(*args, max_length: int = NOTE_MAX_CHARS, **kwargs) -> models.TextField:
    # A validator, not TextField(max_length=...): the validator changes nothing in the
    # database, where max_length would make SQLite rebuild the table (and drop its
    # triggers, the signed-note guard among them).
    return models.TextField(*args, validators=[MaxLengthValidator(max_length)], **kwargs)
