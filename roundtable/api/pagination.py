"""Bounded pagination: an offset past any real list is refused with a reason (422), never
passed to the database, where a huge number overflows the driver (a 500)."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# Far beyond any caseload or access log; a client asking for more is mistaken or probing.
MAX_OFFSET = 1_000_000
MAX_LIMIT = 200


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
