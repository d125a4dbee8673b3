from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    """django.contrib.staticfiles, whose `collectstatic` leaves out axe-core: the accessibility checker of the
    browser tests (they get it from static/, as the development server does), never served to users."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "axe-core"]
