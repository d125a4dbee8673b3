"""A schematic map of the ambito's comuni as a static SVG, drawn on the server (no tiles, no script).

Comuni whose approximate position is known are placed by latitude and longitude; the others on a ring.
Each comune is a circle whose area grows with the number of services of the directory it hosts."""

import math

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from organisation.models import Ente

# Approximate positions (latitude, longitude) of the comuni of the Seregno ambito.
KNOWN_POSITIONS = {
    "Barlassina": (45.655, 9.129), "Ceriano Laghetto": (45.627, 9.084), "Cogliate": (45.646, 9.079),
    "Giussano": (45.695, 9.208), "Lazzate": (45.671, 9.085), "Lentate sul Seveso": (45.676, 9.121),
    "Meda": (45.664, 9.157), "Misinto": (45.660, 9.076), "Seregno": (45.650, 9.204), "Seveso": (45.646, 9.140),
}

WIDTH, HEIGHT, MARGIN = 640, 420, 60


def _position_key(nome: str) -> str:
    return nome.removeprefix("Comune di ").strip()


def comuni_map(*, ambito_ids, services) -> SafeString:
    """The SVG of the comuni of `ambito_ids`, with the number of `services` (a queryset) in each."""
    comuni = list(Ente.objects.filter(ambito_id__in=ambito_ids, tipo=Ente.Tipo.COMUNE).order_by("nome")
                  .values_list("pk", "nome"))
    if not comuni:
        return mark_safe("")
    per_comune = dict(services.order_by().filter(comune__isnull=False).values_list("comune").annotate(n=Count("pk")))
    known = {pk: KNOWN_POSITIONS[_position_key(nome)] for pk, nome in comuni if _position_key(nome) in KNOWN_POSITIONS}
    points: dict[int, tuple[float, float]] = {}
    if len(known) >= 2:
        lats = [p[0] for p in known.values()]
        lons = [p[1] for p in known.values()]
        lat_span = (max(lats) - min(lats)) or 1
        lon_span = (max(lons) - min(lons)) or 1
        for pk, (lat, lon) in known.items():
            x = MARGIN + (lon - min(lons)) / lon_span * (WIDTH - 2 * MARGIN)
            y = MARGIN + (max(lats) - lat) / lat_span * (HEIGHT - 2 * MARGIN)
            points[pk] = (x, y)
    others = [pk for pk, _nome in comuni if pk not in points]
    for index, pk in enumerate(others):
        angle = 2 * math.pi * index / max(len(others), 1)
        radius = (min(WIDTH, HEIGHT) / 2 - MARGIN) * (0.35 if points else 1)
        points[pk] = (WIDTH / 2 + radius * math.cos(angle), HEIGHT / 2 + radius * math.sin(angle))
    title = escape(_("Mappa schematica dei comuni dell'ambito con il numero di servizi"))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="mappa-titolo" class="w-100 border rounded bg-light"><title id="mappa-titolo">{title}</title>']
    for pk, nome in comuni:
        x, y = points[pk]
        n = per_comune.get(pk, 0)
        r = 8 + 6 * math.sqrt(n)
        label = escape(_position_key(nome))
        parts.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{r:.0f}" fill="#0066cc" fill-opacity="{0.25 if n else 0.08}" '
                     f'stroke="#0066cc"><title>{label}: {n}</title></circle>')
        parts.append(f'<text x="{x:.0f}" y="{y + 4:.0f}" text-anchor="middle" font-size="13" font-weight="bold">{n}</text>')
        parts.append(f'<text x="{x:.0f}" y="{y + r + 14:.0f}" text-anchor="middle" font-size="12">{label}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every dynamic value above is escaped
