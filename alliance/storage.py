"""Private files: uploaded and issued files have no public URL (DESIGN.md, Confidentiality).

They are served only by views that check who asks. The backend is
``STORAGES["default"]`` (settings FILE_STORAGE_BACKEND and FILE_STORAGE_OPTIONS):
this file-system storage under MEDIA_ROOT by default, S3-compatible object
storage for a deployment on several machines. Models use the lazy default
storage, so they see the backend the settings name at the time of use.
"""

from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404
from django.urls import reverse


class PrivateStorage(FileSystemStorage):
    """The default backend: files under MEDIA_ROOT, never under a public URL."""

    def url(self, name):
        # The only URL a stored file has is the administrators' view (the Django
        # admin links to it); everyone else reads files through the views that
        # check their scope.
        return reverse("private_file", kwargs={"name": name})


def stored_file_response(name: str, storage=default_storage) -> FileResponse:
    """Stream a stored private file as a download, through the storage API (any backend).

    Call it only once the view has checked that the reader may see the file.
    """
    if not name:
        raise Http404
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=name.rsplit("/", 1)[-1])
