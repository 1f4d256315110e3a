"""The life-situation mapping in the API: this app's sections of
`GET /citizens/{id}/assessments` (roundtable.assessments.api), one per life area the caller may
read. There are no writes of the mapping in the API yet."""

from __future__ import annotations

from roundtable.lifesituation.selectors import LifeSituationRecord


def life_situation_sections(record: LifeSituationRecord) -> list[dict]:
    """One section per life area the record holds, with the area's data class."""
    out: list[dict] = []
    for row in record.rows:
        r = row.record
        data = {
            "area": row.area,
            "situation": r.situation if r else "",
            "resources": r.resources if r else "",
            "wishes": r.wishes if r else "",
            "citizen_wishes": r.citizen_wishes if r else "",
            "filled_with_citizen": r.filled_with_citizen if r else False,
            "filled_on": r.filled_on.isoformat() if r and r.filled_on else None,
        }
        out.append({"name": "life_area", "data_class": str(row.data_class), "data": data})
    return out
