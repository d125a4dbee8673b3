from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The ground floor: pieces every app shares (abstract models, service exceptions, form and view helpers,
    the registries higher apps plug into). It imports no other app of the project."""

    name = "common"
    verbose_name = "Componenti comuni"
