"""Demo organisations and people (owned by the organisations issue)."""


def seed_people():
    """Create two demo organisations with a manager, a consultant (both) and a viewer.

    Returns a list of {"email", "password", "role", "organisations": [names]}.
    """
    return []
