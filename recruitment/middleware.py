"""Response headers for pages that carry personal data."""

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Every response to a signed-in user (pages, exports, JSON) is sent with
    ``Cache-Control: no-store``: party records are personal data, and no browser or proxy
    cache may keep them. Static files are served elsewhere and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, no_cache=True, private=True, max_age=0)
        return response
