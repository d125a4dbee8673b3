import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.i18n import (
    FAMILY_LANGUAGE_CODES,
    FAMILY_LANGUAGES,
    direction,
    language_from_accept,
)
from common.pdf import pdf_response
from common.views import run_service
from organisation.selectors import letterhead_for

from . import policies, selectors, services
from .forms import LinksForm, SurveyForm, answer_form

# What the anonymous page says, in the reader's language (the catalogues of the nine family languages).
LINK_MESSAGES = {
    "unknown": lambda: _("Questo link non è valido."),
    "used": lambda: _("Questo link è già stato usato: ogni link vale per una sola risposta. Grazie!"),
    "closed": lambda: _("Il questionario non è aperto in questo periodo."),
}


@login_required
@require_http_methods(["GET", "POST"])
def survey_list(request: HttpRequest) -> HttpResponse:
    policies.require_survey_manager(request.user)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(request, form, lambda: services.survey_create(
            ambito=selectors.ambito_for_new_survey(request.user), by=request.user, version=data["instrument"],
            titolo=data["titolo"], destinatari=data["destinatari"], apre_il=data["apre_il"],
            chiude_il=data["chiude_il"]))
        if call.finished:
            return redirect("survey_detail", pk=call.record.pk)
    return render(request, "quality/survey_list.html", {"form": form, "surveys": selectors.surveys_for(request.user)},
                  status=422 if form.errors else 200)


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for(request.user, pk)
    return render(request, "quality/survey_detail.html", {
        "survey": survey, "results": selectors.survey_results(survey), "links_form": LinksForm()})


@login_required
@require_POST
def survey_links(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for(request.user, pk)
    form = LinksForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indica quanti link creare (da 1 a 500)."))
        return redirect("survey_detail", pk=survey.pk)
    tokens = services.links_generate(survey=survey, by=request.user, count=form.cleaned_data["count"])
    cards = []
    for token in tokens:
        url = request.build_absolute_uri(f"/q/{token}/")
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="svg", scale=3, xmldecl=False, svgns=True)
        cards.append({"url": url, "qr": buffer.getvalue().decode()})
    # Shown once: the tokens are not stored, only their hashes.
    return render(request, "quality/survey_links.html", {"survey": survey, "cards": cards})


@login_required
def survey_report(request: HttpRequest, pk: int) -> HttpResponse:
    survey = selectors.get_survey_for(request.user, pk)
    html = render_to_string("quality/survey_report.html", {"survey": survey, "results": selectors.survey_results(survey),
                                                           "printed_on": timezone.localdate(),
                                                           "letterhead": letterhead_for(survey.ambito)})
    return pdf_response(html, f"relazione-soddisfazione-{survey.pk}.pdf")


def _public_language(request: HttpRequest) -> str:
    """?lang= when it is a family language, else the browser's first family language, else Italian."""
    asked = request.GET.get("lang", "")
    if asked in FAMILY_LANGUAGE_CODES:
        return asked
    return language_from_accept(request.headers.get("Accept-Language", "")) or "it"


def _public_page(request: HttpRequest, lang: str, context: dict, status: int = 200) -> HttpResponse:
    context.update(lang=lang, dir=direction(lang),
                   languages=[(code, name) for code, name in FAMILY_LANGUAGES])
    response = render(request, "quality/survey_public.html", context, status=status)
    response["Content-Language"] = lang
    return response


@require_http_methods(["GET", "POST"])
def survey_public(request: HttpRequest, token: str) -> HttpResponse:
    """The anonymous questionnaire: no login, one answer per link, in the reader's language.

    The page speaks the reader's language through the catalogues; the questions are the definition's own
    translation, or Italian (marked lang="it") in an older version without that language.
    """
    lang = _public_language(request)
    with translation.override(lang):
        try:
            survey = services.link_survey(token)
        except services.LinkProblem as problem:
            return _public_page(request, lang, {"message": LINK_MESSAGES[str(problem)]()},
                                status=404 if str(problem) == "unknown" else 410)
        definition = survey.instrument_version.parsed
        form_lang = lang if lang in definition.languages() else "it"
        form = answer_form(definition, form_lang, request.POST or None)
        status = 200
        if request.method == "POST" and form.is_valid():
            try:
                call = run_service(request, form, lambda: services.survey_answer(
                    token=token, values=form.cleaned_data, language=lang))
            except services.LinkProblem as problem:
                return _public_page(request, lang, {"message": LINK_MESSAGES[str(problem)]()}, status=410)
            if call.finished:
                return _public_page(request, lang, {"message": _(
                    "Grazie! La tua risposta è stata registrata in forma anonima."), "thanks": True})
            status = 422
        return _public_page(request, lang, {"form": form, "text": definition.localized(form_lang),
                                            "form_lang": form_lang, "form_dir": direction(form_lang),
                                            "token": token}, status=status)
