from django import template

from ..text import mask_citizen_id

register = template.Library()


@register.filter
def masked(citizen_id: str) -> str:
    """A citizen ID for a list: "035•••••2658"."""
    return mask_citizen_id(citizen_id)
