#!/usr/bin/env python3
"""Changes a fakehub dataset (JSON, as `fakehub --dump-dataset` prints it) in every org, for benchmarks of diff.

In each org, deterministically (seeded): about 1% of team memberships removed, 0.2% of members raised to owner or
editor, 2% of repository grants raised, 1% of private repositories made public, 1% of repositories added (granted
to a team) and 1% deleted.

Usage: churn.py IN.json OUT.json [SEED]
"""

import json
import random
import sys


def churn(dataset, rng):
    raised = {"read": "write", "write": "admin"}
    for org in dataset["orgs"]:
        for team in org["teams"]:
            team["members"] = [m for m in team["members"] if rng.random() >= 0.01]
        plain = [m for m in org["members"] if m["role"] == "member"]
        for index, member in enumerate(rng.sample(plain, max(1, len(org["members"]) // 500))):
            member["role"] = "owner" if index % 2 == 0 else "editor"
        repositories = org["repositories"]
        for repository in repositories:
            for grant in repository["team_permissions"]:
                if grant["permission"] in raised and rng.random() < 0.02:
                    grant["permission"] = raised[grant["permission"]]
            if repository["is_private"] and rng.random() < 0.01:
                repository["is_private"] = False
        count = max(1, len(repositories) // 100)
        deleted = set(rng.sample(range(len(repositories)), count))
        kept = [r for i, r in enumerate(repositories) if i not in deleted]
        teams = [t["name"] for t in org["teams"]]
        for index in range(count):
            template = dict(rng.choice(kept))
            template["name"] = f"churn-added-{index}"
            template["team_permissions"] = (
                [{"team": rng.choice(teams), "permission": "write"}] if teams else []
            )
            kept.append(template)
        org["repositories"] = kept


def main():
    source, destination = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    with open(source, encoding="utf-8") as handle:
        dataset = json.load(handle)
    churn(dataset, random.Random(seed))
    with open(destination, "w", encoding="utf-8") as handle:
        json.dump(dataset, handle)


if __name__ == "__main__":
    main()
