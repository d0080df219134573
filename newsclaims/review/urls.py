from django.urls import path

from newsclaims.review import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
