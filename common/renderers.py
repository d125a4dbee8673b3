"""The form renderer: Jinja2 for the widgets (Django's own widget templates, the same markup, much faster), and
Django's template engine for the widget templates only it has (the admin's: related-object wrappers, the
date and time pickers), so that the Django admin's forms render too."""

from functools import cached_property
from typing import Any

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template.exceptions import TemplateDoesNotExist


class Renderer(Jinja2):
    @cached_property
    def _django(self) -> DjangoTemplates:
        return DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self._django.get_template(template_name)
