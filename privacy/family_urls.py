from .urls import family_urlpatterns as urlpatterns  # noqa: F401
