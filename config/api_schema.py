"""OpenAPI schema post-processing: document the error answers every endpoint may give.

drf-spectacular documents the success answer only; the API also answers 400 (invalid filters), 403 (not
authenticated, or not allowed), 404 (unknown or out of scope, invalid page) and 429 (throttled, with
`Retry-After`). Declaring them keeps the schema true to the API (checked by Schemathesis in tests/security).
"""

ERROR_SCHEMA = {
    "type": "object",
    "description": "Erreur : `detail` explique le refus en français.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
VALIDATION_SCHEMA = {
    "type": "object",
    "description": "Paramètres invalides : la liste des erreurs par paramètre.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
ERRORS = {
    "400": ("Paramètres invalides.", "ErreurValidation"),
    "403": ("Authentification absente ou droits insuffisants.", "Erreur"),
    "404": ("Introuvable, hors de votre périmètre, ou page inexistante.", "Erreur"),
    "429": ("Trop de requêtes : réessayez après le délai indiqué par `Retry-After` (secondes).", "Erreur"),
}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": "Délai d'attente en secondes."}}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Erreur", ERROR_SCHEMA)
    schemas.setdefault("ErreurValidation", VALIDATION_SCHEMA)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            media_types = set()
            for response in responses.values():
                media_types.update(response.get("content", {}))
            for status, (description, component) in ERRORS.items():
                if status in responses:
                    continue
                content = {
                    media_type: {"schema": {"$ref": f"#/components/schemas/{component}"}}
                    if "json" in media_type
                    else {"schema": {"type": "string"}}
                    for media_type in sorted(media_types or {"application/json"})
                }
                responses[status] = {"description": description, "content": content}
                if status == "429":
                    responses[status]["headers"] = RETRY_AFTER
    return result
