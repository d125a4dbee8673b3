"""A family's Progetto Quadro: /families/<pk>/plan/, its goals (/plan/goals/) and its actions' state
(/plan/actions/<action_pk>/status/). The plan's version guards against concurrent edits (409)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response as ApiResponse
from rest_framework.views import APIView

from api.schema import VersionField
from audit.services import log_view
from families import selectors as family_selectors
from plans import policies as plan_policies
from plans import selectors as plan_selectors
from plans import services as plan_services
from plans.models import RisultatoAtteso

PLAN_CHANGED = gettext_lazy("Nel frattempo il progetto è cambiato: rileggilo (versione %(v)s) e riprova.")


class FamilyPlan(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        """The current Progetto Quadro as the caller may see it (teachers: only their part, no analysis)."""
        family = family_selectors.get_family_for(request.user, pk)
        plan = plan_selectors.get_current_plan_or_404(family)
        view = plan_selectors.plan_view(request.user, family, plan)
        log_view(user=request.user, obj=plan, reason=_("Progetto Quadro (API)"))
        return ApiResponse({
            "numero": plan.numero, "stato": plan.stato, "concordato_il": plan.concordato_il, "version": plan.version,
            "analisi": None if view.restricted else plan.analisi,
            "risultati_attesi": [{
                "id": g.goal.pk, "sottodimensione": g.goal.sottodimensione, "descrizione": g.goal.descrizione,
                "azioni": [{"id": a.pk, "descrizione": a.descrizione, "responsabile": a.responsabile,
                            "data_inizio": a.data_inizio, "data_fine": a.data_fine, "dispositivi": a.dispositivi,
                            "stato": a.stato} for a in g.actions],
            } for g in view.goals],
        })


class ActionStatusSerializer(serializers.Serializer):
    stato = serializers.CharField()
    version = VersionField(help_text="la versione del Progetto Quadro letta con GET .../plan/")


class PlanActionStatus(APIView):
    stale_message = PLAN_CHANGED

    @extend_schema(request=ActionStatusSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk: int, action_pk: int):
        """Update an action's state (done, not done...), also on an agreed plan; the plan's version guards
        against concurrent edits (409)."""
        family = family_selectors.get_family_for(request.user, pk)
        action = plan_selectors.get_action_for(plan_selectors.get_current_plan_or_404(family), action_pk)
        if not plan_policies.can_write_plan(request.user, family):
            raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale aggiornano il "
                                     "Progetto Quadro."))
        payload = ActionStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = plan_services.ActionData(**{f: getattr(action, f) for f in plan_services.ACTION_FIELDS
                                           if f not in ("stato", "dispositivi")},
                                        dispositivi=tuple(action.dispositivi), stato=payload.validated_data["stato"])
        action = plan_services.azione_update(azione=action, by=request.user,
                                             version=payload.validated_data["version"], data=data)
        return ApiResponse({"id": action.pk, "stato": action.stato})


class GoalInputSerializer(serializers.Serializer):
    version = VersionField(help_text="la versione del Progetto Quadro letta con GET .../plan/")
    sottodimensione = serializers.CharField()
    descrizione = serializers.CharField()
    data_prevista = serializers.DateField(required=False, allow_null=True)
    azioni = serializers.ListField(child=serializers.DictField(), required=False, default=list,
                                   help_text="azioni: descrizione, responsabile_tipo, data_inizio, data_fine, "
                                             "dispositivi")
    creation_token = serializers.UUIDField(required=False, allow_null=True, default=None)


def action_day(value) -> date | None:
    """A date of an action as the client sent it (azioni are free dictionaries: no serializer checked them)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError({"azioni": _("Le date delle azioni vanno scritte come AAAA-MM-GG.")}) from None


class PlanGoals(APIView):
    stale_message = PLAN_CHANGED

    @extend_schema(request=GoalInputSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk: int):
        """Add an expected outcome with its actions to the plan being written (case manager, RT); all or
        nothing; an agreed plan refuses it (start a new version in the UI)."""
        family = family_selectors.get_family_for(request.user, pk)
        if not plan_policies.can_write_plan(request.user, family):
            raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale scrivono il "
                                     "Progetto Quadro."))
        plan = plan_selectors.get_current_plan_or_404(family)
        payload = GoalInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        with transaction.atomic():
            goal = plan_services.risultato_add(
                progetto=plan, by=request.user, version=data["version"], sottodimensione=data["sottodimensione"],
                descrizione=data["descrizione"], data_prevista=data.get("data_prevista"),
                creation_token=data["creation_token"])
            for raw in data["azioni"]:
                plan.refresh_from_db()
                plan_services.azione_add(risultato=goal, by=request.user, version=plan.version,
                                         data=plan_services.ActionData(
                                             descrizione=str(raw.get("descrizione", "")),
                                             responsabile_tipo=str(raw.get("responsabile_tipo", "")),
                                             responsabile_testo=str(raw.get("responsabile_testo", "")),
                                             data_inizio=action_day(raw.get("data_inizio")),
                                             data_fine=action_day(raw.get("data_fine")),
                                             dispositivi=tuple(raw.get("dispositivi") or ())))
        return ApiResponse({"id": goal.pk, "azioni": plan_selectors.action_ids_of(goal)},
                           status=status.HTTP_201_CREATED)

    def existing_data(self, existing: RisultatoAtteso) -> dict:
        return {"id": existing.pk}
