"""View guards built on the permission table."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from staff.permissions import Action, can


def require(user, action: Action) -> None:
    """403 for a role the table does not allow ``action`` at all."""
    if not can(user, action):
        raise PermissionDenied(f"Your role may not do this ({action.value}).")


def requires(action: Action):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
