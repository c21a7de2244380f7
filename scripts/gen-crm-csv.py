#!/usr/bin/env python3
"""Writes a realistic Salesforce Lead export (Data Loader style: API names, every field quoted,
CRLF, multi-line descriptions, several scripts) for timing `leadq import` at scale.

    scripts/gen-crm-csv.py 100000 > /tmp/sf-100k.csv
    scripts/gen-crm-csv.py 100000 --changed 10 > /tmp/sf-100k-b.csv   # every 10th lead's title changed
"""
import csv, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
changed = int(sys.argv[sys.argv.index("--changed") + 1]) if "--changed" in sys.argv else 0
rng = random.Random(7)
first = ["Grace", "伟", "Αλέξανδρος", "José", "Олег", "愛子", "محمد", "Zoë", "Łukasz", "Siobhán", "Priya", "Amara"]
last = ["Müller", "王", "Παπαδόπουλος", "García", "Иванов", "田中", "علي", "O'Brien", "Wójcik", "Ní Bhriain", "Natarajan", "Okonkwo"]
titles = ["VP Sales", "Head of Operations", "Engineer", "CTO", "Procurement Manager", "Director, IT", "Analyst", "Founder"]
industries = ["Software", "Healthcare", "Retail", "Logistics", "Manufacturing", "Financial Services", "Education"]
sources = ["Web", "Webinar", "Partner Referral", "Trade Show", "Paid Search"]
countries = ["Germany", "United States", "France", "Japan", "China", "Greece", "Ireland", "India", "Nigeria", "Brazil"]
notes = ["", "", "Asked about pricing, \"enterprise\" tier", "Met at the booth.\nWants a call back next week, after 14:00.", "Downloaded the whitepaper"]
owners = ["0055g000001AnaSAAQ", "0055g000001BenOAAQ", "0055g000001DanaAAQ", "0055g000009XyzQAAS", ""]
def email(i):
    j = i - 1 if i % 500 == 1 else i   # every 500th lead shares its neighbour's address
    return f"lead{j}@example{j % 300}.com"

w = csv.writer(sys.stdout, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
w.writerow(["Id", "FirstName", "LastName", "Company", "Title", "Email", "Phone", "LeadSource", "Status", "Rating", "OwnerId",
            "CreatedDate", "Industry", "NumberOfEmployees", "Country", "State", "DoNotCall", "HasOptedOutOfEmail", "Description"])
for i in range(n):
    title = rng.choice(titles)
    if changed and i % changed == 0:
        title = "Senior " + title
    w.writerow([f"00Q5g{i:010d}AAA", rng.choice(first), rng.choice(last), f"Company {i % 7000}, Inc.", title,
                email(i), f"+49 30 {i:07d}", rng.choice(sources), "Open - Not Contacted",
                rng.choice(["Hot", "Warm", "Cold", ""]), rng.choice(owners), f"2026-{1 + i % 11:02d}-{1 + i % 28:02d}T09:{i % 60:02d}:00.000Z",
                rng.choice(industries), str(rng.randint(1, 5000)), rng.choice(countries), "",
                "true" if i % 37 == 0 else "false", "true" if i % 41 == 0 else "false", rng.choice(notes)])
