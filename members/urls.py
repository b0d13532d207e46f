from django.urls import path

from members.views import accounts, applications, directory, logos, offices, public, reviews

app_name = "members"

urlpatterns = [
    # Public entry and verification.
    path("apply/", applications.apply, name="apply"),
    path("apply/received/", applications.apply_received, name="apply_received"),
    path("verify/", public.verify_form, name="verify_form"),
    # A new account's one-time link to choose its password, and a fresh one.
    path("accounts/activate/new-link/", accounts.activation_request, name="account_activation_request"),
    path("accounts/activate/new-link/sent/", accounts.activation_sent, name="account_activation_sent"),
    path("accounts/activate/<uidb64>/<token>/", accounts.ActivateView.as_view(), name="account_activate"),
    path("verify/<str:code>/", public.verify, name="verify"),
    # Applications: the applicant's own, and the reviewers' queues.
    path("applications/", applications.application_list, name="application_list"),
    path("applications/export.<export:fmt>", applications.application_export, name="application_export"),
    path("applications/queue/<str:stage>/", reviews.queue, name="review_queue"),
    path("applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("applications/<int:pk>/edit/", applications.apply, name="application_edit"),
    path("applications/<int:pk>/submit/", applications.application_submit_view, name="application_submit"),
    path(
        "applications/<int:pk>/withdraw/", applications.application_withdraw_view, name="application_withdraw"
    ),
    path("applications/<int:pk>/start-review/", reviews.start_review, name="application_start_review"),
    path("applications/<int:pk>/decide/", reviews.decide, name="application_decide"),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/review/",
        reviews.review_document,
        name="document_review",
    ),
    path("applications/documents/<int:pk>/", applications.document_download, name="document_download"),
    # The member registry.
    path("members/", directory.directory, name="member_list"),
    path("members/export.<export:fmt>", directory.directory_export, name="member_export"),
    path("members/mine/", directory.my_membership, name="my_membership"),
    path("members/<int:pk>/", directory.member_detail, name="member_detail"),
    path("members/<int:pk>/status/", directory.member_status, name="member_status"),
    path(
        "members/<int:pk>/representatives/<int:representative_pk>/replace/",
        directory.representative_change,
        name="representative_replace",
    ),
    path(
        "members/<int:pk>/representatives/<int:representative_pk>/end/",
        directory.representative_end_view,
        name="representative_end",
    ),
    path(
        "members/<int:pk>/representatives/add/<str:role>/",
        directory.representative_change,
        name="representative_add",
    ),
    path("members/<int:pk>/contacts/add/", directory.contact_edit, name="contact_add"),
    path("members/<int:pk>/contacts/<int:contact_pk>/edit/", directory.contact_edit, name="contact_edit"),
    path(
        "members/<int:pk>/certificates/<int:certificate_pk>/certificate.pdf",
        directory.certificate_download,
        name="certificate_download",
    ),
    path(
        "members/<int:pk>/certificates/<int:certificate_pk>/letter.pdf",
        directory.letter_download,
        name="letter_download",
    ),
    path("members/<int:pk>/logo/", logos.logo_view, name="member_logo"),
    path("members/<int:pk>/logo/upload/", logos.logo_upload, name="member_logo_upload"),
    # Liaison offices.
    path("liaison-offices/", offices.office_list, name="office_list"),
    path("liaison-offices/new/", offices.office_edit, name="office_create"),
    path("liaison-offices/<int:pk>/edit/", offices.office_edit, name="office_edit"),
]
