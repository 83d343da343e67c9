"""API authentication by token, for the API's institutional consumers only."""

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from comptes.perms import may_hold_api_token


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <clé>` (tokens are created by an administrator: admin « Jetons », or
    `manage.py drf_create_token <e-mail>`). A token of an account that may not hold one is refused, even if it
    exists: the API of a collectivité or a porteur is its session in the browser."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if not may_hold_api_token(user):
            raise exceptions.AuthenticationFailed(
                "Les jetons d'API sont réservés aux agents de l'ARS, au comité d'évaluation et aux partenaires "
                "institutionnels."
            )
        return user, token
