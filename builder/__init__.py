"""budgetsite: parse budget performance-goal reports and publish them as a static site."""
