from django.urls import path

from alliance import outbox_views

app_name = "outbox"

urlpatterns = [
    path("", outbox_views.outgoing_list, name="list"),
    path("<int:pk>/", outbox_views.outgoing_detail, name="detail"),
    path("<int:pk>/resend/", outbox_views.outgoing_resend, name="resend"),
    path("resend-failed/", outbox_views.outgoing_resend_failed, name="resend_failed"),
]
