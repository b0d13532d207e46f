from alliance.bounced import taken
from alliance.roles import Role, user_roles


def roles(request):
    """Expose the user's roles to templates, so navigation shows what each may use."""
    held = user_roles(request.user)
    return {
        "roles": held,
        "is_secretariat": Role.SECRETARIAT in held,
        "is_liaison_officer": Role.LIAISON_OFFICER in held,
        "is_treasurer": Role.TREASURER in held,
        "is_member": Role.MEMBER in held,
    }


def bounced_form(request):
    """Take a refused form kept for this page out of the session as the page is rendered, so it
    shows once and only on its page, whether the page shows it or not (alliance.bounced)."""
    taken(request)
    return {}
