"""/claim: a manufacturer finds their unit among those imported from a registry and claims it; an admin verifies."""
