"""The application's URLs plus the bench's reference view."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from trama.urls import urlpatterns as trama_urlpatterns


def bare(request: HttpRequest) -> HttpResponse:
    """A constant answer through the whole middleware stack: the floor every page is compared with."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *trama_urlpatterns]
