#!/usr/bin/env python3
"""Write the LGTM project pages that the benchmark's nginx serves.

For each page count N given, writes DIR/sN/p1.json .. DIR/sN/pN.json with
100 projects each. Page k links to page k+1 through "nextPageUrl"
(BASE/sN/api/v1.0/projects?limit=100&start=p<k+1>), and the last page has
no "nextPageUrl", as the LGTM v1.0 API does.
"""

import argparse
import json
import os

PROJECTS_PER_PAGE = 100
# LGTM project ids exceed 2^31, so the pages use such ids too.
FIRST_PROJECT_ID = 5_000_000_000


def project(base, number):
    identifier = f"g/org/repo-{number}"
    project_id = FIRST_PROJECT_ID + number
    return {
        "id": project_id,
        "url-identifier": identifier,
        "name": f"org/repo-{number}",
        "url": f"{base}/projects/{project_id}/{identifier}",
    }


def write_scenario(directory, base, pages):
    prefix = f"{base}/s{pages}"
    scenario = os.path.join(directory, f"s{pages}")
    os.makedirs(scenario, exist_ok=True)
    for page in range(1, pages + 1):
        first = (page - 1) * PROJECTS_PER_PAGE + 1
        body = {
            "data": [
                project(prefix, number)
                for number in range(first, first + PROJECTS_PER_PAGE)
            ]
        }
        if page < pages:
            body["nextPageUrl"] = (
                f"{prefix}/api/v1.0/projects?limit={PROJECTS_PER_PAGE}"
                f"&start=p{page + 1}"
            )
        path = os.path.join(scenario, f"p{page}.json")
        with open(path, "w", encoding="utf-8") as output:
            json.dump(body, output, separators=(",", ":"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("base", help="e.g. https://localhost:8443")
    parser.add_argument("pages", type=int, nargs="+")
    arguments = parser.parse_args()
    for pages in arguments.pages:
        write_scenario(arguments.directory, arguments.base.rstrip("/"), pages)


if __name__ == "__main__":
    main()
