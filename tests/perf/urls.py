from django.shortcuts import render
from django.urls import include, path


def bare(request):
    """The baseline: a bare Django view rendering the base template, no queries of ours."""
    return render(request, "base.html", {"rows": range(25)})


urlpatterns = [path("__bench__/bare/", bare), path("", include("alliance.urls"))]
