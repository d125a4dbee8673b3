import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.pdf import pdf_response
from common.views import run_service
from organisation.selectors import letterhead_for

from . import policies, selectors, services
from .forms import LinksForm, SurveyForm, answer_form

RTL = {"ar"}
LINK_MESSAGES = {
    "unknown": {"it": "Questo link non è valido.", "en": "This link is not valid.",
                "fr": "Ce lien n'est pas valide.", "ar": "هذا الرابط غير صالح."},
    "used": {"it": "Questo link è già stato usato: ogni link vale per una sola risposta. Grazie!",
             "en": "This link has already been used: each link is good for one answer. Thank you!",
             "fr": "Ce lien a déjà été utilisé : chaque lien vaut pour une seule réponse. Merci !",
             "ar": "تم استخدام هذا الرابط بالفعل: كل رابط صالح لإجابة واحدة فقط. شكرًا!"},
    "closed": {"it": "Il questionario non è aperto in questo periodo.", "en": "The questionnaire is not open now.",
               "fr": "Le questionnaire n'est pas ouvert en ce moment.", "ar": "الاستبيان غير مفتوح حاليًا."},
}
THANKS = {"it": "Grazie! La tua risposta è stata registrata in forma anonima.",
          "en": "Thank you! Your answer has been recorded anonymously.",
          "fr": "Merci ! Votre réponse a été enregistrée de façon anonyme.",
          "ar": "شكرًا! تم تسجيل إجابتك بشكل مجهول."}


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


@require_http_methods(["GET", "POST"])
def survey_public(request: HttpRequest, token: str) -> HttpResponse:
    """The anonymous questionnaire: no login, one answer per link, in the chosen language."""
    lang = request.GET.get("lang", "it")
    try:
        survey = services.link_survey(token)
    except services.LinkProblem as problem:
        lang = lang if lang in LINK_MESSAGES[str(problem)] else "it"
        return render(request, "quality/survey_public.html", {"message": LINK_MESSAGES[str(problem)][lang],
                                                               "lang": lang, "rtl": lang in RTL}, status=410 if str(problem) != "unknown" else 404)
    definition = survey.instrument_version.parsed
    if lang not in definition.languages():
        lang = "it"
    form = answer_form(definition, lang, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            call = run_service(request, form, lambda: services.survey_answer(
                token=token, values=form.cleaned_data, language=lang))
        except services.LinkProblem as problem:
            return render(request, "quality/survey_public.html", {
                "message": LINK_MESSAGES[str(problem)].get(lang, LINK_MESSAGES[str(problem)]["it"]), "lang": lang,
                "rtl": lang in RTL}, status=410)
        if call.finished:
            return render(request, "quality/survey_public.html", {"message": THANKS.get(lang, THANKS["it"]),
                                                                   "lang": lang, "rtl": lang in RTL})
        status = 422
    return render(request, "quality/survey_public.html", {
        "form": form, "text": definition.localized(lang), "lang": lang, "rtl": lang in RTL,
        "languages": definition.languages(), "token": token}, status=status)
