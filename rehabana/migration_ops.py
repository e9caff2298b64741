"""Helpers for migrations that move models between apps."""

from django.db import migrations


def move_content_types(from_label: str, to_label: str, models: tuple[str, ...]):
    """A reversible RunPython that gives moved models' content types their new app label.

    The content type keeps its id, so the admin's log entries and the permissions that point
    at it follow the model. One the new label already has (created by an earlier migrate)
    gives way to the old one, which carries that history.
    """

    def move(source: str, target: str):
        def run(apps, schema_editor):
            content_type = apps.get_model("contenttypes", "ContentType")
            for model in models:
                old = content_type.objects.filter(app_label=source, model=model).first()
                if old is None:
                    continue
                content_type.objects.filter(app_label=target, model=model).delete()
                old.app_label = target
                old.save(update_fields=["app_label"])

        return run

    return migrations.RunPython(move(from_label, to_label), move(to_label, from_label))
