def navigation(request):
    """Expose the user's scope so that the navigation and home page adapt to the persona."""
    return {"scope": getattr(request, "scope", None)}
