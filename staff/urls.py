from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.views.decorators.http import require_http_methods

from staff.forms import SignInForm
from staff.views import ThrottledPasswordChangeView, keep_alive

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="staff/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("session/keep-alive/", keep_alive, name="session_keep_alive"),
    # Changing the password signs the user out of every other session (Django compares
    # the session's password hash); this one stays signed in.
    path(
        "password/",
        require_http_methods(["GET", "POST"])(
            ThrottledPasswordChangeView.as_view(
                template_name="staff/password_change.html",
                success_url=reverse_lazy("password_change_done"),
            )
        ),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(template_name="staff/password_done.html"),
        name="password_change_done",
    ),
]
