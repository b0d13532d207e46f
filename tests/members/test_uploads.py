"""The shared upload check: by content, with the set of accepted types chosen by the caller."""

from members import conf
from members.uploads import check_upload
from tests.members.helpers import pdf_upload, png_upload


def test_by_default_pdf_jpeg_and_png_are_accepted():
    assert check_upload(pdf_upload()) == ("", "application/pdf", ".pdf")
    assert check_upload(png_upload()) == ("", "image/png", ".png")


def test_a_caller_may_accept_images_only():
    problem, content_type, extension = check_upload(pdf_upload(), accepted=conf.ACCEPTED_IMAGES)
    assert "Only JPEG and PNG images" in problem
    assert (content_type, extension) == ("application/pdf", "")
    assert check_upload(png_upload(), accepted=conf.ACCEPTED_IMAGES) == ("", "image/png", ".png")
