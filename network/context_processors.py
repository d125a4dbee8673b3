from . import policies


def network(request) -> dict:
    """Which parts of the network (/rete/) the user reaches: for the main menu and the section's tabs."""
    user = getattr(request, "user", None)
    if not getattr(user, "is_authenticated", False):
        return {}
    intakes = policies.handles_intakes(user)
    directory = bool(policies.directory_ambiti(user))
    referrals = policies.sees_referrals(user)
    counts = policies.can_see_counts(user)
    if intakes:
        home = "network_caseload"
    elif referrals:
        home = "referral_list"
    elif directory:
        home = "service_list"
    else:
        home = ""
    return {"nav_network": home, "nav_network_intakes": intakes, "nav_network_directory": directory,
            "nav_network_referrals": referrals, "nav_network_counts": counts}
