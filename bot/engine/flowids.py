"""Every flow's name, spelled once. `conversations.flow` keeps the name of a user's open form in
the database, so a name, once used, never changes (nor does a step's)."""

ONBOARDING = "onboarding"
ADMIN_NAME = "admin_name"
BROADCAST = "broadcast"
REPORT = "report"
REVIEW = "review"
