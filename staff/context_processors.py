from staff import permissions


def role(request):
    """What the navigation may offer: one flag per action of the permission table."""
    user = getattr(request, "user", None)
    return {"can": {action.value: permissions.can(user, action) for action in permissions.Action}}
