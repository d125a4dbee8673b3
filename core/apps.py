from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Trama"

    def ready(self) -> None:
        # The modules that use models can be imported only once the app registry is ready.
        from . import dashboard  # noqa: PLC0415

        dashboard.register()
