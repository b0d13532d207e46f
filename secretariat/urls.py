from django.urls import path

from secretariat.views import activities, briefings, documents, organisation, participation, public

app_name = "secretariat"

urlpatterns = [
    # Documents (staff and readers).
    path("documents/", documents.document_list, name="document_list"),
    path("documents/export.<export:fmt>", documents.document_export, name="document_export"),
    path("documents/new/", documents.document_create, name="document_create"),
    path("documents/<int:pk>/", documents.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", documents.document_edit, name="document_edit"),
    path("documents/<int:pk>/circulate/", documents.document_circulate, name="document_circulate"),
    path("documents/<int:pk>/read/", documents.document_mark_read, name="document_mark_read"),
    path("documents/<int:pk>/attachments/", documents.attachment_upload, name="attachment_upload"),
    path(
        "documents/<int:pk>/attachments/<int:attachment_pk>/",
        documents.attachment_download,
        name="attachment_download",
    ),
    path("documents/<int:pk>/revise/", documents.document_revise, name="document_revise"),
    path(
        "documents/<int:pk>/<slug:action>/",
        documents.document_action,
        name="document_action",
    ),
    # Public notices.
    path("notices/", public.notice_list, name="notice_list"),
    path("notices/feed/", public.NoticeFeed(), name="notice_feed"),
    path("notices/atom/", public.AtomNoticeFeed(), name="notice_atom"),
    path("notices/<int:pk>/", public.notice_detail, name="notice_detail"),
    # Activities.
    path("activities/", activities.activity_list, name="activity_list"),
    path("activities/export.<export:fmt>", activities.activity_export, name="activity_export"),
    path("activities/new/", activities.activity_create, name="activity_create"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/<slug:action>/", activities.activity_action, name="activity_action"),
    # Organisation and liaison briefings.
    path("organisation/", organisation.organisation, name="organisation"),
    path("briefings/", briefings.briefing_list, name="briefing_list"),
    path("briefings/new/", briefings.briefing_create, name="briefing_create"),
    path("briefings/<int:pk>/", briefings.briefing_detail, name="briefing_detail"),
    # Participation rule.
    path("participation/", participation.flag_list, name="flag_list"),
    path("participation/export.<export:fmt>", participation.flag_export, name="flag_export"),
    path("participation/recompute/", participation.flag_recompute, name="flag_recompute"),
    path("participation/<int:pk>/", participation.flag_detail, name="flag_detail"),
    path(
        "participation/<int:pk>/confirm/",
        participation.flag_decide,
        {"decision": "confirm"},
        name="flag_confirm",
    ),
    path(
        "participation/<int:pk>/dismiss/",
        participation.flag_decide,
        {"decision": "dismiss"},
        name="flag_dismiss",
    ),
]
