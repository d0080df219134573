from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from newsclaims.auth import ThrottleAwareAuthenticationForm, ThrottledPasswordChangeView, admin_password_change
from newsclaims.review.views.pages import favicon

urlpatterns = [
    # Before admin.site.urls, so the admin's own password-change page uses the throttled form.
    path("admin/password_change/", admin.site.admin_view(admin_password_change)),
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottleAwareAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", ThrottledPasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # No self-service password reset: the app sends no mail; an admin resets passwords in /admin/.
    path("favicon.ico", favicon),
    path("api/", include("newsclaims.api.urls")),
    # Public, no login: published fact-checks and their feeds.
    path("fact-checks/", include("newsclaims.review.factchecks")),
    path("", include("newsclaims.review.urls")),
]

handler500 = "newsclaims.middleware.server_error"
