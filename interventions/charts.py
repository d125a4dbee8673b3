"""A small server-side SVG chart: hours per week per dispositivo (stacked bars), no JavaScript."""

from plans.models import Dispositivo

COLOURS = {
    "educativa": "#0066cc", "gruppi": "#008055", "scuola": "#a66300", "vicinanza": "#7a1f8a",
    "psicologico": "#cc334d", "pedagogico": "#5c6f82", "mediazione": "#004d99", "altro": "#999999",
}


def dispositivi_chart(weeks, *, width: int = 640, height: int = 180) -> dict:
    """The bars' geometry for the template: one column per week, one segment per dispositivo."""
    labels = dict(Dispositivo.choices)
    used = [code for code in COLOURS if any(w.by_dispositivo.get(code) for w in weeks)]
    top = max([sum(w.by_dispositivo.values()) for w in weeks] + [w.planned for w in weeks] + [8])
    scale = (height - 20) / top
    step = width / max(len(weeks), 1)
    bars = []
    for i, week in enumerate(weeks):
        y = height
        segments = []
        for code in used:
            hours = week.by_dispositivo.get(code, 0)
            if not hours:
                continue
            h = hours * scale
            y -= h
            segments.append({"x": round(i * step + 4, 1), "y": round(y, 1), "w": round(step - 8, 1),
                             "h": round(h, 1), "colour": COLOURS[code], "label": labels.get(code, code),
                             "hours": round(hours, 1)})
        bars.append({"week": week.week, "segments": segments, "x": round(i * step + step / 2, 1)})
    return {"width": width, "height": height, "bars": bars, "min_y": round(height - 8 * scale, 1),
            "legend": [{"code": c, "label": labels.get(c, c), "colour": COLOURS[c]} for c in used]}
