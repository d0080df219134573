from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from newsclaims.auth import ThrottleAwareAuthenticationForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(authentication_form=ThrottleAwareAuthenticationForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("newsclaims.api.urls")),
    path("", include("newsclaims.review.urls")),
]

handler500 = "newsclaims.middleware.server_error"
