"""The domain: units, officers, invites, campaigns, prompts, reports, photos, broadcasts."""
