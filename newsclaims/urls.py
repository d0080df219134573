from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("newsclaims.api.urls")),
    path("", include("newsclaims.review.urls")),
]

handler500 = "newsclaims.middleware.server_error"
